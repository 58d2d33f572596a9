/* signal_during_exec - a signal sent to a process while its execve is ending the other threads
 * is kept for the new program (Linux queues it; only a group exit drops signals). The other
 * thread is inside a long read of /dev/zero when the main thread execs, so the exec waits for
 * it; meanwhile the parent sends SIGUSR1, blocked in every thread (the mask survives the exec),
 * then reports that it has sent it. The new program must find SIGUSR1 pending, from the
 * parent's pid. A SIGKILL in that window ends the exec'ing process (status: killed). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define BIG (64UL << 20)

static volatile int reading;

static void *reader(void *arg)
{
	int fd = open("/dev/zero", O_RDONLY);

	(void)arg;
	reading = 1;
	for (;;)
		if (read(fd, arg, BIG) < 0)
			break;
	return NULL;
}

/* The process that execs: a thread in a long read, a word to the parent, then execve. */
static void execer(int to_parent, int from_parent, const char *self)
{
	void *buf = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct timespec ts = {0, 20 * 1000 * 1000};
	pthread_t t;
	char fd_s[16];

	if (buf == MAP_FAILED || pthread_create(&t, NULL, reader, buf))
		_exit(20);
	while (!reading)
		sched_yield();
	nanosleep(&ts, NULL); /* the reader is inside read() now */
	snprintf(fd_s, sizeof(fd_s), "%d", from_parent);
	char *args[] = {(char *)self, "new", fd_s, NULL};
	if (write(to_parent, "e", 1) != 1)
		_exit(21);
	execv("/proc/self/exe", args);
	_exit(22);
}

/* One round: returns the exec'd program's exit status (or 128 + signal). */
static int round_with(int sig)
{
	int up[2], down[2], st;
	char c;
	pid_t pid;

	if (pipe(up) || pipe(down))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(up[0]);
		close(down[1]);
		execer(up[1], down[0], "/proc/self/exe");
	}
	close(up[1]);
	close(down[0]);
	if (read(up[0], &c, 1) != 1)
		return -2;
	kill(pid, sig); /* lands while the exec waits for the reader, or after it */
	if (write(down[1], "s", 1) != 1)
		return -3;
	close(up[0]);
	close(down[1]);
	if (waitpid(pid, &st, 0) != pid)
		return -4;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
	sigset_t s;

	if (argc == 3 && strcmp(argv[1], "new") == 0) {
		/* The new program: wait for "sent", then look at what is pending. */
		siginfo_t si;
		struct timespec zero = {0, 0};
		char c;

		if (read(atoi(argv[2]), &c, 1) != 1)
			return 30;
		sigemptyset(&s);
		sigaddset(&s, SIGUSR1);
		if (sigtimedwait(&s, &si, &zero) != SIGUSR1)
			return 31; /* lost */
		return si.si_pid == getppid() && si.si_code == SI_USER ? 0 : 32;
	}

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, NULL);
	int bad = 0, status = 0;
	for (int i = 0; i < 3; i++) {
		status = round_with(SIGUSR1);
		if (status != 0)
			bad++;
	}
	ok(bad == 0, "SIGUSR1 sent during the exec is pending in the new program, 3 rounds (%d)",
	   status);
	status = round_with(SIGKILL);
	ok(status == 128 + SIGKILL, "SIGKILL during the exec kills the process (%d)", status);
	return done();
}
