/* itimer_alarm - alarm() returns the seconds left of the previous alarm (rounded to nearest)
 * and 0 cancels it; ITIMER_REAL fires SIGALRM (si_code SI_KERNEL), periodically with an
 * interval; getitimer reads the time left; ITIMER_PROF and ITIMER_VIRTUAL fire SIGPROF and
 * SIGVTALRM after that much CPU time of a busy loop; a bad timer number gives EINVAL. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "tap.h"

static volatile int alrm, prof, vt, alrm_code;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGALRM) {
		alrm++;
		alrm_code = si->si_code;
	}
	if (sig == SIGPROF)
		prof++;
	if (sig == SIGVTALRM)
		vt++;
}

int main(void)
{
	struct sigaction sa = {0};
	struct itimerval it = {{0, 0}, {0, 0}}, q;
	sigset_t none;

	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGPROF, &sa, NULL);
	sigaction(SIGVTALRM, &sa, NULL);
	sigemptyset(&none);

	ok(alarm(5) == 0, "alarm(5): no previous alarm");
	ok(alarm(3) == 5, "alarm(3) returns 5");
	ok(getitimer(ITIMER_REAL, &q) == 0 && q.it_value.tv_sec <= 3 && q.it_value.tv_sec >= 2 &&
		   q.it_interval.tv_sec == 0,
	   "getitimer: 2..3 s left, no interval");
	ok(alarm(0) == 3, "alarm(0) cancels, returns 3");
	ok(getitimer(ITIMER_REAL, &q) == 0 && q.it_value.tv_sec == 0 && q.it_value.tv_usec == 0,
	   "disarmed");

	it.it_value.tv_usec = 20000;
	ok(setitimer(ITIMER_REAL, &it, NULL) == 0, "one-shot 20 ms");
	while (!alrm)
		sigsuspend(&none);
	ok(alrm == 1 && alrm_code == SI_KERNEL, "SIGALRM once, si_code SI_KERNEL");

	alrm = 0;
	it.it_interval.tv_usec = 10000;
	it.it_value.tv_usec = 10000;
	setitimer(ITIMER_REAL, &it, NULL);
	while (alrm < 3)
		sigsuspend(&none);
	it.it_interval.tv_usec = it.it_value.tv_usec = 0;
	ok(setitimer(ITIMER_REAL, &it, &q) == 0 && q.it_interval.tv_usec == 10000,
	   "periodic: three SIGALRMs; the old value shows the interval");

	it.it_value.tv_usec = 30000;
	ok(setitimer(ITIMER_PROF, &it, NULL) == 0, "ITIMER_PROF 30 ms");
	while (!prof)
		;
	ok(prof == 1, "SIGPROF after CPU time");
	ok(setitimer(ITIMER_VIRTUAL, &it, NULL) == 0, "ITIMER_VIRTUAL 30 ms");
	while (!vt)
		;
	ok(vt == 1, "SIGVTALRM after user time");
	errno = 0;
	ok(setitimer(5, &it, NULL) == -1 && errno == EINVAL, "bad timer: EINVAL");
	it.it_value.tv_usec = 1000000;
	errno = 0;
	ok(setitimer(ITIMER_REAL, &it, NULL) == -1 && errno == EINVAL, "tv_usec 1000000: EINVAL");
	return done();
}
