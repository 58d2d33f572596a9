/* futex_test.h - helpers shared by the futex tests.
 *
 * Every call here is a raw system call that returns the kernel's answer (a value or -errno) and
 * never touches errno: a CLONE_VM child shares its parent's TLS (and so errno), so the children
 * of these tests use nothing else. The futex(2) constants are spelled out here because musl's
 * headers do not ship <linux/futex.h>. */
#ifndef FUTEX_TEST_H
#define FUTEX_TEST_H

#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "rawsys.h"

#define FUTEX_WAIT	       0
#define FUTEX_WAKE	       1
#define FUTEX_REQUEUE	       3
#define FUTEX_CMP_REQUEUE      4
#define FUTEX_WAKE_OP	       5
#define FUTEX_WAIT_BITSET      9
#define FUTEX_WAKE_BITSET      10
#define FUTEX_PRIVATE_FLAG     128
#define FUTEX_CLOCK_REALTIME   256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu
#define FUTEX_WAITERS	       0x80000000u
#define FUTEX_OWNER_DIED       0x40000000u
#define FUTEX_TID_MASK	       0x3fffffffu

#define FUTEX_OP_SET	     0
#define FUTEX_OP_ADD	     1
#define FUTEX_OP_OR	     2
#define FUTEX_OP_ANDN	     3
#define FUTEX_OP_XOR	     4
#define FUTEX_OP_OPARG_SHIFT 8
#define FUTEX_OP_CMP_EQ	     0
#define FUTEX_OP_CMP_NE	     1
#define FUTEX_OP_CMP_LT	     2
#define FUTEX_OP_CMP_LE	     3
#define FUTEX_OP_CMP_GT	     4
#define FUTEX_OP_CMP_GE	     5
#define FUTEX_OP(op, oparg, cmp, cmparg)                                                           \
	((int)((((op)&0xfu) << 28) | (((cmp)&0xfu) << 24) | (((oparg)&0xfffu) << 12) |             \
	       ((cmparg)&0xfffu)))

#define NS_PER_S 1000000000LL

#define sys6 raw_sys6

/* futex(2) as the kernel answers it; @ts is the timeout or, for the requeue and wake-op
 * operations, the second count (pass it with (const void *)(long)N). */
static inline long futex(volatile void *uaddr, int op, int val, const void *ts,
			 volatile void *uaddr2, int val3)
{
	return sys6(SYS_futex, (long)uaddr, op, val, (long)ts, (long)uaddr2, val3);
}

#define VAL2(n) ((const void *)(long)(n))

static inline long now_ns(int clk)
{
	struct timespec ts;

	sys6(SYS_clock_gettime, clk, (long)&ts, 0, 0, 0, 0);
	return ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static inline struct timespec ns_to_ts(long ns)
{
	struct timespec ts = {ns / NS_PER_S, ns % NS_PER_S};

	return ts;
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = ns_to_ts(ms * 1000000);

	sys6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
}

static inline long gettid_raw(void)
{
	return sys6(SYS_gettid, 0, 0, 0, 0, 0, 0);
}

/* shared_page - one MAP_SHARED|MAP_ANONYMOUS page, zeroed (fork children see the same page). */
static inline volatile int *shared_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : (volatile int *)p;
}

#define CHILD_STACK (64 * 1024)

/* spawn_vm - start fn(arg) in a child sharing this address space (CLONE_VM|SIGCHLD plus
 * @extra flags, @ctid for CLONE_CHILD_CLEARTID) on its own stack; fn's return value is its
 * exit code. Returns the pid or -1. The stack stays mapped (tests are short). */
static inline int spawn_vm_flags(int (*fn)(void *), void *arg, int extra, volatile int *ctid)
{
	char *stack =
		mmap(NULL, CHILD_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (stack == MAP_FAILED)
		return -1;
	return clone(fn, stack + CHILD_STACK, CLONE_VM | SIGCHLD | extra, arg, NULL, NULL, ctid);
}

static inline int spawn_vm(int (*fn)(void *), void *arg)
{
	return spawn_vm_flags(fn, arg, 0, NULL);
}

/* reap - wait for @pid; its exit code, or 1000 + signal if it was killed, or -1. */
static inline int reap(int pid)
{
	int st;

	if (waitpid(pid, &st, __WALL) != pid)
		return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return WIFSIGNALED(st) ? 1000 + (WTERMSIG(st) & 0x7f) : -1;
}

/* waiters - how many tasks wait on @uaddr (private or shared key), without waking any: a
 * FUTEX_REQUEUE of every waiter onto the same futex returns their number. */
static inline long waiters(volatile int *uaddr, int private_flag)
{
	return futex(uaddr, FUTEX_REQUEUE | private_flag, 0, VAL2(0x7fffffff), uaddr, 0);
}

/* wait_for_waiters - poll until @n tasks wait on @uaddr (at most about 5 s); the last count. */
static inline long wait_for_waiters(volatile int *uaddr, int private_flag, long n)
{
	long c = 0;

	for (int i = 0; i < 5000; i++) {
		c = waiters(uaddr, private_flag);
		if (c >= n)
			break;
		sleep_ms(1);
	}
	return c;
}

#endif
