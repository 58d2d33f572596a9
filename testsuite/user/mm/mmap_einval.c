/* mmap_einval - the kernel's own checks (raw syscall, not the libc wrapper): length 0, an
 * unaligned MAP_FIXED address, an unaligned offset, neither MAP_PRIVATE nor MAP_SHARED are
 * EINVAL; a bad fd for a file mapping is EBADF; munmap of an unaligned address or length 0 is
 * EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

static long sys_mmap(void *a, size_t len, int prot, int flags, int fd, long off)
{
	errno = 0;
	return syscall(SYS_mmap, a, len, prot, flags, fd, off);
}

int main(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
	char *p = mmap(NULL, 2 * PG, rw, anon, -1, 0);

	if (!ok(p != MAP_FAILED, "mmap 2 pages"))
		return done();
	ok(sys_mmap(NULL, 0, rw, anon, -1, 0) == -1 && errno == EINVAL, "length 0: EINVAL");
	ok(sys_mmap(p + 1, PG, rw, anon | MAP_FIXED, -1, 0) == -1 && errno == EINVAL,
	   "unaligned MAP_FIXED address: EINVAL");
	ok(sys_mmap(NULL, PG, rw, MAP_ANONYMOUS, -1, 0) == -1 && errno == EINVAL,
	   "neither MAP_PRIVATE nor MAP_SHARED: EINVAL");
	int fd = open("/dev/zero", 0);
	ok(sys_mmap(NULL, PG, rw, MAP_PRIVATE, fd, 100) == -1 && errno == EINVAL,
	   "unaligned file offset: EINVAL");
	close(fd);
	ok(sys_mmap(NULL, PG, rw, MAP_PRIVATE, 999, 0) == -1 && errno == EBADF,
	   "file mapping of a bad fd: EBADF");
	long a = sys_mmap(p + 1, PG, rw, anon, -1, 0);
	ok(a != -1 && (a & (long)(PG - 1)) == 0,
	   "unaligned hint without MAP_FIXED: a page address");
	if (a != -1)
		munmap((void *)a, PG);
	errno = 0;
	ok(syscall(SYS_munmap, p + 1, PG) == -1 && errno == EINVAL,
	   "munmap unaligned address: EINVAL");
	errno = 0;
	ok(syscall(SYS_munmap, p, 0) == -1 && errno == EINVAL, "munmap length 0: EINVAL");
	ok(munmap(p, 2 * PG) == 0, "munmap");
	return done();
}
