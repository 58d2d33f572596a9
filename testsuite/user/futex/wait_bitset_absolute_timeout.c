/* wait_bitset_absolute_timeout - FUTEX_WAIT_BITSET's timeout is an absolute time on
 * CLOCK_MONOTONIC, or on CLOCK_REALTIME with FUTEX_CLOCK_REALTIME: it returns ETIMEDOUT once
 * that clock has passed the deadline; a deadline in the past times out at once (after the value
 * check). Linux 6.1 refuses FUTEX_CLOCK_REALTIME with FUTEX_WAIT and FUTEX_WAKE (ENOSYS),
 * although futex(2) says FUTEX_WAIT accepts it since 4.5. */
#include "futex_test.h"
#include "tap.h"

static volatile int word;

static void absolute(int clk, int extra, const char *name)
{
	long deadline = now_ns(clk) + 50 * 1000000L;
	struct timespec ts = ns_to_ts(deadline);
	long r = futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | extra, 0, &ts, NULL,
		       (int)FUTEX_BITSET_MATCH_ANY);
	long after = now_ns(clk);

	ok(r == -ETIMEDOUT, "%s deadline now + 50 ms: ETIMEDOUT", name);
	ok(after >= deadline, "%s: the clock passed the deadline", name);
	ok(after - deadline < 5 * NS_PER_S, "%s: woke within 5 s of it", name);
	ts = ns_to_ts(now_ns(clk) / 2); /* past, and not negative even just after boot */
	ok(futex(&word, FUTEX_WAIT_BITSET | extra, 0, &ts, NULL, 1) == -ETIMEDOUT,
	   "%s deadline in the past: ETIMEDOUT", name);
	ok(futex(&word, FUTEX_WAIT_BITSET | extra, 7, &ts, NULL, 1) == -EAGAIN,
	   "%s deadline in the past, value differs: EAGAIN", name);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	ok(futex(&word, FUTEX_WAIT_BITSET | extra, 0, &ts, NULL, 1) == -ETIMEDOUT,
	   "%s deadline 0: ETIMEDOUT", name);
}

int main(void)
{
	struct timespec t1 = ns_to_ts(1000000);

	absolute(CLOCK_MONOTONIC, 0, "CLOCK_MONOTONIC");
	absolute(CLOCK_REALTIME, FUTEX_CLOCK_REALTIME, "CLOCK_REALTIME");
	ok(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &t1, NULL, 0) == -ENOSYS,
	   "FUTEX_WAIT | FUTEX_CLOCK_REALTIME: ENOSYS");
	ok(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0) == -ENOSYS,
	   "FUTEX_WAKE | FUTEX_CLOCK_REALTIME: ENOSYS");
	return done();
}
