/*
 * Wait queues: sleep until a condition holds, re-checked under the queue's lock so that no
 * wake-up is lost (the 9front sleep(r, cond) shape). Implemented in kernel/sched/wait.c.
 */
#ifndef KERNEL_SCHED_WAIT_H
#define KERNEL_SCHED_WAIT_H

#include "list.h"
#include "lock/spinlock.h"

struct task;

/* Locks: [q] wq->lock protects the list of sleepers. */
struct wait_queue {
	spinlock_t lock;
	struct list_head sleepers; /* [q] of struct waiter */
};

#define WAIT_QUEUE_INIT(name)                                                                      \
	{                                                                                          \
		SPINLOCK_INIT(#name), LIST_HEAD_INIT((name).sleepers)                              \
	}

/* wait_queue_init - empty queue. */
void wait_queue_init(struct wait_queue *wq, const char *name);

/*
 * wait_event - sleep on @wq until @cond(@arg) returns true. @cond is called with wq->lock held
 * and must not sleep. Returns 0 when the condition holds, -EINTR if a signal is pending for
 * the task (once signals exist), or -ETIMEDOUT when @timeout_ns (0 = none) passes.
 * Context: process context, no spinlock held.
 */
int wait_event(struct wait_queue *wq, bool (*cond)(void *arg), void *arg, u64 timeout_ns);

/* wait_event_uninterruptible - wait_event that signals do not end (no timeout). */
void wait_event_uninterruptible(struct wait_queue *wq, bool (*cond)(void *arg), void *arg);

/*
 * wait_once - sleep on @wq until the next wake-up, a signal (-EINTR) or @timeout_ns (0 = none;
 * -ETIMEDOUT). No condition: callers re-check their state and call again (ppoll).
 * Context: process context, no spinlock held.
 */
int wait_once(struct wait_queue *wq, u64 timeout_ns);

/* wake_up_all - make every sleeper of @wq runnable (they re-check their condition). Any context. */
void wake_up_all(struct wait_queue *wq);

/* wake_up_all_locked - wake_up_all for a caller that holds wq->lock. */
void wake_up_all_locked(struct wait_queue *wq);

/* wake_up_one_locked - wake_up_one for a caller that holds wq->lock. */
void wake_up_one_locked(struct wait_queue *wq);

/* wake_up_one - make the first sleeper of @wq runnable. Any context. */
void wake_up_one(struct wait_queue *wq);

#endif
