/* block_pending_unblock - a blocked signal stays pending (sigpending shows it, a standard
 * signal sent twice is delivered once), and is delivered as soon as sigprocmask unblocks it,
 * before sigprocmask returns; real-time signals queue every instance. */
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>

#include "tap.h"

static volatile int usr1, rt;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

static void on_rt(int sig)
{
	(void)sig;
	rt++;
}

int main(void)
{
	sigset_t set, pend;

	signal(SIGUSR1, on_usr1);
	signal(SIGRTMIN + 1, on_rt);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN + 1);
	ok(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "block SIGUSR1 and SIGRTMIN+1");
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	union sigval v = {0};
	sigqueue(getpid(), SIGRTMIN + 1, v);
	sigqueue(getpid(), SIGRTMIN + 1, v);
	sigqueue(getpid(), SIGRTMIN + 1, v);
	ok(usr1 == 0 && rt == 0, "nothing delivered while blocked");
	ok(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) == 1 &&
		   sigismember(&pend, SIGRTMIN + 1) == 1 && sigismember(&pend, SIGUSR2) == 0,
	   "sigpending shows both");
	ok(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0, "unblock");
	ok(usr1 == 1, "SIGUSR1 delivered once (standard signals do not queue)");
	ok(rt == 3, "SIGRTMIN+1 delivered three times (real-time signals queue)");
	ok(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) == 0, "nothing pending after");

	sigfillset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	sigprocmask(SIG_SETMASK, NULL, &pend);
	ok(sigismember(&pend, SIGKILL) == 0 && sigismember(&pend, SIGSTOP) == 0,
	   "SIGKILL and SIGSTOP cannot be blocked");
	errno = 0;
	ok(sigprocmask(7, &set, NULL) == -1 && errno == EINVAL, "bad how: EINVAL");
	return done();
}
