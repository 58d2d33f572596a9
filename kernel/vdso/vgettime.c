/*
 * The vDSO's clock functions: user-space code, compiled -fPIC into the vDSO (kernel/vdso/
 * build.mk), never linked into the kernel. The clocks the kernel derives from the time CSR are
 * answered here from rdtime and the data page, with the kernel's own arithmetic (ticks_to_ns);
 * every other clock, and anything this code does not know, goes to the real system call, whose
 * raw return value (0 or -errno) the functions pass back, as Linux's vDSO does.
 */
#include "time/tickconv.h"
#include "vdso/vdso_data.h"

#define NR_gettimeofday	 169
#define NR_clock_gettime 113
#define NR_clock_getres	 114

#define CLOCK_REALTIME	       0
#define CLOCK_MONOTONIC	       1
#define CLOCK_MONOTONIC_RAW    4
#define CLOCK_REALTIME_COARSE  5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME	       7

struct vdso_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

struct vdso_timeval {
	s64 tv_sec;
	s64 tv_usec;
};

struct vdso_timezone {
	s32 tz_minuteswest;
	s32 tz_dsttime;
};

/* The data page, one page below the text (kernel/vdso/vdso.lds); reached pc-relative. */
extern const volatile struct vdso_data __vdso_data __attribute__((visibility("hidden")));

int __vdso_clock_gettime(int clk, struct vdso_timespec *ts);
int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz);
int __vdso_clock_getres(int clk, struct vdso_timespec *res);

static long vdso_syscall2(long nr, long arg0, long arg1)
{
	register long a0 __asm__("a0") = arg0;
	register long a1 __asm__("a1") = arg1;
	register long a7 __asm__("a7") = nr;

	__asm__ __volatile__("ecall" : "+r"(a0) : "r"(a1), "r"(a7) : "memory");
	return a0;
}

static u64 rdtime(void)
{
	u64 t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

/* Monotonic and realtime nanoseconds for one rdtime value, read under the sequence count. */
static void vdso_read(u64 *mono, u64 *real)
{
	const volatile struct vdso_data *d = &__vdso_data;
	u64 hz, offset;
	u32 seq;

	for (;;) {
		seq = d->seq;
		if (seq & 1)
			continue;
		__asm__ __volatile__("fence r, r" ::: "memory");
		hz = d->timebase_hz;
		offset = d->realtime_offset;
		__asm__ __volatile__("fence r, r" ::: "memory");
		if (d->seq == seq)
			break;
	}
	*mono = ticks_to_ns(rdtime(), hz);
	*real = offset + *mono;
}

/* Is @clk one of the clocks the kernel derives from the time CSR? */
static int vdso_clock_known(int clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return 1;
	default:
		return 0;
	}
}

/* clock_gettime(2) for @clk into *@ts: 0, or the system call's return for other clocks. */
int __vdso_clock_gettime(int clk, struct vdso_timespec *ts)
{
	u64 mono, real, ns;

	if (!vdso_clock_known(clk))
		return (int)vdso_syscall2(NR_clock_gettime, clk, (long)ts);
	vdso_read(&mono, &real);
	ns = clk == CLOCK_REALTIME || clk == CLOCK_REALTIME_COARSE ? real : mono;
	ts->tv_sec = (s64)(ns / TICKCONV_NSEC_PER_SEC);
	ts->tv_nsec = (s64)(ns % TICKCONV_NSEC_PER_SEC);
	return 0;
}

/* gettimeofday(2): realtime in *@tv and a zero timezone in *@tz (each may be NULL); 0. */
int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	u64 mono, real;

	if (tv) {
		vdso_read(&mono, &real);
		tv->tv_sec = (s64)(real / TICKCONV_NSEC_PER_SEC);
		tv->tv_usec = (s64)(real % TICKCONV_NSEC_PER_SEC / 1000);
	}
	if (tz) {
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}

/* clock_getres(2): 1 ns for the clocks answered here, else the system call's return. */
int __vdso_clock_getres(int clk, struct vdso_timespec *res)
{
	if (!vdso_clock_known(clk))
		return (int)vdso_syscall2(NR_clock_getres, clk, (long)res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1; /* as the kernel's clock_getres */
	}
	return 0;
}
