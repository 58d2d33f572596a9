/*
 * wait4 and waitid: reap zombie children, report stopped and continued ones. A child's state
 * changes bump parent->child_events and wake parent->child_exit; waiters re-scan then.
 */
#include "errno.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "signal/signal.h"
#include "string.h"
#include "task/exit.h"
#include "task/pidfd.h"
#include "task/proc.h"
#include "task/task.h"
#include "uapi/fcntl.h"

#define WNOHANG	    0x00000001
#define WUNTRACED   0x00000002
#define WSTOPPED    WUNTRACED
#define WEXITED	    0x00000004
#define WCONTINUED  0x00000008
#define WNOWAIT	    0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL	    0x40000000
#define __WCLONE    0x80000000
#define P_ALL	    0
#define P_PID	    1
#define P_PGID	    2
#define P_PIDFD	    3

struct wait_req {
	int type, id, options;
};

struct wait_res {
	int pid, status; /* wait4's status word */
	int code, si_status;
};

static bool child_matches(struct proc *c, const struct wait_req *w)
{
	bool clone_child = c->exit_signal != SIGCHLD;

	if (w->type == P_PID && c->pid != w->id)
		return false;
	if (w->type == P_PGID && c->pgid != w->id)
		return false;
	/* Children of any thread of the group, unless __WNOTHREAD: only the caller's own. */
	if ((w->options & __WNOTHREAD) && c->creator_tid != current->tid)
		return false;
	if (w->options & __WALL)
		return true;
	return clone_child == !!(w->options & __WCLONE);
}

static bool child_event(void *arg)
{
	struct proc *p = current->proc;

	return READ_ONCE(p->child_events) != *(u64 *)arg;
}

/* Free a reaped zombie: its times go to the parent. tasklist_lock held; returns its pid. */
static int reap(struct proc *me, struct proc *z)
{
	list_del(&z->sibling);
	me->cutime_ticks += z->utime_ticks + z->cutime_ticks;
	me->cstime_ticks += z->stime_ticks + z->cstime_ticks;
	return z->pid;
}

/* Look at one child; true (and *@res filled) if it has something to report. [T] held. */
static bool consider(struct proc *c, const struct wait_req *w, struct wait_res *res)
{
	bool keep = w->options & WNOWAIT;

	if (c->zombie) {
		int st = c->exit_status;

		if (!(w->options & WEXITED))
			return false;
		res->pid = c->pid;
		res->status = st;
		res->code = (st & 0x7f) ? ((st & 0x80) ? CLD_DUMPED : CLD_KILLED) : CLD_EXITED;
		res->si_status = (st & 0x7f) ? (st & 0x7f) : (st >> 8) & 0xff;
		return true;
	}
	if ((w->options & WSTOPPED) && c->sig.report_stop) {
		res->pid = c->pid;
		res->status = (c->sig.report_stop << 8) | 0x7f;
		res->code = CLD_STOPPED;
		res->si_status = c->sig.report_stop;
		if (!keep)
			c->sig.report_stop = 0;
		return true;
	}
	if ((w->options & WCONTINUED) && c->sig.report_cont) {
		res->pid = c->pid;
		res->status = 0xffff;
		res->code = CLD_CONTINUED;
		res->si_status = SIGCONT;
		if (!keep)
			c->sig.report_cont = false;
		return true;
	}
	return false;
}

/* The wait loop shared by wait4 and waitid: pid, 0 (WNOHANG, nothing yet) or -Exxx. */
static long do_wait(const struct wait_req *w, struct wait_res *res)
{
	struct proc *me = current->proc;
	bool interrupted = false;

	for (;;) {
		struct proc *c, *hit = NULL;
		bool found = false;
		u64 seen;

		spin_lock(&tasklist_lock);
		seen = me->child_events;
		list_for_each_entry (c, &me->children, sibling) {
			if (!child_matches(c, w))
				continue;
			found = true;
			if (consider(c, w, res)) {
				hit = c;
				break;
			}
		}
		if (hit && hit->zombie && !(w->options & WNOWAIT)) {
			int pid = reap(me, hit);

			spin_unlock(&tasklist_lock);
			tid_free(pid);
			proc_free(hit);
			return pid;
		}
		spin_unlock(&tasklist_lock);
		if (hit)
			return res->pid;
		if (!found)
			return -ECHILD;
		if (w->options & WNOHANG)
			return 0;
		/*
		 * A signal ends the wait only after one more look at the children: the SIGCHLD of
		 * an auto-reaped child comes with its unlinking, and then the answer is ECHILD.
		 */
		if (interrupted)
			return -ERESTARTSYS;
		if (wait_event(&me->child_exit, child_event, &seen, 0))
			interrupted = true;
	}
}

long do_wait4(int pid, int *status, int options)
{
	struct wait_req w = {.options = options | WEXITED};
	struct wait_res res = {0};
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == -1) {
		w.type = P_ALL;
	} else if (pid < -1) {
		w.type = P_PGID;
		w.id = -pid;
	} else if (pid == 0) {
		w.type = P_PGID;
		w.id = current->proc->pgid;
	} else {
		w.type = P_PID;
		w.id = pid;
	}
	ret = do_wait(&w, &res);
	if (ret > 0)
		*status = res.status;
	return ret;
}

long do_waitid(int which, int id, uaddr_t infop, int options, uaddr_t rusage)
{
	struct wait_req w = {.type = which, .id = id, .options = options};
	struct wait_res res = {0};
	struct ksiginfo info;
	bool nonblock = false;
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WALL |
			__WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		break;
	case P_PID:
		if (id <= 0)
			return -EINVAL;
		break;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		if (id == 0)
			w.id = current->proc->pgid;
		break;
	case P_PIDFD: {
		u32 fflags = 0;
		int pid;

		if (id < 0)
			return -EINVAL;
		pid = pidfd_target(id, &fflags);
		if (pid < 0)
			return pid;
		w.type = P_PID;
		w.id = pid;
		if (fflags & O_NONBLOCK) {
			/* A non-blocking pidfd: nothing to report is EAGAIN without WNOHANG. */
			nonblock = !(options & WNOHANG);
			w.options |= WNOHANG;
		}
		break;
	}
	default:
		return -EINVAL;
	}
	ret = do_wait(&w, &res);
	if (ret < 0)
		return ret;
	if (ret == 0 && nonblock)
		return -EAGAIN;
	if (infop) {
		memset(&info, 0, sizeof(info));
		if (ret > 0) {
			info.si_signo = SIGCHLD;
			info.si_code = res.code;
			info.chld.pid = res.pid;
			info.chld.status = res.si_status;
		}
		/* Linux writes signo, errno, code, pid, uid and status; the rest is left alone. */
		if (copy_to_user(infop, &info, 28))
			return -EFAULT;
	}
	if (rusage && clear_user(rusage, 144))
		return -EFAULT;
	return 0;
}
