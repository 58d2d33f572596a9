/* Arithmetic on small arrays of physical ranges (boot-time memory accounting). */
#ifndef MM_MEMRANGE_H
#define MM_MEMRANGE_H

#include "board/board.h"

/*
 * memrange_subtract - remove [base, base+size) from the sorted, disjoint ranges r[0..*n).
 * A range cut in the middle becomes two. Context: any; pure.
 * Returns 0, or -ENOSPC if the result would need more than @max entries (r is then unchanged).
 */
int memrange_subtract(struct mem_range *r, int *n, int max, paddr_t base, u64 size);

#endif
