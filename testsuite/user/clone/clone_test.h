/* clone_test.h - raw clone/clone3 helpers for the clone/ tests (riscv64 only). A C child of
 * raw_clone with CLONE_VM and a new stack still addresses the caller's frame relative to sp:
 * give it a stack pointer in the middle of its buffer.
 *
 *   c3(args, size)           raw clone3; returns the result or -errno (no errno games)
 *   c3_quick(args, size, n)  raw clone3 whose child runs "exit(n)" at once, touching no memory
 *                            and no stack (safe with CLONE_VM and any stack value)
 *   raw_clone(flags, sp, ptid, tls, ctid)   raw clone in riscv order; child returns 0 in C
 *   clone_quick(flags, sp, ptid, tls, ctid, n)   the same with the exit(n) quick child
 *   no_child()               true if the caller has no child at all (waitid __WALL: ECHILD)
 *   reap(pid)                waitpid(pid, __WALL) status, or -1
 */
#ifndef CLONE_TEST_H
#define CLONE_TEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rawsys.h"
#include "tap.h"

#ifndef __WALL
#define __WALL 0x40000000
#endif
#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif
#ifndef __WNOTHREAD
#define __WNOTHREAD 0x20000000
#endif

#define X_CLONE_PIDFD	      0x00001000ULL
#define X_CLONE_CLEAR_SIGHAND 0x100000000ULL
#define X_CLONE_INTO_CGROUP   0x200000000ULL
#define X_CLONE_NEWTIME	      0x00000080ULL
#define X_P_PIDFD	      3

struct c3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

static inline long c3(void *args, size_t size)
{
	return raw_sys6(435, (long)args, (long)size, 0, 0, 0, 0);
}

/* The child of a successful call runs exit(@code) straight after the ecall. */
static inline long c3_quick(void *args, size_t size, int code)
{
	register long a0 __asm__("a0") = (long)args;
	register long a1 __asm__("a1") = (long)size;
	register long a2 __asm__("a2") = code;
	register long a7 __asm__("a7") = 435;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "mv a0, a2\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a7)
			     : "r"(a1), "r"(a2)
			     : "memory");
	return a0;
}

static inline long raw_clone(unsigned long flags, void *sp, void *ptid, unsigned long tls,
			     void *ctid)
{
	return raw_sys6(220, (long)flags, (long)sp, (long)ptid, (long)tls, (long)ctid, 0);
}

static inline long clone_quick(unsigned long flags, void *sp, void *ptid, unsigned long tls,
			       void *ctid, int code)
{
	register long a0 __asm__("a0") = (long)flags;
	register long a1 __asm__("a1") = (long)sp;
	register long a2 __asm__("a2") = (long)ptid;
	register long a3 __asm__("a3") = (long)tls;
	register long a4 __asm__("a4") = (long)ctid;
	register long a5 __asm__("a5") = code;
	register long a7 __asm__("a7") = 220;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "mv a0, a5\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a7)
			     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			     : "memory");
	return a0;
}

static inline int no_child(void)
{
	siginfo_t si;
	long r = raw_sys6(SYS_waitid, P_ALL, 0, (long)&si, WEXITED | WNOHANG | __WALL, 0, 0);
	return r == -ECHILD;
}

static inline int reap(long pid)
{
	int st = 0;
	if (waitpid((pid_t)pid, &st, __WALL) != pid)
		return -1;
	return st;
}

static inline void a0_init(struct c3_args *a)
{
	memset(a, 0, sizeof(*a));
	a->exit_signal = SIGCHLD;
}

static void noop_handler(int sig)
{
	(void)sig;
}

/* Exit signals of the cases must not kill the test: handle SIGUSR1/2 and the rt signals. */
static inline void quiet_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = noop_handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		sigaction(s, &sa, NULL);
}

/* A mapping of @pages pages; the ones whose bit is set in @none_mask are PROT_NONE. */
static inline char *map_pages(int pages, unsigned none_mask)
{
	char *p = mmap(NULL, (size_t)pages * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	for (int i = 0; i < pages; i++)
		if (none_mask & (1u << i))
			mprotect(p + i * 4096, 4096, PROT_NONE);
	return p;
}

#endif

/* clone3 whose child calls nanosleep(@ts) and then exit(@code), touching only *@ts. */
static inline long c3_sleep_child(void *args, size_t size, const struct timespec *ts, int code)
{
	register long a0 __asm__("a0") = (long)args;
	register long a1 __asm__("a1") = (long)size;
	register long a2 __asm__("a2") = code;
	register long a3 __asm__("a3") = (long)ts;
	register long a7 __asm__("a7") = 435;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "mv a0, a3\n\t"
			     "li a1, 0\n\t"
			     "li a7, 101\n\t"
			     "ecall\n\t"
			     "mv a0, a2\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a7), "+r"(a1)
			     : "r"(a2), "r"(a3)
			     : "memory");
	return a0;
}

static inline long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

#define THREAD_FLAGS                                                                               \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)

/*
 * A raw thread (legacy clone, riscv order): the child runs @fn(@arg) on @stack_top and calls
 * exit(its result). @fn must not use libc state that needs its own TLS (raw syscalls only).
 */
static inline long thread_start(unsigned long flags, void *stack_top, long (*fn)(void *), void *arg,
				void *ptid, unsigned long tls, void *ctid)
{
	register long a0 __asm__("a0") = (long)flags;
	register long a1 __asm__("a1") = (long)stack_top;
	register long a2 __asm__("a2") = (long)ptid;
	register long a3 __asm__("a3") = (long)tls;
	register long a4 __asm__("a4") = (long)ctid;
	register long a5 __asm__("a5") = (long)fn;
	register long a6 __asm__("a6") = (long)arg;
	register long a7 __asm__("a7") = 220;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "mv a0, a6\n\t"
			     "jalr a5\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a6),
			       "+r"(a7)
			     :
			     : "memory", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6");
	return a0;
}

/* A fresh 64 KiB stack; returns its top. */
static inline void *new_stack(void)
{
	char *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p + 65536;
}

static inline long sys_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	return raw_sys6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
}

static inline long sys_exit_now(int code)
{
	return raw_sys6(SYS_exit, code, 0, 0, 0, 0, 0);
}

static inline long futex_wait_shared(volatile int *addr, int val, long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	return raw_sys6(SYS_futex, (long)addr, 0 /* FUTEX_WAIT */, val, (long)&ts, 0, 0);
}
