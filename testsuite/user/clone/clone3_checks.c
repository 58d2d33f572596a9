/* clone3_checks - clone3's argument checks and their order (cases 43-78 and 98-100 of
 * clone3-cases.md): unknown flags, the exit-signal bits, DETACHED, SIGHAND with CLEAR_SIGHAND,
 * THREAD/PARENT with an exit signal, the stack pairing and range rules (no alignment rule),
 * THREAD needs SIGHAND needs VM, PIDFD with PARENT_SETTID on one pointer, PIDFD with THREAD
 * (EINVAL on 6.1), cgroup fields, and which error wins when several apply. Namespace flags
 * are checked in clone3_namespaces (their answer depends on the kernel's configuration). */
#define _GNU_SOURCE
#include "clone_test.h"

static void expect(struct c3_args *a, size_t size, long err, const char *what)
{
	long r = c3_quick(a, size, 0);
	int st = r > 0 ? reap(r) : -1;
	if (err == 0)
		ok(r > 0 && st == 0 && no_child(), "%s: OK", what);
	else
		ok(r == -err && no_child(), "%s: %s", what, strerror((int)err));
}

int main(void)
{
	static char stack[8192] __attribute__((aligned(16)));
	struct c3_args a;
	int pidfd = -1, ptid = 0;

	quiet_signals();
	a0_init(&a);
	a.flags = 1ULL << 34;
	expect(&a, 88, EINVAL, "43 bit 34");
	a.flags = 1ULL << 63;
	expect(&a, 88, EINVAL, "44 bit 63");
	a.flags = SIGCHLD;
	expect(&a, 88, EINVAL, "45 flags = SIGCHLD");
	a.flags = 1;
	expect(&a, 88, EINVAL, "46 bit 0");
	a.flags = CLONE_DETACHED;
	expect(&a, 88, EINVAL, "47 DETACHED");
	a.flags = CLONE_SIGHAND | CLONE_VM | X_CLONE_CLEAR_SIGHAND;
	expect(&a, 88, EINVAL, "48 SIGHAND|VM|CLEAR_SIGHAND");
	a.flags = CLONE_SIGHAND | X_CLONE_CLEAR_SIGHAND;
	expect(&a, 88, EINVAL, "49 SIGHAND|CLEAR_SIGHAND");
	a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
	expect(&a, 88, EINVAL, "50 THREAD|SIGHAND|VM with SIGCHLD");
	a.flags = CLONE_PARENT;
	expect(&a, 88, EINVAL, "51 PARENT with SIGCHLD");
	a.flags = CLONE_IO | CLONE_SYSVSEM | CLONE_UNTRACED | CLONE_PTRACE | CLONE_FILES | CLONE_FS;
	expect(&a, 88, 0, "52 IO|SYSVSEM|UNTRACED|PTRACE|FILES|FS");

	a0_init(&a);
	a.flags = 1ULL << 40;
	a.set_tid = 8;
	a.set_tid_size = 1;
	expect(&a, 88, EFAULT, "53 unknown flag + bad set_tid: EFAULT");
	a.flags = 0;
	a.exit_signal = 0x100;
	expect(&a, 88, EINVAL, "54 bad exit_signal + bad set_tid: EINVAL");
	a0_init(&a);
	a.flags = X_CLONE_PIDFD;
	a.pidfd = 8;
	a.stack_size = 4;
	expect(&a, 88, EINVAL, "55 bad stack + bad pidfd pointer: EINVAL");
	a0_init(&a);
	a.flags = CLONE_THREAD | X_CLONE_PIDFD;
	a.exit_signal = 0;
	a.pidfd = 8;
	expect(&a, 88, EINVAL, "56 THREAD without SIGHAND + bad pidfd: EINVAL");
	{
		char big[96];
		memset(big, 0, sizeof(big));
		a0_init(&a);
		a.flags = 1ULL << 40;
		memcpy(big, &a, 88);
		big[88] = 1;
		long r = c3(big, 96);
		ok(r == -E2BIG && no_child(), "57 unknown flag + non-zero tail: E2BIG");
	}

	a0_init(&a);
	a.flags = CLONE_SIGHAND;
	expect(&a, 88, EINVAL, "58 SIGHAND alone");
	a.flags = CLONE_THREAD;
	expect(&a, 88, EINVAL, "59 THREAD with SIGCHLD");
	a.flags = CLONE_THREAD | CLONE_VM;
	a.exit_signal = 0;
	expect(&a, 88, EINVAL, "60 THREAD|VM, exit_signal 0");
	a.exit_signal = SIGCHLD;
	a.flags = CLONE_FS | CLONE_NEWNS;
	expect(&a, 88, EINVAL, "61 FS|NEWNS");
	a.flags = CLONE_FS | CLONE_NEWUSER;
	expect(&a, 88, EINVAL, "62 FS|NEWUSER");
	a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWPID;
	a.exit_signal = 0;
	expect(&a, 88, EINVAL, "64 THREAD|SIGHAND|VM|NEWPID");
	a0_init(&a);
	a.flags = X_CLONE_PIDFD | CLONE_PARENT_SETTID;
	a.pidfd = a.parent_tid = (uint64_t)&pidfd;
	expect(&a, 88, EINVAL, "66 PIDFD|PARENT_SETTID, same pointer");
	a.flags = X_CLONE_PIDFD | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
	a.exit_signal = 0;
	a.stack = (uint64_t)stack;
	a.stack_size = sizeof(stack);
	expect(&a, 88, EINVAL, "69 PIDFD|THREAD (Linux 6.1-6.8)");
	(void)ptid;

	a0_init(&a);
	a.stack_size = 4;
	expect(&a, 88, EINVAL, "72 stack 0, size 4");
	a.stack = (uint64_t)stack;
	a.stack_size = 0;
	expect(&a, 88, EINVAL, "73 stack set, size 0");
	a.stack = (uint64_t)stack + 3;
	a.stack_size = 1001;
	expect(&a, 88, 0, "74 odd stack and size");
	a.stack = 0x3ffffff000UL;
	a.stack_size = 0x2000;
	expect(&a, 88, EINVAL, "76 range crosses the user-space limit");
	a.stack = 0xffffffffffff0000UL;
	a.stack_size = 0x100000;
	expect(&a, 88, EINVAL, "77 range wraps");
	a.stack = 0xffffffc000000000UL;
	a.stack_size = 0x1000;
	expect(&a, 88, EINVAL, "78 kernel-range stack");

	a0_init(&a);
	a.flags = X_CLONE_INTO_CGROUP;
	expect(&a, 80, EINVAL, "98 INTO_CGROUP with size 80");
	a.cgroup = 0x80000000UL;
	expect(&a, 88, EINVAL, "99 INTO_CGROUP with cgroup 0x80000000");
	a.flags = 0;
	expect(&a, 88, 0, "100 cgroup 0x80000000 without the flag");
	return done();
}
