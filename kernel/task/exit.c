/* Thread and process exit, zombies, reparenting, vfork completion (wait4/waitid: wait.c). */
#include "task/exit.h"
#include "boot/boot.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "futex/futex.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "signal/signal.h"
#include "task/proc.h"
#include "task/task.h"

static void vfork_complete(struct vfork_done *vd)
{
	spin_lock(&vd->wq.lock);
	vd->done = true;
	wake_up_all_locked(&vd->wq);
	spin_unlock(&vd->wq.lock);
	/* The parent may return (and its stack frame vanish) as soon as the lock is free. */
}

static bool vfork_is_done(void *arg)
{
	return ((struct vfork_done *)arg)->done;
}

void vfork_wait(struct vfork_done *vd)
{
	/* Signals wait: the child borrows this stack frame until it execs or exits. */
	wait_event_uninterruptible(&vd->wq, vfork_is_done, vd);
}

void exec_release_vfork_parent(struct task *t)
{
	struct vfork_done *vd = t->vfork;

	if (vd) {
		t->vfork = NULL;
		vfork_complete(vd);
	}
}

/* Children of @p go to init; returns true if one of them is already a zombie. Holds [T]. */
static bool reparent_children(struct proc *p)
{
	bool zombie = false;

	while (!list_empty(&p->children)) {
		struct proc *c = list_first_entry(&p->children, struct proc, sibling);

		list_del(&c->sibling);
		c->parent = init_proc;
		WRITE_ONCE(c->ppid, init_proc->pid);
		list_add_tail(&c->sibling, &init_proc->children);
		zombie |= c->zombie;
	}
	return zombie;
}

/* Returns true if the parent ignores SIGCHLD: @p is already unlinked and must be freed. */
static bool proc_become_zombie(struct proc *p, int status)
{
	struct proc *parent;
	bool wake_init, autoreap;

	if (p == init_proc) {
		pr_info("init exited with status 0x%x: powering off\n", status);
		power_off(status != 0);
	}
	spin_lock(&tasklist_lock);
	wake_init = reparent_children(p);
	p->exit_status = p->group_exiting ? p->group_status : status;
	p->zombie = true;
	parent = p->parent;
	autoreap = signal_notify_parent_exit(p);
	if (autoreap)
		list_del(&p->sibling);
	parent->child_events++;
	if (wake_init)
		init_proc->child_events++;
	spin_unlock(&tasklist_lock);
	wake_up_all(&parent->child_exit);
	if (wake_init)
		wake_up_all(&init_proc->child_exit);
	return autoreap;
}

void do_exit(int status)
{
	struct task *t = current;
	struct proc *p = t->proc;
	struct mm *mm = t->mm;
	bool last, autoreap = false;

	if (mm)
		futex_exit_release(t); /* robust list, then clear_child_tid store + wake */
	exec_release_vfork_parent(t);
	if (t->files)
		files_put(t->files);
	if (t->fs)
		fs_put(t->fs);
	t->files = NULL;
	t->fs = NULL;
	if (mm) {
		t->mm = NULL;
		mm_activate(NULL);
		mm_put(mm);
	}
	spin_lock(&p->lock);
	list_del(&t->group_link);
	last = --p->nr_threads == 0;
	spin_unlock(&p->lock);
	signal_task_exit(t, last);
	if (last)
		autoreap = proc_become_zombie(p, status);
	if (t->tid != p->pid)
		tid_free(t->tid);
	else
		tid_forget(t->tid); /* the pid stays taken until the zombie is reaped */
	if (autoreap) {
		t->proc = NULL;
		tid_free(p->pid);
		proc_free(p);
	}
	spin_lock(&rq_lock);
	t->state = TASK_DEAD;
	schedule_locked();
	panic("do_exit: dead task scheduled");
}

void do_exit_group(int status)
{
	struct proc *p = current->proc;
	struct task *other;

	spin_lock(&p->lock);
	if (!p->group_exiting) {
		p->group_exiting = true;
		p->group_status = status;
	}
	list_for_each_entry (other, &p->threads, group_link) {
		if (other != current) {
			other->sigpending = true;
			wake_up_task(other);
		}
	}
	spin_unlock(&p->lock);
	do_exit(status);
}

void task_exit_fatal(int sig)
{
	do_exit_group(sig & 0x7f);
}

void user_return_check(void)
{
	struct proc *p = current->proc;

	for (;;) {
		if (p && p->group_exiting)
			do_exit(p->group_status);
		if (need_resched()) {
			schedule();
			continue;
		}
		signal_return_to_user(current->tf);
		if (!need_resched())
			break;
	}
	if (this_cpu()->nlocks)
		panic("returning to user mode with %d spinlocks held", this_cpu()->nlocks);
}
