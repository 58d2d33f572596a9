/* Range subtraction for boot-time memory accounting. */
#include "mm/memrange.h"
#include "compiler.h"
#include "errno.h"
#include "string.h"

int memrange_subtract(struct mem_range *r, int *n, int max, paddr_t base, u64 size)
{
	paddr_t end = base + size;
	struct mem_range out[BOARD_MAX_MEM * 4];
	int k = 0;

	if (!size)
		return 0;
	for (int i = 0; i < *n; i++) {
		paddr_t rb = r[i].base, re = r[i].base + r[i].size;

		if (end <= rb || base >= re) {
			if (k >= max || k >= (int)ARRAY_SIZE(out))
				return -ENOSPC;
			out[k++] = r[i];
			continue;
		}
		if (base > rb) {
			if (k >= max || k >= (int)ARRAY_SIZE(out))
				return -ENOSPC;
			out[k++] = (struct mem_range){rb, base - rb};
		}
		if (end < re) {
			if (k >= max || k >= (int)ARRAY_SIZE(out))
				return -ENOSPC;
			out[k++] = (struct mem_range){end, re - end};
		}
	}
	memcpy(r, out, (size_t)k * sizeof(*r));
	*n = k;
	return 0;
}
