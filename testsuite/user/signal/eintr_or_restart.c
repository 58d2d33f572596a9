/* eintr_or_restart - a signal handler interrupting a blocking call: pipe read and write, wait4
 * return EINTR without SA_RESTART and are restarted with it; nanosleep, clock_nanosleep, ppoll,
 * pselect6 and sigsuspend return EINTR even with SA_RESTART (nanosleep leaves the time left in
 * rem). The signal is SIGALRM from a 30 ms ITIMER_REAL; the restarted calls complete when a
 * child provides what they wait for after 400 ms (a margin for loaded hosts). */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static volatile int alrm;

static void on_alrm(int sig)
{
	(void)sig;
	alrm++;
}

static void arm(int restart)
{
	struct sigaction sa = {0};
	struct itimerval it = {{0, 0}, {0, 30000}};

	sa.sa_handler = on_alrm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
	alrm = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void nap_ms(long ms)
{
	struct timespec ts = {0, ms * 1000000L};
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* A child that writes one byte to @fd after 400 ms (or just exits with 0 if fd < 0). */
static pid_t later(int fd)
{
	pid_t pid = fork();
	if (pid == 0) {
		nap_ms(400);
		if (fd >= 0)
			write(fd, "x", 1);
		_exit(0);
	}
	return pid;
}

int main(void)
{
	int p[2], st;
	char c, big[65536];
	pid_t pid;

	for (int restart = 0; restart < 2; restart++) {
		const char *how = restart ? "SA_RESTART" : "no SA_RESTART";

		pipe(p);
		pid = later(p[1]);
		arm(restart);
		errno = 0;
		ssize_t n = read(p[0], &c, 1);
		ok(alrm == 1 && (restart ? n == 1 : (n == -1 && errno == EINTR)),
		   "pipe read, %s: %s", how, restart ? "restarted, got the byte" : "EINTR");
		waitpid(pid, &st, 0);
		close(p[0]);

		pid = later(-1);
		arm(restart);
		errno = 0;
		pid_t w = waitpid(pid, &st, 0);
		ok(alrm == 1 && (restart ? w == pid : (w == -1 && errno == EINTR)), "wait4, %s: %s",
		   how, restart ? "restarted, reaped" : "EINTR");
		if (!restart)
			waitpid(pid, &st, 0);

		memset(big, 'y', sizeof(big));
		pipe(p);
		while (1) { /* fill it */
			struct pollfd pf = {p[1], POLLOUT, 0};
			if (poll(&pf, 1, 0) != 1)
				break;
			write(p[1], big, 4096);
		}
		pid = fork();
		if (pid == 0) {
			nap_ms(400);
			read(p[0], big, sizeof(big));
			_exit(0);
		}
		arm(restart);
		errno = 0;
		n = write(p[1], "z", 1);
		ok(alrm == 1 && (restart ? n == 1 : (n == -1 && errno == EINTR)),
		   "pipe write to a full pipe, %s: %s", how, restart ? "restarted" : "EINTR");
		waitpid(pid, &st, 0);
		close(p[0]);
		close(p[1]);

		struct timespec ts = {1, 0}, rem = {0, 0};
		arm(restart);
		errno = 0;
		ok(nanosleep(&ts, &rem) == -1 && errno == EINTR && alrm == 1,
		   "nanosleep, %s: EINTR", how);
		ok(rem.tv_sec == 0 && rem.tv_nsec > 500000000L, "nanosleep rem holds the rest");
		arm(restart);
		ok(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL) == EINTR && alrm == 1,
		   "clock_nanosleep, %s: EINTR", how);

		pipe(p);
		struct pollfd pf = {p[0], POLLIN, 0};
		arm(restart);
		errno = 0;
		ok(poll(&pf, 1, 1000) == -1 && errno == EINTR && alrm == 1, "poll, %s: EINTR", how);
		fd_set rd;
		FD_ZERO(&rd);
		FD_SET(p[0], &rd);
		struct timeval tv = {1, 0};
		arm(restart);
		errno = 0;
		ok(select(p[0] + 1, &rd, NULL, NULL, &tv) == -1 && errno == EINTR && alrm == 1,
		   "select, %s: EINTR", how);
		close(p[0]);
		close(p[1]);

		sigset_t none;
		sigemptyset(&none);
		arm(restart);
		errno = 0;
		ok(sigsuspend(&none) == -1 && errno == EINTR && alrm == 1, "sigsuspend, %s: EINTR",
		   how);
	}
	return done();
}
