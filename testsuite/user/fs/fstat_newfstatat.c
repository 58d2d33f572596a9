/* fstat_newfstatat - st_mode's type bits for a regular file, a directory, a character device
 * (/dev/null: rdev 1,3), a pipe and a symlink (with AT_SYMLINK_NOFOLLOW); st_size of a file and
 * a symlink; st_nlink of a new file is 1; newfstatat(fd, "", AT_EMPTY_PATH) describes fd itself
 * (same inode as fstat); "" without AT_EMPTY_PATH is ENOENT; a dirfd-relative path works. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "tap.h"

static int sys_fstatat(int dfd, const char *path, struct stat *st, int flags)
{
	return (int)syscall(SYS_newfstatat, dfd, path, st, flags);
}

int main(void)
{
	struct stat a, b;
	static char data[1234];
	int p[2];

	int fd = open("/tmp/fst_file", O_RDWR | O_CREAT | O_TRUNC, 0640);
	ok(fd >= 0 && write(fd, data, sizeof(data)) == (ssize_t)sizeof(data), "file of 1234 bytes");
	ok(fstat(fd, &a) == 0 && S_ISREG(a.st_mode), "fstat: S_ISREG");
	ok(a.st_size == 1234, "st_size == 1234");
	ok((a.st_mode & 07777) == 0640, "permission bits 0640");
	ok(a.st_nlink == 1, "st_nlink == 1");
	ok(a.st_uid == 0 && a.st_gid == 0, "owned by root");
	memset(&b, 0, sizeof(b));
	ok(sys_fstatat(fd, "", &b, AT_EMPTY_PATH) == 0, "newfstatat(fd, \"\", AT_EMPTY_PATH) == 0");
	ok(b.st_ino == a.st_ino && b.st_dev == a.st_dev && b.st_size == 1234 && S_ISREG(b.st_mode),
	   "describes the same file as fstat");
	errno = 0;
	ok(sys_fstatat(fd, "", &b, 0) == -1 && errno == ENOENT,
	   "\"\" without AT_EMPTY_PATH: ENOENT");
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	ok(sys_fstatat(dfd, "fst_file", &b, 0) == 0 && b.st_ino == a.st_ino,
	   "newfstatat(dirfd of /tmp, \"fst_file\") finds it");
	errno = 0;
	ok(sys_fstatat(fd, "x", &b, 0) == -1 && errno == ENOTDIR, "a file as dirfd: ENOTDIR");
	ok(sys_fstatat(dfd, "", &b, AT_EMPTY_PATH) == 0 && S_ISDIR(b.st_mode),
	   "AT_EMPTY_PATH on a directory fd: S_ISDIR");
	ok(stat("/tmp", &b) == 0 && S_ISDIR(b.st_mode), "stat /tmp: S_ISDIR");
	ok(stat("/dev/null", &b) == 0 && S_ISCHR(b.st_mode), "stat /dev/null: S_ISCHR");
	ok(major(b.st_rdev) == 1 && minor(b.st_rdev) == 3, "/dev/null is device 1,3");
	ok(pipe(p) == 0 && fstat(p[0], &b) == 0 && S_ISFIFO(b.st_mode),
	   "fstat of a pipe: S_ISFIFO");
	ok(symlink("fst_file", "/tmp/fst_link") == 0, "symlink fst_link -> fst_file");
	ok(lstat("/tmp/fst_link", &b) == 0 && S_ISLNK(b.st_mode) && b.st_size == 8,
	   "lstat: S_ISLNK, st_size 8 (the target's length)");
	ok(sys_fstatat(AT_FDCWD, "/tmp/fst_link", &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		   S_ISLNK(b.st_mode),
	   "newfstatat AT_SYMLINK_NOFOLLOW: S_ISLNK");
	ok(sys_fstatat(AT_FDCWD, "/tmp/fst_link", &b, 0) == 0 && b.st_ino == a.st_ino,
	   "newfstatat following the link: the file");
	errno = 0;
	ok(sys_fstatat(AT_FDCWD, "/tmp", &b, 0x1) == -1 && errno == EINVAL, "unknown flag: EINVAL");
	errno = 0;
	ok(fstat(999, &b) == -1 && errno == EBADF, "fstat of a closed fd: EBADF");
	unlink("/tmp/fst_link");
	unlink("/tmp/fst_file");
	return done();
}
