/* mask_nested_order - nested handlers: a SIGUSR1 handler that raises SIGUSR2 (not in its
 * sa_mask) is interrupted by the SIGUSR2 handler at once; a signal named in sa_mask waits until
 * the handler returns. With SIGUSR1 and SIGUSR2 both pending and unblocked together, Linux
 * builds both frames at once, so the last one dequeued (SIGUSR2, the higher number) runs first. */
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>

#include "tap.h"

static char order[16];
static volatile int n;
static volatile int raise_in_usr1;

static void on_usr2(int sig)
{
	(void)sig;
	order[n++] = '2';
}

static void on_usr1(int sig)
{
	(void)sig;
	order[n++] = '1';
	if (raise_in_usr1)
		kill(getpid(), raise_in_usr1);
	order[n++] = 'e';
}

static void on_term(int sig)
{
	(void)sig;
	order[n++] = 't';
}

int main(void)
{
	struct sigaction sa = {0};
	sigset_t set, old;

	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaction(SIGUSR1, &sa, NULL);

	raise_in_usr1 = SIGUSR2;
	kill(getpid(), SIGUSR1);
	order[n] = 0;
	ok(strcmp(order, "12e") == 0,
	   "SIGUSR2 raised inside the SIGUSR1 handler runs nested (12e)");

	n = 0;
	raise_in_usr1 = SIGTERM;
	kill(getpid(), SIGUSR1);
	order[n] = 0;
	ok(strcmp(order, "1et") == 0, "SIGTERM in sa_mask waits for the handler to return (1et)");

	n = 0;
	raise_in_usr1 = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	ok(n == 0, "blocked: nothing delivered");
	sigprocmask(SIG_SETMASK, &old, NULL);
	order[n] = 0;
	ok(strcmp(order, "21e") == 0, "both unblocked at once: SIGUSR2 runs first (21e)");
	sigprocmask(SIG_BLOCK, NULL, &set);
	ok(!sigismember(&set, SIGUSR1) && !sigismember(&set, SIGUSR2), "mask restored after both");
	return done();
}
