/*
 * struct proc: a thread group (a process). Its pid is the tgid; its threads are struct tasks.
 * Zombie procs stay until their parent reaps them with wait4/waitid.
 *
 * Locks: [T] tasklist_lock (global): the pid table, parent/children links, zombie state,
 *            exit status, process groups;
 *        [P] proc->lock: the thread list and counts;
 *        [I] immutable after creation; [a] atomic.
 * Lock order: tasklist_lock, then proc->lock, then rq_lock.
 */
#ifndef KERNEL_TASK_PROC_H
#define KERNEL_TASK_PROC_H

#include "compiler.h"
#include "list.h"
#include "lock/spinlock.h"
#include "sched/wait.h"
#include "signal/sigtypes.h"
#include "task/task.h"
#include "types.h"

#define PID_MAX 32768

struct task;
struct file;
struct pidref;

#define RLIM_NLIMITS  16
#define RLIMIT_STACK  3
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY (~0UL)

struct rlimit64 {
	u64 cur, max;
};

struct proc {
	spinlock_t lock;
	int pid;		   /* [I] = tgid = the leader's tid */
	struct proc *parent;	   /* [T] */
	int ppid;		   /* [T] written, [a] read: parent->pid, for getppid */
	struct list_head children; /* [T] of struct proc, by sibling */
	struct list_head sibling;  /* [T] on parent->children */
	struct list_head threads;  /* [P] of struct task, by group_link */
	int nr_threads;		   /* [P] live threads */
	bool zombie;		   /* [T] every thread has exited; waiting to be reaped */
	int exit_status;	   /* [T] wait status (code << 8, or signal number) */
	int exit_signal;	   /* [T] sent to the parent at exit (SIGCHLD after reparenting) */
	u64 self_exec_id;	   /* [T] bumped by every execve of this process */
	u64 parent_exec_id;	   /* [T] the parent's self_exec_id when this one was made */
	int creator_tid;	   /* [T] the parent's thread that made it (__WNOTHREAD) */
	bool child_subreaper;	   /* [T] PR_SET_CHILD_SUBREAPER: adopts orphaned descendants */
	struct pidref *pidref;	   /* [T] what pidfds of this process point to (pidfd.h) */
	struct task *group_exec_task;  /* [P] execve is ending the other threads (de_thread) */
	struct wait_queue thread_exit; /* a thread of this group exited (de_thread waits) */
	int pgid, sid;		       /* [T] */
	bool tty; /* [T] the console is its controlling terminal (fs/tty_job.c) */
	struct wait_queue child_exit;	/* a child of this proc changed state */
	u64 utime_ticks, stime_ticks;	/* [a] CPU time of exited and live threads */
	u64 cutime_ticks, cstime_ticks; /* [T] of reaped children */
	u64 child_events;   /* [T] bumped when a child becomes a zombie (wait4 sleeps on it) */
	bool group_exiting; /* [P] exit_group or a fatal signal is ending every thread */
	int group_status;   /* [P] the wait status chosen for the group */
	struct rlimit64 rlim[RLIM_NLIMITS]; /* [P] */
	struct file *exe_file; /* [P] what the group last exec'd (for /proc/self/exe) */
	struct proc_sig sig;   /* shared pending set, stop state, itimers (sigtypes.h) */
	u64 start_ns;	       /* [I] clock_ns() when it was made */
	char comm[16];	       /* [P] the last thread's name, once every thread has exited */
};

extern spinlock_t tasklist_lock;
extern struct proc *init_proc; /* [I] pid 1: reaps orphans */
extern u64 proc_forks;	       /* [a] processes made since boot (/proc/stat) */

/* tid_alloc - a free tid (also a pid), recording @t in the table; 0 if none. Takes tasklist_lock. */
int tid_alloc(struct task *t);

/*
 * tid_alloc_at - take the tid @tid (1 <= @tid < PID_MAX) for @t (clone3 set_tid).
 * Returns @tid or -EEXIST (taken: a live task, a thread, or an unreaped zombie's pid).
 */
int tid_alloc_at(struct task *t, int tid);

/*
 * tid_takeover - execve by a non-leader: @t takes the pid @pid (the dead leader's, still
 * reserved) as its tid and its old tid is freed. Context: de_thread, the other threads gone.
 */
void tid_takeover(struct task *t, int pid);

/* tid_free - release @tid. Context: any; takes tasklist_lock. */
void tid_free(int tid);

/* tid_forget - remove @tid's task from the table but keep the number taken (a zombie's pid). */
void tid_forget(int tid);

/* task_by_tid - the task with @tid, or NULL. Caller holds tasklist_lock. */
struct task *task_by_tid(int tid);

/*
 * proc_alloc - a new empty thread group (no threads yet) with pid @pid (0: set by the caller
 * before it becomes visible), and its pidref. NULL on -ENOMEM.
 */
struct proc *proc_alloc(int pid);

/*
 * task_group_dying - @t must exit at once: its group is exiting (exit_group, a fatal signal,
 * or another thread's execve) and @t is not the exec'ing thread. Lock-free read; any context.
 */
static inline bool task_group_dying(struct task *t)
{
	struct proc *p = t->proc;

	return p && READ_ONCE(p->group_exiting) && READ_ONCE(p->group_exec_task) != t;
}

/* proc_set_subreaper / proc_is_subreaper - PR_SET/GET_CHILD_SUBREAPER. Take tasklist_lock. */
void proc_set_subreaper(struct proc *p, bool on);
bool proc_is_subreaper(struct proc *p);

/* proc_nofile - the RLIMIT_NOFILE soft limit of @p (fd numbers must stay below it). */
int proc_nofile(struct proc *p);

/* proc_set_exe - remember @f (a reference is taken) as what @p runs. */
void proc_set_exe(struct proc *p, struct file *f);

/* proc_hooks_init - give /proc the process lookups it needs. Context: boot. */
void proc_hooks_init(void);

/* proc_free - release a reaped proc's memory; its pidfds see ESRCH from now on. No lock held. */
void proc_free(struct proc *p);

/*
 * proc_start_init - create pid 1, which runs @path (the first user program) with no arguments
 * but its name, and queue it. Context: boot, after the VFS is up. Returns 0 or -Exxx.
 */
int proc_start_init(const char *path);

#endif
