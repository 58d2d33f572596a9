/* Wait queues: sleep on a condition re-checked under the queue's lock. */
#include "sched/wait.h"
#include "errno.h"
#include "printk.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "task/task.h"
#include "time/timer.h"

struct waiter {
	struct list_head link; /* [q] on wq->sleepers */
	struct task *task;     /* [I] */
};

void wait_queue_init(struct wait_queue *wq, const char *name)
{
	spin_lock_init(&wq->lock, name);
	INIT_LIST_HEAD(&wq->sleepers);
}

static int wait_common(struct wait_queue *wq, bool (*cond)(void *arg), void *arg, u64 timeout_ns,
		       bool interruptible)
{
	struct waiter w = {.task = current};
	u64 deadline = timeout_ns ? clock_ns() + timeout_ns : 0;
	int ret = 0;

	spin_lock(&wq->lock);
	list_add_tail(&w.link, &wq->sleepers);
	for (;;) {
		if (cond(arg))
			break;
		if (interruptible && task_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		if (deadline && clock_ns() >= deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		/* Take rq_lock before letting go of the queue: a waker cannot slip in between. */
		spin_lock(&rq_lock);
		if (interruptible && task_signal_pending(current)) {
			/* A signal came (from another CPU) since the check above: its wake-up
			 * found us running, so do not sleep. */
			spin_unlock(&rq_lock);
			ret = -EINTR;
			break;
		}
		current->state = TASK_SLEEPING;
		spin_unlock(&wq->lock); /* interrupts stay off: rq_lock is held */
		sleep_locked_until(deadline);
		spin_lock(&wq->lock);
	}
	list_del(&w.link);
	spin_unlock(&wq->lock);
	return ret;
}

int wait_event(struct wait_queue *wq, bool (*cond)(void *arg), void *arg, u64 timeout_ns)
{
	return wait_common(wq, cond, arg, timeout_ns, true);
}

void wait_event_uninterruptible(struct wait_queue *wq, bool (*cond)(void *arg), void *arg)
{
	wait_common(wq, cond, arg, 0, false);
}

void wake_up_all_locked(struct wait_queue *wq)
{
	struct list_head *pos;

	assert_held(&wq->lock);
	list_for_each (pos, &wq->sleepers)
		wake_up_task(list_entry(pos, struct waiter, link)->task);
}

void wake_up_all(struct wait_queue *wq)
{
	spin_lock(&wq->lock);
	wake_up_all_locked(wq);
	spin_unlock(&wq->lock);
}

void wake_up_one_locked(struct wait_queue *wq)
{
	assert_held(&wq->lock);
	if (!list_empty(&wq->sleepers))
		wake_up_task(list_first_entry(&wq->sleepers, struct waiter, link)->task);
}

void wake_up_one(struct wait_queue *wq)
{
	spin_lock(&wq->lock);
	if (!list_empty(&wq->sleepers))
		wake_up_task(list_first_entry(&wq->sleepers, struct waiter, link)->task);
	spin_unlock(&wq->lock);
}

int wait_once(struct wait_queue *wq, u64 timeout_ns)
{
	struct waiter w = {.task = current};
	bool timed_out;

	if (task_signal_pending(current))
		return -EINTR;
	spin_lock(&wq->lock);
	list_add_tail(&w.link, &wq->sleepers);
	spin_lock(&rq_lock);
	if (task_signal_pending(current)) { /* raced with a sender on another CPU */
		spin_unlock(&rq_lock);
		list_del(&w.link);
		spin_unlock(&wq->lock);
		return -EINTR;
	}
	current->state = TASK_SLEEPING;
	spin_unlock(&wq->lock); /* interrupts stay off: rq_lock is held */
	timed_out = sleep_locked_until(timeout_ns ? clock_ns() + timeout_ns : 0);
	spin_lock(&wq->lock);
	list_del(&w.link);
	spin_unlock(&wq->lock);
	if (task_signal_pending(current))
		return -EINTR;
	return timed_out ? -ETIMEDOUT : 0;
}
