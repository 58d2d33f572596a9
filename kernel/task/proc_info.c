/* Snapshots of processes for /proc (proc_info.h). */
#include "task/proc_info.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "mm/mm.h"
#include "signal/signal.h"
#include "string.h"
#include "task/proc.h"
#include "task/task.h"
#include "time/timer.h"

/* Linux's letter for @p: Z once every thread is gone, T in a group stop, else its leader's. */
static char proc_state(struct proc *p, struct task *first)
{
	if (p->zombie || !first)
		return 'Z';
	if (READ_ONCE(p->sig.stopped))
		return 'T';
	switch (READ_ONCE(first->state)) {
	case TASK_RUNNING:
	case TASK_RUNNABLE:
		return 'R';
	case TASK_SLEEPING:
		return 'S';
	default:
		return 'Z';
	}
}

int proc_info_get(int pid, unsigned int want, struct proc_info *pi)
{
	struct proc *p;
	struct task *first;

	memset(pi, 0, sizeof(*pi));
	spin_lock(&tasklist_lock);
	p = pid > 0 ? proc_find(pid) : NULL;
	if (!p) {
		spin_unlock(&tasklist_lock);
		return -ENOENT;
	}
	pi->pid = p->pid;
	pi->ppid = p->parent ? p->parent->pid : 0;
	pi->pgid = p->pgid;
	pi->sid = p->sid;
	pi->utime = READ_ONCE(p->utime_ticks) * USER_HZ / hz;
	pi->stime = READ_ONCE(p->stime_ticks) * USER_HZ / hz;
	pi->cutime = p->cutime_ticks * USER_HZ / hz;
	pi->cstime = p->cstime_ticks * USER_HZ / hz;
	pi->start_time = p->start_ns / (1000000000UL / USER_HZ);
	spin_lock(&p->lock);
	first = list_empty(&p->threads) ? NULL
					: list_first_entry(&p->threads, struct task, group_link);
	pi->nr_threads = p->nr_threads ? p->nr_threads : 1; /* a zombie counts as one */
	pi->state = proc_state(p, first);
	memcpy(pi->comm, first ? first->name : p->comm, sizeof(pi->comm));
	pi->comm[sizeof(pi->comm) - 1] = 0;
	if (first && (want & PI_MM) && first->mm) {
		pi->mm = first->mm;
		mm_get(pi->mm);
	}
	if (first && (want & PI_FS) && first->fs) {
		pi->fs = first->fs;
		fs_get(pi->fs);
	}
	if (first && (want & PI_FILES) && first->files) {
		pi->files = first->files;
		files_get(pi->files);
	}
	if ((want & PI_EXE) && p->exe_file && !p->zombie) {
		pi->exe = p->exe_file;
		fget(pi->exe);
	}
	spin_unlock(&p->lock);
	spin_unlock(&tasklist_lock);
	return 0;
}

void proc_info_put(struct proc_info *pi)
{
	if (pi->mm)
		mm_put(pi->mm);
	if (pi->exe)
		fput(pi->exe);
	if (pi->fs)
		fs_put(pi->fs);
	if (pi->files)
		files_put(pi->files);
	pi->mm = NULL;
	pi->exe = NULL;
	pi->fs = NULL;
	pi->files = NULL;
}

bool proc_exists(int pid)
{
	bool found;

	spin_lock(&tasklist_lock);
	found = pid > 0 && proc_find(pid);
	spin_unlock(&tasklist_lock);
	return found;
}

struct next_walk {
	int after, best;
};

static void next_one(struct proc *p, void *arg)
{
	struct next_walk *w = arg;

	if (p->pid > w->after && (!w->best || p->pid < w->best))
		w->best = p->pid;
}

int proc_next_pid(int after)
{
	struct next_walk w = {after, 0};

	spin_lock(&tasklist_lock);
	if (init_proc)
		for_each_proc(init_proc, next_one, &w);
	spin_unlock(&tasklist_lock);
	return w.best;
}

struct count_walk {
	int total, running, last;
};

static void count_one(struct proc *p, void *arg)
{
	struct count_walk *w = arg;
	struct task *t;

	w->total++;
	if (p->pid > w->last)
		w->last = p->pid;
	spin_lock(&p->lock);
	list_for_each_entry (t, &p->threads, group_link) {
		enum task_state s = READ_ONCE(t->state);

		if (s == TASK_RUNNING || s == TASK_RUNNABLE)
			w->running++;
	}
	spin_unlock(&p->lock);
}

void proc_counts(int *total, int *running, int *last)
{
	struct count_walk w = {0, 0, 0};

	spin_lock(&tasklist_lock);
	if (init_proc)
		for_each_proc(init_proc, count_one, &w);
	spin_unlock(&tasklist_lock);
	*total = w.total;
	*running = w.running;
	*last = w.last;
}
