/* cleartid_wake_private - Kestrel's policy for the CLONE_CHILD_CLEARTID wake (case 131 of
 * clone3-cases.md, docs/clone3-policy.md): the wake at thread exit also reaches a waiter that
 * used FUTEX_WAIT_PRIVATE on the (private) child_tid word. Linux keys the exit wake as shared
 * and would leave that waiter to its timeout, so this test runs on Kestrel only
 * (testsuite/user/POLICY). A thread with THREAD|SIGHAND|VM|CHILD_CLEARTID sleeps 200 ms and
 * exits; the parent waits with FUTEX_WAIT_PRIVATE and a 5 s timeout: woken (0) well before the
 * timeout, and the word reads 0. */
#define _GNU_SOURCE
#include "clone_test.h"

static volatile int ctid = 1;

static long sleep_200(void *arg)
{
	(void)arg;
	sys_sleep_ms(200);
	return 0;
}

int main(void)
{
	struct timespec ts = {5, 0};
	quiet_signals();
	long t0 = now_ms();
	long tid = thread_start(THREAD_FLAGS | CLONE_CHILD_CLEARTID, new_stack(), sleep_200, NULL,
				NULL, 0, (void *)&ctid);
	ok(tid > 0, "131 thread created");
	long r = raw_sys6(SYS_futex, (long)&ctid, 128 /* FUTEX_WAIT_PRIVATE */, 1, (long)&ts, 0, 0);
	long el = now_ms() - t0;
	ok(r == 0, "131 FUTEX_WAIT_PRIVATE woken by the exit (policy: superset)");
	ok(ctid == 0, "131 child_tid word cleared");
	ok(el >= 150 && el < 4000, "131 woken at the exit, not by the timeout");
	return done();
}
