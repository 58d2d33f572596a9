/* vfork_wait - the vfork wait (cases 159, 164, 163 and 198 of clone3-cases.md).
 * 159: glibc-style vfork, legacy clone(VM|VFORK|SIGCHLD) with newsp = the caller's current sp
 * (and with newsp 0) and junk in ptid/tls/ctid: the quick child sleeps 300 ms (nanosleep by
 * ecall), stores to a shared variable and exits; the parent resumes only after >= 300 ms (250
 * allowed for clock granularity) and sees the store, and the status is the child's.
 * 164: the same with clone3 VM|VFORK and the child's own stack.
 * 163: SIGKILL sent to the vfork parent 100 ms into the child's 300 ms sleep: the parent dies
 * of SIGKILL at once (while still blocked), and the child keeps running: it completes its
 * sleep, writes one byte to a pipe and exits (the pipe then reads EOF).
 * 198: a process whose non-leader thread waits in a clone3 VM|VFORK while the leader calls
 * exit_group(5) 100 ms later: the process exits with status 5 without waiting for the vfork
 * child, and the child continues unaffected (its byte arrives after its sleep, then EOF). */
#define _GNU_SOURCE
#include "clone_test.h"

static volatile int shared_var;
static char stk[65536] __attribute__((aligned(16)));
static char stk2[65536] __attribute__((aligned(16)));
static const char byte_c = 'c';

/* Legacy clone(@flags, sp or 0, junk...): the child sleeps *@ts, stores 77 to shared_var and
 * exits with @code, touching no stack. */
static long vfork_legacy(unsigned long flags, int use_sp, const struct timespec *ts, int code)
{
	register long a0 __asm__("a0") = (long)flags;
	register long a1 __asm__("a1") = 0;
	register long a2 __asm__("a2") = 0x5a5a5a5a;
	register long a3 __asm__("a3") = 0x6b6b6b6b;
	register long a4 __asm__("a4") = 0x7c7c7c7c;
	register long a5 __asm__("a5") = (long)ts;
	register long a6 __asm__("a6") = (long)&shared_var;
	register long t1 __asm__("t1") = code;
	register long t2 __asm__("t2") = use_sp;
	register long a7 __asm__("a7") = 220;
	__asm__ __volatile__("beqz t2, 2f\n\t"
			     "mv a1, sp\n"
			     "2:\n\t"
			     "ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "mv a0, a5\n\t"
			     "li a1, 0\n\t"
			     "li a7, 101\n\t"
			     "ecall\n\t"
			     "li t0, 77\n\t"
			     "sw t0, 0(a6)\n\t"
			     "mv a0, t1\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a1), "+r"(a7)
			     : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(t1), "r"(t2)
			     : "memory", "t0");
	return a0;
}

/* clone3(@args): the child sleeps *@ts, stores 77 to shared_var, writes one byte from @buf to
 * fd @fd if @fd >= 0, and exits with @code, touching no stack. */
static long vfork_c3(struct c3_args *args, const struct timespec *ts, long fd, const char *buf,
		     int code)
{
	register long a0 __asm__("a0") = (long)args;
	register long a1 __asm__("a1") = 88;
	register long a2 __asm__("a2") = (long)ts;
	register long a3 __asm__("a3") = fd;
	register long a4 __asm__("a4") = (long)buf;
	register long a5 __asm__("a5") = code;
	register long a6 __asm__("a6") = (long)&shared_var;
	register long a7 __asm__("a7") = 435;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "mv a0, a2\n\t"
			     "li a1, 0\n\t"
			     "li a7, 101\n\t"
			     "ecall\n\t"
			     "li t0, 77\n\t"
			     "sw t0, 0(a6)\n\t"
			     "bltz a3, 3f\n\t"
			     "mv a0, a3\n\t"
			     "mv a1, a4\n\t"
			     "li a2, 1\n\t"
			     "li a7, 64\n\t"
			     "ecall\n"
			     "3:\n\t"
			     "mv a0, a5\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a7)
			     : "r"(a3), "r"(a4), "r"(a5), "r"(a6)
			     : "memory", "t0");
	return a0;
}

static int g_pipe_w;

/* 198: a non-leader thread blocks in a vfork (raw system calls only). */
static long vfork_thread(void *arg)
{
	static const struct timespec ts = {0, 300000000};
	struct c3_args *a = arg;
	vfork_c3(a, &ts, g_pipe_w, &byte_c, 0);
	return 0;
}

/* Reads the child's byte, then EOF; returns the ms until the byte, or -1. */
static long byte_then_eof(int fd, long t0)
{
	char c = 0, d;
	if (read(fd, &c, 1) != 1 || c != 'c')
		return -1;
	long el = now_ms() - t0;
	if (read(fd, &d, 1) != 0)
		return -1;
	return el;
}

int main(void)
{
	struct timespec ts = {0, 300000000};
	struct c3_args a;
	long pid, t0, el;
	int st, p[2];

	quiet_signals();
	/* 159 */
	for (int use_sp = 1; use_sp >= 0; use_sp--) {
		const char *what = use_sp ? "newsp = current sp" : "newsp 0";
		shared_var = 0;
		t0 = now_ms();
		pid = vfork_legacy(CLONE_VM | CLONE_VFORK | SIGCHLD, use_sp, &ts, 6);
		el = now_ms() - t0;
		ok(pid > 0 && el >= 250, "159 glibc-style vfork, %s: resumed after the sleep",
		   what);
		ok(shared_var == 77, "159 %s: the child's store is seen", what);
		ok(reap(pid) == (6 << 8), "159 %s: status", what);
	}

	/* 164 */
	shared_var = 0;
	a0_init(&a);
	a.flags = CLONE_VM | CLONE_VFORK;
	a.stack = (uint64_t)stk;
	a.stack_size = sizeof(stk);
	t0 = now_ms();
	pid = vfork_c3(&a, &ts, -1, NULL, 4);
	el = now_ms() - t0;
	ok(pid > 0 && el >= 250, "164 clone3 VM|VFORK, own stack: resumed after the sleep");
	ok(shared_var == 77, "164 the child's store is seen");
	ok(reap(pid) == (4 << 8), "164 status");

	/* 163 */
	ok(pipe(p) == 0, "163 pipe");
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		vfork_c3(&a, &ts, p[1], &byte_c, 0);
		_exit(9); /* only after the release: the parent should be dead by then */
	}
	close(p[1]);
	usleep(100000);
	kill((pid_t)pid, SIGKILL);
	ok(waitpid((pid_t)pid, &st, 0) == pid && WIFSIGNALED(st) &&
		   (WTERMSIG(st) & 0x7f) == SIGKILL,
	   "163 the vfork parent died of SIGKILL");
	ok(now_ms() - t0 < 250, "163 it died while the child still slept");
	el = byte_then_eof(p[0], t0);
	ok(el >= 250, "163 the child completed its sleep, wrote and exited");
	close(p[0]);

	/* 198 */
	ok(pipe(p) == 0, "198 pipe");
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		g_pipe_w = p[1];
		a0_init(&a);
		a.flags = CLONE_VM | CLONE_VFORK;
		a.stack = (uint64_t)stk2;
		a.stack_size = sizeof(stk2);
		thread_start(THREAD_FLAGS, new_stack(), vfork_thread, &a, NULL, 0, NULL);
		usleep(100000);
		raw_sys6(SYS_exit_group, 5, 0, 0, 0, 0, 0);
		_exit(6);
	}
	close(p[1]);
	ok(waitpid((pid_t)pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	   "198 exit_group(5) ended the process");
	ok(now_ms() - t0 < 250, "198 without waiting for the vfork child");
	el = byte_then_eof(p[0], t0);
	ok(el >= 250, "198 the vfork child continued: wrote after its sleep and exited");
	close(p[0]);
	ok(no_child(), "no children left");
	return done();
}
