/* bitset_selects_waiters - FUTEX_WAKE_BITSET wakes only waiters whose FUTEX_WAIT_BITSET mask
 * shares a bit with its own: waiters with masks 1, 2 and 4; a wake with mask 2 wakes exactly
 * the second (and returns 1), mask 8 wakes nobody, mask 5 the other two. A plain FUTEX_WAIT
 * waits with every bit set, and FUTEX_WAKE wakes bitset waiters. */
#include "futex_test.h"
#include "tap.h"

static volatile int word;

static int waiter(void *arg)
{
	struct timespec t = ns_to_ts(5 * NS_PER_S);
	struct timespec abs = ns_to_ts(now_ns(CLOCK_MONOTONIC) + 5 * NS_PER_S);
	int mask = (int)(long)arg;
	long r = mask ? futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, &abs, NULL, mask)
		      : futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &t, NULL, 0);

	return r == 0 ? 0 : 10 + (int)-r;
}

/* Has child @pid exited already (WNOHANG)? Its exit code, or -1 if it still runs. */
static int exited(int pid)
{
	int st;

	for (int i = 0; i < 2000; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 100;
		sleep_ms(1);
	}
	return -1;
}

int main(void)
{
	const int P = FUTEX_PRIVATE_FLAG;
	int p1 = spawn_vm(waiter, (void *)1L), p2 = spawn_vm(waiter, (void *)2L);
	int p4 = spawn_vm(waiter, (void *)4L);

	ok(wait_for_waiters(&word, P, 3) == 3, "three waiters (masks 1, 2, 4)");
	ok(futex(&word, FUTEX_WAKE_BITSET | P, 10, NULL, NULL, 8) == 0, "mask 8 wakes nobody");
	ok(futex(&word, FUTEX_WAKE_BITSET | P, 10, NULL, NULL, 2) == 1, "mask 2 wakes one");
	ok(exited(p2) == 0, "it is the waiter with mask 2");
	ok(waiters(&word, P) == 2, "two still wait");
	ok(futex(&word, FUTEX_WAKE_BITSET | P, 10, NULL, NULL, 5) == 2, "mask 5 wakes two");
	ok(exited(p1) == 0 && exited(p4) == 0, "the waiters with masks 1 and 4");

	p1 = spawn_vm(waiter, (void *)0L);
	p2 = spawn_vm(waiter, (void *)0x80000000L);
	ok(wait_for_waiters(&word, P, 2) == 2, "a FUTEX_WAIT and a mask-0x80000000 waiter");
	ok(futex(&word, FUTEX_WAKE_BITSET | P, 10, NULL, NULL, 0x40000000) == 1,
	   "mask 0x40000000 wakes the plain FUTEX_WAIT");
	ok(exited(p1) == 0, "it is the FUTEX_WAIT");
	ok(futex(&word, FUTEX_WAKE | P, 10, NULL, NULL, 0) == 1,
	   "FUTEX_WAKE wakes the bitset waiter");
	ok(exited(p2) == 0, "its FUTEX_WAIT_BITSET returned 0");
	return done();
}
