/*
 * Finding processes, process groups and sessions: proc_find, for_each_proc, setpgid, getpgid,
 * getsid, setsid, and the job-control rules of orphaned groups. Groups matter to signals (kill of
 * -pgid) and to wait; the ids live in struct proc under tasklist_lock.
 */
#include "errno.h"
#include "signal/signal.h"
#include "task/proc.h"
#include "task/task.h"

static struct proc *find_in(struct proc *root, int pid)
{
	struct proc *c, *r;

	if (root->pid == pid)
		return root;
	list_for_each_entry (c, &root->children, sibling) {
		r = find_in(c, pid);
		if (r)
			return r;
	}
	return NULL;
}

struct proc *proc_find(int pid)
{
	struct task *t;

	assert_held(&tasklist_lock);
	t = task_by_tid(pid);
	if (t && t->proc && t->proc->pid == pid)
		return t->proc;
	return init_proc ? find_in(init_proc, pid) : NULL;
}

/* Call @fn on every process under @root (depth first). tasklist_lock held. */
void for_each_proc(struct proc *root, void (*fn)(struct proc *p, void *arg), void *arg)
{
	struct proc *c;

	fn(root, arg);
	list_for_each_entry (c, &root->children, sibling)
		for_each_proc(c, fn, arg);
}

struct pgid_walk {
	int pgid, sid; /* sid 0: any session */
	bool found;
};

static void pgid_used(struct proc *p, void *arg)
{
	struct pgid_walk *w = arg;

	if (p->pgid == w->pgid && (!w->sid || p->sid == w->sid))
		w->found = true;
}

long do_setpgid(int pid, int pgid)
{
	struct proc *me = current->proc, *p;
	long ret = 0;

	if (pgid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	p = pid ? proc_find(pid) : me;
	if (!pgid)
		pgid = p ? p->pid : 0;
	if (!p || (p != me && p->parent != me) || p->zombie) {
		ret = -ESRCH;
		goto out;
	}
	if (p->sid == p->pid || p->sid != me->sid) {
		ret = -EPERM;
		goto out;
	}
	if (pgid != p->pid) {
		/* The group must exist in our session. */
		struct pgid_walk w = {.pgid = pgid, .sid = me->sid};

		if (init_proc)
			for_each_proc(init_proc, pgid_used, &w);
		if (!w.found) {
			ret = -EPERM;
			goto out;
		}
	}
	p->pgid = pgid;
out:
	spin_unlock(&tasklist_lock);
	return ret;
}

long do_getpgid(int pid)
{
	struct proc *p;
	long ret;

	spin_lock(&tasklist_lock);
	p = pid ? proc_find(pid) : current->proc;
	ret = p ? p->pgid : -ESRCH;
	spin_unlock(&tasklist_lock);
	return ret;
}

long do_getsid(int pid)
{
	struct proc *p;
	long ret;

	spin_lock(&tasklist_lock);
	p = pid ? proc_find(pid) : current->proc;
	ret = p ? p->sid : -ESRCH;
	spin_unlock(&tasklist_lock);
	return ret;
}

long do_setsid(void)
{
	struct proc *me = current->proc;
	struct pgid_walk w = {.pgid = me->pid};
	long ret;

	spin_lock(&tasklist_lock);
	if (init_proc)
		for_each_proc(init_proc, pgid_used, &w);
	if (w.found) {
		ret = -EPERM;
	} else {
		me->sid = me->pgid = me->pid;
		ret = me->pid;
	}
	spin_unlock(&tasklist_lock);
	return ret;
}

/* ---- orphaned process groups (POSIX job control) ---- */

struct orphan_walk {
	int pgid;
	struct proc *ignore; /* the exiting process, not counted */
	bool linked;	     /* a member's parent is in another group of the same session */
	bool stopped;	     /* a member is stopped */
};

static void orphan_look(struct proc *p, void *arg)
{
	struct orphan_walk *w = arg;

	if (p->pgid != w->pgid)
		return;
	if (READ_ONCE(p->sig.stopped))
		w->stopped = true;
	if (p == w->ignore || p->zombie || !p->parent || p->parent == init_proc)
		return;
	if (p->parent->pgid != p->pgid && p->parent->sid == p->sid)
		w->linked = true;
}

static void orphan_walk(struct orphan_walk *w)
{
	if (init_proc)
		for_each_proc(init_proc, orphan_look, w);
}

static void hup_cont(struct proc *p, void *arg)
{
	if (p->pgid == *(int *)arg && !p->zombie) {
		send_signal_proc(p, SIGHUP, NULL);
		send_signal_proc(p, SIGCONT, NULL);
	}
}

void pgrp_orphan_check(struct proc *p, struct proc *parent)
{
	struct orphan_walk w = {.pgid = p->pgid, .ignore = p};

	assert_held(&tasklist_lock);
	if (parent)
		w.ignore = NULL; /* @p stays: it was its group's link through @parent */
	else
		parent = p->parent; /* @p exits: it may have been the link */
	if (!parent || parent->pgid == p->pgid || parent->sid != p->sid)
		return;
	orphan_walk(&w);
	if (!w.linked && w.stopped && init_proc)
		for_each_proc(init_proc, hup_cont, &w.pgid);
}

bool pgrp_orphaned(struct proc *p)
{
	struct orphan_walk w = {0};

	spin_lock(&tasklist_lock);
	w.pgid = p->pgid;
	orphan_walk(&w);
	spin_unlock(&tasklist_lock);
	return !w.linked;
}
