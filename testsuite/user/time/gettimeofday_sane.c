/* gettimeofday_sane - gettimeofday gives tv_usec in [0, 1e6) and tv_sec >= 0, does not go back
 * between reads, and agrees with clock_gettime(CLOCK_REALTIME) to within a second; a NULL
 * timezone is fine. The 1000-read loop uses the raw syscall: glibc's vDSO in a tight loop crashes
 * now and then (SIGSEGV) on the reference Linux with -smp 4. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#include "tap.h"

int main(void)
{
	struct timeval a, b;
	struct timespec ts;
	int usec_ok = 1, back = 0;

	ok(gettimeofday(&a, NULL) == 0, "gettimeofday(&tv, NULL) == 0");
	ok(a.tv_sec >= 0, "tv_sec >= 0");
	for (int i = 0; i < 1000; i++) {
		syscall(SYS_gettimeofday, &b, NULL);
		usec_ok &= b.tv_usec >= 0 && b.tv_usec < 1000000;
		back |= b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_usec < a.tv_usec);
		a = b;
	}
	ok(usec_ok, "tv_usec in [0, 1e6) over 1000 raw reads");
	ok(!back, "never goes back (library read, then raw reads)");
	ok(clock_gettime(CLOCK_REALTIME, &ts) == 0, "clock_gettime(CLOCK_REALTIME)");
	gettimeofday(&b, NULL);
	long long d = (long long)b.tv_sec - (long long)ts.tv_sec;
	ok(d == 0 || d == 1, "agrees with CLOCK_REALTIME to within a second");
	return done();
}
