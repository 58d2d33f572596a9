/* wait_nohang_echild - WNOHANG returns 0 while the child runs; a blocking wait then reaps it;
 * with no children wait fails with ECHILD; waiting for a process that is not our child (init,
 * ourselves) fails with ECHILD. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	int p[2], st = -1;
	char c;

	if (pipe(p) != 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 0 ? 5 : 6); /* blocks until the parent closes */
	}
	close(p[0]);
	ok(pid > 0, "fork");
	ok(waitpid(pid, &st, WNOHANG) == 0, "waitpid(pid, WNOHANG) == 0 while the child runs");
	ok(waitpid(-1, &st, WNOHANG) == 0, "waitpid(-1, WNOHANG) == 0 while the child runs");
	ok(wait4(pid, &st, WNOHANG, NULL) == 0, "wait4(pid, WNOHANG) == 0 while the child runs");
	close(p[1]);
	ok(waitpid(pid, &st, 0) == pid, "blocking waitpid reaps the child");
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 5, "child saw EOF and exited 5");
	errno = 0;
	ok(waitpid(-1, &st, 0) == -1 && errno == ECHILD, "waitpid(-1) with no children: ECHILD");
	errno = 0;
	ok(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "WNOHANG with no children: ECHILD");
	errno = 0;
	ok(wait4(pid, &st, 0, NULL) == -1 && errno == ECHILD, "wait4 on a reaped child: ECHILD");
	errno = 0;
	ok(waitpid(1, &st, 0) == -1 && errno == ECHILD, "waitpid(1) (not our child): ECHILD");
	errno = 0;
	ok(waitpid(getpid(), &st, 0) == -1 && errno == ECHILD, "waitpid(self): ECHILD");
	errno = 0;
	ok(waitpid(pid, &st, 12345678) == -1 && errno == EINVAL,
	   "waitpid with bad options: EINVAL");
	return done();
}
