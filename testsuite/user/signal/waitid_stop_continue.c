/* waitid_stop_continue - waitid and wait4 report a child's stop (WSTOPPED/WUNTRACED) and
 * continue (WCONTINUED) once each, WNOWAIT leaves the event in place, WNOHANG gives 0 with a
 * zeroed siginfo when nothing happened; P_PID, P_PGID and P_ALL select children; bad idtype or
 * options give EINVAL. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	siginfo_t si;
	int st;

	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	ok(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT) == 0 && si.si_pid == pid &&
		   si.si_code == CLD_STOPPED && si.si_status == SIGSTOP && si.si_signo == SIGCHLD,
	   "waitid WSTOPPED|WNOWAIT: CLD_STOPPED, SIGSTOP");
	ok(waitid(P_PGID, 0, &si, WSTOPPED) == 0 && si.si_pid == pid && si.si_code == CLD_STOPPED,
	   "still there for P_PGID (our group)");
	si.si_pid = 123;
	si.si_signo = 9;
	ok(waitid(P_ALL, 0, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0 && si.si_signo == 0,
	   "reported once: WNOHANG gives 0 and a zeroed siginfo");
	ok(wait4(pid, &st, WUNTRACED | WNOHANG, NULL) == 0, "wait4 WUNTRACED: nothing new either");

	kill(pid, SIGCONT);
	ok(waitid(P_PID, pid, &si, WCONTINUED) == 0 && si.si_code == CLD_CONTINUED &&
		   si.si_status == SIGCONT,
	   "waitid WCONTINUED: CLD_CONTINUED");
	kill(pid, SIGSTOP);
	ok(wait4(pid, &st, WUNTRACED, NULL) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	   "wait4 WUNTRACED: WIFSTOPPED, SIGSTOP");
	kill(pid, SIGCONT);
	ok(wait4(pid, &st, WCONTINUED, NULL) == pid && WIFCONTINUED(st), "wait4 WCONTINUED");

	kill(pid, SIGKILL);
	ok(waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 && si.si_code == CLD_KILLED &&
		   si.si_status == SIGKILL,
	   "WEXITED|WNOWAIT: CLD_KILLED, SIGKILL");
	ok(waitid(P_ALL, 0, &si, WEXITED) == 0 && si.si_pid == pid, "then reaped by P_ALL");
	errno = 0;
	ok(waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD, "no children: ECHILD");

	pid = fork();
	if (pid == 0)
		_exit(5);
	ok(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_code == CLD_EXITED && si.si_status == 5,
	   "exit(5): CLD_EXITED, 5");
	errno = 0;
	ok(waitid(7, 0, &si, WEXITED) == -1 && errno == EINVAL, "bad idtype: EINVAL");
	errno = 0;
	ok(waitid(P_ALL, 0, &si, WNOHANG) == -1 && errno == EINVAL, "no event bits: EINVAL");
	return done();
}
