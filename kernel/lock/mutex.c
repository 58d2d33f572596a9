/* Sleeping locks on top of wait queues. */
#include "lock/mutex.h"
#include "printk.h"
#include "sched/cpu.h"
#include "task/task.h"

void mutex_init(struct mutex *m, const char *name)
{
	m->owner = NULL;
	m->name = name;
	wait_queue_init(&m->wq, name);
}

/* Take @m if free; called with m->wq.lock held (the wait_event condition). */
static bool try_take(void *arg)
{
	struct mutex *m = arg;

	if (m->owner)
		return false;
	m->owner = current;
	return true;
}

void mutex_lock(struct mutex *m)
{
	if (m->owner == current)
		panic("mutex_lock: recursive acquire of %s", m->name);
	wait_event_uninterruptible(&m->wq, try_take, m);
}

bool mutex_trylock(struct mutex *m)
{
	bool taken;

	spin_lock(&m->wq.lock);
	taken = try_take(m);
	spin_unlock(&m->wq.lock);
	return taken;
}

void mutex_unlock(struct mutex *m)
{
	spin_lock(&m->wq.lock);
	if (m->owner != current)
		panic("mutex_unlock: %s not held by tid %d", m->name, current->tid);
	m->owner = NULL;
	wake_up_one_locked(&m->wq);
	spin_unlock(&m->wq.lock);
}

bool mutex_held(struct mutex *m)
{
	return READ_ONCE(m->owner) == current;
}
