/* private_vs_shared - which wakes reach which waits (Linux's futex keys):
 *   - same address space (CLONE_VM), private anonymous memory: a private wait is not woken by
 *     a shared wake and a shared wait not by a private wake; each is woken by its own kind;
 *   - fork and a MAP_SHARED page: a shared wait in the child is woken by the parent's shared
 *     wake; a private wait in the child is reached by no wake of the parent;
 *   - fork and private anonymous memory: even a shared wait in the child is not reached by
 *     the parent's shared wake (after fork the page belongs to each process separately).
 * Unwoken waiters time out after 200 ms; each child reports how its wait ended. */
#include "futex_test.h"
#include "tap.h"

static volatile int word;

struct job {
	volatile int *w;
	int op;
};

static int waiter(void *arg)
{
	struct job *j = arg;
	struct timespec t = ns_to_ts(200 * 1000000L);
	long r = futex(j->w, j->op, 0, &t, NULL, 0);

	return r == 0 ? 0 : r == -ETIMEDOUT ? 1 : 2;
}

static int fork_waiter(struct job *j)
{
	int pid = fork();

	if (pid == 0)
		_exit(waiter(j));
	return pid;
}

int main(void)
{
	struct job priv = {&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG}, shr = {&word, FUTEX_WAIT};
	volatile int *page = shared_page();
	int pid;

	pid = spawn_vm(waiter, &priv);
	ok(wait_for_waiters(&word, FUTEX_PRIVATE_FLAG, 1) == 1, "CLONE_VM: private waiter queued");
	ok(waiters(&word, 0) == 0, "CLONE_VM: no shared waiter on the word");
	ok(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0) == 0, "CLONE_VM: shared wake wakes nobody");
	ok(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0) == 1,
	   "CLONE_VM: private wake wakes it");
	ok(reap(pid) == 0, "CLONE_VM: the private wait returned 0");

	pid = spawn_vm(waiter, &shr);
	ok(wait_for_waiters(&word, 0, 1) == 1, "CLONE_VM: shared waiter queued");
	ok(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0) == 0,
	   "CLONE_VM: private wake wakes nobody");
	ok(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0) == 1, "CLONE_VM: shared wake wakes it");
	ok(reap(pid) == 0, "CLONE_VM: the shared wait returned 0");

	if (page) {
		struct job sp = {page, FUTEX_WAIT}, pp = {page, FUTEX_WAIT | FUTEX_PRIVATE_FLAG};

		pid = fork_waiter(&sp);
		ok(wait_for_waiters(page, 0, 1) == 1, "fork, MAP_SHARED: the child's shared wait "
						      "is seen by the parent");
		ok(futex(page, FUTEX_WAKE, 1, NULL, NULL, 0) == 1,
		   "fork, MAP_SHARED: shared wake wakes it");
		ok(reap(pid) == 0, "fork, MAP_SHARED: the shared wait returned 0");

		pid = fork_waiter(&pp);
		sleep_ms(50);
		ok(waiters(page, 0) == 0 && waiters(page, FUTEX_PRIVATE_FLAG) == 0,
		   "fork, MAP_SHARED: the child's private wait is invisible to the parent");
		ok(futex(page, FUTEX_WAKE, 1, NULL, NULL, 0) == 0 &&
			   futex(page, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0) == 0,
		   "fork, MAP_SHARED: neither wake reaches it");
		ok(reap(pid) == 1, "fork, MAP_SHARED: the private wait timed out");
	}

	pid = fork_waiter(&shr);
	sleep_ms(50);
	ok(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0) == 0,
	   "fork, private memory: shared wake wakes nobody");
	ok(reap(pid) == 1, "fork, private memory: the child's shared wait timed out");
	return done();
}
