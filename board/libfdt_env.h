/*
 * libfdt_env.h - Kestrel's environment for libfdt (kernel and host unit tests).
 *
 * libfdt expects its including program to supply one header of this name with:
 *   - the fixed-width integer types and bool (stdint.h/stdbool.h/stddef.h style),
 *   - big-endian storage types fdt16_t/fdt32_t/fdt64_t and conversions between them and the CPU's
 *     order: fdt{16,32,64}_to_cpu() and cpu_to_fdt{16,32,64}(),
 *   - INT_MAX and UINT_MAX (INT32_MAX/UINT32_MAX come from stdint.h),
 *   - the string and memory routines it calls: memchr, memcmp, memcpy, memmove, memset, strchr,
 *     strlen, strnlen, strrchr and strtoul.
 * The build copies libfdt without the environment header it ships, so this file is the one found.
 * In the kernel the routines are kernel/lib/string.c; in host tests (KESTREL_HOST_TEST) libc's.
 */
#ifndef BOARD_LIBFDT_ENV_H
#define BOARD_LIBFDT_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef KESTREL_HOST_TEST
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#else
#include "string.h" /* kernel/include/string.h */
#ifndef INT_MAX
#define INT_MAX __INT_MAX__
#endif
#ifndef UINT_MAX
#define UINT_MAX (__INT_MAX__ * 2U + 1U)
#endif
#endif

/* Values as stored in the blob: always big-endian. */
typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define FDT_SWAP16(x) ((uint16_t)(x))
#define FDT_SWAP32(x) ((uint32_t)(x))
#define FDT_SWAP64(x) ((uint64_t)(x))
#else
#define FDT_SWAP16(x) __builtin_bswap16((uint16_t)(x))
#define FDT_SWAP32(x) __builtin_bswap32((uint32_t)(x))
#define FDT_SWAP64(x) __builtin_bswap64((uint64_t)(x))
#endif

static inline uint16_t fdt16_to_cpu(fdt16_t x)
{
	return FDT_SWAP16(x);
}

static inline fdt16_t cpu_to_fdt16(uint16_t x)
{
	return FDT_SWAP16(x);
}

static inline uint32_t fdt32_to_cpu(fdt32_t x)
{
	return FDT_SWAP32(x);
}

static inline fdt32_t cpu_to_fdt32(uint32_t x)
{
	return FDT_SWAP32(x);
}

static inline uint64_t fdt64_to_cpu(fdt64_t x)
{
	return FDT_SWAP64(x);
}

static inline fdt64_t cpu_to_fdt64(uint64_t x)
{
	return FDT_SWAP64(x);
}

#endif
