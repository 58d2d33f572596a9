/* pgrp_kill_session - setpgid/getpgid/setsid/getsid and kill to a process group: kill(0, sig)
 * reaches the caller's group, kill(-pgid, sig) another group; a group leader cannot setsid
 * (EPERM); a child can; kill of a missing pid or group is ESRCH; kill(-1, 0) succeeds.
 * (On Linux the runner's init never called setsid: its session and group are 0, and ours too.) */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static pid_t spawn_sleeper(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

int main(void)
{
	int st;
	pid_t a, b;

	ok(getpgid(0) == getpgrp(), "getpgid(0) == getpgrp()");
	ok(getsid(0) == getsid(getpid()) && getsid(0) >= 0, "getsid(0) == getsid(getpid())");
	a = spawn_sleeper();
	b = spawn_sleeper();
	ok(setpgid(a, a) == 0 && getpgid(a) == a, "setpgid(child, child): its own group");
	ok(setpgid(b, a) == 0 && getpgid(b) == a, "second child joins it");
	ok(kill(-1, 0) == 0, "kill(-1, 0) finds someone");
	ok(kill(-a, SIGTERM) == 0, "kill(-pgid, SIGTERM)");
	ok(waitpid(a, &st, 0) == a && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "first ended");
	ok(waitpid(b, &st, 0) == b && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "second ended");
	errno = 0;
	ok(kill(-a, SIGTERM) == -1 && errno == ESRCH, "empty group: ESRCH");
	errno = 0;
	ok(kill(a, 0) == -1 && errno == ESRCH, "reaped pid: ESRCH");

	pid_t c = fork();
	if (c == 0) {
		setpgid(0, 0);
		signal(SIGUSR1, SIG_IGN);
		int r1 = setsid() == -1 && errno == EPERM; /* a group leader */
		pid_t g = fork();
		if (g == 0) {
			pid_t s = setsid();
			_exit(s == getpid() && getsid(0) == getpid() && getpgid(0) == getpid() ? 0
											       : 1);
		}
		int gst;
		waitpid(g, &gst, 0);
		kill(0, SIGUSR1); /* ignored here: reaches only our group */
		_exit(r1 && WIFEXITED(gst) && WEXITSTATUS(gst) == 0 ? 0 : 1);
	}
	ok(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "leader setsid EPERM, its child setsid ok, kill(0) to own group");
	errno = 0;
	ok(setpgid(getpid() + 100000, 0) == -1 && errno == ESRCH, "setpgid of a stranger: ESRCH");
	return done();
}
