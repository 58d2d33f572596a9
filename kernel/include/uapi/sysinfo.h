/*
 * struct sysinfo: what sysinfo(2) fills on a 64-bit Linux, written from the sysinfo(2) manual
 * page. Memory sizes are in units of mem_unit bytes; loads are fixed point with 16 fraction bits.
 */
#ifndef KERNEL_INCLUDE_UAPI_SYSINFO_H
#define KERNEL_INCLUDE_UAPI_SYSINFO_H

#include "types.h"

#define SI_LOAD_SHIFT 16

struct sysinfo {
	long uptime;		 /* seconds since boot */
	unsigned long loads[3];	 /* 1, 5 and 15 minute load averages */
	unsigned long totalram;	 /* usable main memory */
	unsigned long freeram;	 /* free memory */
	unsigned long sharedram; /* shared memory */
	unsigned long bufferram; /* memory used by buffers */
	unsigned long totalswap;
	unsigned long freeswap;
	u16 procs; /* number of current tasks (threads) */
	u16 pad;
	unsigned long totalhigh; /* high memory: always 0 on 64-bit */
	unsigned long freehigh;
	u32 mem_unit; /* memory unit in bytes */
};

/* 64-bit: no padding array; the struct ends on an 8-byte boundary. */

_Static_assert(sizeof(struct sysinfo) == 112, "struct sysinfo is 112 bytes on 64-bit");
_Static_assert(__builtin_offsetof(struct sysinfo, procs) == 80, "sysinfo.procs at 80");
_Static_assert(__builtin_offsetof(struct sysinfo, mem_unit) == 104, "sysinfo.mem_unit at 104");

#endif
