/*
 * Sleeping locks: for anything held across work that may take long or wait (I/O, remote TLB
 * shootdowns, page faults). A task that finds the mutex taken sleeps on its wait queue
 * instead of spinning. Never taken in interrupt context or with a spinlock held.
 */
#ifndef KERNEL_LOCK_MUTEX_H
#define KERNEL_LOCK_MUTEX_H

#include "sched/wait.h"
#include "types.h"

struct task;

/* Locks: [m] m->wq.lock protects owner. */
struct mutex {
	struct task *owner; /* [m] NULL when free */
	struct wait_queue wq;
	const char *name;
};

/* MUTEX_INIT - a free mutex as a static initializer: static struct mutex m = MUTEX_INIT(m). */
#define MUTEX_INIT(name)                                                                           \
	{                                                                                          \
		NULL, WAIT_QUEUE_INIT((name).wq), #name                                            \
	}

/* mutex_init - a free mutex named @name. */
void mutex_init(struct mutex *m, const char *name);

/*
 * mutex_lock - take @m, sleeping (uninterruptibly) while another task holds it.
 * Context: process context, no spinlock held. Panics on recursion.
 */
void mutex_lock(struct mutex *m);

/* mutex_trylock - take @m if it is free; true if taken. Context: process context. */
bool mutex_trylock(struct mutex *m);

/* mutex_unlock - release @m (held by the caller) and wake one sleeper. */
void mutex_unlock(struct mutex *m);

/* mutex_held - true if the calling task holds @m. */
bool mutex_held(struct mutex *m);

#define assert_mutex_held(m) KASSERT(mutex_held(m))

#endif
