/* sigchld_siginfo - the parent's SA_SIGINFO SIGCHLD handler learns how a child ended:
 * CLD_EXITED with the exit code, CLD_KILLED with the signal (never CLD_DUMPED: the reference
 * kernel has no core dumps, so a SIGQUIT death is CLD_KILLED and the 0x80 bit stays clear),
 * si_pid the child, si_uid its uid; CLD_STOPPED and CLD_CONTINUED for stop and continue. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static volatile int code, status, pid_seen, uid_seen, count;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	code = si->si_code;
	status = si->si_status;
	pid_seen = si->si_pid;
	uid_seen = (int)si->si_uid;
	count++;
}

static void wait_for_count(int n)
{
	sigset_t none;

	sigemptyset(&none);
	while (count < n)
		sigsuspend(&none);
}

int main(void)
{
	struct sigaction sa = {0};
	sigset_t chld;
	int st;

	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	wait_for_count(1);
	ok(code == CLD_EXITED && status == 7, "exit(7): CLD_EXITED, si_status 7");
	ok(pid_seen == pid && uid_seen == (int)getuid(), "si_pid and si_uid of the child");
	waitpid(pid, &st, 0);

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGTERM);
	wait_for_count(2);
	ok(code == CLD_KILLED && status == SIGTERM, "SIGTERM: CLD_KILLED, si_status SIGTERM");
	waitpid(pid, &st, 0);

	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGQUIT);
		_exit(0);
	}
	wait_for_count(3);
	ok(code == CLD_KILLED && status == SIGQUIT, "SIGQUIT: CLD_KILLED (no core dump)");
	ok(waitpid(pid, &st, 0) == pid && st == SIGQUIT, "wait status SIGQUIT without 0x80");

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	wait_for_count(4);
	ok(code == CLD_STOPPED && status == SIGSTOP, "SIGSTOP: CLD_STOPPED, si_status SIGSTOP");
	kill(pid, SIGCONT);
	wait_for_count(5);
	ok(code == CLD_CONTINUED && status == SIGCONT, "SIGCONT: CLD_CONTINUED, si_status SIGCONT");
	kill(pid, SIGKILL);
	wait_for_count(6);
	waitpid(pid, &st, 0);
	ok(code == CLD_KILLED && status == SIGKILL, "SIGKILL: CLD_KILLED");
	return done();
}
