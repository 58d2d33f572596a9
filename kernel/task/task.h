/*
 * struct task: a thread. While a task runs in the kernel, tp points to it; while it runs in
 * user mode, sscratch does (and sscratch is 0 in the kernel), so trap entry tells the two apart
 * with one csrrw (design.md section 3).
 *
 * Locks: [I] immutable after creation; [-] touched only by the task itself or by its CPU with
 * interrupts off; [s] the scheduler lock.
 */
#ifndef KERNEL_TASK_TASK_H
#define KERNEL_TASK_TASK_H

#include "types.h"
#include "trap/trapframe.h"

struct cpu;
struct mm;
struct files_struct;
struct fs_struct;
struct proc;

/* Callee-saved registers kept across a context switch (kernel/sched/switch.S). */
struct context {
	u64 ra, sp;
	u64 s[12];
};

enum task_state { TASK_RUNNING, TASK_RUNNABLE, TASK_SLEEPING, TASK_ZOMBIE, TASK_DEAD };

struct task {
	/* Fields read by assembly come first; their offsets are generated (asm-offsets.c). */
	unsigned long kstack_top;    /* [I] initial kernel sp (trap frame for user traps below) */
	unsigned long kstack_bottom; /* [I] lowest usable byte of the kernel stack */
	unsigned long user_sp;	     /* [-] user sp stashed by trap entry */
	struct cpu *cpu;	     /* [s] CPU the task runs or last ran on */
	struct context ctx;	     /* [-] saved by the context switch */
	enum task_state state;	     /* [s] */
	int tid;		     /* [I] */
	char name[16];		     /* [-] */
	struct proc *proc;	     /* [I] thread group (NULL for idle and kernel tasks) */
	struct mm *mm;		     /* [-] address space (NULL for kernel tasks) */
	struct files_struct *files;  /* [-] fd table, shared under CLONE_FILES */
	struct fs_struct *fs;	     /* [-] root, cwd, umask, shared under CLONE_FS */
	struct trapframe *tf;	     /* [-] user registers, at the top of the kernel stack */
};

#endif
