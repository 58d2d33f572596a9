/* kill_after_create - a child killed right after it is created (case 197 of clone3-cases.md),
 * 1000 times each way; only the counts of failures are printed:
 * - fork-like clone (SIGCHLD, no stack) whose child sleeps, SIGKILLed as soon as clone returns:
 *   waitpid always reaps it, killed by SIGKILL or (if it had not started) the same;
 * - clone(VM|CHILD_CLEARTID|SIGCHLD) with its own stack, the quick child sleeping 10 s: after
 *   the SIGKILL a shared FUTEX_WAIT on the child_tid word is always released (0 or EAGAIN) and
 *   the word reads 0, and the child is reaped as killed;
 * - clone3(VM|VFORK) whose quick child kills itself with SIGKILL as its first action: the
 *   parent always resumes and reaps a SIGKILL death. */
#define _GNU_SOURCE
#include "clone_test.h"

#define N 1000

static char stk[16384] __attribute__((aligned(16)));
static volatile int ctid;

/* Legacy clone whose child calls nanosleep(*@ts) in a loop, touching no stack. */
static long clone_sleeper(unsigned long flags, void *sp, void *ctidp, const struct timespec *ts)
{
	register long a0 __asm__("a0") = (long)flags;
	register long a1 __asm__("a1") = (long)sp;
	register long a2 __asm__("a2") = 0;
	register long a3 __asm__("a3") = 0;
	register long a4 __asm__("a4") = (long)ctidp;
	register long a5 __asm__("a5") = (long)ts;
	register long a7 __asm__("a7") = 220;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n"
			     "2:\n\t"
			     "mv a0, a5\n\t"
			     "li a1, 0\n\t"
			     "li a7, 101\n\t"
			     "ecall\n\t"
			     "j 2b\n"
			     "1:"
			     : "+r"(a0), "+r"(a7)
			     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			     : "memory");
	return a0;
}

/* clone3 whose child runs kill(getpid(), SIGKILL) first, then exit(1). */
static long c3_selfkill(struct c3_args *args)
{
	register long a0 __asm__("a0") = (long)args;
	register long a1 __asm__("a1") = 88;
	register long a7 __asm__("a7") = 435;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "li a7, 172\n\t"
			     "ecall\n\t"
			     "li a1, 9\n\t"
			     "li a7, 129\n\t"
			     "ecall\n\t"
			     "li a0, 1\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a1), "+r"(a7)
			     :
			     : "memory");
	return a0;
}

static int killed(int st)
{
	return WIFSIGNALED(st) && (WTERMSIG(st) & 0x7f) == SIGKILL;
}

int main(void)
{
	static const struct timespec ts = {10, 0};
	struct c3_args a;
	int bad_create = 0, bad_reap = 0, bad_wake = 0;

	quiet_signals();
	for (int i = 0; i < N; i++) {
		long pid = clone_sleeper(SIGCHLD, NULL, NULL, &ts);
		if (pid <= 0) {
			bad_create++;
			continue;
		}
		kill((pid_t)pid, SIGKILL);
		int st = reap(pid);
		if (st == -1 || !killed(st))
			bad_reap++;
	}
	ok(bad_create == 0, "197 fork-like clone: %d creations failed", bad_create);
	ok(bad_reap == 0, "197 fork-like clone: %d children not reaped as killed", bad_reap);

	bad_create = bad_reap = 0;
	for (int i = 0; i < N; i++) {
		ctid = 1;
		long pid = clone_sleeper(CLONE_VM | CLONE_CHILD_CLEARTID | SIGCHLD,
					 stk + sizeof(stk), (void *)&ctid, &ts);
		if (pid <= 0) {
			bad_create++;
			continue;
		}
		kill((pid_t)pid, SIGKILL);
		long r = futex_wait_shared(&ctid, 1, 5000);
		if ((r != 0 && r != -EAGAIN) || ctid != 0)
			bad_wake++;
		int st = reap(pid);
		if (st == -1 || !killed(st))
			bad_reap++;
	}
	ok(bad_create == 0, "197 CLEARTID child: %d creations failed", bad_create);
	ok(bad_wake == 0, "197 CLEARTID child: %d futex waiters not released", bad_wake);
	ok(bad_reap == 0, "197 CLEARTID child: %d children not reaped as killed", bad_reap);

	bad_create = bad_reap = 0;
	a0_init(&a);
	a.flags = CLONE_VM | CLONE_VFORK;
	a.stack = (uint64_t)stk;
	a.stack_size = sizeof(stk);
	for (int i = 0; i < N; i++) {
		long pid = c3_selfkill(&a);
		if (pid <= 0) {
			bad_create++;
			continue;
		}
		int st = reap(pid);
		if (st == -1 || !killed(st))
			bad_reap++;
	}
	ok(bad_create == 0, "197 vfork child: %d creations failed", bad_create);
	ok(bad_reap == 0, "197 vfork child: %d parents not released or children not reaped",
	   bad_reap);
	ok(no_child(), "no children left");
	return done();
}
