/*
 * kernel_clone: the one path behind fork, vfork, clone and clone3 (docs: clone3.md). The
 * argument copying and the checks that need no task state (clone3.md section 3 steps 1-14,
 * section 4) are in clone_args.c; kernel_clone() runs the rest in the specification's order.
 */
#ifndef KERNEL_TASK_CLONE_H
#define KERNEL_TASK_CLONE_H

#include "types.h"

#define CSIGNAL		     0x000000ffUL
#define CLONE_NEWTIME	     0x00000080UL
#define CLONE_VM	     0x00000100UL
#define CLONE_FS	     0x00000200UL
#define CLONE_FILES	     0x00000400UL
#define CLONE_SIGHAND	     0x00000800UL
#define CLONE_PIDFD	     0x00001000UL
#define CLONE_PTRACE	     0x00002000UL
#define CLONE_VFORK	     0x00004000UL
#define CLONE_PARENT	     0x00008000UL
#define CLONE_THREAD	     0x00010000UL
#define CLONE_NEWNS	     0x00020000UL
#define CLONE_SYSVSEM	     0x00040000UL
#define CLONE_SETTLS	     0x00080000UL
#define CLONE_PARENT_SETTID  0x00100000UL
#define CLONE_CHILD_CLEARTID 0x00200000UL
#define CLONE_DETACHED	     0x00400000UL
#define CLONE_UNTRACED	     0x00800000UL
#define CLONE_CHILD_SETTID   0x01000000UL
#define CLONE_NEWCGROUP	     0x02000000UL
#define CLONE_NEWUTS	     0x04000000UL
#define CLONE_NEWIPC	     0x08000000UL
#define CLONE_NEWUSER	     0x10000000UL
#define CLONE_NEWPID	     0x20000000UL
#define CLONE_NEWNET	     0x40000000UL
#define CLONE_IO	     0x80000000UL
#define CLONE_CLEAR_SIGHAND  0x100000000UL
#define CLONE_INTO_CGROUP    0x200000000UL

/* Namespace flags (clone3.md section 11: refused by policy). NEWTIME only from clone3. */
#define CLONE_NS_FLAGS                                                                             \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |             \
	 CLONE_NEWPID | CLONE_NEWNET)

#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER1 80
#define CLONE_ARGS_SIZE_VER2 88
#define CLONE_MAX_SET_TID    32 /* Linux's MAX_PID_NS_LEVEL */

/* struct clone_args of the uapi (all fields u64, clone3.md section 2). */
struct clone_args_user {
	u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	u64 set_tid, set_tid_size, cgroup;
};

/* The arguments of a clone, whichever syscall it came from (Linux's kernel_clone_args). */
struct kclone_args {
	u64 flags;			/* CLONE_* without the exit-signal byte */
	uaddr_t pidfd;			/* CLONE_PIDFD: where the int fd goes */
	uaddr_t child_tid;		/* CHILD_SETTID / CHILD_CLEARTID */
	uaddr_t parent_tid;		/* PARENT_SETTID */
	int exit_signal;		/* 0..64 from clone3; any byte from clone */
	uaddr_t stack;			/* clone3: lowest address; clone: the new sp; 0 = inherit */
	u64 stack_size;			/* clone3 only (0 for clone: sp = stack) */
	uaddr_t tls;			/* CLONE_SETTLS: the child's tp */
	int set_tid[CLONE_MAX_SET_TID]; /* kernel copy of the set_tid array */
	u32 set_tid_size;
	int cgroup; /* CLONE_INTO_CGROUP: validated, then ignored (policy) */
};

/*
 * clone3_copy_args - clone3's steps 1 to 14 (clone3.md section 3): copy the @size-byte struct
 * at @uargs once (extensible-struct rule), read the set_tid array, check exit_signal, cgroup,
 * flags and stack, and fill *@out. Context: process context, no lock held (user copies).
 * Returns 0, -E2BIG, -EINVAL or -EFAULT; nothing is changed but *@out.
 */
int clone3_copy_args(uaddr_t uargs, size_t size, struct kclone_args *out);

/*
 * clone_legacy_args - clone(2)'s arguments as clone3.md section 4 builds them (riscv order:
 * flags, newsp, parent_tid, tls, child_tid): high flag bits and the exit-signal byte split off,
 * no checks; the pidfd pointer is parent_tid. Cannot fail.
 */
void clone_legacy_args(struct kclone_args *out, u64 flags, uaddr_t newsp, uaddr_t parent_tid,
		       uaddr_t tls, uaddr_t child_tid);

/*
 * kernel_clone - create a child of the calling task as @args says: the checks of clone3.md
 * section 3 from step 15 on in that order, then one copy per resource with an unwind ladder,
 * then the commit point after which nothing fails. A failed call leaves nothing observable.
 * Context: process context of a user task, no lock held; sleeps for CLONE_VFORK.
 * Returns the child's tid (in the parent), or -EINVAL, -EPERM, -ENOMEM, -EAGAIN, -EEXIST
 * (set_tid in use), -EMFILE/-ENFILE (pidfd), -EFAULT (pidfd store), -ERESTARTNOINTR (a signal
 * is pending: the call is restarted after it).
 */
long kernel_clone(struct kclone_args *args);

/* clone_child_first_run - user-side set-up of a new child at its first return to user. */
void clone_child_first_run(void);

#endif
