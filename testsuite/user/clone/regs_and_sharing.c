/* regs_and_sharing - what the child gets (cases 79, 132-136, 138-146, 171-175 of
 * clone3-cases.md): sp is exactly stack + stack_size, tp is the tls argument (any value) or
 * the caller's, every other register survives the ecall, FP state is copied; VM, FILES, FS,
 * SIGHAND share and their absence copies; CLEAR_SIGHAND resets handlers but keeps SIG_IGN;
 * the mask is inherited and pending signals are not; a VM child loses the alternate stack
 * while fork and vfork children keep it; legacy clone takes tls in a3 and child_tid in a4,
 * drops high flag bits, ignores DETACHED and accepts THREAD with SIGCHLD. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "clone_test.h"

static volatile unsigned long out[24];
static volatile int shared_global;
static char stk[65536] __attribute__((aligned(16)));

/* Child stores sp, tp and s2..s11, t3..t6, a2..a6 into out[] via s1, then exits. */
static long regs_clone(struct c3_args *a, unsigned long base)
{
	register long a0 __asm__("a0") = (long)a;
	register long a1 __asm__("a1") = 88;
	register long a7 __asm__("a7") = 435;
	register long s1 __asm__("s1") = (long)out;
	register long t0 __asm__("t0") = (long)base;
	__asm__ __volatile__(
		"addi s2, t0, 2\n\taddi s3, t0, 3\n\taddi s4, t0, 4\n\taddi s5, t0, 5\n\t"
		"addi s6, t0, 6\n\taddi s7, t0, 7\n\taddi s8, t0, 8\n\taddi s9, t0, 9\n\t"
		"addi s10, t0, 10\n\taddi s11, t0, 11\n\taddi t3, t0, 12\n\taddi t4, t0, 13\n\t"
		"addi t5, t0, 14\n\taddi t6, t0, 15\n\taddi a2, t0, 16\n\taddi a3, t0, 17\n\t"
		"addi a4, t0, 18\n\taddi a5, t0, 19\n\taddi a6, t0, 20\n\t"
		"ecall\n\t"
		"bnez a0, 1f\n\t"
		"sd sp, 0(s1)\n\tsd tp, 8(s1)\n\tsd s2, 16(s1)\n\tsd s3, 24(s1)\n\t"
		"sd s4, 32(s1)\n\tsd s5, 40(s1)\n\tsd s6, 48(s1)\n\tsd s7, 56(s1)\n\t"
		"sd s8, 64(s1)\n\tsd s9, 72(s1)\n\tsd s10, 80(s1)\n\tsd s11, 88(s1)\n\t"
		"sd t3, 96(s1)\n\tsd t4, 104(s1)\n\tsd t5, 112(s1)\n\tsd t6, 120(s1)\n\t"
		"sd a2, 128(s1)\n\tsd a3, 136(s1)\n\tsd a4, 144(s1)\n\tsd a5, 152(s1)\n\t"
		"sd a6, 160(s1)\n\tsd t0, 168(s1)\n\tsd a0, 176(s1)\n\t"
		"li a0, 0\n\tli a7, 93\n\tecall\n"
		"1:\n\t"
		"addi t1, t0, 2\n\tbne s2, t1, 2f\n\taddi t1, t0, 11\n\tbne s11, t1, 2f\n\t"
		"addi t1, t0, 20\n\tbne a6, t1, 2f\n\tj 3f\n"
		"2:\n\tli a0, -1\n"
		"3:"
		: "+r"(a0), "+r"(a1), "+r"(a7), "+r"(s1), "+r"(t0)
		:
		: "memory", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t1",
		  "t3", "t4", "t5", "t6", "a2", "a3", "a4", "a5", "a6");
	return a0;
}

static long child_fs_files(void *arg)
{
	(void)arg;
	raw_sys6(SYS_chdir, (long)"/tmp", 0, 0, 0, 0, 0);
	raw_sys6(SYS_umask, 077, 0, 0, 0, 0, 0);
	return raw_sys6(SYS_openat, AT_FDCWD, (long)"/dev/null", O_RDONLY, 0, 0, 0);
}

static void h(int s)
{
	(void)s;
}

int main(void)
{
	struct c3_args a;
	unsigned long tp;
	long pid;
	int bad = 0;

	quiet_signals();
	__asm__ __volatile__("mv %0, tp" : "=r"(tp));
	a0_init(&a);
	a.flags = CLONE_VM | CLONE_SETTLS;
	a.stack = (uint64_t)stk + 8;
	a.stack_size = 1000;
	a.tls = 0x123456789abcdef1UL;
	pid = regs_clone(&a, 0x5000);
	ok(pid > 0 && reap(pid) == 0, "134 VM|SETTLS child ran, parent registers intact");
	ok(out[0] == (unsigned long)stk + 1008, "79 child sp == stack + stack_size exactly");
	ok(out[1] == 0x123456789abcdef1UL, "132 child tp == tls");
	for (int i = 2; i <= 20; i++)
		if (out[i] != 0x5000UL + (unsigned long)i)
			bad++;
	ok(bad == 0 && out[21] == 0x5000 && out[22] == 0, "134 every register kept, a0 == 0");
	a.tls = 0xffffffc000000000UL;
	pid = regs_clone(&a, 0x6000);
	ok(pid > 0 && reap(pid) == 0 && out[1] == 0xffffffc000000000UL, "132 kernel-range tls ok");
	a.flags = CLONE_VM;
	pid = regs_clone(&a, 0x7000);
	ok(pid > 0 && reap(pid) == 0 && out[1] == tp, "133 no SETTLS: the caller's tp");

	/* 136: FP state. */
	{
		volatile double d = 2.5;
		unsigned long fcsr = 2 << 5; /* round down */
		__asm__ __volatile__("csrw fcsr, %0" ::"r"(fcsr));
		pid = raw_clone(SIGCHLD, NULL, NULL, 0, NULL);
		if (pid == 0) {
			unsigned long f;
			__asm__ __volatile__("csrr %0, fcsr" : "=r"(f));
			_exit(((f >> 5) & 7) == 2 && d * 2 == 5.0 ? 0 : 1);
		}
		ok(reap(pid) == 0, "136 FP state and fcsr copied");
		__asm__ __volatile__("csrw fcsr, zero");
	}

	/* 138-140: VM, FILES, FS. */
	shared_global = 0;
	pid = raw_clone(SIGCHLD, NULL, NULL, 0, NULL);
	if (pid == 0) {
		shared_global = 1;
		_exit(0);
	}
	ok(reap(pid) == 0 && shared_global == 0, "138 without VM the parent's memory is unchanged");
	{
		char cwd[64] = {0};
		pid = thread_start(CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD, stk + sizeof(stk),
				   child_fs_files, NULL, NULL, 0, NULL);
		int st = reap(pid);
		int fd = WEXITSTATUS(st);
		ok(fcntl(fd, F_GETFD) >= 0, "139 FILES: the child's open() is the parent's fd");
		close(fd);
		ok(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/tmp") == 0, "140 FS: chdir shared");
		mode_t m = umask(022);
		ok(m == 077, "140 FS: umask shared");
		chdir("/");
		pid = thread_start(CLONE_VM | SIGCHLD, stk + sizeof(stk), child_fs_files, NULL,
				   NULL, 0, NULL);
		st = reap(pid);
		fd = WEXITSTATUS(st);
		ok(fcntl(fd, F_GETFD) == -1 && errno == EBADF, "139 without FILES: not ours");
		ok(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0 && umask(022) == 022,
		   "140 without FS: cwd and umask unchanged");
	}
	/* 142: CLEAR_SIGHAND. */
	{
		struct sigaction sa, got;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = h;
		sa.sa_flags = SA_RESTART;
		sigaddset(&sa.sa_mask, SIGINT);
		sigaction(SIGUSR2, &sa, NULL);
		signal(SIGHUP, SIG_IGN);
		a0_init(&a);
		a.flags = X_CLONE_CLEAR_SIGHAND;
		pid = c3(&a, 88);
		if (pid == 0) {
			sigaction(SIGUSR2, NULL, &got);
			int okk = got.sa_handler == SIG_DFL && !(got.sa_flags & SA_RESTART) &&
				  !sigismember(&got.sa_mask, SIGINT);
			sigaction(SIGHUP, NULL, &got);
			_exit(okk && got.sa_handler == SIG_IGN ? 0 : 1);
		}
		ok(reap(pid) == 0,
		   "142 CLEAR_SIGHAND: handler SIG_DFL, no flags/mask, SIG_IGN kept");
		pid = raw_clone((1UL << 32) | SIGCHLD, NULL, NULL, 0, NULL);
		if (pid == 0) {
			sigaction(SIGUSR2, NULL, &got);
			_exit(got.sa_handler == h ? 0 : 1);
		}
		ok(reap(pid) == 0, "172 legacy clone drops bit 32: handlers kept");
		signal(SIGHUP, SIG_DFL);
	}
	/* 144: mask inherited, pending not. */
	{
		sigset_t s, old, pend;
		sigemptyset(&s);
		sigaddset(&s, SIGUSR1);
		sigprocmask(SIG_BLOCK, &s, &old);
		raise(SIGUSR1);
		pid = raw_clone(SIGCHLD, NULL, NULL, 0, NULL);
		if (pid == 0) {
			sigset_t m;
			sigprocmask(SIG_BLOCK, NULL, &m);
			sigpending(&pend);
			_exit(sigismember(&m, SIGUSR1) && !sigismember(&pend, SIGUSR1) ? 0 : 1);
		}
		ok(reap(pid) == 0, "144 mask inherited, pending set empty");
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	/* 145: sigaltstack. */
	{
		static char alt[16384];
		stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0};
		sigaltstack(&ss, NULL);
		pid = raw_clone(SIGCHLD, NULL, NULL, 0, NULL);
		if (pid == 0) {
			stack_t o;
			sigaltstack(NULL, &o);
			_exit(o.ss_sp == alt && !(o.ss_flags & SS_DISABLE) ? 0 : 1);
		}
		ok(reap(pid) == 0, "145 fork child keeps the alternate stack");
		ss.ss_flags = SS_DISABLE;
		sigaltstack(&ss, NULL);
	}
	/* 146 and 175 */
	pid = raw_clone(SIGCHLD, NULL, NULL, 0, NULL);
	if (pid == 0)
		_exit(getpgid(0) == getpgid(getppid()) && getsid(0) == getsid(getppid()) ? 0 : 1);
	ok(reap(pid) == 0, "146 same process group and session");
	/* 171: riscv order. */
	{
		volatile int ctid = -1;
		pid = raw_clone(CLONE_VM | CLONE_SETTLS | CLONE_CHILD_SETTID | SIGCHLD,
				stk + sizeof(stk) / 2, NULL, 0x7777, (void *)&ctid);
		if (pid == 0) {
			unsigned long t;
			__asm__ __volatile__("mv %0, tp" : "=r"(t));
			__asm__ __volatile__("mv tp, %0" ::"r"(tp));
			sys_exit_now(t == 0x7777 ? 0 : 1);
		}
		ok(reap(pid) == 0 && ctid == pid, "171 tls in a3, child_tid in a4");
	}
	pid = clone_quick(CLONE_DETACHED | SIGCHLD, NULL, NULL, 0, NULL, 0);
	ok(pid > 0 && reap(pid) == 0, "173 legacy DETACHED ignored");
	pid = clone_quick(THREAD_FLAGS | SIGCHLD, stk + sizeof(stk), NULL, 0, NULL, 0);
	usleep(50000);
	ok(pid > 0 && waitpid((pid_t)pid, NULL, __WALL) == -1 && errno == ECHILD,
	   "174 legacy THREAD with SIGCHLD: OK, not waitable");
	ok(no_child(), "no children left");
	return done();
}
