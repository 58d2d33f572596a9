/* exec_from_thread - execve in a multithreaded process (cases 112 and section 10 of
 * clone3.md): the other threads end first, a non-leader that execs takes over the leader's
 * pid (getpid() and gettid() both give it in the new program), and the parent sees neither an
 * early exit (pidfd poll stays quiet) nor a changed pid. */
#define _GNU_SOURCE
#include <poll.h>
#include <stdlib.h>

#include "clone_test.h"

static char **g_argv;

static long sleeper(void *arg)
{
	(void)arg;
	sys_sleep_ms(10000);
	return 0;
}

static long exec_self(void *arg)
{
	char *av[] = {g_argv[0], "after", (char *)arg, NULL};
	sys_sleep_ms(50);
	raw_sys6(SYS_execve, (long)g_argv[0], (long)av, 0, 0, 0, 0);
	return 99;
}

int main(int argc, char **argv)
{
	g_argv = argv;
	if (argc > 2 && strcmp(argv[1], "after") == 0) {
		long pid = raw_sys6(SYS_getpid, 0, 0, 0, 0, 0, 0);
		long tid = raw_sys6(SYS_gettid, 0, 0, 0, 0, 0, 0);
		usleep(200000);
		return (pid == tid && pid == atol(argv[2])) ? 33 : 34;
	}
	struct c3_args a;
	int pidfd = -1, st;
	a0_init(&a);
	a.flags = X_CLONE_PIDFD;
	a.pidfd = (uint64_t)&pidfd;
	long pid = c3(&a, 88);
	if (pid == 0) {
		static char num[16];
		snprintf(num, sizeof(num), "%d", getpid());
		thread_start(THREAD_FLAGS, new_stack(), sleeper, NULL, NULL, 0, NULL);
		thread_start(THREAD_FLAGS, new_stack(), exec_self, num, NULL, 0, NULL);
		sys_sleep_ms(10000);
		_exit(1);
	}
	struct pollfd pf = {pidfd, POLLIN, 0};
	ok(poll(&pf, 1, 150) == 0, "112 no POLLIN while a non-leader execs");
	long t0 = now_ms();
	ok(waitpid((pid_t)pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 33,
	   "the new program runs as the leader's pid (getpid == gettid == old pid)");
	ok(now_ms() - t0 < 5000, "the other threads did not hold the process up");
	close(pidfd);
	return done();
}
