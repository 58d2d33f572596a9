/* sigaltstack_onstack - an SA_ONSTACK handler runs on the alternate stack (sigaltstack reports
 * SS_ONSTACK inside and refuses changes with EPERM there), a handler without SA_ONSTACK runs on
 * the normal stack; SS_DISABLE, and ENOMEM for a stack below MINSIGSTKSZ. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "tap.h"

static char *alt;
static size_t altsize = 65536;
static volatile int on_alt, flags_inside, eperm_inside;

static void handler(int sig)
{
	char local;
	stack_t q, n = {0};

	(void)sig;
	on_alt =
		(uintptr_t)&local >= (uintptr_t)alt && (uintptr_t)&local < (uintptr_t)alt + altsize;
	sigaltstack(NULL, &q);
	flags_inside = q.ss_flags;
	n.ss_flags = SS_DISABLE;
	errno = 0;
	eperm_inside = sigaltstack(&n, NULL) == -1 && errno == EPERM;
}

int main(void)
{
	stack_t ss = {0}, q;
	struct sigaction sa = {0};

	alt = malloc(altsize);
	ok(sigaltstack(NULL, &q) == 0 && q.ss_flags == SS_DISABLE, "initially SS_DISABLE");
	ss.ss_sp = alt;
	ss.ss_size = altsize;
	ok(sigaltstack(&ss, NULL) == 0, "set an alternate stack");
	ok(sigaltstack(NULL, &q) == 0 && q.ss_flags == 0 && q.ss_sp == alt && q.ss_size == altsize,
	   "read back, flags 0 outside it");
	sa.sa_handler = handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	ok(on_alt == 1, "SA_ONSTACK handler runs on the alternate stack");
	ok(flags_inside == SS_ONSTACK, "sigaltstack says SS_ONSTACK inside");
	ok(eperm_inside == 1, "changing it while on it: EPERM");
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	kill(getpid(), SIGUSR2);
	ok(on_alt == 0, "without SA_ONSTACK: the normal stack");
	ss.ss_size = 1024;
	errno = 0;
	ok(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM, "below MINSIGSTKSZ: ENOMEM");
	ss.ss_flags = 77;
	ss.ss_size = altsize;
	errno = 0;
	ok(sigaltstack(&ss, NULL) == -1 && errno == EINVAL, "bad flags: EINVAL");
	ss.ss_flags = SS_DISABLE;
	ok(sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &q) == 0 && q.ss_flags == SS_DISABLE,
	   "SS_DISABLE");
	return done();
}
