/* sigreturn_bad_frame - rt_sigreturn with the stack pointer on unmapped memory (no frame to
 * read) kills the caller with SIGSEGV; the kernel and the parent carry on. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		__asm__ volatile("li sp, 0x1000\n"
				 "li a7, %0\n"
				 "ecall\n"
				 "1: j 1b\n"
				 :
				 : "i"(SYS_rt_sigreturn)
				 : "memory");
		_exit(0);
	}
	ok(waitpid(pid, &st, 0) == pid, "waitpid");
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "killed by SIGSEGV");
	return done();
}
