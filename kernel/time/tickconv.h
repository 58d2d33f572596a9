/*
 * Time CSR ticks to nanoseconds: the one conversion the kernel's clocks (kernel/time/timer.c)
 * and the vDSO's (kernel/vdso/vgettime.c) both use, so that they agree to the nanosecond for
 * the same rdtime value. Freestanding: also compiled into the vDSO and the host tests.
 */
#ifndef KERNEL_TIME_TICKCONV_H
#define KERNEL_TIME_TICKCONV_H

#include "types.h"

#define TICKCONV_NSEC_PER_SEC 1000000000ULL

/*
 * ticks_to_ns - floor(@ticks * 10^9 / @hz), exact for every 64-bit @ticks (the result wraps
 * modulo 2^64 as the 128-bit product would) and every @hz in (0, 2^64 / 10^9): whole seconds
 * first, then the remainder, whose product with 10^9 cannot overflow.
 */
static inline u64 ticks_to_ns(u64 ticks, u64 hz)
{
	return ticks / hz * TICKCONV_NSEC_PER_SEC + ticks % hz * TICKCONV_NSEC_PER_SEC / hz;
}

#endif
