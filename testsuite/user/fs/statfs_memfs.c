/* statfs_memfs - statfs/fstatfs as Linux answers them for its memory file systems and internal
 * ones: type magic, 4 KiB blocks, name length 255, ST_VALID (and ST_RELATIME on a mounted
 * tmpfs); a tmpfs counts the pages and inodes its files use (1 MiB written: 256 blocks fewer
 * free, one inode fewer; all back after unlink); procfs has no blocks; a pipe reports pipefs.
 * Errors: ENOENT, ENOTDIR, EFAULT for a bad name or buffer, EBADF. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

#define TMPFS_MAGIC 0x01021994
#define PROC_MAGIC  0x9fa0
#define PIPE_MAGIC  0x50495045

int main(void)
{
	struct statfs a, b, c;
	static char buf[1 << 20];
	int p[2];

	ok(statfs("/tmp", &a) == 0, "statfs /tmp");
	ok(a.f_type == TMPFS_MAGIC && a.f_bsize == 4096 && a.f_frsize == 4096 && a.f_namelen == 255,
	   "tmpfs magic, 4 KiB blocks, names up to 255");
	ok(a.f_blocks > 0 && a.f_bfree <= a.f_blocks && a.f_bavail == a.f_bfree && a.f_files > 0 &&
		   a.f_ffree <= a.f_files,
	   "counts consistent");
	ok(a.f_flags == 0x1020, "flags ST_VALID|ST_RELATIME (0x%lx)", (long)a.f_flags);

	int fd = open("/tmp/statfs_big", O_CREAT | O_RDWR | O_TRUNC, 0600);
	memset(buf, 'x', sizeof(buf));
	ok(fd >= 0 && write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "write 1 MiB");
	ok(fstatfs(fd, &b) == 0, "fstatfs on the file");
	ok(a.f_bfree - b.f_bfree == 256, "256 blocks fewer free (%ld)",
	   (long)(a.f_bfree - b.f_bfree));
	ok(a.f_ffree - b.f_ffree == 1, "one inode fewer free (%ld)", (long)(a.f_ffree - b.f_ffree));
	close(fd);
	unlink("/tmp/statfs_big");
	ok(statfs("/tmp", &c) == 0 && c.f_bfree == a.f_bfree && c.f_ffree == a.f_ffree,
	   "all back after unlink");
	close(open("/tmp/statfs_f", O_CREAT | O_WRONLY, 0600));

	ok(statfs("/", &a) == 0 && a.f_type == TMPFS_MAGIC && a.f_flags == 0x20,
	   "/ is the root tmpfs, flags ST_VALID (0x%lx)", (long)a.f_flags);
	ok(statfs("/proc/self", &a) == 0 && a.f_type == PROC_MAGIC && a.f_blocks == 0 &&
		   a.f_files == 0 && a.f_namelen == 255,
	   "procfs: magic, no blocks, no inode count");
	ok(pipe(p) == 0 && fstatfs(p[0], &a) == 0 && a.f_type == PIPE_MAGIC && a.f_bsize == 4096,
	   "a pipe: pipefs");

	errno = 0;
	ok(statfs("/no/such", &a) == -1 && errno == ENOENT, "missing path: ENOENT");
	errno = 0;
	ok(statfs("/proc/meminfo/x", &a) == -1 && errno == ENOTDIR,
	   "through a procfs file: ENOTDIR");
	errno = 0;
	ok(statfs("/tmp/statfs_f/x", &a) == -1 && errno == ENOTDIR,
	   "through a tmpfs file: ENOTDIR");
	errno = 0;
	ok(statfs((const char *)8, &a) == -1 && errno == EFAULT, "bad name pointer: EFAULT");
	errno = 0;
	ok(syscall(SYS_statfs, "/tmp", 8L) == -1 && errno == EFAULT, "bad buffer: EFAULT");
	errno = 0;
	ok(syscall(SYS_fstatfs, 0, 8L) == -1 && errno == EFAULT, "fstatfs, bad buffer: EFAULT");
	errno = 0;
	ok(fstatfs(-1, &a) == -1 && errno == EBADF, "fstatfs(-1): EBADF");
	errno = 0;
	ok(fstatfs(999, &a) == -1 && errno == EBADF, "fstatfs(999): EBADF");
	unlink("/tmp/statfs_f");
	return done();
}
