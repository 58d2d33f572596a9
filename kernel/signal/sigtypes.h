/*
 * The signal state embedded in struct task and struct proc (kernel/task/task.h, proc.h), and the
 * shared handler table. Kept apart from signal.h so that task.h can include it cheaply.
 *
 * Locks: [g] siglock (kernel/signal/signal.c, global): handler tables, masks, pending sets,
 *            group-stop state; [T] tasklist_lock; [r] itimer_lock (kernel/signal/itimer.c);
 *        [-] touched only by the task itself; [a] atomic.
 * Lock order: itimer_lock, tasklist_lock, siglock, proc->lock, wait-queue locks, rq_lock.
 * One global siglock is enough while one CPU runs tasks; it becomes a per-sighand lock with SMP.
 */
#ifndef KERNEL_SIGNAL_SIGTYPES_H
#define KERNEL_SIGNAL_SIGTYPES_H

#include "list.h"
#include "types.h"
#include "uapi/signal.h"

/* The handler table, shared by the tasks of a CLONE_SIGHAND family. */
struct sighand {
	u32 refcount;			 /* [a] tasks using it */
	struct ksigaction action[KNSIG]; /* [g] index sig - 1 */
};

/* A set of pending signals and the siginfo of each queued instance. */
struct sigpending {
	u64 set;	       /* [g] */
	struct list_head list; /* [g] of struct sigqueue, in arrival order */
};

struct restart_block {
	long (*fn)(struct restart_block *rb); /* [-] what restart_syscall(2) runs */
	u64 deadline;			      /* [-] clock_ns() end of an interrupted sleep */
	uaddr_t rmtp;			      /* [-] where to store the time left */
};

struct task_sig {
	u64 blocked;		   /* [g] */
	u64 real_blocked;	   /* [g] rt_sigtimedwait: the mask before it unblocked its set */
	u64 saved_mask;		   /* [-] mask to restore after sigsuspend/ppoll/pselect6 */
	bool restore_mask;	   /* [-] saved_mask is live */
	struct sigpending pending; /* [g] thread-directed signals */
	uaddr_t ss_sp;		   /* [-] alternate stack */
	u64 ss_size;		   /* [-] 0: none */
	u32 ss_flags;		   /* [-] as last set (SS_AUTODISARM kept) */
	struct restart_block restart; /* [-] */
};

struct proc_sig {
	struct sighand *sighand;      /* [g] the threads' table; NULL once every thread exited */
	struct sigpending shared;     /* [g] process-directed signals */
	bool stopped;		      /* [g] a group stop is in effect */
	int report_stop;	      /* [T] stop signal not yet reported to wait (0: none) */
	bool report_cont;	      /* [T] continue not yet reported to wait */
	u64 real_deadline;	      /* [r] ITIMER_REAL: clock_ns() expiry, 0 if disarmed */
	u64 real_interval;	      /* [r] ns */
	u64 virt_left, virt_interval; /* [r] ITIMER_VIRTUAL, ns of user time */
	u64 prof_left, prof_interval; /* [r] ITIMER_PROF, ns of CPU time */
	struct list_head timer_link;  /* [r] on the armed-ITIMER_REAL list */
	bool timer_linked;	      /* [r] */
};

#endif
