/* munmap_split - unmapping the middle page of three leaves the outer pages intact and
 * accessible; a child that touches the middle page dies of SIGSEGV; unmapping the hole again
 * succeeds. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

static int all(const volatile char *p, size_t n, char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/* Status of a child that reads (write == 0) or writes ADDR. */
static int touch_in_child(volatile char *addr, int write)
{
	int st = -1;
	pid_t pid = fork();
	if (pid == 0) {
		if (write)
			*addr = 1;
		_exit(*addr == 1 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	return st & ~0x80; /* core-dump bit masked */
}

int main(void)
{
	char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!ok(p != MAP_FAILED, "mmap 3 pages"))
		return done();
	memset(p, 'A', PG);
	memset(p + PG, 'B', PG);
	memset(p + 2 * PG, 'C', PG);
	ok(munmap(p + PG, PG) == 0, "munmap the middle page");
	ok(all(p, PG, 'A'), "first page intact");
	ok(all(p + 2 * PG, PG, 'C'), "third page intact");
	p[0] = 'a';
	p[3 * PG - 1] = 'c';
	ok(p[0] == 'a' && p[3 * PG - 1] == 'c', "outer pages still writable");
	int st = touch_in_child(p + PG, 0);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child reading the hole: SIGSEGV");
	st = touch_in_child(p + PG + 100, 1);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child writing the hole: SIGSEGV");
	st = touch_in_child(p + 2 * PG + 100, 1);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child writing the third page: fine");
	ok(munmap(p + PG, PG) == 0, "munmap of the hole again: 0");
	ok(munmap(p, 3 * PG) == 0, "munmap over pages and hole: 0");
	st = touch_in_child(p, 0);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child reading the first page now: SIGSEGV");
	return done();
}
