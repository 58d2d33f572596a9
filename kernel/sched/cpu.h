/*
 * struct cpu: one per logical CPU (a usable hart). The current task is in tp; its CPU is
 * current->cpu. Logical ids are dense (0..ncpus-1); hart ids are the firmware's and may have
 * holes (the VisionFive2's hart 0 is never used).
 *
 * Locks: [I] set before the CPU starts running tasks, then immutable; [-] touched only by the
 * CPU itself (with interrupts off where it matters); [a] atomic access; [s] rq_lock.
 */
#ifndef KERNEL_SCHED_CPU_H
#define KERNEL_SCHED_CPU_H

#include "types.h"

#define NCPU 8

struct task;
struct mm;

struct cpu {
	int id;		      /* [I] logical id */
	u64 hartid;	      /* [I] */
	struct task *idle;    /* [I] this CPU's idle task */
	struct task *curr;    /* [s] the task running here (rq_lock) */
	struct mm *active_mm; /* [-] the user page table this CPU runs on, NULL for the kernel's */
	unsigned long emerg_sp; /* [I] top of the stack used on kernel stack overflow */
	int noff;		/* [-] push_off nesting depth */
	unsigned long intena;	/* [-] sstatus.SIE before the outermost push_off */
	int nlocks;		/* [-] spinlocks held */
	volatile bool online;	/* [a] set once the CPU runs its idle loop */
	u64 timer_ticks;	/* [-] timer interrupts taken */
	u64 irqs;		/* [-] external interrupts taken */
	u64 user_ticks, sys_ticks, idle_ticks; /* [-] written, [a] read: /proc/stat */
	bool sstc;			       /* [I] stimecmp usable on this hart */
	int plic_ctx;			       /* [I] PLIC S-mode context, -1 if none */
	volatile int boot_stage; /* [a] how far a secondary hart got in its start-up */
	volatile bool resched;	 /* [a] its current task should yield at return to user mode */
};

extern struct cpu cpus[NCPU];
extern int ncpus; /* [I] after smp_boot_secondaries */

static inline struct task *current_task(void)
{
	struct task *t;

	__asm__("mv %0, tp" : "=r"(t));
	return t;
}

#define current current_task()

/*
 * The offset of struct task's cpu field: struct task is not complete here, and this_cpu() is on
 * every fast path (system calls, locks), so it reads the field through this offset, which
 * task/task.h checks at compile time.
 */
#define TASK_CPU_OFFSET 24

/* this_cpu - the CPU running the caller (current->cpu). Context: any, after the CPU set up tp. */
static inline struct cpu *this_cpu(void)
{
	return *(struct cpu *const *)((const char *)current + TASK_CPU_OFFSET);
}

#endif
