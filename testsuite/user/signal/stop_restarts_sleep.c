/* stop_restarts_sleep - a stop and continue (no handler runs) do not interrupt a sleeping
 * child: its nanosleep, pipe read and waitpid are restarted transparently (nanosleep through
 * restart_syscall with the time left) and complete normally. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static void nap_ms(long ms)
{
	struct timespec ts = {0, ms * 1000000L};
	nanosleep(&ts, NULL);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int stop_cont(pid_t pid)
{
	int st;

	nap_ms(40);
	kill(pid, SIGSTOP);
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st))
		return 0;
	kill(pid, SIGCONT);
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int main(void)
{
	int p[2];
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec ts = {0, 150 * 1000000L};
		double t0 = now();
		int r = nanosleep(&ts, NULL);
		_exit(r == 0 && now() - t0 >= 0.149 ? 0 : 1);
	}
	ok(stop_cont(pid), "nanosleep: restarted across stop/continue, full length, returns 0");

	pipe(p);
	pid = fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 && c == 'q' ? 0 : 1);
	}
	close(p[0]);
	ok(kill(pid, SIGSTOP) == 0, "stop the reader");
	nap_ms(20);
	kill(pid, SIGCONT);
	nap_ms(20);
	write(p[1], "q", 1);
	int st;
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "pipe read: restarted, got the byte");
	close(p[1]);
	return done();
}
