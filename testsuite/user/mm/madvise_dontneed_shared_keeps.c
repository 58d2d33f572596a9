/* madvise_dontneed_shared_keeps - MADV_DONTNEED on a shared anonymous mapping only drops the
 * page-table entries: the data lives in the shared object, so it reads back unchanged; on a
 * private file mapping the private copy is dropped and the file's content shows again. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
	unsigned char buf[PG];
	unsigned char *p =
		mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (ok(p != MAP_FAILED, "mmap shared anonymous")) {
		memset(p, 0x77, 2 * PG);
		ok(madvise(p, 2 * PG, MADV_DONTNEED) == 0, "madvise(MADV_DONTNEED)");
		ok(all(p, 2 * PG, 0x77), "shared anonymous content kept");
		munmap(p, 2 * PG);
	}

	int fd = open("/tmp/dontneed_file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	memset(buf, 'f', PG);
	ok(fd >= 0 && write(fd, buf, PG) == PG, "file of one page");
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (ok(p != MAP_FAILED, "mmap the file private")) {
		memset(p, 'm', PG);
		ok(all(p, PG, 'm'), "private copy written");
		ok(madvise(p, PG, MADV_DONTNEED) == 0, "madvise(MADV_DONTNEED)");
		ok(all(p, PG, 'f'), "the file's content shows again");
		munmap(p, PG);
	}
	close(fd);
	unlink("/tmp/dontneed_file");
	return done();
}
