/* libc_clock_gettime_dyn - in a dynamically linked program (the loader sets up the vDSO), the
 * library's clock_gettime(CLOCK_MONOTONIC and CLOCK_REALTIME) and gettimeofday lie between raw
 * system-call reads, and getauxval(AT_SYSINFO_EHDR) is present. */
#define _GNU_SOURCE
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static long long ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static int between(clockid_t id)
{
	struct timespec a, v, b;
	int good = 1;

	for (int i = 0; i < 100; i++) {
		syscall(SYS_clock_gettime, id, &a);
		good &= clock_gettime(id, &v) == 0;
		syscall(SYS_clock_gettime, id, &b);
		good &= ns(&a) <= ns(&v) && ns(&v) <= ns(&b);
	}
	return good;
}

int main(void)
{
	struct timeval a, v, b;

	ok(getauxval(AT_SYSINFO_EHDR) != 0, "AT_SYSINFO_EHDR is present");
	ok(between(CLOCK_MONOTONIC), "CLOCK_MONOTONIC between two syscall reads");
	ok(between(CLOCK_REALTIME), "CLOCK_REALTIME between two syscall reads");
	syscall(SYS_gettimeofday, &a, NULL);
	gettimeofday(&v, NULL);
	syscall(SYS_gettimeofday, &b, NULL);
	ok((a.tv_sec < v.tv_sec || (a.tv_sec == v.tv_sec && a.tv_usec <= v.tv_usec)) &&
		   (v.tv_sec < b.tv_sec || (v.tv_sec == b.tv_sec && v.tv_usec <= b.tv_usec)),
	   "gettimeofday between two syscall reads");
	return done();
}
