/* requeue_moves_waiters - FUTEX_REQUEUE wakes up to val waiters of the first futex and moves
 * up to val2 of the others to the second; it returns woken + moved. Three CLONE_VM children
 * wait on A (private): requeue(A, wake 1, move 1, B) returns 2 and leaves one on A and one on
 * B; a wake of B then wakes the moved one (its FUTEX_WAIT on A returns 0). Also with shared
 * futexes on a MAP_SHARED page between fork children. A requeue with both counts 0 returns
 * 0 and changes nothing. */
#include "futex_test.h"
#include "tap.h"

#define N 3

static volatile int a[2], b[2]; /* [0]: private futexes, [1]: unused (keeps them apart) */

struct job {
	volatile int *w;
	int priv;
};

static int waiter(void *arg)
{
	struct job *j = arg;
	struct timespec t = ns_to_ts(5 * NS_PER_S);
	long r = futex(j->w, FUTEX_WAIT | j->priv, 0, &t, NULL, 0);

	return r == 0 ? 0 : 10 + (int)-r;
}

static void run(volatile int *fa, volatile int *fb, int priv, int use_fork, const char *kind)
{
	struct job j = {fa, priv};
	int pids[N], all = 1;

	for (int i = 0; i < N; i++) {
		if (use_fork) {
			pids[i] = fork();
			if (pids[i] == 0)
				_exit(waiter(&j));
		} else {
			pids[i] = spawn_vm(waiter, &j);
		}
	}
	ok(wait_for_waiters(fa, priv, N) == N, "%s: %d waiters on A", kind, N);
	ok(futex(fa, FUTEX_REQUEUE | priv, 0, VAL2(0), fb, 0) == 0,
	   "%s: requeue of 0 and 0 returns 0", kind);
	ok(futex(fa, FUTEX_REQUEUE | priv, 1, VAL2(1), fb, 0) == 2,
	   "%s: requeue(wake 1, move 1) returns 2", kind);
	ok(waiters(fa, priv) == 1, "%s: one waiter left on A", kind);
	ok(waiters(fb, priv) == 1, "%s: one waiter now on B", kind);
	ok(futex(fa, FUTEX_REQUEUE | priv, 0, VAL2(5), fb, 0) == 1,
	   "%s: requeue(wake 0, move 5) moves the last one", kind);
	ok(futex(fa, FUTEX_WAKE | priv, 5, NULL, NULL, 0) == 0, "%s: nobody left on A", kind);
	ok(futex(fb, FUTEX_WAKE | priv, 5, NULL, NULL, 0) == 2, "%s: wake B wakes both moved",
	   kind);
	for (int i = 0; i < N; i++)
		all &= reap(pids[i]) == 0;
	ok(all, "%s: every FUTEX_WAIT returned 0", kind);
}

int main(void)
{
	volatile int *page = shared_page();

	run(&a[0], &b[0], FUTEX_PRIVATE_FLAG, 0, "private");
	if (page)
		run(page, page + 100, 0, 1, "shared");
	return done();
}
