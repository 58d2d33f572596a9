/* Task (thread) allocation and the tid table. */
#include "task/task.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/kmap.h"
#include "printk.h"
#include "string.h"
#include "task/proc.h"

spinlock_t tasklist_lock = SPINLOCK_INIT("tasklist");

/* [T] tid -> task; a pid stays allocated while its proc is a zombie (table holds NULL then). */
static struct task **tid_table;
static unsigned long *tid_used; /* [T] bitmap of allocated tids */
static int tid_next = 1;	/* [T] where the next search starts */

static bool tid_table_ready(void)
{
	if (tid_table)
		return true;
	tid_table = kzalloc(sizeof(*tid_table) * PID_MAX);
	tid_used = kzalloc(PID_MAX / 8);
	if (!tid_table || !tid_used) {
		kfree(tid_table);
		kfree(tid_used);
		tid_table = NULL;
		tid_used = NULL;
		return false;
	}
	return true;
}

int tid_alloc(struct task *t)
{
	int tid = 0;

	spin_lock(&tasklist_lock);
	if (!tid_table_ready())
		goto out;
	for (int n = 0; n < PID_MAX - 1; n++) {
		int cand = tid_next;

		tid_next = tid_next + 1 >= PID_MAX ? 2 : tid_next + 1;
		if (cand < 1 || (tid_used[cand / 64] & (1UL << (cand % 64))))
			continue;
		tid_used[cand / 64] |= 1UL << (cand % 64);
		tid_table[cand] = t;
		tid = cand;
		break;
	}
out:
	spin_unlock(&tasklist_lock);
	return tid;
}

int tid_alloc_at(struct task *t, int tid)
{
	int ret = tid;

	spin_lock(&tasklist_lock);
	if (!tid_table_ready())
		ret = -ENOMEM;
	else if (tid_used[tid / 64] & (1UL << (tid % 64)))
		ret = -EEXIST;
	else {
		tid_used[tid / 64] |= 1UL << (tid % 64);
		tid_table[tid] = t;
	}
	spin_unlock(&tasklist_lock);
	return ret;
}

void tid_takeover(struct task *t, int pid)
{
	int old = t->tid;

	spin_lock(&tasklist_lock);
	tid_table[pid] = t;
	t->tid = pid;
	tid_used[old / 64] &= ~(1UL << (old % 64));
	tid_table[old] = NULL;
	spin_unlock(&tasklist_lock);
}

void tid_free(int tid)
{
	if (tid <= 0 || tid >= PID_MAX)
		return;
	spin_lock(&tasklist_lock);
	tid_used[tid / 64] &= ~(1UL << (tid % 64));
	tid_table[tid] = NULL;
	spin_unlock(&tasklist_lock);
}

void tid_forget(int tid)
{
	if (tid <= 0 || tid >= PID_MAX)
		return;
	spin_lock(&tasklist_lock);
	tid_table[tid] = NULL;
	spin_unlock(&tasklist_lock);
}

struct task *task_by_tid(int tid)
{
	assert_held(&tasklist_lock);
	if (tid <= 0 || tid >= PID_MAX || !tid_table)
		return NULL;
	return tid_table[tid];
}

struct task *task_alloc(void)
{
	struct task *t = kzalloc(sizeof(*t));
	unsigned long bottom;

	if (!t)
		return NULL;
	t->kstack_top = kstack_alloc(&bottom);
	if (!t->kstack_top) {
		kfree(t);
		return NULL;
	}
	t->kstack_bottom = bottom;
	t->tf = (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
	memset(t->tf, 0, sizeof(*t->tf));
	INIT_LIST_HEAD(&t->rq_link);
	INIT_LIST_HEAD(&t->timer_link);
	INIT_LIST_HEAD(&t->group_link);
	t->state = TASK_SLEEPING; /* not runnable until queued */
	t->cpus_allowed = ~0UL;
	return t;
}

void task_free(struct task *t)
{
	kstack_free(t->kstack_top);
	kfree(t);
}
