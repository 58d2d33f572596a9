/*
 * stress_shared_vm - 64 workers sharing one address space (raw clone with CLONE_VM) run at once
 * on every hart: pairs play futex ping-pong, every worker maps, touches and unmaps anonymous
 * memory, private and shared in turn, while the others run (TLB shootdowns), and every fourth one forks a child that exits
 * (copy-on-write marking of the shared address space while it is in use). Fixed iteration
 * counts bound the time; every worker must finish with status 0 (no lost wake-up, no crash).
 * Workers use raw system calls only: they share the libc's thread state with the parent.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rawsys.h"
#include "tap.h"

#define WORKERS 64
#define PINGS	100
#define MAPS	20
#define STACK	(64 * 1024)

/* clone on @stack_top running fn(arg) in the child, which then exits with fn's result. */
static long clone_run(unsigned long flags, void *stack_top, int (*fn)(void *), void *arg)
{
	uintptr_t *sp = (uintptr_t *)stack_top - 2;
	register long a0 __asm__("a0") = (long)flags;
	register long a1 __asm__("a1") = (long)sp;
	register long a2 __asm__("a2") = 0;
	register long a3 __asm__("a3") = 0;
	register long a4 __asm__("a4") = 0;
	register long a7 __asm__("a7") = SYS_clone;

	sp[0] = (uintptr_t)fn;
	sp[1] = (uintptr_t)arg;
	__asm__ volatile("ecall\n\t"
			 "bnez a0, 1f\n\t"
			 "ld t0, 0(sp)\n\t"
			 "ld a0, 8(sp)\n\t"
			 "jalr t0\n\t"
			 "li a7, %[nr_exit]\n\t"
			 "ecall\n"
			 "1:"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7), [nr_exit] "i"(SYS_exit)
			 : "memory", "t0", "ra");
	return a0;
}

static volatile int turn[WORKERS / 2];
static volatile int failures;

static int worker(void *arg)
{
	long id = (long)arg, pair = id / 2, me = id % 2;

	for (int i = 0; i < PINGS; i++) {
		while (turn[pair] != me)
			raw_sys6(SYS_futex, (long)&turn[pair], FUTEX_WAIT_PRIVATE, !me, 0, 0, 0);
		turn[pair] = !me;
		raw_sys6(SYS_futex, (long)&turn[pair], FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
		if (i % (PINGS / MAPS) == 0) {
			int kind = (i / (PINGS / MAPS)) % 2 ? MAP_SHARED : MAP_PRIVATE;
			long m = raw_sys6(SYS_mmap, 0, 8 * 4096, PROT_READ | PROT_WRITE,
					  kind | MAP_ANONYMOUS, -1, 0);
			if (m < 0 && m > -4096) {
				__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
				return 1;
			}
			for (int p = 0; p < 8; p++)
				((volatile char *)m)[p * 4096] = (char)id;
			for (int p = 0; p < 8; p++)
				if (((volatile char *)m)[p * 4096] != (char)id)
					__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
			raw_sys6(SYS_munmap, m, 8 * 4096, 0, 0, 0, 0);
		}
		if (id % 4 == 0 && i == PINGS / 2) {
			/* fork (a plain SIGCHLD clone) from inside the shared address space */
			long pid = raw_sys6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
			int st = 0;

			if (pid == 0)
				raw_sys6(SYS_exit, 7, 0, 0, 0, 0, 0);
			if (pid < 0 || raw_sys6(SYS_wait4, pid, (long)&st, 0, 0, 0, 0) != pid ||
			    !WIFEXITED(st) || WEXITSTATUS(st) != 7)
				__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
		}
	}
	return 0;
}

int main(void)
{
	char *stacks = mmap(NULL, (size_t)WORKERS * STACK, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int started = 0, finished = 0, clean = 0;

	if (stacks == MAP_FAILED)
		return 1;
	for (long i = 0; i < WORKERS; i++) {
		long pid = clone_run(CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD,
				     stacks + (i + 1) * STACK, worker, (void *)i);
		if (pid > 0)
			started++;
	}
	for (int i = 0; i < started; i++) {
		int st;

		if (wait(&st) > 0) {
			finished++;
			if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
				clean++;
		}
	}
	ok(started == WORKERS, "%d workers sharing the address space started", WORKERS);
	ok(finished == WORKERS, "every worker finished (no lost wake-up)");
	ok(clean == WORKERS, "every worker exited with status 0");
	ok(failures == 0, "no failed map, stale page or fork");
	munmap(stacks, (size_t)WORKERS * STACK);
	return done();
}
