/* orphan_pgrp - POSIX job control of orphaned process groups: when a group loses its last
 * member whose parent is in another group of the same session, and a member is stopped, every
 * member gets SIGHUP and then SIGCONT from the kernel (SI_KERNEL); both ways of losing it are
 * covered (the parent exits; the member that was the link exits). In an orphaned group the
 * terminal stop signals (SIGTSTP, SIGTTIN) with the default action are discarded. An orphaned
 * group with no stopped member gets nothing. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static int out = -1; /* the write end of the report pipe, in the watched process */

static void note(int sig, siginfo_t *si, void *uc)
{
	char c = sig == SIGHUP ? 'H' : 'C';

	(void)uc;
	if (si->si_code != SI_KERNEL)
		c += 'a' - 'A'; /* lower case: not from the kernel */
	if (write(out, &c, 1) != 1)
		_exit(3);
}

static void wake(int sig)
{
	(void)sig; /* ends the read with EINTR */
}

static void report(char c)
{
	if (write(out, &c, 1) != 1)
		_exit(3);
}

/* The watched process: handlers, then stop (if @stop) until the kernel continues it. */
static void watched(int ready, pid_t parent, int stop)
{
	struct sigaction sa = {0};

	sa.sa_sigaction = note;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	report('R');
	close(ready);
	if (stop) {
		raise(SIGSTOP);
	} else {
		while (getppid() == parent)
			usleep(1000);
	}
	/* Orphaned now: these must not stop it. */
	raise(SIGTSTP);
	report('T');
	kill(getpid(), SIGTTIN);
	report('I');
	_exit(0);
}

/*
 * One case: the middle process A (in a group of its own if @a_group) makes B (in a group of
 * its own if @b_group), which reports through the pipe; A waits until B is stopped (if
 * @stop) or ready, then exits. Returns what B reported.
 */
static const char *run_case(int a_group, int b_group, int stop)
{
	static char got[32];
	int pfd[2], rfd[2], st;
	size_t n = 0;
	pid_t a;

	if (pipe(pfd) || pipe(rfd))
		return "pipe";
	a = fork();
	if (a == 0) {
		pid_t me = getpid(), b;
		char c;

		if (a_group)
			setpgid(0, 0);
		b = fork();
		if (b == 0) {
			if (b_group)
				setpgid(0, 0);
			close(pfd[0]);
			close(rfd[0]);
			out = pfd[1];
			watched(rfd[1], me, stop);
		}
		close(rfd[1]);
		if (read(rfd[0], &c, 1) != 0) /* B closed its end: ready */
			_exit(4);
		if (stop && (waitpid(b, &st, WUNTRACED) != b || !WIFSTOPPED(st)))
			_exit(5);
		_exit(0);
	}
	close(pfd[1]);
	close(rfd[0]);
	close(rfd[1]);
	if (waitpid(a, &st, 0) != a || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return "middle process failed";
	alarm(20);
	while (n < sizeof(got) - 1) {
		ssize_t r = read(pfd[0], got + n, sizeof(got) - 1 - n);

		if (r <= 0)
			break;
		n += (size_t)r;
	}
	alarm(0);
	got[n] = 0;
	close(pfd[0]);
	return got;
}

int main(void)
{
	const char *got;
	struct sigaction sa = {0};

	sa.sa_handler = wake; /* no SA_RESTART: a report that never ends is cut at 20 s */
	sigaction(SIGALRM, &sa, NULL);

	/*
	 * B's group is orphaned when its parent A (another group, same session) exits. SIGHUP is
	 * taken first, SIGCONT's frame goes on top of its handler's, so 'C' is written first.
	 */
	got = run_case(0, 1, 1);
	ok(strcmp(got, "RCHTI") == 0, "parent exits: SIGHUP then SIGCONT, stops discarded (%s)",
	   got);

	/* A was its group's link (its parent is in another group); A exits, B is stopped. */
	got = run_case(1, 0, 1);
	ok(strcmp(got, "RCHTI") == 0, "the link exits: SIGHUP then SIGCONT too (%s)", got);

	/* Orphaned, nothing stopped: no SIGHUP; the stop signals are still discarded. */
	got = run_case(0, 1, 0);
	ok(strcmp(got, "RTI") == 0, "nothing stopped: no signal, stops discarded (%s)", got);
	return done();
}
