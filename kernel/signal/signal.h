/*
 * Signals: sending and queueing (signal.c), delivery on the way back to user mode, frames,
 * rt_sigreturn and syscall restarts (deliver.c), interval timers (itimer.c). The state lives in
 * struct task (task->sig, task->sighand) and struct proc (proc->sig); see sigtypes.h for the
 * locks. The system calls only decode arguments (kernel/syscall/sys_signal.c).
 */
#ifndef KERNEL_SIGNAL_SIGNAL_H
#define KERNEL_SIGNAL_SIGNAL_H

#include "lock/spinlock.h"
#include "signal/sigtypes.h"
#include "types.h"

struct task;
struct proc;
struct trapframe;

extern spinlock_t siglock;

static inline u64 sigbit(int sig)
{
	return 1UL << (sig - 1);
}

#define SIG_UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

/* ---- objects (signal.c) ---- */

/*
 * copy_sighand - clone: give @child the handler table of @parent (shared, one more reference,
 * under CLONE_SIGHAND; else a copy, reset by CLONE_CLEAR_SIGHAND), the parent's mask and alternate stack, empty pending sets;
 * @cp is the child's new proc (NULL for a thread of the parent's group): its shared state
 * starts empty. Context: process context. Returns 0 or -ENOMEM (nothing to undo then).
 */
int copy_sighand(struct task *child, struct proc *cp, struct task *parent, u64 flags);

/* signal_undo_clone - release what copy_sighand gave @child (the clone failed later). */
void signal_undo_clone(struct task *child);

/* signal_init_first - pid 1: a fresh table (every action SIG_DFL), empty sets. Returns 0/-ENOMEM. */
int signal_init_first(struct task *t, struct proc *p);

/*
 * signal_exec - exec committed: handled signals go back to SIG_DFL (ignored ones stay ignored,
 * flags and masks cleared), the table is unshared, the alternate stack is dropped. The mask and
 * pending signals are kept. Context: the exec'ing task.
 */
void signal_exec(struct task *t);

/*
 * signal_task_exit - @t is exiting (already off its group's thread list): free its queued
 * signals and drop its table; when it was the last thread (@last), the group's shared queue
 * and interval timers go too, so that later signals to the zombie are dropped.
 */
void signal_task_exit(struct task *t, bool last);

/* ---- sending (signal.c) ---- */

/*
 * send_signal_proc / send_signal_task - queue @sig (1..64) with @info (NULL: SI_KERNEL) for the
 * group @p (delivered to a thread that does not block it) or the thread @t. Applies the
 * stop/continue side effects, drops ignored signals, turns an unhandled fatal signal into a
 * group exit at once, and wakes the chosen thread. Caller holds tasklist_lock (keeps @p/@t
 * alive), not siglock. Returns 0 or -EAGAIN (an rt signal with user info could not be queued).
 */
int send_signal_proc(struct proc *p, int sig, const struct ksiginfo *info);
int send_signal_task(struct task *t, int sig, const struct ksiginfo *info);

/*
 * force_sig_fault - a synchronous fault of current: @sig with si_code @code and si_addr @addr,
 * thread-directed; if the signal is blocked or ignored it is unblocked and reset to SIG_DFL
 * first, so that it kills (Linux force_sig). Context: the faulting task.
 */
void force_sig_fault(int sig, int code, uaddr_t addr);

/* send_sig_self - a process-directed @sig from the kernel on behalf of current (SIGPIPE). */
void send_sig_self(int sig);

/*
 * signal_notify_parent_exit - @p has just become a zombie: send its exit signal to the parent
 * with CLD_EXITED/CLD_KILLED siginfo. Returns true if the parent ignores SIGCHLD (SIG_IGN or
 * SA_NOCLDWAIT) so that @p must be reaped at once. Caller holds tasklist_lock.
 */
bool signal_notify_parent_exit(struct proc *p);

/*
 * signal_notify_parent_stop - @p stopped (@why CLD_STOPPED, @sig the stop signal) or continued
 * (CLD_CONTINUED): record it for wait4/waitid, wake waiting parents, send SIGCHLD unless the
 * parent's SIGCHLD has SA_NOCLDSTOP. Caller holds tasklist_lock, not siglock.
 */
void signal_notify_parent_stop(struct proc *p, int why, int sig);

/*
 * recalc_sigpending - set @t->sigpending to "an unblocked signal is pending for @t, or its group
 * is exiting or stopping". Caller holds siglock.
 */
void recalc_sigpending(struct task *t);

/*
 * dequeue_signal - take the lowest pending signal of @mask for current (synchronous fault
 * signals first, the thread's own set before the group's), its siginfo in *@info; 0 if none.
 * Caller holds siglock.
 */
int dequeue_signal(u64 mask, struct ksiginfo *info);

/*
 * signal_stop_group - current dequeued the stop signal @sig with its default action: stop every
 * thread of @p and tell the parent. Context: process context, no lock held.
 */
void signal_stop_group(struct proc *p, int sig);

/* signal_set_blocked - set @t's blocked mask (SIGKILL/SIGSTOP never blocked). Takes siglock. */
void signal_set_blocked(struct task *t, u64 mask);

/*
 * pgrp_orphan_check - job control when a group may lose its last link to its session: @p exits
 * (@parent NULL), or its parent @parent exits and @p was reparented. If @p's group is then
 * orphaned (no member has a parent in another group of the same session, init not counting)
 * and a member is stopped, every member gets SIGHUP and then SIGCONT (SI_KERNEL).
 * Context: caller holds tasklist_lock.
 */
void pgrp_orphan_check(struct proc *p, struct proc *parent);

/*
 * pgrp_orphaned - true if @p's process group is orphaned: its SIGTSTP, SIGTTIN and SIGTTOU
 * with the default action are then discarded rather than stopping it. Takes tasklist_lock.
 * pgrp_orphaned_locked - the same for a caller that holds tasklist_lock.
 */
bool pgrp_orphaned(struct proc *p);
bool pgrp_orphaned_locked(struct proc *p);

/*
 * pgrp_signal - send @sig, then @sig2 unless 0, to every live process of group @pgid, from the
 * kernel (SI_KERNEL). Context: caller holds tasklist_lock.
 */
void pgrp_signal(int pgid, int sig, int sig2);

/*
 * pgrp_session - the session of process group @pgid (or, as Linux's TIOCSPGRP, of the process
 * with that pid when no group has the number); -1 if neither exists. Context: [T] held.
 */
int pgrp_session(int pgid);

/*
 * signal_ignored_or_blocked - does @t block @sig, or has its group SIG_IGN for it? (the
 * terminal's job-control checks). Context: process; takes siglock.
 */
bool signal_ignored_or_blocked(struct task *t, int sig);

/* proc_find - the process (live or zombie) with @pid, or NULL. Caller holds tasklist_lock. */
struct proc *proc_find(int pid);

/*
 * for_each_proc - call @fn(p, @arg) for @root and every process below it (children first
 * order not guaranteed). Caller holds tasklist_lock; @fn must not sleep.
 */
void for_each_proc(struct proc *root, void (*fn)(struct proc *p, void *arg), void *arg);

/* ---- system calls (signal.c); each returns 0 or a value, or -Exxx ---- */

long do_sigaction(int sig, uaddr_t act, uaddr_t oact, size_t sigsetsize);
long do_sigprocmask(int how, uaddr_t set, uaddr_t oset, size_t sigsetsize);
long do_sigpending(uaddr_t set, size_t sigsetsize);
long do_kill(int pid, int sig);
long do_tgkill(int tgid, int tid, int sig, uaddr_t uinfo, bool tkill);
long do_sigqueueinfo(int pid, int sig, uaddr_t uinfo);
long do_sigtimedwait(uaddr_t set, uaddr_t info, uaddr_t timeout, size_t sigsetsize);
long do_sigsuspend(uaddr_t mask, size_t sigsetsize);
long do_setpgid(int pid, int pgid);
long do_getpgid(int pid);
long do_getsid(int pid);
long do_setsid(void);

/*
 * signal_set_temp_mask - ppoll/pselect6/sigsuspend: replace the mask with the user set at @umask
 * (size @size must be 8), remembering the old one. Returns 0, -EINVAL or -EFAULT.
 * signal_end_temp_mask - the call ends with @ret: unless it is -ERESTARTNOHAND (a handler will
 * run and its frame carries the old mask), put the old mask back now.
 */
int signal_set_temp_mask(uaddr_t umask, size_t size);
void signal_end_temp_mask(long ret);

/* ---- delivery (deliver.c) ---- */

/*
 * signal_return_to_user - on every return to user mode: group stop, fatal signals, one frame
 * per handled signal (the last one dequeued runs first), then the restart rules for an
 * interrupted system call (-ERESTART*) and the mask saved by sigsuspend/ppoll. May not return
 * (the task dies). Context: process context, no spinlock held.
 */
void signal_return_to_user(struct trapframe *tf);

/* do_rt_sigreturn - restore the context saved by the frame at tf->sp; returns the restored a0. */
long do_rt_sigreturn(struct trapframe *tf);

/* do_sigaltstack - sigaltstack(2). */
long do_sigaltstack(uaddr_t ss, uaddr_t oss, uaddr_t sp);

/* ---- interval timers (itimer.c) ---- */

long do_setitimer(int which, uaddr_t newv, uaddr_t oldv);
long do_getitimer(int which, uaddr_t cur);

/* itimer_tick - from the scheduler tick: count virtual/profiling time, fire real timers. */
void itimer_tick(bool from_user);

/* itimer_proc_exit - disarm every timer of @p (its last thread exits). */
void itimer_proc_exit(struct proc *p);

/* restart_syscall(2): run the restart block an interrupted sleep left. */
long do_restart_syscall(void);

#endif
