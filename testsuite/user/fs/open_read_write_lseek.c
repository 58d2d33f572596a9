/* open_read_write_lseek - on /tmp: O_CREAT makes a file, write and read move the offset, lseek
 * with SEEK_SET, SEEK_CUR and SEEK_END returns the new offset, a write past the end leaves a hole
 * that reads zero, O_TRUNC empties the file, O_APPEND writes at the end whatever the offset,
 * O_CREAT|O_EXCL on an existing file is EEXIST, a negative offset is EINVAL, and reading at the
 * end returns 0. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

#define PATH "/tmp/orwl_file"

int main(void)
{
	char buf[64];
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);

	ok(fd >= 0, "open O_RDWR|O_CREAT|O_TRUNC");
	ok(write(fd, "hello, world", 12) == 12, "write 12 bytes");
	ok(lseek(fd, 0, SEEK_CUR) == 12, "SEEK_CUR 0 == 12 after the write");
	ok(lseek(fd, 0, SEEK_SET) == 0, "SEEK_SET 0");
	ok(read(fd, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0, "read 5: \"hello\"");
	ok(lseek(fd, 2, SEEK_CUR) == 7, "SEEK_CUR +2 == 7");
	ok(read(fd, buf, 64) == 5 && memcmp(buf, "world", 5) == 0,
	   "read at 7: \"world\" (5 bytes)");
	ok(read(fd, buf, 64) == 0, "read at the end: 0");
	ok(lseek(fd, -5, SEEK_END) == 7, "SEEK_END -5 == 7");
	ok(write(fd, "WORLD", 5) == 5, "overwrite at 7");
	ok(lseek(fd, 20, SEEK_END) == 32, "SEEK_END +20 == 32 (past the end)");
	ok(write(fd, "!", 1) == 1, "write at 32");
	ok(lseek(fd, 0, SEEK_END) == 33, "size is now 33");
	ok(pread(fd, buf, 64, 0) == 33, "pread the whole file: 33 bytes");
	int hole_zero = 1;
	for (int i = 12; i < 32; i++)
		hole_zero &= buf[i] == 0;
	ok(memcmp(buf, "hello, WORLD", 12) == 0 && hole_zero && buf[32] == '!',
	   "content: \"hello, WORLD\", 20 zero bytes, \"!\"");
	errno = 0;
	ok(lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL, "SEEK_SET -1: EINVAL");
	errno = 0;
	ok(lseek(fd, 0, 7) == -1 && errno == EINVAL, "bad whence: EINVAL");
	close(fd);

	errno = 0;
	ok(open(PATH, O_RDWR | O_CREAT | O_EXCL, 0644) == -1 && errno == EEXIST, "O_EXCL: EEXIST");
	fd = open(PATH, O_WRONLY | O_APPEND);
	ok(fd >= 0, "open O_APPEND");
	ok(lseek(fd, 0, SEEK_SET) == 0, "seek to 0");
	ok(write(fd, "++", 2) == 2, "append 2 bytes");
	ok(lseek(fd, 0, SEEK_CUR) == 35, "offset after the append == 35");
	ok(pread(open(PATH, O_RDONLY), buf, 64, 0) == 35 && memcmp(buf + 33, "++", 2) == 0,
	   "the bytes went to the end");
	close(fd);

	fd = open(PATH, O_RDWR | O_TRUNC);
	ok(fd >= 0 && lseek(fd, 0, SEEK_END) == 0, "O_TRUNC empties the file");
	errno = 0;
	ok(read(open(PATH, O_WRONLY), buf, 1) == -1 && errno == EBADF, "read on O_WRONLY: EBADF");
	errno = 0;
	ok(write(open(PATH, O_RDONLY), "x", 1) == -1 && errno == EBADF, "write on O_RDONLY: EBADF");
	errno = 0;
	ok(open("/tmp/no_such_dir/f", O_RDWR | O_CREAT, 0644) == -1 && errno == ENOENT,
	   "O_CREAT in a missing directory: ENOENT");
	errno = 0;
	ok(open("/tmp/orwl_missing", O_RDONLY) == -1 && errno == ENOENT, "missing file: ENOENT");
	close(fd);
	ok(unlink(PATH) == 0, "unlink");
	return done();
}
