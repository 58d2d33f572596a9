/* efault_partial - a transfer that starts in good memory (100 bytes before a PROT_NONE page,
 * not 8-byte aligned) and runs into the bad page, as Linux answers it:
 *   read() from a regular file (tmpfs) or /dev/zero: the short count of the good bytes;
 *   write() to a pipe: EFAULT, nothing stored;
 *   read() from a pipe: EFAULT, nothing consumed (all the data is still there);
 *   write() to /dev/null: the full count (the buffer is never read).
 * Not tested: write() to a regular file from such a buffer livelocks the reference Linux 6.1 on
 * riscv64 (its copy_from_user reports no progress; generic_perform_write retries forever), and
 * a file read whose good part ends on an 8-byte boundary returns EFAULT there, not the count. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"

#define PG   4096UL
#define GOOD 100 /* bytes before the PROT_NONE page */
#define LEN  300

int main(void)
{
	char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char data[LEN], back[LEN];
	int p[2];
	ssize_t n;

	if (m == MAP_FAILED || mprotect(m + PG, PG, PROT_NONE) != 0 || pipe(p) != 0)
		return 1;
	char *buf = m + PG - GOOD;
	for (int i = 0; i < LEN; i++)
		data[i] = (char)('a' + i % 26);

	int fd = open("/tmp/efault_partial", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok(fd >= 0 && write(fd, data, LEN) == LEN, "file of %d bytes", LEN);
	memset(buf, 0, GOOD);
	n = pread(fd, buf, LEN, 0);
	ok(n == GOOD, "read from a file: short count of the good bytes (%d)", GOOD);
	ok(memcmp(buf, data, GOOD) == 0, "the good bytes were filled");
	close(fd);
	unlink("/tmp/efault_partial");

	int zero = open("/dev/zero", O_RDONLY);
	memset(buf, 'g', GOOD);
	n = read(zero, buf, LEN);
	ok(n == GOOD, "read from /dev/zero: short count of the good bytes (%d)", GOOD);
	ok(buf[0] == 0 && buf[GOOD - 1] == 0, "the good bytes were zeroed");
	close(zero);

	memset(buf, 'g', GOOD);
	errno = 0;
	n = write(p[1], buf, LEN);
	ok(n == -1 && errno == EFAULT, "write to a pipe: EFAULT");
	ok(write(p[1], "x", 1) == 1, "pipe still usable");
	ok(read(p[0], back, LEN) == 1 && back[0] == 'x',
	   "nothing of the faulting write was stored");

	ok(write(p[1], data, LEN) == LEN, "put %d bytes into the pipe", LEN);
	errno = 0;
	n = read(p[0], buf, LEN);
	ok(n == -1 && errno == EFAULT, "read from a pipe: EFAULT");
	ok(read(p[0], back, LEN) == LEN && memcmp(back, data, LEN) == 0,
	   "all the data is still in the pipe");

	int null = open("/dev/null", O_WRONLY);
	ok(write(null, buf, LEN) == LEN, "write to /dev/null: full count");
	close(null);
	return done();
}
