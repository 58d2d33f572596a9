/* Exiting threads and processes, zombies, wait4 and waitid. */
#ifndef KERNEL_TASK_EXIT_H
#define KERNEL_TASK_EXIT_H

#include "sched/wait.h"
#include "types.h"

struct task;

/* A vfork parent's wait, on its own kernel stack until the child execs or exits. */
struct vfork_done {
	struct wait_queue wq;
	volatile bool done;
};

/*
 * do_exit - end the calling thread with wait status @status (kept for the group when it is
 * the last thread, unless a group exit already chose one). Context: process context, no lock.
 * Never returns.
 */
void do_exit(int status) __attribute__((noreturn));

/* do_exit_group - end every thread of the group with wait status @status. Never returns. */
void do_exit_group(int status) __attribute__((noreturn));

/* task_exit_fatal - the process dies as if killed by signal @sig (no handler yet). */
void task_exit_fatal(int sig) __attribute__((noreturn));

/*
 * exec_release_vfork_parent - wake the vfork parent of @t, if any (exec succeeded or the
 * child exits); once only. Context: process context, no lock held; takes vfork_lock.
 */
void exec_release_vfork_parent(struct task *t);

/*
 * vfork_wait - sleep until @vd is completed by @child (it exec'd or exited), or until the
 * caller's group is dying (a fatal signal; then @child forgets @vd). Other signals stay
 * pending. Context: process context, no lock held.
 */
void vfork_wait(struct vfork_done *vd, struct task *child);

/*
 * do_wait4 - wait4(2): reap a zombie child selected by @pid (-1 any, >0 that pid, 0 our
 * process group, <-1 group -pid); WNOHANG returns 0 when children exist but none is done.
 * Stores the wait status in *@status. Context: process context, may sleep.
 * With WUNTRACED/WCONTINUED, stopped and continued children are reported too.
 * Returns the reaped pid, 0, -ECHILD, -EINVAL (unknown options) or -ERESTARTSYS.
 */
long do_wait4(int pid, int *status, int options);

/*
 * do_waitid - waitid(2) (kernel/task/wait.c): P_ALL, P_PID, P_PGID, P_PIDFD; WEXITED,
 * WSTOPPED, WCONTINUED, WNOHANG, WNOWAIT, __WALL, __WCLONE, __WNOTHREAD. Fills the siginfo at
 * @infop (all zero when WNOHANG finds nothing). Returns 0, -ECHILD, -EINVAL, -EFAULT,
 * -EBADF (P_PIDFD of a non-pidfd), -EAGAIN (non-blocking pidfd, nothing yet) or -ERESTARTSYS.
 */
long do_waitid(int which, int id, uaddr_t infop, int options, uaddr_t rusage);

/*
 * user_return_check - on the way back to user mode: pending group exit, rescheduling, signals
 * (signal_return_to_user). May not return (the task exits). Context: process context, no
 * spinlock held, interrupts as the trap left them; returns with interrupts off, as
 * trap_return wants them.
 */
void user_return_check(void);

#endif
