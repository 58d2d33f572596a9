/* clock_monotonic_advances - CLOCK_MONOTONIC never goes back between reads (library and raw
 * syscall agree in order), and nanosleep(20 ms) advances it by at least 20 ms; tv_nsec is always
 * below 1e9. The 1000-read loop uses the raw syscall: glibc's vDSO clock_gettime in a tight loop
 * crashes now and then (SIGSEGV) on the reference Linux with -smp 4. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static long long ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
	struct timespec a, b, c, d;
	int back = 0, nsec_ok = 1;

	ok(clock_gettime(CLOCK_MONOTONIC, &a) == 0, "clock_gettime(CLOCK_MONOTONIC)");
	for (int i = 0; i < 1000; i++) {
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
		back |= ns(&b) < ns(&a);
		nsec_ok &= b.tv_nsec >= 0 && b.tv_nsec < 1000000000L;
		a = b;
	}
	ok(!back, "1000 successive raw reads never go back");
	ok(nsec_ok, "tv_nsec in [0, 1e9)");
	clock_gettime(CLOCK_MONOTONIC, &a);
	ok(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b) == 0, "raw clock_gettime syscall");
	clock_gettime(CLOCK_MONOTONIC, &c);
	ok(ns(&a) <= ns(&b) && ns(&b) <= ns(&c), "library, raw, library reads are in order");
	struct timespec req = {0, 20 * 1000 * 1000};
	clock_gettime(CLOCK_MONOTONIC, &a);
	ok(nanosleep(&req, NULL) == 0, "nanosleep(20 ms) == 0");
	clock_gettime(CLOCK_MONOTONIC, &d);
	ok(ns(&d) - ns(&a) >= 20 * 1000 * 1000LL, "monotonic advanced by >= 20 ms");
	ok(ns(&d) - ns(&a) < 5 * 1000 * 1000 * 1000LL, "and by less than 5 s");
	req.tv_nsec = 1000000000L;
	errno = 0;
	ok(nanosleep(&req, NULL) == -1 && errno == EINVAL, "nanosleep with tv_nsec = 1e9: EINVAL");
	ok(clock_getres(CLOCK_MONOTONIC, &a) == 0 && a.tv_sec == 0 && a.tv_nsec > 0,
	   "clock_getres: 0 < resolution < 1 s");
	return done();
}
