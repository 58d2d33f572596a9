/* handler_siginfo_sources - an SA_SIGINFO handler sees who sent the signal: kill gives SI_USER
 * with the sender's pid and uid, tgkill gives SI_TKILL, sigqueue gives SI_QUEUE with the value;
 * the handler runs with its own signal blocked, and the mask is back after it returns. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

static volatile int got_sig, got_code, got_pid, got_uid, got_val, blocked_inside;

static void handler(int sig, siginfo_t *si, void *uc)
{
	sigset_t cur;

	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_uid = (int)si->si_uid;
	got_val = si->si_value.sival_int;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_inside = sigismember(&cur, sig);
}

int main(void)
{
	struct sigaction sa = {0};
	sigset_t cur;

	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	ok(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction SIGUSR1");

	ok(kill(getpid(), SIGUSR1) == 0, "kill self");
	ok(got_sig == SIGUSR1, "handler ran for SIGUSR1");
	ok(got_code == SI_USER, "kill: si_code SI_USER");
	ok(got_pid == getpid(), "kill: si_pid is the sender");
	ok(got_uid == (int)getuid(), "kill: si_uid is the sender's uid");
	ok(blocked_inside == 1, "the signal is blocked inside its handler");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	ok(sigismember(&cur, SIGUSR1) == 0, "and unblocked again after it");

	got_sig = 0;
	ok(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1) == 0, "tgkill self");
	ok(got_sig == SIGUSR1 && got_code == SI_TKILL, "tgkill: si_code SI_TKILL");
	ok(got_pid == getpid(), "tgkill: si_pid is the sender");

	got_sig = 0;
	union sigval v = {.sival_int = 4242};
	ok(sigqueue(getpid(), SIGUSR1, v) == 0, "sigqueue self");
	ok(got_sig == SIGUSR1 && got_code == SI_QUEUE, "sigqueue: si_code SI_QUEUE");
	ok(got_val == 4242, "sigqueue: si_value carried");
	ok(got_pid == getpid(), "sigqueue: si_pid");

	errno = 0;
	ok(kill(getpid(), 65) == -1 && errno == EINVAL, "kill with signal 65: EINVAL");
	errno = 0;
	ok(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL, "sigaction(SIGKILL): EINVAL");
	errno = 0;
	ok(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL, "sigaction(SIGSTOP): EINVAL");
	ok(kill(getpid(), 0) == 0, "kill(self, 0) checks existence");
	return done();
}
