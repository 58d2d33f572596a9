/* kernel_clone: the one path behind fork, vfork, clone and clone3. */
#ifndef KERNEL_TASK_CLONE_H
#define KERNEL_TASK_CLONE_H

#include "types.h"

#define CSIGNAL		     0x000000ff
#define CLONE_VM	     0x00000100
#define CLONE_FS	     0x00000200
#define CLONE_FILES	     0x00000400
#define CLONE_SIGHAND	     0x00000800
#define CLONE_PIDFD	     0x00001000
#define CLONE_PTRACE	     0x00002000
#define CLONE_VFORK	     0x00004000
#define CLONE_PARENT	     0x00008000
#define CLONE_THREAD	     0x00010000
#define CLONE_NEWNS	     0x00020000
#define CLONE_SYSVSEM	     0x00040000
#define CLONE_SETTLS	     0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED	     0x00400000
#define CLONE_UNTRACED	     0x00800000
#define CLONE_CHILD_SETTID   0x01000000
#define CLONE_IO	     0x80000000UL

/* The arguments of a clone, whichever syscall it came from (Linux's kernel_clone_args). */
struct kclone_args {
	u64 flags;
	uaddr_t pidfd;
	uaddr_t child_tid;
	uaddr_t parent_tid;
	int exit_signal;
	uaddr_t stack;
	u64 stack_size;
	uaddr_t tls;
};

/*
 * kernel_clone - create a child of the calling task as @args says. Validation comes first; a
 * failed call leaves nothing observable. Context: process context of a user task.
 * Returns the child's tid (in the parent), or -EINVAL, -ENOMEM, -EAGAIN (no tid left).
 * The flags supported now: exit signal, VM, FS, FILES, VFORK, SETTLS, PARENT_SETTID,
 * CHILD_SETTID, CHILD_CLEARTID; the rest of the clone specification comes with the clone work.
 */
long kernel_clone(struct kclone_args *args);

/* clone_child_first_run - user-side set-up of a new child at its first return to user. */
void clone_child_first_run(void);

#endif
