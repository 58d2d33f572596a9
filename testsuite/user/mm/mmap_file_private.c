/* mmap_file_private - a MAP_PRIVATE file mapping reads the file's content, the tail of the last
 * page past end-of-file reads zero; writes through the mapping stay private (the file, read with
 * pread, is unchanged). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"

#define PG   4096UL
#define SIZE 5000 /* one page and part of a second */

int main(void)
{
	static unsigned char data[SIZE], back[SIZE];
	const char *path = "/tmp/mmap_private_file";
	size_t bad = 0;

	for (size_t i = 0; i < SIZE; i++)
		data[i] = (unsigned char)(i % 251 + 1);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok(fd >= 0 && write(fd, data, SIZE) == SIZE, "file of 5000 bytes");
	unsigned char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (!ok(p != MAP_FAILED, "mmap MAP_PRIVATE read-write"))
		return done();
	ok(memcmp(p, data, SIZE) == 0, "mapping reads the file's content");
	for (size_t i = SIZE; i < 2 * PG; i++)
		bad += p[i] != 0;
	ok(bad == 0, "the rest of the last page reads zero");
	memset(p + 100, 'W', 5000 - 100);
	ok(p[100] == 'W' && p[4999] == 'W' && p[99] == data[99], "writes seen in the mapping");
	ok(pread(fd, back, SIZE, 0) == SIZE && memcmp(back, data, SIZE) == 0,
	   "the file is unchanged (pread)");
	ok(write(fd, "", 0) == 0 && lseek(fd, 0, SEEK_END) == SIZE, "file size unchanged");
	unsigned char *q = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
	ok(q != MAP_FAILED && memcmp(q, data, PG) == 0,
	   "a second mapping sees the file, not the copy");
	ok(munmap(p, 2 * PG) == 0, "munmap");
	if (q != MAP_FAILED)
		munmap(q, PG);
	close(fd);
	unlink(path);
	return done();
}
