/* pipe_sigpipe - writing to a pipe whose read end is closed raises SIGPIPE; with the default
 * action a child doing it is killed: the parent sees WIFSIGNALED with WTERMSIG == SIGPIPE. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	int p[2], st = -1;

	ok(pipe(p) == 0, "pipe");
	close(p[0]); /* before the fork: no reader anywhere when the child writes */
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		ssize_t n = write(p[1], "x", 1);
		_exit(n == -1 && errno == EPIPE ? 2 : 3); /* not reached on Linux */
	}
	close(p[1]);
	ok(waitpid(pid, &st, 0) == pid, "waitpid");
	st &= ~0x80; /* core-dump bit (never set for SIGPIPE on Linux: it does not dump) */
	ok(WIFSIGNALED(st), "child killed by a signal");
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "WTERMSIG == SIGPIPE");
	return done();
}
