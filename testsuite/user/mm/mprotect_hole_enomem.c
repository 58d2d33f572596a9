/* mprotect_hole_enomem - mprotect over a range with an unmapped hole fails with ENOMEM; Linux
 * has already changed the mapped part before the hole by then (checked through a child's write).
 * A wholly unmapped range is ENOMEM; an unaligned address EINVAL; bad prot bits EINVAL. The raw
 * syscall is used: musl's mprotect() rounds the address down to a page itself. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

static int write_in_child(volatile char *addr)
{
	int st = -1;
	pid_t pid = fork();
	if (pid == 0) {
		*addr = 'w';
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return st & ~0x80; /* core-dump bit masked */
}

static int sys_mprotect(void *a, size_t len, int prot)
{
	return (int)syscall(SYS_mprotect, a, len, prot);
}

int main(void)
{
	char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!ok(p != MAP_FAILED, "mmap 3 pages"))
		return done();
	memset(p, 'X', 3 * PG);
	ok(munmap(p + PG, PG) == 0, "unmap the middle page");
	errno = 0;
	ok(sys_mprotect(p, 3 * PG, PROT_READ) == -1 && errno == ENOMEM,
	   "mprotect across the hole: ENOMEM");
	int st = write_in_child(p);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	   "the page before the hole became read-only anyway (child write: SIGSEGV)");
	st = write_in_child(p + 2 * PG);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the page after the hole is still writable");
	errno = 0;
	ok(sys_mprotect(p + PG, PG, PROT_READ) == -1 && errno == ENOMEM,
	   "mprotect of the hole: ENOMEM");
	errno = 0;
	ok(sys_mprotect(p + 1, PG, PROT_READ) == -1 && errno == EINVAL,
	   "unaligned address: EINVAL");
	errno = 0;
	ok(sys_mprotect(p, PG, 0x100) == -1 && errno == EINVAL, "unknown prot bit: EINVAL");
	ok(sys_mprotect(p, 0, PROT_READ) == 0, "length 0: 0");
	ok(sys_mprotect(p + 2 * PG, PG - 1, PROT_READ) == 0, "length rounds up to the page: 0");
	st = write_in_child(p + 2 * PG);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "which made the whole page read-only");
	ok(munmap(p, 3 * PG) == 0, "munmap");
	return done();
}
