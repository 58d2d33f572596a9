/* mmap_anon_zero - fresh anonymous mappings (private and shared) read zero on every page, are
 * writable, keep what is written, and are page-aligned. */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>

#include "tap.h"

#define PG 4096UL
#define NP 16

static void check(int flags, const char *what)
{
	volatile unsigned char *p = mmap(NULL, NP * PG, PROT_READ | PROT_WRITE, flags, -1, 0);
	size_t bad = 0;

	if (!ok(p != MAP_FAILED, "%s: mmap succeeds", what))
		return;
	ok(((uintptr_t)p & (PG - 1)) == 0, "%s: address is page-aligned", what);
	for (size_t i = 0; i < NP * PG; i++)
		bad += p[i] != 0;
	ok(bad == 0, "%s: all %d pages read zero", what, NP);
	for (size_t i = 0; i < NP * PG; i += 61)
		p[i] = (unsigned char)(i >> 3);
	bad = 0;
	for (size_t i = 0; i < NP * PG; i++)
		bad += p[i] != ((i % 61) ? 0 : (unsigned char)(i >> 3));
	ok(bad == 0, "%s: writes are kept, the rest stays zero", what);
	ok(munmap((void *)p, NP * PG) == 0, "%s: munmap", what);
}

int main(void)
{
	check(MAP_PRIVATE | MAP_ANONYMOUS, "private");
	check(MAP_SHARED | MAP_ANONYMOUS, "shared");
	/* Write-first: a page whose first access is a write. */
	volatile int *q =
		mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ok(q != MAP_FAILED, "write-first page: mmap")) {
		q[100] = 5;
		ok(q[100] == 5 && q[0] == 0 && q[1023] == 0,
		   "write-first page: write kept, rest zero");
	}
	return done();
}
