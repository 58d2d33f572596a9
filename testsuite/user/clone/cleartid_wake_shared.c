/* cleartid_wake_shared - the CLONE_CHILD_CLEARTID wake reaches a shared waiter (case 131 of
 * clone3-cases.md, the half that Linux and Kestrel share). A thread created with
 * THREAD|SIGHAND|VM|CHILD_CLEARTID sleeps 200 ms and exits; the parent waits on its child_tid
 * word with a shared FUTEX_WAIT (op 0) and a 5 s timeout: the wait returns 0 (woken, not
 * timed out) well before the timeout, and the word reads 0. A second waiter, another thread
 * of the process, waits shared on the same word of a second such thread while the main thread
 * waits on a different word: each is woken by its own thread's exit. (The private-waiter half,
 * where Kestrel's policy differs, is futex/clear_child_tid_wakes and clone/cleartid_wake_private.) */
#define _GNU_SOURCE
#include "clone_test.h"

static volatile int ctid1 = 1, ctid2 = 1, waiter_result = -1, waiter_done;

static long sleep_200(void *arg)
{
	(void)arg;
	sys_sleep_ms(200);
	return 0;
}

/* A raw thread: waits shared on ctid2 and records the result. */
static long waiter(void *arg)
{
	(void)arg;
	waiter_result = (int)futex_wait_shared(&ctid2, 1, 5000);
	waiter_done = 1;
	return 0;
}

int main(void)
{
	quiet_signals();
	long t0 = now_ms();
	long tid = thread_start(THREAD_FLAGS | CLONE_CHILD_CLEARTID, new_stack(), sleep_200, NULL,
				NULL, 0, (void *)&ctid1);
	ok(tid > 0, "131 thread created");
	long r = futex_wait_shared(&ctid1, 1, 5000);
	long el = now_ms() - t0;
	ok(r == 0, "131 shared FUTEX_WAIT woken by the exit (returns 0)");
	ok(ctid1 == 0, "131 child_tid word cleared");
	ok(el >= 150 && el < 4000, "131 woken at the exit, not by the timeout");

	/* The waiter is another thread; the main thread only polls. */
	long w = thread_start(THREAD_FLAGS, new_stack(), waiter, NULL, NULL, 0, NULL);
	usleep(50000);
	t0 = now_ms();
	long tid2 = thread_start(THREAD_FLAGS | CLONE_CHILD_CLEARTID, new_stack(), sleep_200, NULL,
				 NULL, 0, (void *)&ctid2);
	while (!waiter_done && now_ms() - t0 < 6000)
		usleep(10000);
	el = now_ms() - t0;
	ok(w > 0 && tid2 > 0, "131 waiter thread and exiting thread created");
	ok(waiter_done && waiter_result == 0 && ctid2 == 0,
	   "131 a waiting sibling thread is woken by the exit too");
	ok(el < 4000, "131 the sibling was woken at the exit, not by the timeout");
	return done();
}
