/* clone_misc - more cases of clone3-cases.md: 68 (pidfd at the parent_tid address without
 * PARENT_SETTID), 75 (an unmapped stack is accepted; the child dies of SIGSEGV), 85 (set_tid
 * sizes 64, 65, 1344), 96 (bad set_tid pointer: EFAULT), 111 (a leader that exits early does
 * not make the pidfd readable), 114 (a CLONE_PARENT sibling's pidfd: waitid ECHILD), 125
 * (CHILD_SETTID seen by a VM child's first instruction), 141 (SIGHAND shares handlers, not
 * masks), 145 (a VM child starts without the alternate stack), 161 (a failed exec does not end
 * the vfork wait), 166 (other threads run while one waits in vfork), 169 (a CLONE_PARENT child
 * inherits the caller's exit signal). */
#define _GNU_SOURCE
#include <poll.h>

#include "clone_test.h"

static char stk[65536] __attribute__((aligned(16)));
static volatile int ctid_seen, word, counter, stop_counting;

static long read_ctid(void *arg)
{
	ctid_seen = *(volatile int *)arg;
	return 0;
}

static void h(int s)
{
	(void)s;
}

static long set_handler(void *arg)
{
	struct sigaction sa;
	sigset_t m;
	(void)arg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	raw_sys6(SYS_rt_sigaction, SIGUSR2, (long)&sa, 0, 8, 0, 0);
	sigemptyset(&m);
	sigaddset(&m, SIGURG);
	raw_sys6(SYS_rt_sigprocmask, SIG_BLOCK, (long)&m, 0, 8, 0, 0);
	return 0;
}

static long altstack_probe(void *arg)
{
	stack_t o;
	(void)arg;
	raw_sys6(SYS_sigaltstack, 0, (long)&o, 0, 0, 0, 0);
	return (o.ss_flags & SS_DISABLE) ? 0 : 1;
}

static long count_loop(void *arg)
{
	(void)arg;
	while (!stop_counting) {
		counter++;
		sys_sleep_ms(5);
	}
	return 0;
}

static long failed_exec(void *arg)
{
	static char *const av[] = {"/no/such/program", NULL};
	(void)arg;
	raw_sys6(SYS_execve, (long)av[0], (long)av, 0, 0, 0, 0);
	sys_sleep_ms(200);
	return 127;
}

static long exit2_later(void *arg)
{
	(void)arg;
	sys_sleep_ms(400);
	return 2;
}

int main(void)
{
	struct c3_args a;
	long pid;
	int st, pidfd = -1;

	quiet_signals();
	a0_init(&a);
	a.flags = X_CLONE_PIDFD;
	a.pidfd = a.parent_tid = (uint64_t)&pidfd;
	pid = c3_quick(&a, 88, 0);
	ok(pid > 0 && pidfd >= 0 && reap(pid) == 0, "68 PIDFD at the parent_tid address: OK");
	close(pidfd);

	a0_init(&a);
	a.stack = 0x1000;
	a.stack_size = 0x10;
	pid = c3(&a, 88);
	if (pid == 0) {
		volatile char *sp;
		__asm__ __volatile__("mv %0, sp" : "=r"(sp));
		sp[-1] = 1; /* touch the stack */
		sys_exit_now(0);
	}
	st = reap(pid);
	ok(pid > 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "75 unmapped stack: SIGSEGV");

	{
		pid_t tids[2] = {0, 0};
		a0_init(&a);
		a.set_tid = (uint64_t)tids;
		a.set_tid_size = 64;
		ok(c3(&a, 88) == -EINVAL, "85 set_tid_size 64: EINVAL");
		a.set_tid_size = 65;
		ok(c3(&a, 88) == -EINVAL, "85 set_tid_size 65: EINVAL");
		a.set_tid_size = 1344;
		ok(c3(&a, 88) == -EINVAL, "85 set_tid_size 1344: EINVAL");
		a.set_tid = 8;
		a.set_tid_size = 1;
		ok(c3(&a, 88) == -EFAULT && no_child(), "96 bad set_tid pointer: EFAULT");
	}

	/* 111 */
	a0_init(&a);
	a.flags = X_CLONE_PIDFD;
	a.pidfd = (uint64_t)&pidfd;
	pid = c3(&a, 88);
	if (pid == 0) {
		thread_start(THREAD_FLAGS, new_stack(), exit2_later, NULL, NULL, 0, NULL);
		sys_exit_now(1);
	}
	struct pollfd pf = {pidfd, POLLIN, 0};
	ok(poll(&pf, 1, 150) == 0, "111 leader exited, thread alive: no POLLIN");
	ok(poll(&pf, 1, 5000) == 1 && (pf.revents & POLLIN), "111 POLLIN after the last thread");
	ok(reap(pid) == (2 << 8), "111 status of the last thread");
	close(pidfd);

	/* 114 */
	pid = fork();
	if (pid == 0) {
		siginfo_t si;
		a0_init(&a);
		a.flags = CLONE_PARENT | X_CLONE_PIDFD;
		a.exit_signal = 0;
		a.pidfd = (uint64_t)&pidfd;
		long c = c3_quick(&a, 88, 0);
		long r = raw_sys6(SYS_waitid, X_P_PIDFD, pidfd, (long)&si, WEXITED | __WALL, 0, 0);
		_exit(c > 0 && r == -ECHILD ? 0 : 1);
	}
	ok(reap(pid) == 0, "114 a CLONE_PARENT sibling's pidfd: waitid ECHILD");
	while (waitpid(-1, &st, __WALL) > 0)
		;

	/* 125 */
	pid = thread_start(CLONE_VM | CLONE_CHILD_SETTID | SIGCHLD, stk + sizeof(stk), read_ctid,
			   (void *)&word, NULL, 0, (void *)&word);
	ok(pid > 0 && reap(pid) == 0 && ctid_seen == pid,
	   "125 CHILD_SETTID before the VM child ran");

	/* 141 */
	{
		struct sigaction got;
		sigset_t m;
		pid = thread_start(CLONE_VM | CLONE_SIGHAND | SIGCHLD, stk + sizeof(stk),
				   set_handler, NULL, NULL, 0, NULL);
		reap(pid);
		sigaction(SIGUSR2, NULL, &got);
		sigprocmask(SIG_BLOCK, NULL, &m);
		ok(got.sa_handler == h, "141 SIGHAND: the child's sigaction is the parent's");
		ok(!sigismember(&m, SIGURG), "141 SIGHAND: the child's mask is its own");
	}

	/* 145 */
	{
		static char alt[16384];
		stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0};
		sigaltstack(&ss, NULL);
		pid = thread_start(CLONE_VM | SIGCHLD, stk + sizeof(stk), altstack_probe, NULL,
				   NULL, 0, NULL);
		ok(reap(pid) == 0, "145 VM child: SS_DISABLE");
		ss.ss_flags = SS_DISABLE;
		sigaltstack(&ss, NULL);
	}

	/* 161 */
	{
		long t0 = now_ms();
		pid = thread_start(CLONE_VM | CLONE_VFORK | SIGCHLD, stk + sizeof(stk), failed_exec,
				   NULL, NULL, 0, NULL);
		ok(now_ms() - t0 >= 150 && reap(pid) == (127 << 8),
		   "161 a failed exec does not release the parent");
	}

	/* 166 */
	{
		struct timespec ts = {0, 200000000};
		thread_start(THREAD_FLAGS, new_stack(), count_loop, NULL, NULL, 0, NULL);
		usleep(20000);
		int before = counter;
		a0_init(&a);
		a.flags = CLONE_VM | CLONE_VFORK;
		a.stack = (uint64_t)stk;
		a.stack_size = sizeof(stk);
		pid = c3_sleep_child(&a, 88, &ts, 0);
		ok(counter > before + 5, "166 another thread ran during the vfork wait");
		stop_counting = 1;
		reap(pid);
	}

	/* 169 */
	pid = fork();
	if (pid == 0) {
		/* This process was made with exit signal SIGCHLD; re-clone it with SIGUSR1. */
		_exit(0);
	}
	reap(pid);
	a0_init(&a);
	a.exit_signal = SIGUSR1;
	pid = c3(&a, 88);
	if (pid == 0) {
		a0_init(&a);
		a.flags = CLONE_PARENT;
		a.exit_signal = 0;
		long c = c3_quick(&a, 88, 9);
		_exit(c > 0 ? 0 : 1);
	}
	ok(waitpid((pid_t)pid, &st, __WCLONE) == pid && st == 0, "169 B (exit signal SIGUSR1)");
	usleep(50000);
	long c = waitpid(-1, &st, WNOHANG);
	ok(c == -1 && errno == ECHILD, "169 C is not a SIGCHLD child");
	c = waitpid(-1, &st, __WCLONE);
	ok(c > 0 && WEXITSTATUS(st) == 9, "169 C inherited SIGUSR1: reaped with __WCLONE");
	ok(no_child(), "no children left");
	return done();
}
