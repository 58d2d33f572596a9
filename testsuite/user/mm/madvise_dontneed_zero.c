/* madvise_dontneed_zero - MADV_DONTNEED on private anonymous pages drops their content: they
 * read zero afterwards and stay mapped and writable; pages outside the range keep theirs. */
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
	unsigned char *p =
		mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!ok(p != MAP_FAILED, "mmap 4 pages"))
		return done();
	memset(p, 0x5a, 4 * PG);
	ok(madvise(p + PG, 2 * PG, MADV_DONTNEED) == 0, "madvise(MADV_DONTNEED) on pages 1-2");
	ok(all(p + PG, 2 * PG, 0), "pages 1-2 read zero");
	ok(all(p, PG, 0x5a), "page 0 keeps its content");
	ok(all(p + 3 * PG, PG, 0x5a), "page 3 keeps its content");
	p[PG] = 1;
	ok(p[PG] == 1, "dropped page is writable");
	errno = 0;
	ok(madvise(p + 1, PG, MADV_DONTNEED) == -1 && errno == EINVAL, "unaligned address: EINVAL");
	ok(munmap(p, 4 * PG) == 0, "munmap");
	return done();
}
