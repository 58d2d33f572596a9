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

/* The process group (@sid false) or session of process @pid (0: the caller), or -ESRCH. */
static long get_pgid_or_sid(int pid, bool sid)
{
	struct proc *p;
	long ret;

	spin_lock(&tasklist_lock);
	p = pid ? proc_find(pid) : current->proc;
	ret = p ? (sid ? p->sid : p->pgid) : -ESRCH;
	spin_unlock(&tasklist_lock);
	return ret;
}

long do_getpgid(int pid)
{
	return get_pgid_or_sid(pid, false);
}

long do_getsid(int pid)
{
	return get_pgid_or_sid(pid, true);
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
		me->tty = false; /* a new session has no controlling terminal */
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

struct pgrp_sig {
	int pgid, sig, sig2;
};

static void pgrp_signal_one(struct proc *p, void *arg)
{
	struct pgrp_sig *w = arg;

	if (p->pgid == w->pgid && !p->zombie) {
		send_signal_proc(p, w->sig, NULL);
		if (w->sig2)
			send_signal_proc(p, w->sig2, NULL);
	}
}

void pgrp_signal(int pgid, int sig, int sig2)
{
	struct pgrp_sig w = {pgid, sig, sig2};

	assert_held(&tasklist_lock);
	if (init_proc)
		for_each_proc(init_proc, pgrp_signal_one, &w);
}

struct pgrp_sid {
	int id, sid_by_pgid, sid_by_pid;
};

static void pgrp_sid_one(struct proc *p, void *arg)
{
	struct pgrp_sid *w = arg;

	if (p->zombie)
		return;
	if (p->pgid == w->id)
		w->sid_by_pgid = p->sid;
	if (p->pid == w->id)
		w->sid_by_pid = p->sid;
}

int pgrp_session(int pgid)
{
	struct pgrp_sid w = {pgid, -1, -1};

	assert_held(&tasklist_lock);
	if (init_proc)
		for_each_proc(init_proc, pgrp_sid_one, &w);
	return w.sid_by_pgid >= 0 ? w.sid_by_pgid : w.sid_by_pid;
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
	if (!w.linked && w.stopped)
		pgrp_signal(w.pgid, SIGHUP, SIGCONT);
}

bool pgrp_orphaned_locked(struct proc *p)
{
	struct orphan_walk w = {.pgid = p->pgid};

	assert_held(&tasklist_lock);
	orphan_walk(&w);
	return !w.linked;
}

bool pgrp_orphaned(struct proc *p)
{
	bool r;

	spin_lock(&tasklist_lock);
	r = pgrp_orphaned_locked(p);
	spin_unlock(&tasklist_lock);
	return r;
}
