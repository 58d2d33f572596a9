/* sigtimedwait_queue - sigtimedwait takes a blocked pending signal with its siginfo (sigqueue's
 * value, SI_QUEUE), returns EAGAIN at the timeout, and is woken by a signal sent later (by a
 * child); rt_sigqueueinfo with a forged si_code >= 0 to another process gives EPERM. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	sigset_t set;
	siginfo_t si;
	struct timespec ts = {0, 20000000};
	int st;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	union sigval v = {.sival_int = 99};
	sigqueue(getpid(), SIGRTMIN, v);
	ok(sigtimedwait(&set, &si, &ts) == SIGRTMIN, "takes the pending SIGRTMIN");
	ok(si.si_code == SI_QUEUE && si.si_value.sival_int == 99 && si.si_pid == getpid(),
	   "with its siginfo");
	errno = 0;
	ok(sigtimedwait(&set, &si, &ts) == -1 && errno == EAGAIN, "nothing pending: EAGAIN");

	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		nanosleep(&ts, NULL);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	ok(sigwaitinfo(&set, &si) == SIGUSR1 && si.si_code == SI_USER && si.si_pid == pid,
	   "sigwaitinfo woken by the child's kill");
	waitpid(pid, &st, 0);

	memset(&si, 0, sizeof(si));
	si.si_code = SI_USER;
	errno = 0;
	ok(syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &si) == -1 && errno == EPERM,
	   "forged SI_USER to another process: EPERM");
	return done();
}
