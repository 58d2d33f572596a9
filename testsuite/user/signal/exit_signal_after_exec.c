/* exit_signal_after_exec - a child made with a custom exit signal (clone with SIGUSR1 in the
 * low byte) reports its exit with that signal while the parent runs the program that made it;
 * once the parent has exec'd, the child's exit is reported with SIGCHLD instead (the new
 * program knows nothing of the old choice). The child stays a "clone" child for wait: only
 * __WALL or __WCLONE finds it. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

/* A fork-like child with @sig as exit signal; it runs @fn (which does not return). */
static pid_t clone_with(int sig, void (*fn)(int), int arg)
{
	long pid = syscall(SYS_clone, (long)sig, 0L, 0L, 0L, 0L);

	if (pid == 0)
		fn(arg);
	return (pid_t)pid;
}

static void exit_now(int code)
{
	syscall(SYS_exit, code);
}

/* Wait for EOF on @fd (the new program closes the parent's end), then exit 7. */
static int write_end = -1;

static void exit_after_eof(int fd)
{
	char c;

	close(write_end);

	while (read(fd, &c, 1) > 0)
		;
	syscall(SYS_exit, 7);
}

/* Which of SIGUSR1 and SIGCHLD are pending (blocked): a bit each. */
static int pending_bits(void)
{
	sigset_t p;

	sigpending(&p);
	return (sigismember(&p, SIGUSR1) ? 1 : 0) | (sigismember(&p, SIGCHLD) ? 2 : 0);
}

static void drain(void)
{
	sigset_t s;
	struct timespec zero = {0, 0};

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGCHLD);
	while (sigtimedwait(&s, NULL, &zero) > 0)
		;
}

int main(int argc, char **argv)
{
	sigset_t block;
	siginfo_t si;
	int st;

	if (argc == 5) {
		/* The new program: the old one's child exits now. */
		pid_t pid = atoi(argv[2]);
		int before = atoi(argv[3]);

		ok(before == 1, "before exec: exit reported with SIGUSR1 only (bits %d)", before);
		ok(pending_bits() == 0, "nothing pending after exec");
		ok(waitpid(pid, &st, 0) == -1 && errno == ECHILD, "plain waitpid does not see it");
		close(atoi(argv[4])); /* the child exits */
		si.si_pid = 0;
		ok(waitid(P_PID, (id_t)pid, &si, WEXITED | __WALL) == 0 && si.si_pid == pid &&
			   si.si_status == 7,
		   "__WALL reaps it (status %d)", si.si_status);
		ok(pending_bits() == 2, "after exec: SIGCHLD, not SIGUSR1 (bits %d)",
		   pending_bits());
		return done();
	}

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, NULL);

	/* The program that chose SIGUSR1 is still running: SIGUSR1 it is. */
	pid_t c1 = clone_with(SIGUSR1, exit_now, 5);
	if (c1 < 0 || waitpid(c1, &st, __WCLONE) != c1 || WEXITSTATUS(st) != 5)
		return 1;
	int before = pending_bits();
	drain();

	int pfd[2];
	if (pipe(pfd))
		return 1;
	write_end = pfd[1];
	pid_t c2 = clone_with(SIGUSR1, exit_after_eof, pfd[0]);
	if (c2 < 0)
		return 1;
	close(pfd[0]);

	char pid_s[16], before_s[16], fd_s[16];
	snprintf(pid_s, sizeof(pid_s), "%d", (int)c2);
	snprintf(before_s, sizeof(before_s), "%d", before);
	snprintf(fd_s, sizeof(fd_s), "%d", pfd[1]);
	char *args[] = {argv[0], "after", pid_s, before_s, fd_s, NULL};
	execv("/proc/self/exe", args);
	return 2;
}
