/*
 * Host test of kernel/time/tickconv.h, the ticks-to-nanoseconds conversion the kernel's clocks
 * and the vDSO share: ticks_to_ns(t, hz) equals floor(t * 10^9 / hz) computed in 128 bits
 * (modulo 2^64) for the boards' timebases and odd ones, over random, edge and near-second
 * tick counts; and it never goes backwards as the count grows.
 */
#include <stdint.h>

#include "htest.h"
#include "kernel/time/tickconv.h"

static const u64 freqs[] = {
	10000000,	/* QEMU virt */
	4000000,	/* VisionFive2 */
	1000000000,	/* 1 tick = 1 ns */
	24000000,	/* a common SoC timer */
	1,		/* the smallest */
	3,		/* tiny */
	32768,		/* a 32 kHz RTC-style clock */
	999999937,	/* a prime near 1 GHz */
	7000000007ULL,	/* above 2^32 */
	18446744073ULL, /* the largest timebase the conversion allows (2^64 / 10^9) */
};

static u64 reference(u64 t, u64 hz)
{
	return (u64)((unsigned __int128)t * 1000000000U / hz);
}

static void check_one(u64 t, u64 hz)
{
	u64 got = ticks_to_ns(t, hz), want = reference(t, hz);

	CHECK_MSG(got == want, "t %llu hz %llu: %llu, want %llu", (unsigned long long)t,
		  (unsigned long long)hz, (unsigned long long)got, (unsigned long long)want);
}

static void t_edges(void)
{
	for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
		u64 hz = freqs[i];

		check_one(0, hz);
		check_one(1, hz);
		check_one(UINT64_MAX, hz);
		check_one(UINT64_MAX - 1, hz);
		for (u64 k = 1; k < 5; k++) {
			check_one(k * hz - 1, hz);
			check_one(k * hz, hz);
			check_one(k * hz + 1, hz);
		}
	}
}

static void t_random(void)
{
	for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++)
		for (int n = 0; n < 200000; n++) {
			u64 t = htest_rand();

			check_one(t, freqs[i]);
			check_one(t >> (n % 64), freqs[i]); /* small counts too */
		}
}

static void t_monotonic(void)
{
	u64 hz = 10000000, prev = 0;

	for (u64 t = 0; t < 3000000; t += 7) {
		u64 ns = ticks_to_ns(t, hz);

		CHECK_MSG(ns >= prev, "went back at %llu", (unsigned long long)t);
		prev = ns;
	}
}

int main(void)
{
	RUN(t_edges);
	RUN(t_random);
	RUN(t_monotonic);
	return htest_done();
}
