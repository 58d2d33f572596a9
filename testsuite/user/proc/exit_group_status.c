/* exit_group_status - exit_group(42) called from a child's main path is seen by the parent as
 * exit status 42; so are the exit syscall (single thread) and libc exit(42). Only the low 8
 * bits of the code survive. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static int status_of(pid_t pid)
{
	int st = -1;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

int main(void)
{
	pid_t pid = fork();
	if (pid == 0)
		syscall(SYS_exit_group, 42);
	int st = status_of(pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 42, "exit_group(42): WEXITSTATUS == 42");

	pid = fork();
	if (pid == 0)
		syscall(SYS_exit, 42);
	st = status_of(pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 42, "exit(42) syscall: WEXITSTATUS == 42");

	pid = fork();
	if (pid == 0)
		syscall(SYS_exit_group, 0x1234 + 0x2a - 0x34);
	st = status_of(pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0x2a, "exit_group(0x122a): low 8 bits, 42");

	pid = fork();
	if (pid == 0)
		syscall(SYS_exit_group, -1);
	st = status_of(pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 255, "exit_group(-1): 255");

	pid = fork();
	if (pid == 0)
		exit(42); /* libc exit: flushes, then exit_group */
	st = status_of(pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 42, "libc exit(42): WEXITSTATUS == 42");
	return done();
}
