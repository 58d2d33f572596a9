/* mmap_fixed_replace - MAP_FIXED over part of an existing mapping returns that address and
 * replaces the content there with fresh zero pages; the pages outside keep theirs. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>

#include "tap.h"

#define PG 4096UL

static int all(const volatile unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

int main(void)
{
	const int prot = PROT_READ | PROT_WRITE;
	unsigned char *p = mmap(NULL, 3 * PG, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!ok(p != MAP_FAILED, "mmap 3 pages"))
		return done();
	memset(p, 0xab, 3 * PG);
	void *q = mmap(p + PG, PG, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ok(q == p + PG, "MAP_FIXED over the middle page returns its address");
	ok(all(p + PG, PG, 0), "the replaced page reads zero");
	ok(all(p, PG, 0xab), "the page before keeps its content");
	ok(all(p + 2 * PG, PG, 0xab), "the page after keeps its content");
	p[PG + 5] = 7;
	ok(p[PG + 5] == 7, "the replaced page is writable");
	q = mmap(p, 3 * PG, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ok(q == p, "MAP_FIXED shared read-only over all three pages");
	ok(all(p, 3 * PG, 0), "all three read zero");
	ok(munmap(p, 3 * PG) == 0, "munmap");
	return done();
}
