/* efault_read_write - read() and write() with a bad buffer (NULL, an unmapped page, a pointer
 * into the kernel half at 0xffffffc000000000) fail with EFAULT and the process lives on; a pipe
 * read that faults consumes nothing, so the data is still there for a good read. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

static void *const kernel_ptr = (void *)0xffffffc000000000UL;

int main(void)
{
	char buf[16];
	int p[2];
	char *hole = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (hole == MAP_FAILED || munmap(hole, PG) != 0 || pipe(p) != 0)
		return 1;
	void *bad[] = {NULL, hole, kernel_ptr};
	const char *name[] = {"NULL", "unmapped page", "kernel half"};
	int zero = open("/dev/zero", O_RDONLY);
	int file = open("/tmp/efault_rw", O_RDWR | O_CREAT | O_TRUNC, 0600);

	for (int i = 0; i < 3; i++) {
		errno = 0;
		ok(read(zero, bad[i], 10) == -1 && errno == EFAULT,
		   "read /dev/zero into %s: EFAULT", name[i]);
		errno = 0;
		ok(write(file, bad[i], 10) == -1 && errno == EFAULT, "write file from %s: EFAULT",
		   name[i]);
		errno = 0;
		ok(write(p[1], bad[i], 10) == -1 && errno == EFAULT, "write pipe from %s: EFAULT",
		   name[i]);
	}
	ok(lseek(file, 0, SEEK_END) == 0, "nothing reached the file");
	ok(write(p[1], "pipe data", 9) == 9, "good write to the pipe");
	for (int i = 0; i < 3; i++) {
		errno = 0;
		ok(read(p[0], bad[i], 9) == -1 && errno == EFAULT, "read pipe into %s: EFAULT",
		   name[i]);
	}
	ok(read(p[0], buf, sizeof(buf)) == 9 && memcmp(buf, "pipe data", 9) == 0,
	   "the pipe still holds all the data");
	ok(pwrite(file, "abc", 3, 0) == 3, "good write to the file");
	errno = 0;
	ok(pread(file, hole, 3, 0) == -1 && errno == EFAULT,
	   "read file into unmapped page: EFAULT");
	errno = 0;
	ok(pread(file, kernel_ptr, 3, 0) == -1 && errno == EFAULT,
	   "read file into kernel half: EFAULT");
	ok(getpid() > 0, "still alive");
	close(file);
	unlink("/tmp/efault_rw");
	return done();
}
