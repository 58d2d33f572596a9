/* dup_dup3_fcntl - dup returns the lowest free fd, without FD_CLOEXEC, sharing the file offset;
 * fcntl F_SETFD/F_GETFD sets and reads FD_CLOEXEC; dup3 with O_CLOEXEC sets it on the new fd;
 * dup3 to the same fd is EINVAL, with unknown flags EINVAL; F_DUPFD picks the lowest fd at or
 * above its argument; F_GETFL shows the open flags (with the kernel's O_LARGEFILE); a bad fd is
 * EBADF. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

#include "fs_test.h"
#include "tap.h"

int main(void)
{
	char c;
	int fd = open("/tmp/dup_file", O_RDWR | O_CREAT | O_TRUNC, 0600);

	ok(fd >= 0 && write(fd, "abcdef", 6) == 6, "file with \"abcdef\"");
	int hole = dup(fd);
	int d = dup(fd);
	ok(hole > fd && d == hole + 1, "dup returns the next free fd");
	ok(close(hole) == 0, "close the lower one");
	int d2 = dup(fd);
	ok(d2 == hole, "dup fills the lowest free fd");
	ok(fcntl(d, F_GETFD) == 0, "dup'd fd has no FD_CLOEXEC");
	ok(lseek(fd, 2, SEEK_SET) == 2 && read(d, &c, 1) == 1 && c == 'c',
	   "dup'd fds share the offset");
	ok(lseek(fd, 0, SEEK_CUR) == 3, "reading through the dup moved the original's offset");
	ok(fcntl(d, F_SETFD, FD_CLOEXEC) == 0, "F_SETFD FD_CLOEXEC");
	ok(fcntl(d, F_GETFD) == FD_CLOEXEC, "F_GETFD == FD_CLOEXEC");
	ok(fcntl(fd, F_GETFD) == 0, "the original is not affected");
	ok(fcntl(d, F_SETFD, 0) == 0 && fcntl(d, F_GETFD) == 0, "F_SETFD 0 clears it");
	ok(dup3(fd, 40, O_CLOEXEC) == 40, "dup3(fd, 40, O_CLOEXEC) == 40");
	ok(fcntl(40, F_GETFD) == FD_CLOEXEC, "fd 40 has FD_CLOEXEC");
	ok(dup3(fd, 40, 0) == 40 && fcntl(40, F_GETFD) == 0,
	   "dup3 over it without the flag clears it");
	ok(fails(dup3(fd, fd, 0), EINVAL), "dup3 to the same fd: EINVAL");
	ok(fails(dup3(fd, 41, 0x4), EINVAL), "dup3 with an unknown flag: EINVAL");
	ok(dup2(fd, fd) == fd, "dup2 to the same fd returns it");
	ok(fcntl(fd, F_DUPFD, 30) == 30, "F_DUPFD 30 == 30");
	ok(fcntl(fd, F_DUPFD, 30) == 31, "F_DUPFD 30 again == 31");
	int e = fcntl(fd, F_DUPFD_CLOEXEC, 50);
	ok(e == 50 && fcntl(e, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC 50: 50, with FD_CLOEXEC");
	/* 64-bit Linux adds O_LARGEFILE (0x8000 in the kernel's generic flags; the libcs define
	 * O_LARGEFILE as 0 on riscv64) to every open(); F_GETFL shows it. */
	ok(fcntl(fd, F_GETFL) == (O_RDWR | 0x8000), "F_GETFL == O_RDWR | O_LARGEFILE (0x8000)");
	ok(fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(d, F_GETFL) & O_APPEND),
	   "F_SETFL O_APPEND shows through the dup (shared open file)");
	ok(fails(dup(999), EBADF), "dup of a closed fd: EBADF");
	ok(fails(dup3(999, 42, 0), EBADF), "dup3 of a closed fd: EBADF");
	ok(fails(fcntl(999, F_GETFD), EBADF), "F_GETFD of a closed fd: EBADF");
	ok(fails(close(999), EBADF), "close of a closed fd: EBADF");
	ok(fails(close(-1), EBADF), "close(-1): EBADF");
	unlink("/tmp/dup_file");
	return done();
}
