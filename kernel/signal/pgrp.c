/*
 * Finding processes, process groups and sessions: proc_find, for_each_proc, setpgid, getpgid,
 * getsid, setsid. Groups matter to signals (kill of -pgid) and to wait; the ids live in struct
 * proc under tasklist_lock.
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
		ret = me->pid;
	}
	spin_unlock(&tasklist_lock);
	return ret;
}
