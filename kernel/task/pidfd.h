/*
 * pidfds (clone3.md section 7.5): an anonymous file that names a process. The file holds a
 * struct pidref, which outlives the process: the process drops its link when it is reaped, and
 * the pidfd then reports ESRCH (and POLLIN|POLLHUP).
 *
 * Locks: [a] atomic; [T] tasklist_lock; [I] immutable after creation.
 */
#ifndef KERNEL_TASK_PIDFD_H
#define KERNEL_TASK_PIDFD_H

#include "sched/wait.h"
#include "types.h"

struct file;
struct proc;

struct pidref {
	u32 refcount;	      /* [a] the process (until reaped) and each pidfd */
	int pid;	      /* [T] the tgid; set once when the process gets its pid */
	struct proc *proc;    /* [T] NULL once the process has been reaped */
	struct wait_queue wq; /* pollers: woken when the whole group exits and when reaped */
};

/* pidref_alloc - a pidref for a new process (@p, not yet visible). NULL on -ENOMEM. */
struct pidref *pidref_alloc(struct proc *p);

/* pidref_release - @p is being freed: unlink its pidref, wake pollers, drop the reference. */
void pidref_release(struct proc *p);

/* pidfd_notify_exit - the last thread of @p has exited: wake pollers. Called with tasklist_lock. */
void pidfd_notify_exit(struct proc *p);

/*
 * pidfd_create - a new pidfd file (O_RDWR, plus O_NONBLOCK from @flags) for @p, whose
 * pidref it references. Context: process. Returns the file or ERR_PTR(-ENOMEM).
 */
struct file *pidfd_create(struct proc *p, int flags);

/*
 * pidfd_target - the pid of the process that the pidfd @fd of the caller names, and its file
 * status flags in *@fflags (may be NULL). Returns the pid (which may be reaped by now) or
 * -EBADF (@fd is not open or not a pidfd).
 */
int pidfd_target(int fd, u32 *fflags);

/* The system calls (kernel/syscall/sys_proc.c decodes them). Each returns >= 0 or -Exxx. */
long do_pidfd_open(int pid, u32 flags);
long do_pidfd_send_signal(int pidfd, int sig, uaddr_t uinfo, u32 flags);
long do_pidfd_getfd(int pidfd, int targetfd, u32 flags);

#endif
