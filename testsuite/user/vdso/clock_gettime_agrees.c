/* clock_gettime_agrees - __vdso_clock_gettime (called directly, found in the vDSO's symbol
 * table) agrees with the clock_gettime system call: for CLOCK_REALTIME, MONOTONIC,
 * MONOTONIC_RAW, REALTIME_COARSE, MONOTONIC_COARSE and BOOTTIME, each of 200 vDSO reads lies
 * between a raw syscall read before it and one after it, and tv_nsec is in [0, 1e9). The
 * library's clock_gettime (glibc uses the vDSO, musl on riscv64 the syscall) agrees the same way.
 * A clock the vDSO does not compute (CLOCK_PROCESS_CPUTIME_ID) still works through it, and an
 * invalid clock id gives the system call's raw -EINVAL. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "vdso_sym.h"

typedef int (*cgt_fn)(clockid_t, struct timespec *);

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

static long long ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

/* 200 rounds of raw syscall, @fn (or the library when NULL), raw syscall; 1 if all ordered. */
static int between(cgt_fn fn, clockid_t id, int *nsec_ok)
{
	struct timespec a, v, b;
	int good = 1;

	*nsec_ok = 1;
	for (int i = 0; i < 200; i++) {
		syscall(SYS_clock_gettime, id, &a);
		int r = fn ? fn(id, &v) : clock_gettime(id, &v);
		syscall(SYS_clock_gettime, id, &b);
		good &= r == 0 && ns(&a) <= ns(&v) && ns(&v) <= ns(&b);
		*nsec_ok &= v.tv_nsec >= 0 && v.tv_nsec < 1000000000L;
	}
	return good;
}

int main(void)
{
	struct vdso_info vi;
	struct timespec t;
	cgt_fn cgt;
	int nsec_ok;

	if (!ok(vdso_open(&vi), "vDSO found"))
		return done();
	cgt = (cgt_fn)vdso_sym(&vi, "__vdso_clock_gettime", NULL);
	if (!ok(cgt != NULL, "__vdso_clock_gettime found"))
		return done();
	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		ok(between(cgt, clocks[i].id, &nsec_ok), "%s: vDSO read between two syscall reads",
		   clocks[i].name);
		ok(nsec_ok, "%s: vDSO tv_nsec in [0, 1e9)", clocks[i].name);
		ok(between(NULL, clocks[i].id, &nsec_ok),
		   "%s: library read between two syscall reads", clocks[i].name);
	}
	ok(cgt(CLOCK_PROCESS_CPUTIME_ID, &t) == 0 && t.tv_nsec >= 0 && t.tv_nsec < 1000000000L,
	   "CLOCK_PROCESS_CPUTIME_ID through the vDSO works");
	ok(cgt(100, &t) == -EINVAL, "clock 100 through the vDSO returns -EINVAL");
	return done();
}
