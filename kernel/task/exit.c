/* Thread and process exit, zombies, reparenting, vfork completion (wait4/waitid: wait.c). */
#include "task/exit.h"
#include "boot/boot.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/tty.h"
#include "futex/futex.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "signal/signal.h"
#include "string.h"
#include "task/pidfd.h"
#include "task/proc.h"
#include "task/task.h"

/*
 * vfork_lock protects every task's ->vfork pointer and orders the child's completion against
 * the parent giving up its wait (a fatal signal): whoever takes it second sees the other's
 * work. Lock order: vfork_lock, then the vfork_done's wait-queue lock.
 */
static spinlock_t vfork_lock = SPINLOCK_INIT("vfork");

static bool vfork_cond(void *arg)
{
	return ((struct vfork_done *)arg)->done || task_group_dying(current);
}

void vfork_wait(struct vfork_done *vd, struct task *child)
{
	/* Only a fatal signal (a group exit) ends the wait early; others stay pending. */
	wait_event_uninterruptible(&vd->wq, vfork_cond, vd);
	spin_lock(&vfork_lock);
	if (!vd->done)
		child->vfork = NULL; /* killed: the child must not touch this stack frame */
	spin_unlock(&vfork_lock);
}

void exec_release_vfork_parent(struct task *t)
{
	struct vfork_done *vd;

	spin_lock(&vfork_lock);
	vd = t->vfork;
	t->vfork = NULL;
	if (vd) {
		spin_lock(&vd->wq.lock);
		vd->done = true;
		wake_up_all_locked(&vd->wq);
		spin_unlock(&vd->wq.lock);
	}
	spin_unlock(&vfork_lock);
}

/*
 * Who adopts the orphans of @p: the nearest live ancestor marked child-subreaper, else init
 * (clone3.md section 10). Holds [T].
 */
static struct proc *find_new_reaper(struct proc *p)
{
	for (struct proc *a = p->parent; a && a != init_proc; a = a->parent)
		if (a->child_subreaper && !a->zombie && !a->group_exiting)
			return a;
	return init_proc;
}

/*
 * The children of @p go to their new reaper with SIGCHLD as exit signal; one that is already
 * a zombie is reported to it (and moved to @dead if the reaper ignores SIGCHLD). Holds [T].
 */
static void reparent_children(struct proc *p, struct list_head *dead)
{
	struct proc *reaper;

	if (list_empty(&p->children))
		return; /* no orphans: the reaper (init, mostly) is not woken for nothing */
	reaper = find_new_reaper(p);
	while (!list_empty(&p->children)) {
		struct proc *c = list_first_entry(&p->children, struct proc, sibling);

		list_del(&c->sibling);
		c->parent = reaper;
		c->creator_tid = 0;
		WRITE_ONCE(c->ppid, reaper->pid);
		c->exit_signal = SIGCHLD;
		list_add_tail(&c->sibling, &reaper->children);
		pgrp_orphan_check(c, p);
		if (c->zombie) {
			reaper->child_events++;
			if (signal_notify_parent_exit(c)) {
				list_del(&c->sibling);
				list_add_tail(&c->sibling, dead);
			}
		}
	}
	wake_up_all(&reaper->child_exit);
}

/* Free the zombies that reparent_children() found auto-reaped. No lock held. */
static void free_dead(struct list_head *dead)
{
	while (!list_empty(dead)) {
		struct proc *c = list_first_entry(dead, struct proc, sibling);

		list_del(&c->sibling);
		tid_free(c->pid);
		proc_free(c);
	}
}

/* Returns true if the parent ignores SIGCHLD: @p is already unlinked and must be freed. */
static bool proc_become_zombie(struct proc *p, int status)
{
	struct proc *parent;
	struct list_head dead;
	struct pidref *ref;
	bool autoreap;

	if (p == init_proc) {
		pr_info("init exited with status 0x%x: powering off\n", status);
		power_off(status != 0);
	}
	INIT_LIST_HEAD(&dead);
	spin_lock(&tasklist_lock);
	reparent_children(p, &dead);
	pgrp_orphan_check(p, NULL);
	tty_leader_exit(p);
	p->exit_status = p->group_exiting ? p->group_status : status;
	p->zombie = true;
	parent = p->parent;
	autoreap = signal_notify_parent_exit(p);
	if (autoreap)
		list_del(&p->sibling);
	parent->child_events++;
	/*
	 * Once the lock is dropped the parent may reap and free @p at any moment (on another
	 * CPU): take what is still needed now, and let nothing reach @p through this task.
	 */
	ref = pidref_get_locked(p);
	current->proc = NULL;
	/* Under the lock: the parent too may be reaped as soon as it is dropped. */
	wake_up_all(&parent->child_exit);
	spin_unlock(&tasklist_lock);
	pidfd_notify_exit(ref);
	free_dead(&dead);
	return autoreap;
}

/*
 * Take @t off its group's thread list; a child that @t made is now "made" by a live thread
 * (for __WNOTHREAD). Returns true if @t was the last thread.
 */
static bool thread_unlink(struct task *t, struct proc *p)
{
	struct proc *c;
	int heir = 0;
	bool last;

	spin_lock(&tasklist_lock);
	spin_lock(&p->lock);
	list_del(&t->group_link);
	last = --p->nr_threads == 0;
	if (last)
		memcpy(p->comm, t->name, sizeof(p->comm)); /* what /proc shows of the zombie */
	if (!last)
		heir = list_first_entry(&p->threads, struct task, group_link)->tid;
	spin_unlock(&p->lock);
	if (!last)
		list_for_each_entry (c, &p->children, sibling)
			if (c->creator_tid == t->tid)
				c->creator_tid = heir;
	spin_unlock(&tasklist_lock);
	return last;
}

void do_exit(int status)
{
	struct task *t = current;
	struct proc *p = t->proc;
	struct files_struct *files;
	struct fs_struct *fs;
	struct mm *mm = t->mm;
	bool last, autoreap = false;

	/* The order user space can see: robust list, clear_child_tid, vfork release, files/mm. */
	if (mm)
		futex_exit_release(t);
	exec_release_vfork_parent(t);
	spin_lock(&p->lock);
	files = t->files;
	t->files = NULL; /* pidfd_getfd looks at the threads' tables under p->lock */
	fs = t->fs;
	t->fs = NULL; /* /proc takes references on fs and mm under p->lock */
	t->mm = NULL;
	spin_unlock(&p->lock);
	if (files)
		files_put(files);
	if (fs)
		fs_put(fs);
	if (mm) {
		mm_activate(NULL);
		mm_put(mm);
	}
	last = thread_unlink(t, p);
	if (t->tid != p->pid)
		tid_free(t->tid); /* a non-leader is gone at once: nobody is told */
	else
		tid_forget(t->tid);   /* the pid stays taken until the zombie is reaped */
	wake_up_all(&p->thread_exit); /* after the tid: an exec'ing thread may take the pid */
	signal_task_exit(t, last);
	if (last)
		autoreap = proc_become_zombie(p, status);
	if (autoreap) {
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
	struct task *t = current;

	for (;;) {
		unsigned long irq;

		if (task_group_dying(t))
			do_exit(t->proc->group_status);
		if (need_resched()) {
			schedule();
			continue;
		}
		signal_return_to_user(t->tf);
		/* The last look is with interrupts off: an interrupt that asks for a switch
		 * after it stays pending and traps as soon as the task is in user mode, rather
		 * than waiting for the next tick. */
		irq = local_irq_save();
		if (!need_resched())
			break;
		local_irq_restore(irq);
	}
	if (this_cpu()->nlocks)
		panic("returning to user mode with %d spinlocks held", this_cpu()->nlocks);
}
