/* sigkill_sleeping - SIGKILL ends a child blocked in pause(), in a pipe read and in a stop,
 * whatever it blocks or ignores; the parent sees WTERMSIG == SIGKILL. SIGTERM with the default
 * action ends a sleeping child the same way. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static void nap(void)
{
	struct timespec ts = {0, 30 * 1000 * 1000};
	nanosleep(&ts, NULL);
}

static int killed_by(pid_t pid, int sig)
{
	int st;

	nap();
	kill(pid, sig);
	return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

int main(void)
{
	int p[2];
	sigset_t all;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		signal(SIGTERM, SIG_IGN);
		for (;;)
			pause();
	}
	ok(killed_by(pid, SIGKILL), "SIGKILL ends a child in pause() with everything blocked");

	pipe(p);
	pid = fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		read(p[0], &c, 1);
		_exit(3);
	}
	close(p[0]);
	ok(killed_by(pid, SIGKILL), "SIGKILL ends a child blocked in a pipe read");
	close(p[1]);

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	ok(killed_by(pid, SIGTERM), "default SIGTERM ends a child in pause()");

	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGSTOP);
		_exit(4);
	}
	nap();
	ok(killed_by(pid, SIGKILL), "SIGKILL ends a stopped child");
	return done();
}
