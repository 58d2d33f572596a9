/* gettimeofday_agrees - __vdso_gettimeofday (called directly) agrees with the gettimeofday
 * system call: each of 200 vDSO reads lies between a raw syscall read before it and one after
 * it, tv_usec is in [0, 1e6), and it agrees with a vDSO CLOCK_REALTIME read to the microsecond
 * order; a timezone argument is filled with zeros (no timezone set); NULL arguments are fine.
 * The library's gettimeofday agrees the same way. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "vdso_sym.h"

typedef int (*gtod_fn)(struct timeval *, struct timezone *);
typedef int (*cgt_fn)(clockid_t, struct timespec *);

static long long us(const struct timeval *t)
{
	return (long long)t->tv_sec * 1000000LL + t->tv_usec;
}

static int between(gtod_fn fn, int *usec_ok)
{
	struct timeval a, v, b;
	int good = 1;

	*usec_ok = 1;
	for (int i = 0; i < 200; i++) {
		syscall(SYS_gettimeofday, &a, NULL);
		int r = fn ? fn(&v, NULL) : gettimeofday(&v, NULL);
		syscall(SYS_gettimeofday, &b, NULL);
		good &= r == 0 && us(&a) <= us(&v) && us(&v) <= us(&b);
		*usec_ok &= v.tv_usec >= 0 && v.tv_usec < 1000000L;
	}
	return good;
}

int main(void)
{
	struct vdso_info vi;
	struct timeval tv;
	struct timezone tz;
	struct timespec ts;
	gtod_fn gtod;
	cgt_fn cgt;
	int usec_ok;

	if (!ok(vdso_open(&vi), "vDSO found"))
		return done();
	gtod = (gtod_fn)vdso_sym(&vi, "__vdso_gettimeofday", NULL);
	cgt = (cgt_fn)vdso_sym(&vi, "__vdso_clock_gettime", NULL);
	if (!ok(gtod && cgt, "__vdso_gettimeofday and __vdso_clock_gettime found"))
		return done();
	ok(between(gtod, &usec_ok), "vDSO read between two syscall reads");
	ok(usec_ok, "vDSO tv_usec in [0, 1e6)");
	ok(between(NULL, &usec_ok), "library read between two syscall reads");
	cgt(CLOCK_REALTIME, &ts);
	gtod(&tv, NULL);
	long long d = us(&tv) - ((long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000);
	ok(d >= 0 && d < 1000000, "agrees with the vDSO's CLOCK_REALTIME (later, within 1 s)");
	memset(&tz, 0x55, sizeof(tz));
	ok(gtod(&tv, &tz) == 0 && tz.tz_minuteswest == 0 && tz.tz_dsttime == 0,
	   "the timezone is filled with zeros");
	ok(gtod(NULL, NULL) == 0, "NULL, NULL returns 0");
	ok(tv.tv_sec > 1600000000, "the date is after 2020 (the RTC was read)");
	return done();
}
