/* segv_siglongjmp - a SIGSEGV handler gets si_addr (the faulting address) and si_code
 * SEGV_MAPERR for an unmapped address, SEGV_ACCERR for a write to a read-only page, and
 * leaves with siglongjmp (the mask saved by sigsetjmp comes back); a SIGSEGV while its handler
 * is blocked kills the process. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_code, hits;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	hits++;
	fault_addr = (uintptr_t)si->si_addr;
	fault_code = si->si_code;
	siglongjmp(env, 1);
}

int main(void)
{
	struct sigaction sa = {0};
	static volatile uintptr_t bad_addr = 0x10;
	volatile char *volatile bad = (volatile char *)bad_addr;
	sigset_t cur;
	int st;

	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(env, 1) == 0) {
		(void)*bad;
		ok(0, "no fault?");
	}
	ok(hits == 1, "handler ran");
	ok(fault_addr == 0x10, "si_addr is the faulting address");
	ok(fault_code == SEGV_MAPERR, "unmapped: SEGV_MAPERR");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	ok(sigismember(&cur, SIGSEGV) == 0, "siglongjmp restored the mask");

	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (sigsetjmp(env, 1) == 0) {
		*(volatile char *)(ro + 8) = 1;
		ok(0, "no fault?");
	}
	ok(hits == 2 && fault_addr == (uintptr_t)(ro + 8), "write to read-only page: si_addr");
	ok(fault_code == SEGV_ACCERR, "read-only: SEGV_ACCERR");

	pid_t pid = fork();
	if (pid == 0) {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGSEGV);
		sigprocmask(SIG_BLOCK, &s, NULL);
		(void)*bad;
		_exit(0);
	}
	ok(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	   "a fault with SIGSEGV blocked kills");
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_IGN);
		(void)*bad;
		_exit(0);
	}
	ok(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	   "a fault with SIGSEGV ignored kills");
	return done();
}
