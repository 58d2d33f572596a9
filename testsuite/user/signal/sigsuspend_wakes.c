/* sigsuspend_wakes - sigsuspend replaces the mask while it waits, returns -1/EINTR after the
 * handler of a signal that was blocked before the call, and puts the old mask back; a signal
 * blocked by the temporary mask stays pending. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "tap.h"

static volatile int alrm;

static void on_alrm(int sig)
{
	(void)sig;
	alrm++;
}

int main(void)
{
	sigset_t block, wait_mask, cur, pend;
	struct itimerval it = {{0, 0}, {0, 20000}};

	signal(SIGALRM, on_alrm);
	signal(SIGUSR2, on_alrm);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	ok(setitimer(ITIMER_REAL, &it, NULL) == 0, "20 ms ITIMER_REAL");
	sigemptyset(&wait_mask);
	sigaddset(&wait_mask, SIGUSR2);
	kill(getpid(), SIGUSR2);
	errno = 0;
	ok(sigsuspend(&wait_mask) == -1 && errno == EINTR, "sigsuspend returns EINTR");
	ok(alrm == 2, "the handler ran twice: SIGUSR2 at once, then SIGALRM in sigsuspend");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	ok(sigismember(&cur, SIGALRM) == 1 && sigismember(&cur, SIGUSR1) == 1 &&
		   sigismember(&cur, SIGUSR2) == 0,
	   "the old mask is back");
	ok(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR2) == 0,
	   "SIGUSR2 was not blocked before: delivered at once, not pending");
	return done();
}
