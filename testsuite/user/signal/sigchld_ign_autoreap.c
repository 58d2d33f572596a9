/* sigchld_ign_autoreap - with SIGCHLD set to SIG_IGN (or SA_NOCLDWAIT) exiting children are
 * reaped at once: they never become waitable zombies, and wait() blocks until the last one is
 * gone, then fails with ECHILD. Back at SIG_DFL a child is a zombie again. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static void nothing(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa = {0};
	int st;

	signal(SIGCHLD, SIG_IGN);
	for (int i = 0; i < 3; i++)
		if (fork() == 0) {
			struct timespec ts = {0, (long)(i + 1) * 10000000L};
			nanosleep(&ts, NULL);
			_exit(i);
		}
	errno = 0;
	ok(wait(&st) == -1 && errno == ECHILD, "SIG_IGN: wait blocks, then ECHILD");

	sa.sa_handler = nothing;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(1);
	errno = 0;
	ok(waitpid(pid, &st, 0) == -1 && errno == ECHILD, "SA_NOCLDWAIT: ECHILD too");

	signal(SIGCHLD, SIG_DFL);
	pid = fork();
	if (pid == 0)
		_exit(2);
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 2,
	   "SIG_DFL: a zombie to reap again");
	return done();
}
