/* tid_vfork_parent - the tid pointers, set_tid, vfork and CLONE_PARENT (cases 82-97, 119-131,
 * 159-170 of clone3-cases.md): PARENT_SETTID is written before a VM child runs, is ignored on
 * bad or read-only pointers, and lands only in the parent's copy; CHILD_SETTID lands in the
 * child's memory only; CHILD_CLEARTID stores 0 and wakes a shared futex waiter at exit and at
 * exec, writes nothing at clone time, and is not inherited from set_tid_address; set_tid picks
 * a free pid (EEXIST for a live one, EINVAL out of range or more than one level); vfork blocks
 * only until the child exits or execs, a handled signal waits until then; CLONE_PARENT makes a
 * sibling that the grandparent reaps. */
#define _GNU_SOURCE
#include "clone_test.h"

static volatile int ctid = -1, ptid_seen, shared_var, handled_at_ms;
static volatile long t_start;

static long read_ptid(void *arg)
{
	ptid_seen = *(volatile int *)arg;
	return 0;
}

static long sleep_100(void *arg)
{
	(void)arg;
	sys_sleep_ms(100);
	return 0;
}

static char *g_argv0;

/* A VM child: exec this program with "sleep" (raw system calls only). */
static long exec_sleep(void *arg)
{
	char *av[] = {g_argv0, "sleep", NULL};
	(void)arg;
	raw_sys6(SYS_execve, (long)g_argv0, (long)av, 0, 0, 0, 0);
	return 99;
}

static void h_usr1(int s)
{
	(void)s;
	handled_at_ms = (int)(now_ms() - t_start);
}

int main(int argc, char **argv)
{
	static char stk[65536] __attribute__((aligned(16)));
	struct c3_args a;
	volatile int ptid = -1;
	long pid;
	int st;

	if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
		usleep(1000000);
		return 0;
	}
	g_argv0 = argv[0];
	quiet_signals();
	/* 119 */
	pid = thread_start(CLONE_VM | CLONE_PARENT_SETTID | SIGCHLD, stk + sizeof(stk), read_ptid,
			   (void *)&ptid, (void *)&ptid, 0, NULL);
	ok(pid > 0 && reap(pid) == 0 && ptid == pid && ptid_seen == pid,
	   "119 PARENT_SETTID: written before the VM child ran");
	ok(clone_quick(CLONE_PARENT_SETTID | SIGCHLD, NULL, (void *)8, 0, NULL, 0) > 0,
	   "120 bad parent_tid pointer: OK");
	reap(-1);
	{
		int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pid = clone_quick(CLONE_PARENT_SETTID | SIGCHLD, NULL, ro, 0, NULL, 0);
		ok(pid > 0 && reap(pid) == 0 && *ro == 0,
		   "121 read-only parent_tid: OK, unchanged");
	}
	ptid = -1;
	pid = raw_clone(CLONE_PARENT_SETTID | SIGCHLD, NULL, (void *)&ptid, 0, NULL);
	if (pid == 0)
		_exit(ptid == -1 ? 0 : 1);
	ok(reap(pid) == 0 && ptid == pid, "122 PARENT_SETTID without VM: parent's copy only");
	ctid = -1;
	pid = raw_clone(CLONE_CHILD_SETTID | SIGCHLD, NULL, NULL, 0, (void *)&ctid);
	if (pid == 0)
		_exit(ctid == getpid() ? 0 : 1);
	ok(reap(pid) == 0 && ctid == -1, "123 CHILD_SETTID without VM: child's copy only");
	pid = clone_quick(CLONE_CHILD_SETTID | SIGCHLD, NULL, NULL, 0, (void *)8, 3);
	ok(pid > 0 && reap(pid) == (3 << 8), "124 bad child_tid pointer: the child runs");

	/* 126, 127: CHILD_CLEARTID on a thread. */
	ctid = 0x5a5a5a5a;
	pid = thread_start(THREAD_FLAGS | CLONE_CHILD_CLEARTID, new_stack(), sleep_100, NULL, NULL,
			   0, (void *)&ctid);
	usleep(30000);
	ok(pid > 0 && ctid == 0x5a5a5a5a, "127 nothing written at clone time");
	long r = futex_wait_shared(&ctid, 0x5a5a5a5a, 5000);
	ok((r == 0 || r == -EAGAIN) && ctid == 0, "126 CLEARTID: woken, word 0");
	pid = thread_start(THREAD_FLAGS | CLONE_CHILD_CLEARTID, new_stack(), sleep_100, NULL, NULL,
			   0, (void *)8);
	usleep(200000);
	ok(pid > 0, "128 bad clear_child_tid pointer: the process lives on");

	/* 129: cleared at exec. */
	ctid = 1;
	pid = thread_start(CLONE_VM | CLONE_CHILD_CLEARTID | SIGCHLD, stk + sizeof(stk), exec_sleep,
			   NULL, NULL, 0, (void *)&ctid);
	long t0 = now_ms();
	r = futex_wait_shared(&ctid, 1, 5000);
	ok(ctid == 0 && now_ms() - t0 < 900, "129 cleared and woken at exec, before the exit");
	ok(reap(pid) == 0, "129 the exec'd program ran");

	/* 130 */
	{
		static volatile int x = 1;
		raw_sys6(SYS_set_tid_address, (long)&x, 0, 0, 0, 0, 0);
		pid = clone_quick(CLONE_VM | SIGCHLD, stk + sizeof(stk), NULL, 0, NULL, 0);
		ok(pid > 0 && reap(pid) == 0 && x == 1, "130 not inherited from set_tid_address");
	}

	/* 82-97: set_tid. */
	{
		pid_t tids[40];
		memset(tids, 0, sizeof(tids));
		a0_init(&a);
		a.set_tid_size = 1;
		ok(c3(&a, 88) == -EINVAL && no_child(), "82 set_tid NULL, size 1: EINVAL");
		a.set_tid = (uint64_t)tids;
		a.set_tid_size = 0;
		ok(c3(&a, 88) == -EINVAL, "83 set_tid pointer, size 0: EINVAL");
		a.set_tid_size = 33;
		ok(c3(&a, 88) == -EINVAL, "84 size 33: EINVAL");
		a.set_tid = 8;
		ok(c3(&a, 88) == -EINVAL, "84 size 33, bad pointer: EINVAL");
		a.set_tid = (uint64_t)tids;
		a.set_tid_size = 32;
		ok(c3(&a, 88) == -EINVAL, "86 size 32, zeros: EINVAL");
		a.set_tid_size = 2;
		ok(c3(&a, 88) == -EINVAL, "87 size 2: EINVAL");
		a.set_tid = 8;
		ok(c3(&a, 88) == -EFAULT, "87 size 2, bad pointer: EFAULT");
		a.set_tid = (uint64_t)tids;
		a.set_tid_size = 1;
		tids[0] = -1;
		ok(c3(&a, 88) == -EINVAL, "88 [-1]: EINVAL");
		tids[0] = 1;
		ok(c3(&a, 88) == -EEXIST, "89 [1]: EEXIST");
		tids[0] = 32768;
		ok(c3(&a, 88) == -EINVAL, "90 [pid_max]: EINVAL");
		tids[0] = getpid();
		ok(c3(&a, 88) == -EEXIST && no_child(), "93 a live pid: EEXIST");
		pid = clone_quick(SIGCHLD, NULL, NULL, 0, NULL, 0);
		reap(pid);
		tids[0] = (pid_t)pid;
		a.exit_signal = 0x100;
		ok(c3(&a, 88) == -EINVAL, "97 free pid + bad exit_signal: EINVAL");
		a.exit_signal = SIGCHLD;
		long p2 = c3(&a, 88);
		if (p2 == 0)
			_exit(getpid() == tids[0] ? 0 : 1);
		ok(p2 == pid && reap(p2) == 0, "91 a free pid: returned, and the child's getpid()");
		pid = clone_quick(SIGCHLD, NULL, NULL, 0, NULL, 0);
		usleep(30000);
		tids[0] = (pid_t)pid;
		ok(c3(&a, 88) == -EEXIST, "94 an unreaped zombie's pid: EEXIST");
		reap(pid);
		a.flags = THREAD_FLAGS;
		a.exit_signal = 0;
		a.stack = (uint64_t)stk;
		a.stack_size = sizeof(stk);
		pid = c3_quick(&a, 88, 0);
		usleep(30000);
		ok(pid == tids[0], "95 with CLONE_THREAD: the thread's tid");
	}

	/* 159, 164, 165: vfork. */
	{
		struct timespec ts = {0, 300000000};
		a0_init(&a);
		a.flags = CLONE_VM | CLONE_VFORK;
		a.stack = (uint64_t)stk;
		a.stack_size = sizeof(stk);
		t0 = now_ms();
		pid = c3_sleep_child(&a, 88, &ts, 4);
		ok(now_ms() - t0 >= 250, "164 clone3 VM|VFORK: resumed after the child exited");
		ok(reap(pid) == (4 << 8), "164 status");
		a.flags = CLONE_VFORK;
		a.stack = a.stack_size = 0;
		t0 = now_ms();
		pid = c3_sleep_child(&a, 88, &ts, 5);
		ok(now_ms() - t0 >= 250 && reap(pid) == (5 << 8), "165 VFORK without VM waits too");
		a.flags = CLONE_VFORK | THREAD_FLAGS;
		a.exit_signal = 0;
		a.stack = (uint64_t)stk;
		a.stack_size = sizeof(stk);
		ts.tv_nsec = 100000000;
		t0 = now_ms();
		pid = c3_sleep_child(&a, 88, &ts, 0);
		ok(pid > 0 && now_ms() - t0 >= 80,
		   "65 VFORK|THREAD: resumed when the thread exited");
		/* 162: a handled signal during the wait runs after it. */
		signal(SIGUSR1, h_usr1);
		if (fork() == 0) {
			usleep(50000);
			kill(getppid(), SIGUSR1);
			_exit(0);
		}
		a0_init(&a);
		a.flags = CLONE_VM | CLONE_VFORK;
		a.stack = (uint64_t)stk;
		a.stack_size = sizeof(stk);
		ts.tv_nsec = 300000000;
		t_start = now_ms();
		pid = c3_sleep_child(&a, 88, &ts, 0);
		usleep(1000);
		ok(handled_at_ms >= 250, "162 the handler ran only after the vfork release");
		reap(pid);
		wait(&st);
		/* 160: exec releases the parent. */
		pid = thread_start(CLONE_VM | CLONE_VFORK | SIGCHLD, stk + sizeof(stk), exec_sleep,
				   NULL, NULL, 0, NULL);
		ok(now_ms() - t0 < 900 + 300, "160 exec released the parent early");
		ok(reap(pid) == 0, "160 child done");
	}

	/* 167-169: CLONE_PARENT. */
	{
		int p[2];
		pid_t me = getpid(), c = 0;
		ok(pipe(p) == 0, "pipe");
		pid = fork();
		if (pid == 0) {
			a0_init(&a);
			a.flags = CLONE_PARENT;
			a.exit_signal = 0;
			long cp = c3(&a, 88);
			if (cp == 0) {
				usleep(50000);
				_exit(getppid() == me ? 21 : 22);
			}
			int bad = waitpid((pid_t)cp, &st, __WALL) != -1 || errno != ECHILD;
			if (write(p[1], &cp, sizeof(pid_t)) != sizeof(pid_t))
				bad = 1;
			_exit(bad);
		}
		ok(reap(pid) == 0, "167 B cannot wait for its sibling C");
		ok(read(p[0], &c, sizeof(c)) == sizeof(c), "167 C's pid");
		ok(waitpid(c, &st, __WALL) == c && WEXITSTATUS(st) == 21,
		   "167 A reaps C; getppid A");
		close(p[0]);
		close(p[1]);
	}
	ok(no_child(), "no children left");
	return done();
}
