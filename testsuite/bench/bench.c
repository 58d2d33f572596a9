/* bench - the microbenchmarks of `make bench`, one case per run (docs/bench.md).
 *
 *   bench CASE [N]    run CASE N times (default: its own N), print "bench CASE NS_PER_OP"
 *   bench list        print the case names, one a line
 *   bench nop         exit 0 at once (the program the execve case runs)
 *
 * Each case runs a few untimed warm-up iterations, then reads CLOCK_MONOTONIC around N timed
 * iterations and prints the mean time per operation in nanoseconds (an integer) as its only
 * line on stdout. Any unexpected result prints "bench CASE: ..." on stderr and exits 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *case_name;
static const char *self_path;

static void fail(const char *what)
{
	fprintf(stderr, "bench %s: %s: %s\n", case_name, what, errno ? strerror(errno) : "failed");
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		fail("clock_gettime");
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static long page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p > 0 ? p : 4096;
}

/* Wait for pid and require a plain exit with status 0. */
static void reap(pid_t pid)
{
	int st;

	errno = 0;
	if (wait4(pid, &st, 0, NULL) != pid)
		fail("wait4");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		errno = 0;
		fail("child did not exit with status 0");
	}
}

/* ---- null_syscall: getppid through syscall() ---- */

static void null_syscall_run(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

/* ---- vdso_clock_gettime: clock_gettime(CLOCK_MONOTONIC) through the library ---- */

static void vdso_clock_gettime_run(long n)
{
	struct timespec ts;

	for (long i = 0; i < n; i++)
		if (clock_gettime(CLOCK_MONOTONIC, &ts))
			fail("clock_gettime");
}

/* ---- fork_wait: fork, the child _exits at once, the parent waits ---- */

static void fork_wait_run(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			fail("fork");
		if (pid == 0)
			_exit(0);
		reap(pid);
	}
}

/* ---- vfork_wait: raw clone(CLONE_VM | CLONE_VFORK | SIGCHLD) on a separate stack ---- */

static char vfork_stack[16384] __attribute__((aligned(16)));

/* The child runs nothing but exit_group(0), inside the same asm statement, so it never touches
 * the parent's stack or returns into C code on the borrowed one. */
static long clone_vfork_exit(void)
{
	register long a0 __asm__("a0") = CLONE_VM | CLONE_VFORK | SIGCHLD;
	register long a1 __asm__("a1") = (long)(vfork_stack + sizeof(vfork_stack));
	register long a2 __asm__("a2") = 0;
	register long a3 __asm__("a3") = 0;
	register long a4 __asm__("a4") = 0;
	register long a7 __asm__("a7") = SYS_clone;

	__asm__ volatile("ecall\n\t"
			 "bnez a0, 1f\n\t"
			 "li a7, %[nr_exit]\n\t"
			 "li a0, 0\n\t"
			 "ecall\n"
			 "1:"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a4),
			   "r"(a7), [nr_exit] "i"(SYS_exit_group)
			 : "memory");
	return a0;
}

static void vfork_wait_run(long n)
{
	for (long i = 0; i < n; i++) {
		long pid = clone_vfork_exit();

		if (pid < 0) {
			errno = (int)-pid;
			fail("clone");
		}
		reap((pid_t)pid);
	}
}

/* ---- execve: vfork, the child execs this program with "nop", the parent waits ---- */

/* Kept out of the loop so that no loop variable lives across vfork(). */
static __attribute__((noinline)) pid_t vfork_exec_nop(void)
{
	char *args[] = {(char *)self_path, "nop", NULL};
	pid_t pid = vfork();

	if (pid == 0) {
		execve(self_path, args, environ);
		_exit(127);
	}
	return pid;
}

static void execve_run(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = vfork_exec_nop();

		if (pid < 0)
			fail("vfork");
		reap(pid);
	}
}

/* ---- mmap_touch_munmap: 1 MiB anonymous private mapping, one write per page, unmap ---- */

#define MMAP_BYTES (1024 * 1024)

static void mmap_touch_munmap_run(long n)
{
	long ps = page_size();

	for (long i = 0; i < n; i++) {
		volatile char *p = mmap(NULL, MMAP_BYTES, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == (volatile char *)MAP_FAILED)
			fail("mmap");
		for (long off = 0; off < MMAP_BYTES; off += ps)
			p[off] = 1;
		if (munmap((void *)p, MMAP_BYTES) != 0)
			fail("munmap");
	}
}

/* ---- pipe_roundtrip: one byte there and back between two processes over two pipes ---- */

static void read_byte(int fd)
{
	char c;

	errno = 0;
	if (read(fd, &c, 1) != 1)
		fail("read");
}

static void write_byte(int fd)
{
	char c = 'x';

	errno = 0;
	if (write(fd, &c, 1) != 1)
		fail("write");
}

static int ping[2], pong[2];
static pid_t echo_pid;

static void pipe_roundtrip_run(long n)
{
	for (long i = 0; i < n; i++) {
		write_byte(ping[1]);
		read_byte(pong[0]);
	}
}

static void pipe_start(void)
{
	if (pipe(ping) != 0 || pipe(pong) != 0)
		fail("pipe");
	pid_t pid = fork();

	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		char c;

		close(ping[1]);
		close(pong[0]);
		/* Echo every byte until the parent closes its end. */
		while (read(ping[0], &c, 1) == 1)
			if (write(pong[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(ping[0]);
	close(pong[1]);
	echo_pid = pid;
}

static void pipe_stop(void)
{
	close(ping[1]);
	close(pong[0]);
	reap(echo_pid);
}

/* ---- futex_roundtrip: two processes ping-pong through FUTEX_WAIT/WAKE on a shared page ---- */

/* In a MAP_SHARED page: 1 = the child's move, 0 = the parent's, 2 = stop. */
static volatile int *turn;
static pid_t futex_pid;

static void futex_wait_while(int val)
{
	while (__atomic_load_n(turn, __ATOMIC_ACQUIRE) == val)
		if (syscall(SYS_futex, turn, 0 /* FUTEX_WAIT */, val, NULL, NULL, 0) != 0 &&
		    errno != EAGAIN && errno != EINTR)
			fail("futex wait");
}

static void futex_set_wake(int val)
{
	__atomic_store_n(turn, val, __ATOMIC_RELEASE);
	if (syscall(SYS_futex, turn, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0) < 0)
		fail("futex wake");
}

static void futex_roundtrip_run(long n)
{
	for (long i = 0; i < n; i++) {
		futex_set_wake(1);
		futex_wait_while(1);
	}
}

static void futex_start(void)
{
	turn = mmap(NULL, (size_t)page_size(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		    -1, 0);
	if (turn == (volatile int *)MAP_FAILED)
		fail("mmap");
	*turn = 0;
	pid_t pid = fork();

	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		for (;;) {
			futex_wait_while(0);
			if (__atomic_load_n(turn, __ATOMIC_ACQUIRE) == 2)
				_exit(0);
			futex_set_wake(0);
		}
	}
	futex_pid = pid;
}

static void futex_stop(void)
{
	futex_set_wake(2);
	reap(futex_pid);
	munmap((void *)turn, (size_t)page_size());
}

/* ---- cow_fault: one fork over N written pages; the child writes one byte per page ---- */

static uint64_t cow_fault(long pages)
{
	long ps = page_size();
	size_t len = (size_t)pages * (size_t)ps;
	volatile char *buf;
	int fds[2];

	/* Untimed: write twice the memory the case uses and free it, so that the frames the kernel
	 * hands out next have been touched on the host already (the first host access to a guest
	 * frame costs QEMU a host page fault, which would otherwise land in the timed loop). */
	buf = mmap(NULL, 2 * len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == (volatile char *)MAP_FAILED)
		fail("mmap");
	for (size_t off = 0; off < 2 * len; off += (size_t)ps)
		buf[off] = 1;
	munmap((void *)buf, 2 * len);

	buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == (volatile char *)MAP_FAILED)
		fail("mmap");
	for (long i = 0; i < pages; i++) /* each page gets a frame of its own before the fork */
		buf[i * ps] = (char)i;
	if (pipe(fds) != 0)
		fail("pipe");
	pid_t pid = fork();

	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		uint64_t t0 = now_ns();

		for (long i = 0; i < pages; i++)
			buf[i * ps] = (char)(i + 1);
		uint64_t per = (now_ns() - t0) / (uint64_t)pages;

		for (long i = 0; i < pages; i++)
			if (buf[i * ps] != (char)(i + 1))
				_exit(2);
		_exit(write(fds[1], &per, sizeof(per)) == sizeof(per) ? 0 : 1);
	}
	close(fds[1]);
	uint64_t per = 0;

	errno = 0;
	if (read(fds[0], &per, sizeof(per)) != sizeof(per))
		fail("read from the child");
	close(fds[0]);
	reap(pid);
	for (long i = 0; i < pages; i++) /* the parent's copy is untouched */
		if (buf[i * ps] != (char)i) {
			errno = 0;
			fail("the child's writes reached the parent");
		}
	munmap((void *)buf, len);
	return per;
}

/* ---- signal_roundtrip: kill to self, the handler runs, rt_sigreturn ---- */

static volatile long sig_hits;

static void sig_count(int sig)
{
	(void)sig;
	sig_hits++;
}

static void signal_roundtrip_start(void)
{
	struct sigaction sa = {0};

	sa.sa_handler = sig_count;
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		fail("sigaction");
}

static void signal_roundtrip_run(long n)
{
	pid_t pid = getpid();

	for (long i = 0; i < n; i++)
		if (syscall(SYS_kill, pid, SIGUSR1) != 0)
			fail("kill");
}

static void signal_roundtrip_stop(void)
{
	signal(SIGUSR1, SIG_DFL);
}

/* ---- clone3_thread: raw clone3 thread create + exit + futex join ---- */

struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

static char thread_stack[16384] __attribute__((aligned(16)));
static volatile int thread_tid;

/* The thread runs nothing but exit(0) inside the asm statement (no stack, no C). */
static long clone3_thread_exit(struct clone3_args *a)
{
	register long a0 __asm__("a0") = (long)a;
	register long a1 __asm__("a1") = sizeof(*a);
	register long a7 __asm__("a7") = 435;

	__asm__ volatile("ecall\n\t"
			 "bnez a0, 1f\n\t"
			 "li a7, %[nr_exit]\n\t"
			 "li a0, 0\n\t"
			 "ecall\n"
			 "1:"
			 : "+r"(a0), "+r"(a7)
			 : "r"(a1), [nr_exit] "i"(SYS_exit)
			 : "memory");
	return a0;
}

static void clone3_thread_run(long n)
{
	struct clone3_args a;
	unsigned long tp;

	__asm__ volatile("mv %0, tp" : "=r"(tp));
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
		  CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	a.child_tid = a.parent_tid = (uint64_t)&thread_tid;
	a.stack = (uint64_t)thread_stack;
	a.stack_size = sizeof(thread_stack);
	a.tls = tp;
	for (long i = 0; i < n; i++) {
		long tid = clone3_thread_exit(&a);

		if (tid < 0) {
			errno = (int)-tid;
			fail("clone3");
		}
		/* The join: the kernel clears thread_tid and wakes us when the thread is gone. */
		for (int v; (v = thread_tid) != 0;)
			syscall(SYS_futex, &thread_tid, 0 /* FUTEX_WAIT */, v, NULL, NULL, 0);
	}
}

/* ---- pthread_create_join ---- */

static void *pthread_nop(void *arg)
{
	return arg;
}

static void pthread_create_join_run(long n)
{
	for (long i = 0; i < n; i++) {
		pthread_t t;
		void *r;

		if (pthread_create(&t, NULL, pthread_nop, (void *)i) != 0)
			fail("pthread_create");
		if (pthread_join(t, &r) != 0 || r != (void *)i)
			fail("pthread_join");
	}
}

/* ---- the table of cases ---- */

struct bench_case {
	const char *name;
	long n;	     /* timed iterations: ~0.2-0.5 s each on the reference Linux under QEMU TCG */
	long warmup; /* untimed iterations before them */
	void (*run)(long n);
	void (*start)(void);
	void (*stop)(void);
};

static const struct bench_case cases[] = {
	{"null_syscall", 500000, 1000, null_syscall_run, NULL, NULL},
	{"fork_wait", 500, 5, fork_wait_run, NULL, NULL},
	{"vfork_wait", 2500, 20, vfork_wait_run, NULL, NULL},
	{"execve", 400, 3, execve_run, NULL, NULL},
	{"cow_fault", 16384, 0, NULL, NULL, NULL}, /* n = pages; measured by cow_fault() */
	{"mmap_touch_munmap", 80, 2, mmap_touch_munmap_run, NULL, NULL},
	{"pipe_roundtrip", 3000, 50, pipe_roundtrip_run, pipe_start, pipe_stop},
	{"vdso_clock_gettime", 1000000, 1000, vdso_clock_gettime_run, NULL, NULL},
	{"futex_roundtrip", 3000, 50, futex_roundtrip_run, futex_start, futex_stop},
	{"signal_roundtrip", 50000, 100, signal_roundtrip_run, signal_roundtrip_start,
	 signal_roundtrip_stop},
	{"clone3_thread", 2500, 20, clone3_thread_run, NULL, NULL},
	{"pthread_create_join", 1000, 10, pthread_create_join_run, NULL, NULL},
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "nop") == 0)
		return 0;
	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		for (size_t i = 0; i < NCASES; i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s CASE [N] | list | nop\n", argv[0]);
		return 2;
	}
	const struct bench_case *c = NULL;

	for (size_t i = 0; i < NCASES; i++)
		if (strcmp(argv[1], cases[i].name) == 0)
			c = &cases[i];
	if (!c) {
		fprintf(stderr, "bench: no case %s (bench list)\n", argv[1]);
		return 2;
	}
	case_name = c->name;
	self_path = argv[0];
	long n = c->n;

	if (argc == 3) {
		char *end;

		n = strtol(argv[2], &end, 10);
		if (*end || n <= 0) {
			fprintf(stderr, "bench: bad N %s\n", argv[2]);
			return 2;
		}
	}

	uint64_t ns;

	if (c->run) {
		if (c->start)
			c->start();
		c->run(c->warmup);
		uint64_t t0 = now_ns();

		c->run(n);
		ns = (now_ns() - t0) / (uint64_t)n;
		if (c->stop)
			c->stop();
	} else {
		ns = cow_fault(n);
	}
	printf("bench %s %llu\n", c->name, (unsigned long long)ns);
	return fflush(stdout) == 0 ? 0 : 1;
}
