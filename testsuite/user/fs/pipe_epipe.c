/* pipe_epipe - with SIGPIPE ignored (or blocked), writing to a pipe whose read end is closed
 * fails with EPIPE and the process lives on; a blocked SIGPIPE stays pending. */
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	int p[2];
	sigset_t set, pend;

	ok(signal(SIGPIPE, SIG_IGN) != SIG_ERR, "ignore SIGPIPE");
	ok(pipe(p) == 0 && close(p[0]) == 0, "pipe, close the read end");
	errno = 0;
	ok(write(p[1], "x", 1) == -1 && errno == EPIPE, "SIGPIPE ignored: write gives EPIPE");
	errno = 0;
	ok(write(p[1], "xy", 2) == -1 && errno == EPIPE, "again: EPIPE");
	close(p[1]);

	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	ok(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "block SIGPIPE");
	ok(pipe(p) == 0 && close(p[0]) == 0, "pipe, close the read end");
	errno = 0;
	ok(write(p[1], "x", 1) == -1 && errno == EPIPE, "SIGPIPE blocked: write gives EPIPE");
	ok(sigpending(&pend) == 0 && sigismember(&pend, SIGPIPE) == 1, "SIGPIPE is pending");
	ok(signal(SIGPIPE, SIG_IGN) != SIG_ERR && sigpending(&pend) == 0 &&
		   sigismember(&pend, SIGPIPE) == 0,
	   "setting SIG_IGN discards the pending SIGPIPE");
	ok(getpid() > 0, "still alive");
	return done();
}
