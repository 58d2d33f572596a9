/*
 * Scheduler and wait-queue tests: kernel threads run, wait queues wake sleepers without losing
 * wake-ups, timed sleeps end at their deadline, and dead threads' stacks are freed.
 * The tests run on the boot CPU's idle task, which polls (schedule()) instead of sleeping.
 */
#include "errno.h"
#include "lock/mutex.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/wait.h"
#include "task/task.h"
#include "testsuite/ktest/ktest.h"
#include "time/timer.h"

static volatile int flag;

static void set_flag(void *arg)
{
	flag = (int)(long)arg;
}

/* Let other tasks run until every kernel thread is gone (so the leak check is exact). */
static bool all_reaped(void)
{
	u64 end = clock_ns() + 20000000000ULL;

	while (kthread_count() && clock_ns() < end)
		schedule();
	return kthread_count() == 0;
}

/* Let other tasks run until @cond holds (or 20 s pass: a lost wake-up never gets there;
 * a loaded host running the harts slowly still does). */
static bool run_until(volatile int *v, int want)
{
	u64 end = clock_ns() + 20000000000ULL;

	while (*v != want && clock_ns() < end)
		schedule();
	return *v == want;
}

KTEST(sched, kthread_runs_and_exits)
{
	flag = 0;
	KT_ASSERT(r, kthread_create(set_flag, (void *)7L, "kt-flag") != NULL);
	KT_EXPECT(r, run_until(&flag, 7));
	KT_EXPECT(r, all_reaped());
}

struct pingpong {
	struct wait_queue wq;
	volatile int turn;  /* 0: ping's turn, 1: pong's */
	volatile int count; /* completed round trips */
	volatile int done;
	int rounds;
};

static bool ping_turn(void *arg)
{
	return ((struct pingpong *)arg)->turn == 0;
}

static bool pong_turn(void *arg)
{
	return ((struct pingpong *)arg)->turn == 1;
}

static void ping(void *arg)
{
	struct pingpong *p = arg;

	for (int i = 0; i < p->rounds; i++) {
		wait_event(&p->wq, ping_turn, p, 0);
		p->turn = 1;
		wake_up_all(&p->wq);
	}
	__atomic_fetch_add(&p->done, 1, __ATOMIC_SEQ_CST);
}

static void pong(void *arg)
{
	struct pingpong *p = arg;

	for (int i = 0; i < p->rounds; i++) {
		wait_event(&p->wq, pong_turn, p, 0);
		p->count++;
		p->turn = 0;
		wake_up_all(&p->wq);
	}
	__atomic_fetch_add(&p->done, 1, __ATOMIC_SEQ_CST);
}

KTEST(sched, waitqueue_pingpong_no_lost_wakeup)
{
	static struct pingpong p;

	wait_queue_init(&p.wq, "pingpong");
	p.turn = 0;
	p.count = 0;
	p.done = 0;
	p.rounds = 500;
	KT_ASSERT(r, kthread_create(ping, &p, "ping") != NULL);
	KT_ASSERT(r, kthread_create(pong, &p, "pong") != NULL);
	KT_EXPECT(r, run_until(&p.done, 2));
	KT_EXPECT(r, p.count == 500);
	KT_EXPECT(r, all_reaped());
}

static bool never(void *arg)
{
	return false;
}

struct timed {
	struct wait_queue wq;
	int ret;
	u64 elapsed;
	volatile int done;
};

static void timed_sleeper(void *arg)
{
	struct timed *t = arg;
	u64 start = clock_ns();

	t->ret = wait_event(&t->wq, never, NULL, 30000000ULL); /* 30 ms */
	t->elapsed = clock_ns() - start;
	t->done = 1;
}

KTEST(sched, timed_wait_ends_at_deadline)
{
	static struct timed t;

	wait_queue_init(&t.wq, "timed");
	t.done = 0;
	KT_ASSERT(r, kthread_create(timed_sleeper, &t, "sleeper") != NULL);
	KT_EXPECT(r, run_until(&t.done, 1));
	KT_EXPECT(r, t.ret == -ETIMEDOUT);
	KT_EXPECT(r, t.elapsed >= 30000000ULL);
	KT_EXPECT(r, t.elapsed < 1000000000ULL);
	KT_EXPECT(r, all_reaped());
}

struct waker {
	struct wait_queue wq;
	volatile int value;
	volatile int seen;
};

static bool value_set(void *arg)
{
	return ((struct waker *)arg)->value != 0;
}

static void waiter_fn(void *arg)
{
	struct waker *w = arg;

	if (wait_event(&w->wq, value_set, w, 0) == 0)
		w->seen = w->value;
}

KTEST(sched, wake_up_all_wakes_sleeper)
{
	static struct waker w;

	wait_queue_init(&w.wq, "waker");
	w.value = 0;
	w.seen = 0;
	KT_ASSERT(r, kthread_create(waiter_fn, &w, "waiter") != NULL);
	for (int i = 0; i < 5; i++)
		schedule(); /* the waiter goes to sleep */
	KT_EXPECT(r, w.seen == 0);
	w.value = 42;
	wake_up_all(&w.wq);
	KT_EXPECT(r, run_until(&w.seen, 42));
	KT_EXPECT(r, all_reaped());
}

struct cross {
	volatile int turn, rounds_done, cpu_seen[2];
	struct wait_queue wq;
};

static struct cross cross;

static bool cross_turn0(void *arg)
{
	return cross.turn == 0;
}

static bool cross_turn1(void *arg)
{
	return cross.turn == 1;
}

static void cross_side(void *arg)
{
	int side = (int)(long)arg;

	cross.cpu_seen[side] = this_cpu()->id;
	for (int i = 0; i < 200; i++) {
		wait_event(&cross.wq, side ? cross_turn1 : cross_turn0, NULL, 0);
		cross.turn = !side;
		if (side)
			cross.rounds_done++;
		wake_up_all(&cross.wq);
	}
}

/* Two threads pinned to different CPUs wake each other 200 times: no lost cross-CPU wake-up. */
KTEST(sched, cross_cpu_pingpong)
{
	if (ncpus < 2)
		return; /* nothing to cross on one CPU */
	wait_queue_init(&cross.wq, "cross");
	cross.turn = 0;
	cross.rounds_done = 0;
	KT_ASSERT(r, kthread_create_on(cross_side, (void *)0L, "cross0", 1UL << 0) != NULL);
	KT_ASSERT(r, kthread_create_on(cross_side, (void *)1L, "cross1", 1UL << 1) != NULL);
	KT_EXPECT(r, run_until(&cross.rounds_done, 200));
	KT_EXPECT(r, all_reaped());
	KT_EXPECT(r, cross.cpu_seen[0] == 0 && cross.cpu_seen[1] == 1);
}

struct mutex_job {
	struct mutex *m;
	volatile long *counter;
	volatile int done;
};

static void mutex_adder(void *arg)
{
	struct mutex_job *j = arg;

	for (int i = 0; i < 300; i++) {
		mutex_lock(j->m);
		long v = *j->counter;

		if (i % 7 == 0)
			schedule(); /* sleep-friendly: others must wait, not spin, and not get in */
		*j->counter = v + 1;
		mutex_unlock(j->m);
	}
	j->done = 1;
}

/* Four threads (on every CPU) increment one counter under a mutex, yielding inside. */
KTEST(sched, mutex_excludes_and_wakes)
{
	static struct mutex m;
	static volatile long counter;
	static struct mutex_job jobs[4];
	static volatile int all_done;

	mutex_init(&m, "ktest");
	counter = 0;
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct mutex_job){&m, &counter, 0};
		KT_ASSERT(r, kthread_create(mutex_adder, &jobs[i], "mutex") != NULL);
	}
	all_done = 0;
	for (u64 end = clock_ns() + 5000000000ULL; clock_ns() < end && !all_done;) {
		all_done = jobs[0].done && jobs[1].done && jobs[2].done && jobs[3].done;
		schedule();
	}
	KT_EXPECT(r, all_done);
	KT_EXPECT(r, counter == 4 * 300);
	KT_EXPECT(r, !mutex_held(&m) && mutex_trylock(&m));
	mutex_unlock(&m);
	KT_EXPECT(r, all_reaped());
}
