/*
 * The vDSO data page: one page the kernel writes through its direct map and every process
 * maps read-only just below the vDSO text (docs/vdso.md). The vDSO code (built for user space)
 * and the kernel both include this file; the layout is fixed by the static_asserts below.
 *
 * Sequence protocol: the kernel makes @seq odd, writes the fields, then makes it even again
 * (with write fences between the steps, and one writer at a time). A reader takes @seq; if odd
 * it retries; it reads the fields; then, after a read fence, it retries if @seq changed.
 */
#ifndef KERNEL_VDSO_VDSO_DATA_H
#define KERNEL_VDSO_VDSO_DATA_H

#include "types.h"

#define VDSO_DATA_VERSION 1

struct vdso_data {
	u32 seq;	     /* even: the fields are stable; odd: the kernel is writing */
	u32 version;	     /* VDSO_DATA_VERSION */
	u64 timebase_hz;     /* frequency of the time CSR (ticks_to_ns()) */
	u64 realtime_offset; /* CLOCK_REALTIME ns = realtime_offset + monotonic ns (mod 2^64) */
};

_Static_assert(__builtin_offsetof(struct vdso_data, seq) == 0, "vdso_data layout");
_Static_assert(__builtin_offsetof(struct vdso_data, timebase_hz) == 8, "vdso_data layout");
_Static_assert(__builtin_offsetof(struct vdso_data, realtime_offset) == 16, "vdso_data layout");

#endif
