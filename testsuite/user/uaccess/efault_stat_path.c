/* efault_stat_path - stat (newfstatat) and open (openat) with a bad path pointer (NULL, an
 * unmapped page, the kernel half, a string running into an unmapped page without its NUL) fail
 * with EFAULT; a good path with a bad stat buffer is EFAULT too. Raw syscalls: the kernel's
 * answer, not the library's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

int main(void)
{
	struct stat st;
	char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED || munmap(m + PG, PG) != 0)
		return 1;
	char *unterminated = m + PG - 4;
	memcpy(unterminated, "/tmp", 4); /* no NUL before the unmapped page */
	const char *bad[] = {NULL, m + PG, (const char *)0xffffffc000000000UL, unterminated};
	const char *name[] = {"NULL", "unmapped page", "kernel half", "string into unmapped page"};

	for (int i = 0; i < 4; i++) {
		errno = 0;
		ok(syscall(SYS_newfstatat, AT_FDCWD, bad[i], &st, 0) == -1 && errno == EFAULT,
		   "newfstatat path %s: EFAULT", name[i]);
		errno = 0;
		ok(syscall(SYS_openat, AT_FDCWD, bad[i], O_RDONLY, 0) == -1 && errno == EFAULT,
		   "openat path %s: EFAULT", name[i]);
	}
	errno = 0;
	ok(syscall(SYS_newfstatat, AT_FDCWD, "/", m + PG, 0) == -1 && errno == EFAULT,
	   "newfstatat into an unmapped buffer: EFAULT");
	errno = 0;
	ok(syscall(SYS_newfstatat, AT_FDCWD, "/", (void *)0xffffffc000000000UL, 0) == -1 &&
		   errno == EFAULT,
	   "newfstatat into the kernel half: EFAULT");
	memcpy(m + PG - 5, "/tmp", 5); /* now NUL-terminated just before the hole */
	ok(syscall(SYS_newfstatat, AT_FDCWD, m + PG - 5, &st, 0) == 0 && S_ISDIR(st.st_mode),
	   "a path ending right before the unmapped page works");
	ok(stat("/tmp", &st) == 0, "libc stat still works");
	return done();
}
