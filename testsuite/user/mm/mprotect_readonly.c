/* mprotect_readonly - after mprotect(PROT_READ) a page reads its content but a write kills a
 * child with SIGSEGV; PROT_NONE makes reads fault too; mprotect back to read-write works and the
 * content is kept. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

static int touch_in_child(volatile char *addr, int write)
{
	int st = -1;
	pid_t pid = fork();
	if (pid == 0) {
		if (write)
			*addr = 'w';
		_exit(*addr == 'X' ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	return st & ~0x80; /* core-dump bit masked */
}

int main(void)
{
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!ok(p != MAP_FAILED, "mmap 2 pages"))
		return done();
	memset(p, 'X', 2 * PG);
	ok(mprotect(p, PG, PROT_READ) == 0, "mprotect first page PROT_READ");
	ok(p[10] == 'X', "read-only page reads its content");
	int st = touch_in_child(p + 10, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child reading it: fine");
	st = touch_in_child(p + 10, 1);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child writing it: SIGSEGV");
	st = touch_in_child(p + PG + 10, 1);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 1, "child writing the second (still RW) page: fine");
	ok(mprotect(p, PG, PROT_NONE) == 0, "mprotect first page PROT_NONE");
	st = touch_in_child(p + 10, 0);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child reading a PROT_NONE page: SIGSEGV");
	ok(mprotect(p, PG, PROT_READ | PROT_WRITE) == 0, "mprotect back to read-write");
	ok(p[0] == 'X' && p[PG - 1] == 'X', "content kept");
	p[10] = 'Y';
	ok(p[10] == 'Y', "writable again");
	ok(munmap(p, 2 * PG) == 0, "munmap");
	return done();
}
