/* Round-robin scheduler with one run queue, timed sleeps and kernel threads. */
#include "sched/sched.h"
#include "list.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"
#include "string.h"
#include "task/proc.h"
#include "signal/signal.h"
#include "task/task.h"
#include "time/timer.h"

void swtch(struct task *prev, struct task *next);
void sched_first_run(void);

/*
 * Locks: [s] rq_lock protects the run queue, the timed-sleep list, every task's state,
 * rq_link, timer_link, wake_at and timed_out, and each CPU's reap slot.
 */
spinlock_t rq_lock = SPINLOCK_INIT("rq");
static LIST_HEAD(run_queue);	     /* [s] TASK_RUNNABLE tasks, FIFO */
static LIST_HEAD(timed_sleep);	     /* [s] sleepers with a deadline, sorted by wake_at */
static struct task *reap_slot[NCPU]; /* [s] a dead kernel task whose stack awaits freeing */
static bool resched[NCPU];	     /* [-] per CPU: current should yield at return to user */
static int next_tid = 1;	     /* [s] */

static void enqueue(struct task *t)
{
	t->state = TASK_RUNNABLE;
	list_add_tail(&t->rq_link, &run_queue);
}

static void timer_remove(struct task *t)
{
	if (t->wake_at) {
		list_del(&t->timer_link);
		t->wake_at = 0;
	}
}

/* Wake the sleepers whose deadline has passed. rq_lock held, in the timer interrupt. */
static void expire_sleepers(void)
{
	u64 now = clock_ns();

	while (!list_empty(&timed_sleep)) {
		struct task *t = list_first_entry(&timed_sleep, struct task, timer_link);

		if (t->wake_at > now)
			break;
		timer_remove(t);
		t->timed_out = true;
		if (t->state == TASK_SLEEPING)
			enqueue(t);
	}
	/* The timer was just set to the next tick: bring it forward to the next deadline. */
	if (!list_empty(&timed_sleep))
		timer_request(list_first_entry(&timed_sleep, struct task, timer_link)->wake_at);
}

/* A timer interrupt asked for by sleep_locked_until (timer_request), between two ticks. */
static void sched_deadline(void)
{
	spin_lock(&rq_lock);
	expire_sleepers();
	spin_unlock(&rq_lock);
}

/* The tick: wake expired sleepers, count the running task's slice. Runs on every CPU. */
static void sched_tick(bool from_user)
{
	struct cpu *c = this_cpu();
	struct task *cur = current;

	if (cur->proc)
		__atomic_fetch_add(from_user ? &cur->proc->utime_ticks : &cur->proc->stime_ticks, 1,
				   __ATOMIC_RELAXED);
	itimer_tick(from_user);
	if (c->id != 0)
		return;
	spin_lock(&rq_lock);
	expire_sleepers();
	if (cur != c->idle && --cur->slice <= 0 && !list_empty(&run_queue))
		resched[c->id] = true;
	spin_unlock(&rq_lock);
}

void sched_init(void)
{
	tick_hook = sched_tick;
	deadline_hook = sched_deadline;
}

bool need_resched(void)
{
	return resched[this_cpu()->id];
}

/* After a switch: free a dead kernel task's stack, then let go of rq_lock. */
static void finish_switch(void)
{
	struct cpu *c = this_cpu();
	struct task *dead = reap_slot[c->id];

	reap_slot[c->id] = NULL;
	spin_unlock(&rq_lock);
	if (dead)
		task_free(dead);
}

void sched_first_run(void)
{
	finish_switch();
	if (current->tf)
		fp_restore(&current->fp);
}

void schedule_locked(void)
{
	struct cpu *c = this_cpu();
	struct task *prev = current, *next;
	int noff = c->noff;
	unsigned long intena = c->intena;

	assert_held(&rq_lock);
	if (c->nlocks != 1)
		panic("schedule: %d spinlocks held", c->nlocks);
	if (prev->state == TASK_RUNNING && prev != c->idle)
		enqueue(prev);
	if (!list_empty(&run_queue)) {
		next = list_first_entry(&run_queue, struct task, rq_link);
		list_del(&next->rq_link);
	} else {
		next = c->idle;
	}
	resched[c->id] = false;
	next->state = TASK_RUNNING;
	next->slice = SCHED_SLICE_TICKS;
	if (prev->state == TASK_DEAD)
		reap_slot[c->id] = prev;
	if (next != prev) {
		next->cpu = c;
		if (next->mm != prev->mm)
			task_switch_mm(next);
		if (prev->tf)
			fp_save(&prev->fp);
		swtch(prev, next);
		/* Back in prev, possibly much later. */
		c = this_cpu();
		if (prev->tf)
			fp_restore(&prev->fp);
	}
	c->noff = noff;
	c->intena = intena;
	finish_switch();
}

void schedule(void)
{
	spin_lock(&rq_lock);
	schedule_locked();
}

void sched_yield_current(void)
{
	schedule();
}

bool wake_up_task(struct task *t)
{
	bool woke = false;

	spin_lock(&rq_lock);
	if (t->state == TASK_SLEEPING) {
		timer_remove(t);
		t->timed_out = false;
		enqueue(t);
		woke = true;
	}
	spin_unlock(&rq_lock);
	return woke;
}

bool sleep_locked_until(u64 deadline)
{
	struct task *t = current;

	assert_held(&rq_lock);
	t->timed_out = false;
	if (deadline) {
		struct list_head *pos;

		t->wake_at = deadline;
		list_for_each (pos, &timed_sleep)
			if (list_entry(pos, struct task, timer_link)->wake_at > deadline)
				break;
		list_add_tail(&t->timer_link, pos);
		timer_request(deadline); /* wake on time, not at the next tick */
	}
	schedule_locked();
	return t->timed_out;
}

void sched_enqueue_new(struct task *t)
{
	spin_lock(&rq_lock);
	if (!t->tid)
		t->tid = next_tid++;
	enqueue(t);
	spin_unlock(&rq_lock);
}

void cpu_run_idle(void)
{
	for (;;) {
		bool work;

		local_irq_enable();
		spin_lock(&rq_lock);
		work = !list_empty(&run_queue);
		if (work) {
			schedule_locked();
			continue;
		}
		spin_unlock(&rq_lock);
		wfi();
	}
}

struct task *kthread_create(void (*fn)(void *), void *arg, const char *name)
{
	struct task *t = task_alloc();

	if (!t)
		return NULL;
	t->tf = NULL; /* a kernel task has no user registers */
	strlcpy(t->name, name, sizeof(t->name));
	t->ctx.ra = (u64)task_first_entry;
	t->ctx.sp = t->kstack_top;
	t->ctx.s[0] = (u64)fn;
	t->ctx.s[1] = (u64)arg;
	sched_enqueue_new(t);
	return t;
}

void task_exit_kernel(void)
{
	spin_lock(&rq_lock);
	current->state = TASK_DEAD;
	schedule_locked();
	panic("task_exit_kernel: dead task scheduled");
}
