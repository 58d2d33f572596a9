/* wake_returns_count - FUTEX_WAKE returns how many waiters it woke, never more than asked:
 * three CLONE_VM children wait on a private futex, then three fork children on a futex in a
 * MAP_SHARED page; wakes of 2, then of INT_MAX, wake 2 and 1, and a wake with nobody waiting
 * returns 0. A count of 0 still wakes one waiter (Linux checks the count after waking). Every
 * woken child sees its FUTEX_WAIT return 0. */
#include "futex_test.h"
#include "tap.h"

#define N 3

static volatile int word;

/* A child waits (at most 5 s) and exits 0 if its FUTEX_WAIT returned 0. */
static int waiter(void *arg)
{
	volatile int *w = arg ? arg : &word;
	struct timespec t = ns_to_ts(5 * NS_PER_S);
	long r = futex(w, FUTEX_WAIT | (arg ? 0 : FUTEX_PRIVATE_FLAG), 0, &t, NULL, 0);

	return r == 0 ? 0 : 10 + (int)-r;
}

static void check(volatile int *w, int priv, int pids[N], const char *kind)
{
	int all = 1;

	ok(wait_for_waiters(w, priv, N) == N, "%s: %d waiters queued", kind, N);
	ok(futex(w, FUTEX_WAKE | priv, 2, NULL, NULL, 0) == 2, "%s: wake 2 returns 2", kind);
	ok(waiters(w, priv) == 1, "%s: one waiter left", kind);
	ok(futex(w, FUTEX_WAKE | priv, 0x7fffffff, NULL, NULL, 0) == 1,
	   "%s: wake INT_MAX returns 1", kind);
	ok(futex(w, FUTEX_WAKE | priv, 1, NULL, NULL, 0) == 0, "%s: wake with no waiter returns 0",
	   kind);
	for (int i = 0; i < N; i++)
		all &= reap(pids[i]) == 0;
	ok(all, "%s: every waiter returned 0", kind);
}

int main(void)
{
	volatile int *shared = shared_page();
	int pids[N];

	for (int i = 0; i < N; i++)
		pids[i] = spawn_vm(waiter, NULL);
	check(&word, FUTEX_PRIVATE_FLAG, pids, "CLONE_VM, private");

	if (shared) {
		for (int i = 0; i < N; i++) {
			pids[i] = fork();
			if (pids[i] == 0)
				_exit(waiter((void *)shared));
		}
		check(shared, 0, pids, "fork, MAP_SHARED");
	}

	pids[0] = spawn_vm(waiter, NULL);
	ok(wait_for_waiters(&word, FUTEX_PRIVATE_FLAG, 1) == 1, "one more waiter");
	ok(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0) == 1,
	   "wake 0 wakes one");
	ok(reap(pids[0]) == 0, "it returned 0");
	return done();
}
