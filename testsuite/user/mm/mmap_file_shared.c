/* mmap_file_shared - writes through a MAP_SHARED file mapping reach the file (read() sees them,
 * before and after msync and munmap); write() to the file is seen through the mapping; two
 * shared mappings of the file see each other's writes. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

int main(void)
{
	static unsigned char buf[2 * PG];
	const char *path = "/tmp/mmap_shared_file";

	memset(buf, '.', sizeof(buf));
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok(fd >= 0 && write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "file of two pages");
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	if (!ok(p != MAP_FAILED && q != MAP_FAILED, "two MAP_SHARED mappings"))
		return done();
	memcpy(p + PG - 3, "shared!", 7); /* crosses the page boundary */
	ok(pread(fd, buf, 7, PG - 3) == 7 && memcmp(buf, "shared!", 7) == 0,
	   "write through the mapping seen by pread");
	ok(memcmp(q + PG - 3, "shared!", 7) == 0, "and by the other mapping");
	ok(pwrite(fd, "FILE", 4, 10) == 4, "pwrite to the file");
	ok(memcmp(p + 10, "FILE", 4) == 0, "seen through the mapping");
	ok(msync(p, 2 * PG, MS_SYNC) == 0, "msync(MS_SYNC)");
	p[2 * PG - 1] = 'Z';
	ok(munmap(p, 2 * PG) == 0, "munmap");
	ok(pread(fd, buf, 1, 2 * PG - 1) == 1 && buf[0] == 'Z', "last write kept after munmap");
	ok(lseek(fd, 0, SEEK_END) == (off_t)(2 * PG), "file size unchanged");
	munmap(q, 2 * PG);
	close(fd);
	fd = open(path, O_RDONLY);
	ok(fd >= 0 && read(fd, buf, 14) == 14 && memcmp(buf, "..........FILE", 14) == 0,
	   "reopened file has the content");
	close(fd);
	unlink(path);
	return done();
}
