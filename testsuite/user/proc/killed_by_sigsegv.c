/* killed_by_sigsegv - a child that writes or reads through a NULL pointer is killed by SIGSEGV:
 * the parent sees WIFSIGNALED with WTERMSIG == SIGSEGV. The core-dump bit (0x80) is masked off:
 * whether a core is attempted depends on the kernel's configuration. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static int *volatile null_ptr; /* volatile: the compiler cannot see it is NULL */

int main(void)
{
	int st = -1;

	pid_t pid = fork();
	if (pid == 0) {
		*null_ptr = 1;
		_exit(0);
	}
	ok(waitpid(pid, &st, 0) == pid, "waitpid (write to NULL)");
	st &= ~0x80; /* core-dump bit */
	ok(WIFSIGNALED(st), "write to NULL: WIFSIGNALED");
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "write to NULL: WTERMSIG == SIGSEGV");
	ok(st == SIGSEGV, "write to NULL: status == SIGSEGV (core bit masked)");

	pid = fork();
	if (pid == 0) {
		_exit(*null_ptr);
	}
	ok(waitpid(pid, &st, 0) == pid, "waitpid (read from NULL)");
	st &= ~0x80;
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "read from NULL: WTERMSIG == SIGSEGV");

	pid = fork();
	if (pid == 0) {
		void (*fn)(void) = (void (*)(void))(void *)null_ptr;
		fn();
		_exit(0);
	}
	ok(waitpid(pid, &st, 0) == pid, "waitpid (call NULL)");
	st &= ~0x80;
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "jump to NULL: WTERMSIG == SIGSEGV");
	return done();
}
