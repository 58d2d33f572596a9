/* wait_timeout_etimedout - FUTEX_WAIT's timeout is relative: with the value matching and
 * nobody waking, it returns ETIMEDOUT after at least the timeout (measured on
 * CLOCK_MONOTONIC), for private and shared waits; a zero timeout still checks the value first
 * (EAGAIN on a mismatch, else ETIMEDOUT at once). */
#include "futex_test.h"
#include "tap.h"

static volatile int word;

int main(void)
{
	static const int flags[2] = {0, FUTEX_PRIVATE_FLAG};
	struct timespec t50 = ns_to_ts(50 * 1000000), t0 = {0, 0};

	for (int i = 0; i < 2; i++) {
		const char *kind = flags[i] ? "private" : "shared";
		long start = now_ns(CLOCK_MONOTONIC);
		long r = futex(&word, FUTEX_WAIT | flags[i], 0, &t50, NULL, 0);
		long elapsed = now_ns(CLOCK_MONOTONIC) - start;

		ok(r == -ETIMEDOUT, "%s FUTEX_WAIT 50 ms: ETIMEDOUT", kind);
		ok(elapsed >= 50 * 1000000L, "%s: slept at least 50 ms", kind);
		ok(elapsed < 5 * NS_PER_S, "%s: woke within 5 s", kind);
		ok(futex(&word, FUTEX_WAIT | flags[i], 0, &t0, NULL, 0) == -ETIMEDOUT,
		   "%s zero timeout: ETIMEDOUT", kind);
		ok(futex(&word, FUTEX_WAIT | flags[i], 1, &t0, NULL, 0) == -EAGAIN,
		   "%s zero timeout, value differs: EAGAIN", kind);
	}
	return done();
}
