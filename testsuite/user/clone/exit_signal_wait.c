/* exit_signal_wait - clone3's exit_signal (cases 32-42) and who may wait for what (cases
 * 147-151, 38, 41): values above 64 or with high bits are EINVAL and 64 works; exit signal 0
 * and non-SIGCHLD children are visible to wait only with __WALL/__WCLONE; the exit signal
 * arrives with CLD_EXITED/CLD_KILLED siginfo; SIGCHLD ignored auto-reaps only SIGCHLD
 * children; legacy clone takes any exit-signal byte unvalidated (255 signals nobody). */
#define _GNU_SOURCE
#include "clone_test.h"

static volatile int got64, gotusr2, usr1_code, usr1_status, chld_code, chld_status;
static volatile long usr1_pid;

static void h64(int s)
{
	(void)s;
	got64++;
}
static void husr2(int s)
{
	(void)s;
	gotusr2++;
}
static void husr1(int s, siginfo_t *si, void *uc)
{
	(void)s;
	(void)uc;
	usr1_code = si->si_code;
	usr1_status = si->si_status;
	usr1_pid = si->si_pid; /* compared after the reap: the handler may run before c3 returns */
}
static void hchld(int s, siginfo_t *si, void *uc)
{
	(void)s;
	(void)uc;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

static void on(int sig, void (*h)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sigaction(sig, &sa, NULL);
}

static void on_info(int sig, void (*h)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

static long spawn(int sig, int code)
{
	struct c3_args a;
	a0_init(&a);
	a.exit_signal = (uint64_t)sig;
	return c3_quick(&a, 88, code);
}

int main(void)
{
	struct c3_args a;
	int st;
	long pid;

	quiet_signals();
	a0_init(&a);
	a.exit_signal = 0x100;
	ok(c3(&a, 88) == -EINVAL && no_child(), "32 exit_signal 0x100: EINVAL");
	a.exit_signal = 0xf0;
	ok(c3(&a, 88) == -EINVAL && no_child(), "33 exit_signal 0xf0: EINVAL");
	a.exit_signal = 65;
	ok(c3(&a, 88) == -EINVAL && no_child(), "34 exit_signal 65: EINVAL");
	a.exit_signal = 0x80000000UL;
	ok(c3(&a, 88) == -EINVAL && no_child(), "36 exit_signal 0x80000000: EINVAL");
	a.exit_signal = 0xbadc0ded00000000UL;
	ok(c3(&a, 88) == -EINVAL && no_child(), "37 exit_signal 0xbadc0ded00000000: EINVAL");

	on(64, h64);
	pid = spawn(64, 0);
	ok(pid > 0 && reap(pid) == 0, "35 exit_signal 64: OK");
	ok(got64 == 1, "35 the handler of signal 64 ran once");

	pid = spawn(0, 5);
	usleep(50000);
	ok(waitpid((pid_t)pid, &st, WNOHANG) == -1 && errno == ECHILD,
	   "38 exit_signal 0: waitpid without __WCLONE is ECHILD");
	ok(waitpid((pid_t)pid, &st, __WCLONE) == pid && WEXITSTATUS(st) == 5,
	   "38 __WCLONE reaps it");

	on(SIGUSR2, husr2);
	pid = spawn(SIGUSR2, 0);
	ok(pid > 0 && reap(pid) == 0 && gotusr2 == 1, "39 SIGUSR2 exit signal: handler ran");

	on_info(SIGUSR1, husr1);
	a0_init(&a);
	a.exit_signal = SIGUSR1;
	pid = c3(&a, 88);
	if (pid == 0)
		_exit(3);
	ok(reap(pid) == (3 << 8), "40 child exit(3) reaped");
	ok(usr1_code == CLD_EXITED && usr1_status == 3 && usr1_pid == pid,
	   "40 SIGUSR1 siginfo: CLD_EXITED, status 3, si_pid = child");

	on_info(SIGCHLD, hchld);
	a0_init(&a);
	pid = c3(&a, 88);
	if (pid == 0) {
		kill(getpid(), SIGKILL);
		_exit(1);
	}
	st = reap(pid);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "42 child killed: WTERMSIG SIGKILL");
	ok(chld_code == CLD_KILLED && chld_status == SIGKILL, "42 SIGCHLD siginfo CLD_KILLED");

	on(SIGCHLD, SIG_IGN);
	pid = spawn(SIGCHLD, 0);
	usleep(100000);
	ok(waitpid((pid_t)pid, &st, __WALL) == -1 && errno == ECHILD,
	   "41 SIGCHLD ignored: a SIGCHLD child is reaped automatically");
	pid = spawn(SIGUSR1, 4);
	usleep(100000);
	ok(waitpid((pid_t)pid, &st, __WCLONE | WNOHANG) == pid && WEXITSTATUS(st) == 4,
	   "41 a SIGUSR1 child stays a zombie for __WCLONE");
	on(SIGCHLD, SIG_DFL);

	pid = clone_quick(0, NULL, NULL, 0, NULL, 6);
	usleep(50000);
	ok(waitpid((pid_t)pid, &st, 0) == -1 && errno == ECHILD, "147 clone(0): waitpid ECHILD");
	ok(waitpid((pid_t)pid, &st, __WCLONE) == pid && WEXITSTATUS(st) == 6,
	   "147 __WCLONE reaps it with its status");
	gotusr2 = 0;
	pid = clone_quick(255, NULL, NULL, 0, NULL, 0);
	usleep(50000);
	ok(pid > 0 && waitpid((pid_t)pid, &st, 0) == -1 && errno == ECHILD,
	   "148 clone exit signal 255: OK, waitpid ECHILD");
	ok(waitpid((pid_t)pid, &st, __WALL) == pid && st == 0, "148 __WALL reaps it");

	ok(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "151 WNOHANG, no children: ECHILD");
	a0_init(&a);
	pid = c3(&a, 88);
	if (pid == 0) {
		usleep(200000);
		_exit(0);
	}
	ok(waitpid(-1, &st, WNOHANG) == 0, "151 WNOHANG, a running child: 0");
	ok(reap(pid) == 0, "151 reaped later");
	ok(no_child(), "no children left");
	return done();
}
