/* thread_groups - what a CLONE_THREAD thread is (cases 143, 149, 150, 152-155, 157, 158 of
 * clone3-cases.md): same pid, own tid, same ppid; kill(getpid()) is handled once; a thread
 * cannot be waited for; a thread's exit is silent; a leader that exits first leaves a hidden
 * zombie until the last thread, whose exit code is the group's (Linux >= 6.0); exit_group
 * and SIGKILL from or to any thread end them all; __WNOTHREAD limits wait to the caller's own
 * children; orphans go to init, or to a PR_SET_CHILD_SUBREAPER ancestor; a thread's children
 * stay with the process when the thread exits. Threads here are raw clones that use only
 * system calls. */
#define _GNU_SOURCE
#include <sys/prctl.h>

#include "clone_test.h"

static volatile int shared_tid, shared_pid, shared_ppid, handled, seen_chld;
static volatile int ctid_word;

static long report_ids(void *arg)
{
	(void)arg;
	shared_tid = (int)raw_sys6(SYS_gettid, 0, 0, 0, 0, 0, 0);
	shared_pid = (int)raw_sys6(SYS_getpid, 0, 0, 0, 0, 0, 0);
	shared_ppid = (int)raw_sys6(SYS_getppid, 0, 0, 0, 0, 0, 0);
	sys_sleep_ms(100);
	return 0;
}

static long sleep_then_exit(void *arg)
{
	sys_sleep_ms((long)arg);
	return 2;
}

static long group_exit9(void *arg)
{
	(void)arg;
	raw_sys6(SYS_exit_group, 9, 0, 0, 0, 0, 0);
	return 0;
}

static long sleep_long(void *arg)
{
	(void)arg;
	sys_sleep_ms(5000);
	return 0;
}

/* Forks a process child C (exit 7 after 300 ms), records it, exits 150 ms later. */
static long fork_and_exit(void *arg)
{
	long c = raw_clone(SIGCHLD, NULL, NULL, 0, NULL);
	if (c == 0) {
		sys_sleep_ms(300);
		sys_exit_now(7);
	}
	*(volatile long *)arg = c;
	sys_sleep_ms(150); /* alive while the main thread tries __WNOTHREAD */
	return 0;
}

static void h_usr1(int s)
{
	(void)s;
	handled++;
}

static void h_chld(int s)
{
	(void)s;
	seen_chld++;
}

int main(void)
{
	int st;
	long tid, pid;

	quiet_signals();
	signal(SIGUSR1, h_usr1);
	signal(SIGCHLD, h_chld);
	tid = thread_start(THREAD_FLAGS | CLONE_CHILD_CLEARTID, new_stack(), report_ids, NULL, NULL,
			   0, (void *)&ctid_word);
	ctid_word = (int)tid;
	ok(tid > 0, "143 thread created");
	while (!shared_tid)
		usleep(1000);
	ok(shared_pid == getpid() && shared_tid == tid && shared_tid != getpid(),
	   "143 same pid, own tid");
	ok(shared_ppid == getppid(), "143 same ppid");
	ok(waitpid((pid_t)tid, &st, __WALL) == -1 && errno == ECHILD,
	   "149 wait4(thread tid, __WALL) while it lives: ECHILD");
	kill(getpid(), SIGUSR1);
	usleep(20000);
	ok(handled == 1, "143 kill(getpid()) handled exactly once");
	while (ctid_word)
		futex_wait_shared(&ctid_word, ctid_word, 1000);
	ok(waitpid((pid_t)tid, &st, __WALL) == -1 && errno == ECHILD,
	   "149 after it exited: still ECHILD");
	ok(seen_chld == 0, "154 a thread's exit sends no signal");

	/* 152: the leader exits first; the group's status is the last thread's. */
	pid = fork();
	if (pid == 0) {
		thread_start(THREAD_FLAGS, new_stack(), sleep_then_exit, (void *)300L, NULL, 0,
			     NULL);
		sys_exit_now(1);
	}
	long t0 = now_ms();
	usleep(100000);
	ok(waitpid((pid_t)pid, &st, WNOHANG) == 0, "152 leader gone, thread alive: WNOHANG 0");
	ok(waitpid((pid_t)pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 2,
	   "152 status is the last thread's (2)");
	ok(now_ms() - t0 >= 250, "152 wait returned only after the thread exited");

	/* 153: exit_group from a non-leader. */
	pid = fork();
	if (pid == 0) {
		thread_start(THREAD_FLAGS, new_stack(), sleep_long, NULL, NULL, 0, NULL);
		thread_start(THREAD_FLAGS, new_stack(), group_exit9, NULL, NULL, 0, NULL);
		sys_sleep_ms(5000);
		_exit(1);
	}
	t0 = now_ms();
	ok(waitpid((pid_t)pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 9,
	   "153 exit_group(9) from a thread: status 9");
	ok(now_ms() - t0 < 2000, "153 every thread ended at once");

	/* 155: SIGKILL to one thread of a 3-thread process. */
	pid = fork();
	if (pid == 0) {
		long t = thread_start(THREAD_FLAGS, new_stack(), sleep_long, NULL, NULL, 0, NULL);
		thread_start(THREAD_FLAGS, new_stack(), sleep_long, NULL, NULL, 0, NULL);
		raw_sys6(SYS_tgkill, getpid(), t, SIGKILL, 0, 0, 0);
		sys_sleep_ms(5000);
		_exit(1);
	}
	ok(waitpid((pid_t)pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	   "155 SIGKILL to one thread kills the group");

	/* 150 and 158: a thread forks C and exits; the process keeps C. */
	{
		volatile long c = 0;
		int cst;
		thread_start(THREAD_FLAGS, new_stack(), fork_and_exit, (void *)&c, NULL, 0, NULL);
		while (!c)
			usleep(1000);
		ok(waitpid((pid_t)c, &cst, WNOHANG | __WNOTHREAD) == -1 && errno == ECHILD,
		   "150 __WNOTHREAD: another thread's child is not ours");
		ok(waitpid((pid_t)c, &cst, 0) == c && WEXITSTATUS(cst) == 7,
		   "158 the creating thread exited: the process still reaps its child");
	}

	/* 157: orphans go to init; with a subreaper ancestor, to it. */
	{
		int p[2];
		char buf[8] = {0};
		ok(pipe(p) == 0, "pipe");
		pid = fork();
		if (pid == 0) {
			if (fork() == 0) {
				usleep(100000);
				int pp = getppid();
				ssize_t n = write(p[1], pp == 1 ? "1" : "x", 1);
				_exit(n == 1 ? 0 : 1);
			}
			_exit(0);
		}
		waitpid((pid_t)pid, &st, 0);
		ok(read(p[0], buf, 1) == 1 && buf[0] == '1', "157 orphan's getppid() is 1");
		int on = -1;
		ok(prctl(PR_GET_CHILD_SUBREAPER, &on) == 0 && on == 0, "subreaper off by default");
		ok(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0, "PR_SET_CHILD_SUBREAPER");
		ok(prctl(PR_GET_CHILD_SUBREAPER, &on) == 0 && on == 1, "PR_GET_CHILD_SUBREAPER: 1");
		pid_t me = getpid();
		pid = fork();
		if (pid == 0) {
			if (fork() == 0) {
				usleep(100000);
				_exit(getppid() == me ? 11 : 12);
			}
			_exit(0);
		}
		waitpid((pid_t)pid, &st, 0);
		pid = wait(&st);
		ok(pid > 0 && WEXITSTATUS(st) == 11,
		   "157 orphan adopted and reaped by the subreaper");
		prctl(PR_SET_CHILD_SUBREAPER, 0);
		close(p[0]);
		close(p[1]);
	}
	{
		char name[16] = {0};
		ok(prctl(PR_SET_NAME, "worker-thread-name-long") == 0, "PR_SET_NAME");
		ok(prctl(PR_GET_NAME, name) == 0 && strcmp(name, "worker-thread-n") == 0,
		   "PR_GET_NAME: 15 bytes kept");
		ok(prctl(0x7fff, 0, 0, 0, 0) == -1 && errno == EINVAL, "unknown prctl: EINVAL");
	}
	ok(no_child(), "no children left");
	return done();
}
