/* sigchld_ign_autoreap - with SIGCHLD set to SIG_IGN (or SA_NOCLDWAIT) exiting children are
 * reaped at once: they never become waitable zombies, and wait() blocks until the last one is
 * gone, then fails with ECHILD (never EINTR from that SIGCHLD). Back at SIG_DFL a child is a zombie again. */
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

/* @n rounds of fork, exit after a short spin, waitpid: 1 if any wait did not end in ECHILD. */
static int nocldwait_rounds(int n)
{
	struct sigaction sa = {0};
	int st, bad = 0;

	sa.sa_handler = nothing;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			for (volatile int k = 0; k < (i % 32) * 50; k++)
				;
			_exit(1);
		}
		errno = 0;
		if (!(waitpid(pid, &st, 0) == -1 && errno == ECHILD))
			bad = 1;
	}
	return bad;
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

	/*
	 * The SIGCHLD (there is a handler) comes with the child's unlinking, so it never ends
	 * the wait with EINTR. Four processes race exits against their waits, many rounds each,
	 * so that a window shows at several harts.
	 */
	signal(SIGCHLD, SIG_DFL);
	int racy = 0;
	for (int w = 0; w < 4; w++)
		if (fork() == 0)
			_exit(nocldwait_rounds(150));
	for (int w = 0; w < 4; w++)
		if (wait(&st) > 0 && WEXITSTATUS(st) != 0)
			racy++;
	ok(racy == 0, "SA_NOCLDWAIT: 4 x 150 rounds, never EINTR");

	pid = fork();
	if (pid == 0)
		_exit(2);
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 2,
	   "SIG_DFL: a zombie to reap again");
	return done();
}
