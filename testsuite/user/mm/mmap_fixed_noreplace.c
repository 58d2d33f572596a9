/* mmap_fixed_noreplace - MAP_FIXED_NOREPLACE over an existing mapping (wholly or partly) fails
 * with EEXIST and leaves the mapping alone; over a free range it maps exactly there. */
#define _GNU_SOURCE
#include <sys/mman.h>

#include "tap.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define PG 4096UL

int main(void)
{
	const int prot = PROT_READ | PROT_WRITE;
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
	char *p = mmap(NULL, 4 * PG, prot, anon, -1, 0);

	if (!ok(p != MAP_FAILED, "mmap 4 pages"))
		return done();
	ok(munmap(p + 3 * PG, PG) == 0, "unmap the 4th page: a hole after 3 mapped pages");
	p[PG] = 'x';
	errno = 0;
	ok(mmap(p + PG, PG, prot, anon | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED &&
		   errno == EEXIST,
	   "over a mapped page: EEXIST");
	errno = 0;
	ok(mmap(p + 2 * PG, 2 * PG, prot, anon | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED &&
		   errno == EEXIST,
	   "partly over a mapped page: EEXIST");
	ok(p[PG] == 'x', "the existing page kept its content");
	void *q = mmap(p + 3 * PG, PG, prot, anon | MAP_FIXED_NOREPLACE, -1, 0);
	ok(q == p + 3 * PG, "into the hole: maps exactly at the address");
	ok(q != MAP_FAILED && ((volatile char *)q)[0] == 0, "the new page reads zero");
	ok(munmap(p, 4 * PG) == 0, "munmap");
	return done();
}
