/*
 * The scheduler: one run queue of runnable tasks, round-robin with a timer slice. A task in user
 * mode is preempted at the tick; the kernel itself is not preemptive (a task in the kernel runs
 * until it sleeps, yields or returns to user mode).
 *
 * Every CPU has its own run queue; all of them are under rq_lock. A woken or new task goes to
 * its last CPU when that one is idle, else to the least loaded CPU of its affinity mask; a CPU
 * with nothing queued steals from the busiest queue.
 *
 * Lock order: any wait-queue lock, then rq_lock. rq_lock is held across the context switch and
 * released by the task switched to.
 */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

#include "lock/spinlock.h"
#include "sched/cpu.h"
#include "types.h"

struct task;
struct cpu;

extern spinlock_t rq_lock;

#define SCHED_SLICE_TICKS 2 /* a user task runs at most this many ticks before yielding */

/* sched_init - set up the run queue and the tick hook. Context: boot hart, once. */
void sched_init(void);

/*
 * schedule - give the CPU to the next runnable task (or the idle task). If current is still
 * TASK_RUNNING it is queued again at the tail. Context: process context, no spinlock held.
 */
void schedule(void);

/*
 * schedule_locked - schedule() for a caller that holds rq_lock (and nothing else) and has set
 * current's state; returns with rq_lock released. Used by sleeping code.
 */
void schedule_locked(void);

/* sched_yield_current - give up the CPU if anything else is runnable. Process context. */
void sched_yield_current(void);

/*
 * wake_up_task - make @t runnable if it sleeps; returns true if it did. Context: any; takes
 * rq_lock (so callers may hold a wait-queue lock, never rq_lock).
 */
bool wake_up_task(struct task *t);

/* sched_enqueue_new - queue a freshly created task for its first run. Context: any. */
void sched_enqueue_new(struct task *t);

/*
 * sched_kick - if @t is running on another CPU, interrupt it so that it passes through the
 * return-to-user checks (a signal was queued for it). Context: any; takes rq_lock.
 */
void sched_kick(struct task *t);

/* sched_cpu_online - CPU @c starts taking tasks (its idle task is running). */
void sched_cpu_online(struct cpu *c);

/*
 * sched_setaffinity - restrict @t to the CPUs of @mask (bit = logical id); moves it if it is
 * queued or running elsewhere. Returns 0, or -EINVAL when @mask holds no CPU that runs tasks.
 * Context: process context; takes rq_lock.
 */
int sched_setaffinity(struct task *t, u64 mask);

/* sched_getaffinity - @t's affinity mask limited to the CPUs that exist. Takes rq_lock. */
u64 sched_getaffinity(struct task *t);

/* need_resched - true if current should give up the CPU at its next return to user mode. */
static inline bool need_resched(void)
{
	return this_cpu()->resched;
}

/* cpu_run_idle - the idle loop of a CPU that runs tasks: schedule when work exists, else wfi. */
void cpu_run_idle(void) __attribute__((noreturn));

/*
 * kthread_create - a kernel task running @fn(@arg) on its own guarded stack, queued to run.
 * When @fn returns the task exits (its stack is freed by the next task to run).
 * Returns the task or NULL on -ENOMEM. Context: process or boot context.
 */
struct task *kthread_create(void (*fn)(void *), void *arg, const char *name);

/* task_first_entry - where a new kernel task starts (kernel/sched/switch.S): s0 = fn, s1 = arg. */
void task_first_entry(void);

/* kthread_create_on - kthread_create limited to the CPUs of @cpus (bit = logical id). */
struct task *kthread_create_on(void (*fn)(void *), void *arg, const char *name, u64 cpus);

/* kthread_count - kernel threads created and not yet freed (tests wait for it to drop). */
int kthread_count(void);

/* task_exit_kernel - end the current kernel task. Never returns. */
void task_exit_kernel(void) __attribute__((noreturn));

/*
 * sleep_until_ns - sleep until clock_ns() reaches @deadline (0 = forever) or wake_up_task;
 * the caller has set current->state = TASK_SLEEPING while holding rq_lock, and this releases it.
 * Returns true if the deadline passed.
 */
bool sleep_locked_until(u64 deadline);

#endif
