/*
 * struct task: a thread. While a task runs in the kernel, tp points to it; while it runs in
 * user mode, sscratch does (and sscratch is 0 in the kernel), so trap entry tells the two apart
 * with one csrrw (design.md section 3).
 *
 * Locks: [I] immutable after creation; [-] touched only by the task itself or by its CPU with
 * interrupts off; [s] the scheduler lock; [P] proc->lock (others read these fields under it).
 */
#ifndef KERNEL_TASK_TASK_H
#define KERNEL_TASK_TASK_H

#include "list.h"
#include "sched/cpu.h"
#include "signal/sigtypes.h"
#include "types.h"
#include "trap/trapframe.h"

struct cpu;
struct mm;
struct files_struct;
struct fs_struct;
struct proc;
struct vfork_done;

/* Callee-saved registers kept across a context switch (kernel/sched/switch.S). */
struct context {
	u64 ra, sp;
	u64 s[12];
};

/* The user's floating-point registers, saved at each switch away from a user task. */
struct fpstate {
	u64 f[32];
	u64 fcsr;
};

/* fp_save / fp_restore - kernel/sched/switch.S. Context: scheduler, interrupts off. */
void fp_save(struct fpstate *fp);
void fp_restore(const struct fpstate *fp);

enum task_state { TASK_RUNNING, TASK_RUNNABLE, TASK_SLEEPING, TASK_ZOMBIE, TASK_DEAD };

struct task {
	/* Fields read by assembly come first; their offsets are generated (asm-offsets.c). */
	unsigned long kstack_top;    /* [I] initial kernel sp (trap frame for user traps below) */
	unsigned long kstack_bottom; /* [I] lowest usable byte of the kernel stack */
	unsigned long user_sp;	     /* [-] user sp stashed by trap entry */
	struct cpu *cpu;	     /* [s] CPU the task runs or last ran on */
	struct context ctx;	     /* [-] saved by the context switch */
	enum task_state state;	     /* [s] */
	int tid;		     /* [I] ([T] in de_thread: a non-leader's exec takes the pid) */
	char name[16];		     /* [-] */
	struct proc *proc;	     /* [I] thread group (NULL for idle and kernel tasks) */
	struct mm *mm;		     /* [-] address space (NULL for kernel tasks); [P] to change */
	struct files_struct *files;  /* [-] fd table, shared under CLONE_FILES; [P] to clear */
	struct fs_struct *fs;	     /* [-] root, cwd, umask, shared under CLONE_FS; [P] to clear */
	struct trapframe *tf;	     /* [-] user registers, at the top of the kernel stack */
	struct list_head rq_link;    /* [s] on a run queue while TASK_RUNNABLE */
	int rq_cpu;		     /* [s] whose run queue, while TASK_RUNNABLE */
	u64 cpus_allowed; /* [s] CPUs it may run on (sched_setaffinity), bit = logical id */
	struct list_head timer_link; /* [s] on the timed-sleep list while wake_at != 0 */
	u64 wake_at;		     /* [s] clock_ns() deadline of a timed sleep, 0 if none */
	bool timed_out;		     /* [s] the last sleep ended by its deadline */
	int slice;		     /* [-] ticks left in the current time slice */
	struct fpstate fp;	     /* [-] user FP state while switched out */
	struct list_head group_link; /* [P] on proc->threads */
	uaddr_t set_child_tid;	     /* [-] CLONE_CHILD_SETTID: store the tid there at first run */
	uaddr_t clear_child_tid;     /* [-] CLONE_CHILD_CLEARTID / set_tid_address */
	uaddr_t robust_list;	     /* [-] set_robust_list head */
	u64 robust_len;		     /* [-] */
	struct vfork_done *vfork;    /* [-] CLONE_VFORK: the parent's completion, until exec/exit */
	int pagefault_disabled;	     /* [-] user copies fail instead of faulting pages in */
	volatile bool sigpending;    /* [a] a signal awaits delivery: sleeps end with -EINTR */
	struct sighand *sighand;     /* [g] handler table, shared under CLONE_SIGHAND */
	struct task_sig sig;	     /* masks, private pending set, alternate stack (sigtypes.h) */
};

_Static_assert(__builtin_offsetof(struct task, cpu) == TASK_CPU_OFFSET,
	       "sched/cpu.h: TASK_CPU_OFFSET is not the offset of struct task's cpu");

/*
 * task_alloc - a task with a guarded kernel stack and a zeroed trap frame at its top; not
 * runnable, no tid. Context: process or boot context. Returns NULL on -ENOMEM.
 */
struct task *task_alloc(void);

/* task_free - free a task that never ran or is dead and switched away from. */
void task_free(struct task *t);

/* task_switch_mm - run on @t's address space (kernel_pgd for kernel tasks). Scheduler only. */
void task_switch_mm(struct task *t);

/* task_signal_pending - true if @t has a signal to take (interruptible sleeps end early). */
static inline bool task_signal_pending(const struct task *t)
{
	return t->sigpending;
}

#endif
