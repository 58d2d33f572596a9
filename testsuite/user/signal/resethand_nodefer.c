/* resethand_nodefer - SA_RESETHAND puts the disposition back to SIG_DFL when the handler is
 * entered (a second SIGUSR1 then kills); SA_NODEFER leaves the signal unblocked inside its own
 * handler, so it can nest; sigaction reads back the mask and flags that were set. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static volatile int count, depth, maxdepth, calls;

static void once(int sig)
{
	(void)sig;
	count++;
}

static void nest(int sig)
{
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	if (++calls < 3)
		kill(getpid(), sig);
	depth--;
}

int main(void)
{
	struct sigaction sa = {0}, q;
	int st;

	sa.sa_handler = once;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGHUP);
	ok(sigaction(SIGUSR1, &sa, NULL) == 0, "install with SA_RESETHAND");
	ok(sigaction(SIGUSR1, NULL, &q) == 0 && q.sa_handler == once &&
		   sigismember(&q.sa_mask, SIGHUP) == 1 && sigismember(&q.sa_mask, SIGINT) == 0 &&
		   (q.sa_flags & SA_RESETHAND),
	   "sigaction reads back handler, mask and flags");
	kill(getpid(), SIGUSR1);
	ok(count == 1, "handler ran once");
	ok(sigaction(SIGUSR1, NULL, &q) == 0 && q.sa_handler == SIG_DFL, "then SIG_DFL");
	pid_t pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGUSR1);
		_exit(0);
	}
	ok(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1,
	   "SIG_DFL SIGUSR1 kills (inherited by fork)");

	sa.sa_handler = nest;
	sa.sa_flags = SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	kill(getpid(), SIGUSR2);
	ok(maxdepth == 3, "SA_NODEFER: the handler nests three deep");

	maxdepth = 0;
	calls = 0;
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	kill(getpid(), SIGUSR2);
	ok(maxdepth == 1 && calls == 3, "without it the re-raised signal waits: depth 1, 3 calls");
	return done();
}
