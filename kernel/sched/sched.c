/*
 * Round-robin scheduler: one run queue per CPU, all under one lock (rq_lock), with wake-up
 * placement (the task's last CPU when it is idle, else the least loaded allowed CPU), stealing
 * by CPUs whose queue is empty, affinity masks, timed sleeps and kernel threads. A CPU that
 * receives work while idle in wfi is woken with an IPI.
 */
#include "sched/sched.h"
#include "list.h"
#include "printk.h"
#include "errno.h"
#include "riscv.h"
#include "sbi/sbi.h"
#include "sched/cpu.h"
#include "string.h"
#include "task/proc.h"
#include "signal/signal.h"
#include "task/task.h"
#include "time/timer.h"
#include "trap/trap.h"

void swtch(struct task *prev, struct task *next);
void sched_first_run(void);

/*
 * Locks: [s] rq_lock protects every run queue, the timed-sleep list, every task's state,
 * rq_link, rq_cpu, cpus_allowed, timer_link, wake_at and timed_out, each CPU's reap slot and
 * the set of CPUs that run tasks. It is held across the context switch and released by the
 * task switched to, so a task is never picked by another CPU before its registers are saved.
 */
struct rq {
	struct list_head queue; /* [s] TASK_RUNNABLE tasks, FIFO */
	int nr;			/* [s] tasks on queue */
};

spinlock_t rq_lock = SPINLOCK_INIT("rq");
static struct rq rqs[NCPU];
static u64 sched_cpus;		     /* [s] CPUs that take tasks (bit = logical id) */
static LIST_HEAD(timed_sleep);	     /* [s] sleepers with a deadline, sorted by wake_at */
static struct task *reap_slot[NCPU]; /* [s] a dead kernel task whose stack awaits freeing */
static int next_tid = 1;	     /* [s] */
static int kthreads_alive;	     /* [a] kernel threads created and not yet freed */

static bool cpu_idle_now(int cpu)
{
	struct cpu *c = &cpus[cpu];

	return c->idle && c->curr == c->idle && rqs[cpu].nr == 0;
}

/* Where @t should run: its last CPU if idle there, else the least loaded CPU it may use. */
static int select_cpu(struct task *t)
{
	u64 allowed = t->cpus_allowed & sched_cpus;
	int last = t->cpu ? t->cpu->id : 0, best = -1, best_load = 1 << 30;

	if (!allowed)
		allowed = sched_cpus; /* an affinity with no usable CPU: fall back, as Linux does */
	if ((allowed & (1UL << last)) && cpu_idle_now(last))
		return last;
	for (int i = 0; i < ncpus; i++) {
		int load;

		if (!(allowed & (1UL << i)))
			continue;
		load = rqs[i].nr * 2 + (cpus[i].curr != cpus[i].idle);
		if (load < best_load || (load == best_load && i == last)) {
			best = i;
			best_load = load;
		}
	}
	return best < 0 ? 0 : best;
}

static void enqueue_on(struct task *t, int cpu)
{
	assert_held(&rq_lock);
	t->state = TASK_RUNNABLE;
	t->rq_cpu = cpu;
	list_add_tail(&t->rq_link, &rqs[cpu].queue);
	rqs[cpu].nr++;
	if (cpu != this_cpu()->id && cpus[cpu].curr == cpus[cpu].idle)
		sbi_send_ipi(1UL << cpus[cpu].hartid, 0); /* out of wfi: work has come */
}

static void enqueue(struct task *t)
{
	enqueue_on(t, select_cpu(t));
}

static void dequeue(struct task *t)
{
	assert_held(&rq_lock);
	list_del(&t->rq_link);
	rqs[t->rq_cpu].nr--;
}

/* The next task for CPU @cpu: its own queue first, else one stolen from the busiest queue. */
static struct task *pick_next(int cpu)
{
	struct task *t;
	int busiest = -1;

	assert_held(&rq_lock);
	if (rqs[cpu].nr) {
		t = list_first_entry(&rqs[cpu].queue, struct task, rq_link);
		dequeue(t);
		return t;
	}
	for (int i = 0; i < ncpus; i++)
		if (i != cpu && rqs[i].nr && (busiest < 0 || rqs[i].nr > rqs[busiest].nr))
			busiest = i;
	if (busiest < 0)
		return NULL;
	list_for_each_entry (t, &rqs[busiest].queue, rq_link) {
		if (t->cpus_allowed & (1UL << cpu)) {
			dequeue(t);
			return t;
		}
	}
	return NULL;
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

	assert_held(&rq_lock);
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

	if (cur == c->idle)
		WRITE_ONCE(c->idle_ticks, c->idle_ticks + 1);
	else if (from_user)
		WRITE_ONCE(c->user_ticks, c->user_ticks + 1);
	else
		WRITE_ONCE(c->sys_ticks, c->sys_ticks + 1);
	if (cur->proc)
		__atomic_fetch_add(from_user ? &cur->proc->utime_ticks : &cur->proc->stime_ticks, 1,
				   __ATOMIC_RELAXED);
	itimer_tick(from_user);
	spin_lock(&rq_lock);
	expire_sleepers();
	if (cur != c->idle && --cur->slice <= 0 && rqs[c->id].nr)
		c->resched = true;
	if (cur != c->idle && !(cur->cpus_allowed & (1UL << c->id)))
		c->resched = true; /* its affinity changed: move it */
	spin_unlock(&rq_lock);
}

/* An IPI: work may have been queued here; the idle loop or the return to user looks. */
static void sched_ipi(void)
{
	struct cpu *c = this_cpu();

	if (c->curr != c->idle)
		c->resched = true;
}

void sched_init(void)
{
	for (int i = 0; i < NCPU; i++)
		INIT_LIST_HEAD(&rqs[i].queue);
	cpus[0].curr = cpus[0].idle;
	sched_cpus = 1;
	tick_hook = sched_tick;
	deadline_hook = sched_deadline;
	ipi_handler_hook = sched_ipi;
}

void sched_cpu_online(struct cpu *c)
{
	spin_lock(&rq_lock);
	c->curr = c->idle;
	sched_cpus |= 1UL << c->id;
	spin_unlock(&rq_lock);
}

/* After a switch: free a dead kernel task's stack, then let go of rq_lock. */
static void finish_switch(void)
{
	struct cpu *c = this_cpu();
	struct task *dead = reap_slot[c->id];

	reap_slot[c->id] = NULL;
	spin_unlock(&rq_lock);
	if (dead) {
		bool kthread = !dead->tf; /* user tasks have a trap frame, kernel threads none */

		task_free(dead);
		if (kthread)
			__atomic_fetch_sub(&kthreads_alive, 1, __ATOMIC_SEQ_CST);
	}
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
	if (prev->state == TASK_RUNNING && prev != c->idle) {
		if (prev->cpus_allowed & (1UL << c->id))
			enqueue_on(prev, c->id);
		else
			enqueue(prev);
	}
	next = pick_next(c->id);
	if (!next)
		next = c->idle;
	c->resched = false;
	c->curr = next;
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

	/* What the caller wrote before (a pending signal, a condition) is seen by the sleeper,
	 * which re-checks under rq_lock. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
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

/* True if CPU @cpu has something to run: its own queue, or a queued task it may steal. */
static bool has_work(int cpu)
{
	struct task *t;

	if (rqs[cpu].nr)
		return true;
	for (int i = 0; i < ncpus; i++) {
		if (i == cpu || !rqs[i].nr)
			continue;
		list_for_each_entry (t, &rqs[i].queue, rq_link)
			if (t->cpus_allowed & (1UL << cpu))
				return true;
	}
	return false;
}

void cpu_run_idle(void)
{
	int id = this_cpu()->id;

	for (;;) {
		bool work;

		local_irq_enable();
		spin_lock(&rq_lock);
		work = has_work(id);
		if (work) {
			schedule_locked();
			continue;
		}
		spin_unlock(&rq_lock);
		wfi();
	}
}

void sched_kick(struct task *t)
{
	struct cpu *c;

	spin_lock(&rq_lock);
	c = t->cpu;
	if (t->state == TASK_RUNNING && c && c != this_cpu() && c->curr == t) {
		c->resched = true;
		sbi_send_ipi(1UL << c->hartid, 0);
	}
	spin_unlock(&rq_lock);
}

int sched_setaffinity(struct task *t, u64 mask)
{
	spin_lock(&rq_lock);
	if (!(mask & sched_cpus)) {
		spin_unlock(&rq_lock);
		return -EINVAL;
	}
	t->cpus_allowed = mask;
	if (t->state == TASK_RUNNABLE && !(mask & (1UL << t->rq_cpu))) {
		dequeue(t);
		enqueue(t);
	}
	spin_unlock(&rq_lock);
	if (t == current && !(mask & (1UL << this_cpu()->id)))
		schedule(); /* leave this CPU now */
	return 0;
}

u64 sched_getaffinity(struct task *t)
{
	u64 mask;

	spin_lock(&rq_lock);
	mask = t->cpus_allowed & ((ncpus >= 64) ? ~0UL : ((1UL << ncpus) - 1));
	spin_unlock(&rq_lock);
	return mask;
}

struct task *kthread_create(void (*fn)(void *), void *arg, const char *name)
{
	return kthread_create_on(fn, arg, name, ~0UL);
}

int kthread_count(void)
{
	return __atomic_load_n(&kthreads_alive, __ATOMIC_SEQ_CST);
}

struct task *kthread_create_on(void (*fn)(void *), void *arg, const char *name, u64 cpus)
{
	struct task *t = task_alloc();

	if (!t)
		return NULL;
	__atomic_fetch_add(&kthreads_alive, 1, __ATOMIC_SEQ_CST);
	t->cpus_allowed = cpus;
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
