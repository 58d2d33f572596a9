/* clock_getres_agrees - __vdso_clock_getres (called directly) gives the same resolution as the
 * clock_getres system call for CLOCK_REALTIME, MONOTONIC, MONOTONIC_RAW, REALTIME_COARSE,
 * MONOTONIC_COARSE and BOOTTIME (1 ns for REALTIME and MONOTONIC), accepts a NULL result, and
 * gives the system call's raw -EINVAL for an invalid clock id. The library's clock_getres
 * agrees too. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "vdso_sym.h"

typedef int (*res_fn)(clockid_t, struct timespec *);

static const struct {
	clockid_t id;
	const char *name;
} clocks[] = {
	{CLOCK_REALTIME, "CLOCK_REALTIME"},
	{CLOCK_MONOTONIC, "CLOCK_MONOTONIC"},
	{CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW"},
	{CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE"},
	{CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE"},
	{CLOCK_BOOTTIME, "CLOCK_BOOTTIME"},
};

int main(void)
{
	struct vdso_info vi;
	struct timespec v, s, l;
	res_fn res;

	if (!ok(vdso_open(&vi), "vDSO found"))
		return done();
	res = (res_fn)vdso_sym(&vi, "__vdso_clock_getres", NULL);
	if (!ok(res != NULL, "__vdso_clock_getres found"))
		return done();
	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		int rv = res(clocks[i].id, &v);
		int rs = (int)syscall(SYS_clock_getres, clocks[i].id, &s);
		int rl = clock_getres(clocks[i].id, &l);

		ok(rv == 0 && rs == 0 && v.tv_sec == s.tv_sec && v.tv_nsec == s.tv_nsec,
		   "%s: vDSO and syscall agree", clocks[i].name);
		ok(rl == 0 && l.tv_sec == s.tv_sec && l.tv_nsec == s.tv_nsec,
		   "%s: library and syscall agree", clocks[i].name);
		ok(res(clocks[i].id, NULL) == 0, "%s: NULL result is fine", clocks[i].name);
	}
	res(CLOCK_MONOTONIC, &v);
	ok(v.tv_sec == 0 && v.tv_nsec == 1, "CLOCK_MONOTONIC resolution is 1 ns");
	res(CLOCK_REALTIME, &v);
	ok(v.tv_sec == 0 && v.tv_nsec == 1, "CLOCK_REALTIME resolution is 1 ns");
	ok(res(100, &v) == -EINVAL, "clock 100 returns -EINVAL");
	return done();
}
