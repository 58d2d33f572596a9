/* parent_orphan - CLONE_PARENT siblings (cases 168, 170 and 189 of clone3-cases.md). The test
 * program's parent is the runner's init (pid 1), so every CLONE_PARENT call is made from a
 * child of the test, never from a child of init.
 * 168: B, a fork child of the test T, calls legacy clone(PARENT|SIGCHLD, 0): C's getppid() is
 * T, B's waitpid(C, __WALL) is ECHILD, and T reaps C with waitpid(-1, 0). When B was created by
 * clone3 with exit_signal SIGUSR1, the SIGCHLD in B's clone flags is ignored: C inherits
 * SIGUSR1, T's handler runs, waitpid(C, 0) is ECHILD and waitpid(C, __WCLONE) reaps it.
 * 170/189: T forks A, A forks B, B calls clone3(PARENT, exit_signal 0) to make C, a child of
 * A; C sees getppid() == A and B cannot wait for it (167); A, told by C through a second pipe
 * that C has looked, exits without waiting for C's exit; C is then
 * reparented to init: its getppid() becomes 1. C reports through a pipe and exits; init reaps
 * it (the pipe reads EOF once C is gone). */
#define _GNU_SOURCE
#include "clone_test.h"

static volatile int usr1_count;

static void on_usr1(int s)
{
	(void)s;
	usr1_count++;
}

/* In B: legacy clone(PARENT|SIGCHLD); C exits 21 if its parent is @grand. B reports C's pid
 * through @fd and exits 0 if it could not wait for C. */
static int b_makes_sibling(pid_t grand, int fd)
{
	long c = raw_clone(CLONE_PARENT | SIGCHLD, NULL, NULL, 0, NULL);
	if (c == 0) {
		usleep(50000);
		_exit(getppid() == grand ? 21 : 22);
	}
	int st, bad = c < 0;
	if (waitpid((pid_t)c, &st, __WALL) != -1 || errno != ECHILD)
		bad = 1;
	pid_t cp = (pid_t)c;
	if (write(fd, &cp, sizeof(cp)) != sizeof(cp))
		bad = 1;
	_exit(bad);
}

int main(void)
{
	struct c3_args a;
	pid_t me = getpid(), c = 0;
	int p[2], st;
	long b;

	quiet_signals();
	/* 168: B is a fork child (exit signal SIGCHLD). */
	ok(pipe(p) == 0, "pipe");
	b = fork();
	if (b == 0)
		b_makes_sibling(me, p[1]);
	ok(reap(b) == 0, "168 B made C and cannot wait for it");
	ok(read(p[0], &c, sizeof(c)) == sizeof(c) && c > 0, "168 C's pid");
	ok(waitpid(-1, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 21,
	   "168 T reaps C with waitpid(-1, 0); C's getppid() was T");

	/* 168: B has exit signal SIGUSR1; C inherits it, not the SIGCHLD of B's call. */
	signal(SIGUSR1, on_usr1);
	a0_init(&a);
	a.exit_signal = SIGUSR1;
	b = c3(&a, 88);
	if (b == 0)
		b_makes_sibling(me, p[1]);
	ok(b > 0 && waitpid((pid_t)b, &st, __WCLONE) == b && WEXITSTATUS(st) == 0,
	   "168 B (exit signal SIGUSR1) made C");
	ok(read(p[0], &c, sizeof(c)) == sizeof(c) && c > 0, "168 C's pid");
	usleep(150000);
	ok(waitpid(c, &st, WNOHANG) == -1 && errno == ECHILD,
	   "168 C is not a SIGCHLD child: waitpid(C, 0) is ECHILD");
	ok(waitpid(c, &st, __WCLONE) == c && WEXITSTATUS(st) == 21, "168 __WCLONE reaps C");
	ok(usr1_count == 2, "168 T got SIGUSR1 for B and for C");
	close(p[0]);
	close(p[1]);

	/* 170, 189 */
	int q[2];
	ok(pipe(p) == 0 && pipe(q) == 0, "pipes");
	pid_t apid = fork();
	if (apid == 0) {
		char go;
		close(p[0]);
		pid_t bpid = fork();
		if (bpid == 0) {
			pid_t grand = getppid();
			a0_init(&a);
			a.flags = CLONE_PARENT;
			a.exit_signal = 0;
			long cc = c3(&a, 88);
			if (cc == 0) {
				char r[2];
				r[0] = getppid() == grand ? 'A' : 'x';
				if (write(q[1], r, 1) != 1)
					_exit(2);
				long t0 = now_ms();
				while (getppid() == grand && now_ms() - t0 < 5000)
					usleep(10000);
				r[1] = getppid() == 1 ? 'I' : 'y';
				_exit(write(p[1], r, 2) == 2 ? 0 : 1);
			}
			int bad = cc < 0;
			if (waitpid((pid_t)cc, &st, __WALL) != -1 || errno != ECHILD)
				bad = 1;
			_exit(bad);
		}
		int ok_b = reap(bpid) == 0;
		/* A exits once C has seen it as its parent, without waiting for C's exit. */
		ok_b &= read(q[0], &go, 1) == 1;
		_exit(ok_b ? 0 : 1);
	}
	close(p[1]);
	close(q[0]);
	close(q[1]);
	ok(reap(apid) == 0, "170 A exited; B could not wait for its sibling C");
	char r[2] = {0, 0}, d;
	ok(read(p[0], r, 2) == 2, "170 C reported");
	ok(r[0] == 'A', "189 C's parent was A (CLONE_PARENT)");
	ok(r[1] == 'I', "170 after A's exit, C's parent is init");
	ok(read(p[0], &d, 1) == 0, "170 C exited");
	close(p[0]);
	ok(no_child(), "no children left");
	return done();
}
