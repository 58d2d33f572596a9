/* ctty_job_control - the console as a controlling terminal, as Linux answers: a program started
 * on /dev/console has none (TIOCGPGRP, TIOCGSID, TIOCNOTTY: ENOTTY; /dev/tty: ENXIO; TIOCSCTTY
 * from a non-leader: EPERM). A new session leader takes it with TIOCSCTTY: it is then the
 * foreground group and the session. TIOCSPGRP: EINVAL, ESRCH, EPERM (another session's group).
 * A background group reading /dev/tty gets SIGTTIN (stopped), or EIO when it ignores SIGTTIN
 * (reads through /dev/console are not checked, as on Linux); with
 * SIGTTOU blocked it may make itself the foreground group. TIOCNOTTY by the leader sends the
 * foreground group SIGHUP and SIGCONT and the session loses the terminal. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

static int report = -1; /* the pipe the session's processes report to */

static void on_signal(int sig)
{
	char c = sig == SIGHUP ? 'H' : sig == SIGCONT ? 'C' : '?';

	if (write(report, &c, 1) != 1)
		_exit(9);
}

static volatile int hupcont; /* signals seen by the background group's process */

static void count_signal(int sig)
{
	on_signal(sig);
	hupcont++;
}

/* In a new session, as its leader: 0, or the number of the first check that failed. */
static int session_leader(void)
{
	int bad = 0, v = 0, st;
	pid_t me = getpid(), bg;
	sigset_t ttou;

	if (setsid() != me)
		return 1;
	if (ioctl(0, TIOCSCTTY, 0) != 0)
		return 2;
	if (ioctl(0, TIOCGPGRP, &v) != 0 || v != me)
		bad = bad ? bad : 1;
	if (ioctl(0, TIOCGSID, &v) != 0 || v != me)
		bad = bad ? bad : 2;
	/* Reads through /dev/console skip job control on Linux: the background reads use this. */
	int t = open("/dev/tty", O_RDWR);
	if (t < 0)
		bad = bad ? bad : 3;
	v = -1;
	if (ioctl(0, TIOCSPGRP, &v) != -1 || errno != EINVAL)
		bad = bad ? bad : 4;
	v = 99999;
	if (ioctl(0, TIOCSPGRP, &v) != -1 || errno != ESRCH)
		bad = bad ? bad : 5;
	v = getpgid(getppid());
	if (ioctl(0, TIOCSPGRP, &v) != -1 || errno != EPERM)
		bad = bad ? bad : 6;

	/* A background group: a read stops it with SIGTTIN. */
	bg = fork();
	if (bg == 0) {
		char c;

		setpgid(0, 0);
		(void)read(t, &c, 1);
		_exit(0);
	}
	if (waitpid(bg, &st, WUNTRACED) != bg || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGTTIN)
		bad = bad ? bad : 7;
	kill(bg, SIGKILL);
	waitpid(bg, &st, 0);

	/* Ignoring SIGTTIN: EIO. Blocking SIGTTOU: it takes the foreground, then reports. */
	bg = fork();
	if (bg == 0) {
		struct sigaction sa = {0};
		char c;
		int r, w = 0;

		setpgid(0, 0);
		signal(SIGTTIN, SIG_IGN);
		errno = 0;
		r = (int)read(t, &c, 1);
		if (r != -1 || errno != EIO)
			_exit(1);
		sigemptyset(&ttou);
		sigaddset(&ttou, SIGTTOU);
		sigprocmask(SIG_BLOCK, &ttou, NULL);
		w = getpgrp();
		if (ioctl(0, TIOCSPGRP, &w) != 0 || tcgetpgrp(0) != getpgrp())
			_exit(2);
		sa.sa_handler = count_signal;
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGCONT, &sa, NULL);
		sigset_t both, none;
		sigemptyset(&both);
		sigaddset(&both, SIGHUP);
		sigaddset(&both, SIGCONT);
		sigprocmask(SIG_BLOCK, &both, &none);
		sigdelset(&none, SIGHUP);
		sigdelset(&none, SIGCONT);
		if (write(report, "R", 1) != 1)
			_exit(3);
		while (hupcont < 2)
			sigsuspend(&none); /* until the leader gives the terminal up */
		if (ioctl(0, TIOCGPGRP, &w) != -1 || errno != ENOTTY)
			_exit(4); /* the session has no terminal now */
		_exit(0);
	}
	char c;
	if (read(report + 100, &c, 1) != 1 || c != 'R') /* report + 100: the read end */
		bad = bad ? bad : 8;
	if (tcgetpgrp(0) != bg)
		bad = bad ? bad : 9;
	if (ioctl(0, TIOCNOTTY) != 0)
		bad = bad ? bad : 10;
	if (waitpid(bg, &st, 0) != bg || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		bad = bad ? bad : 11;
	if (ioctl(0, TIOCGPGRP, &v) != -1 || errno != ENOTTY)
		bad = bad ? bad : 12;
	return bad;
}

int main(void)
{
	int v = 0, p[2], st;
	char got[8] = {0};

	errno = 0;
	ok(ioctl(0, TIOCGPGRP, &v) == -1 && errno == ENOTTY,
	   "no controlling terminal: TIOCGPGRP ENOTTY");
	errno = 0;
	ok(ioctl(0, TIOCGSID, &v) == -1 && errno == ENOTTY, "TIOCGSID: ENOTTY");
	errno = 0;
	ok(ioctl(0, TIOCNOTTY) == -1 && errno == ENOTTY, "TIOCNOTTY: ENOTTY");
	errno = 0;
	ok(open("/dev/tty", O_RDWR) == -1 && errno == ENXIO, "/dev/tty: ENXIO");
	errno = 0;
	ok(ioctl(0, TIOCSCTTY, 0) == -1 && errno == EPERM,
	   "TIOCSCTTY, not a session leader: EPERM");

	/* The test's own group, in the first session: the new session may not make it foreground. */
	setpgid(0, 0);
	/* The read end is the write end + 100, so that both sides know it. */
	if (pipe(p) || dup2(p[0], p[1] + 100) < 0)
		return 1;
	close(p[0]);
	report = p[1];
	pid_t leader = fork();
	if (leader == 0)
		_exit(session_leader());
	ok(waitpid(leader, &st, 0) == leader && WIFEXITED(st), "the session leader ran");
	ok(WEXITSTATUS(st) == 0, "every check in the new session (first failed: %d)",
	   WEXITSTATUS(st));
	close(p[1]);
	int n = 0, r;
	while (n < (int)sizeof(got) - 1 && (r = (int)read(p[1] + 100, got + n, 1)) > 0)
		n += r;
	/* SIGHUP is taken first; SIGCONT's handler frame goes on top of it, so 'C' comes first. */
	ok(n == 2 && got[0] == 'C' && got[1] == 'H',
	   "TIOCNOTTY: the foreground group got SIGHUP and SIGCONT (%s)", got);
	return done();
}
