/*
 * Signals: handler tables (struct sighand), sending and queueing, masks, and the system calls
 * that read or change them. Delivery is in deliver.c.
 *
 * Locks: see sigtypes.h. siglock protects every handler table, mask and pending set; senders
 * also hold tasklist_lock, which keeps the target proc and tasks alive.
 */
#include "signal/signal.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/wait.h"
#include "string.h"
#include "task/clone.h"
#include "task/proc.h"
#include "task/task.h"
#include "time/timer.h"

spinlock_t siglock = SPINLOCK_INIT("sig");

struct sigqueue {
	struct list_head link;
	struct ksiginfo info;
};

#define SIG_STOP_SET   (sigbit(SIGSTOP) | sigbit(SIGTSTP) | sigbit(SIGTTIN) | sigbit(SIGTTOU))
#define SIG_IGNORE_SET (sigbit(SIGCHLD) | sigbit(SIGCONT) | sigbit(SIGURG) | sigbit(SIGWINCH))

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= KNSIG;
}

static bool sig_default_ignored(int sig)
{
	return sig < SIGRTMIN && (SIG_IGNORE_SET & sigbit(sig));
}

static bool sig_default_stops(int sig)
{
	return sig < SIGRTMIN && (SIG_STOP_SET & sigbit(sig));
}

/* ---- handler tables ---- */

static struct sighand *sighand_alloc(void)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (sh)
		sh->refcount = 1;
	return sh;
}

static void sighand_put(struct sighand *sh)
{
	if (sh && __atomic_sub_fetch(&sh->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sh);
}

static void pending_init(struct sigpending *sp)
{
	sp->set = 0;
	INIT_LIST_HEAD(&sp->list);
}

static void pending_flush(struct sigpending *sp, u64 mask)
{
	struct list_head *pos, *n;

	if (!sp->list.next)
		return;
	list_for_each_safe (pos, n, &sp->list) {
		struct sigqueue *q = list_entry(pos, struct sigqueue, link);

		if (mask & sigbit(q->info.si_signo)) {
			list_del(&q->link);
			kfree(q);
		}
	}
	sp->set &= ~mask;
}

static void proc_sig_init(struct proc *p, struct sighand *sh)
{
	pending_init(&p->sig.shared);
	INIT_LIST_HEAD(&p->sig.timer_link);
	p->sig.sighand = sh;
}

int copy_sighand(struct task *child, struct proc *cp, struct task *parent, u64 flags)
{
	struct sighand *sh;

	if (flags & CLONE_SIGHAND) {
		sh = parent->sighand;
		__atomic_add_fetch(&sh->refcount, 1, __ATOMIC_RELAXED);
	} else {
		sh = sighand_alloc();
		if (!sh)
			return -ENOMEM;
		spin_lock(&siglock);
		memcpy(sh->action, parent->sighand->action, sizeof(sh->action));
		spin_unlock(&siglock);
		if (flags & CLONE_CLEAR_SIGHAND) {
			/* Handlers go back to SIG_DFL; SIG_IGN stays; no flags, no masks. */
			for (int i = 0; i < KNSIG; i++) {
				struct ksigaction *ka = &sh->action[i];

				if (ka->handler != SIG_IGN)
					ka->handler = SIG_DFL;
				ka->flags = 0;
				ka->mask = 0;
			}
		}
	}
	child->sighand = sh;
	pending_init(&child->sig.pending);
	child->sig.blocked = parent->sig.blocked;
	child->sig.ss_sp = parent->sig.ss_sp;
	child->sig.ss_size = parent->sig.ss_size;
	child->sig.ss_flags = parent->sig.ss_flags;
	if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		/* A new thread on the same memory must not share the parent's alternate stack. */
		child->sig.ss_sp = 0;
		child->sig.ss_size = 0;
		child->sig.ss_flags = SS_DISABLE;
	}
	if (cp)
		proc_sig_init(cp, sh);
	return 0;
}

void signal_undo_clone(struct task *child)
{
	sighand_put(child->sighand);
	child->sighand = NULL;
}

int signal_init_first(struct task *t, struct proc *p)
{
	struct sighand *sh = sighand_alloc();

	if (!sh)
		return -ENOMEM;
	t->sighand = sh;
	pending_init(&t->sig.pending);
	t->sig.ss_flags = SS_DISABLE;
	proc_sig_init(p, sh);
	return 0;
}

void signal_exec(struct task *t)
{
	struct sighand *sh = t->sighand, *fresh = NULL;

	if (__atomic_load_n(&sh->refcount, __ATOMIC_ACQUIRE) > 1)
		fresh = sighand_alloc(); /* on failure the table stays shared */
	spin_lock(&siglock);
	if (fresh) {
		memcpy(fresh->action, sh->action, sizeof(fresh->action));
		t->sighand = fresh;
		t->proc->sig.sighand = fresh;
	}
	for (int i = 0; i < KNSIG; i++) {
		struct ksigaction *ka = &t->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->mask = 0;
	}
	spin_unlock(&siglock);
	if (fresh)
		sighand_put(sh);
	t->sig.ss_sp = 0;
	t->sig.ss_size = 0;
	t->sig.ss_flags = SS_DISABLE;
	t->sig.restore_mask = false;
}

void signal_task_exit(struct task *t, bool last)
{
	struct proc *p = t->proc;
	struct sighand *sh;

	spin_lock(&siglock);
	pending_flush(&t->sig.pending, ~0UL);
	sh = t->sighand;
	t->sighand = NULL;
	if (last) {
		pending_flush(&p->sig.shared, ~0UL);
		p->sig.sighand = NULL;
		p->sig.stopped = false;
	}
	spin_unlock(&siglock);
	if (last)
		itimer_proc_exit(p);
	sighand_put(sh);
}

/* ---- pending state ---- */

void recalc_sigpending(struct task *t)
{
	struct proc *p = t->proc;
	u64 pend = t->sig.pending.set | p->sig.shared.set;

	assert_held(&siglock);
	t->sigpending = (pend & ~t->sig.blocked) || p->group_exiting || p->sig.stopped;
}

/* Make @t notice its pending signals: end an interruptible sleep. siglock held. */
static void signal_wake(struct task *t)
{
	t->sigpending = true;
	if (!wake_up_task(t))
		sched_kick(t); /* running on another hart: make it look at once */
}

static void wake_all_threads(struct proc *p)
{
	struct task *t;

	spin_lock(&p->lock);
	list_for_each_entry (t, &p->threads, group_link)
		signal_wake(t);
	spin_unlock(&p->lock);
}

/* Remove @mask from every pending set of @p. siglock held. */
static void flush_group(struct proc *p, u64 mask)
{
	struct task *t;

	pending_flush(&p->sig.shared, mask);
	spin_lock(&p->lock);
	list_for_each_entry (t, &p->threads, group_link)
		pending_flush(&t->sig.pending, mask);
	spin_unlock(&p->lock);
}

static bool handler_ignores(struct sighand *sh, int sig)
{
	u64 h = sh->action[sig - 1].handler;

	if (sig == SIGKILL || sig == SIGSTOP)
		return false;
	return h == SIG_IGN || (h == SIG_DFL && sig_default_ignored(sig));
}

/* Does a signal, unhandled and unblocked, kill the whole group? */
static bool sig_fatal(struct sighand *sh, int sig)
{
	if (sig == SIGKILL)
		return true;
	return sh->action[sig - 1].handler == SIG_DFL && !sig_default_ignored(sig) &&
	       !sig_default_stops(sig);
}

bool signal_ignored_or_blocked(struct task *t, int sig)
{
	bool r;

	spin_lock(&siglock);
	r = (t->sig.blocked & sigbit(sig)) ||
	    (t->sighand && t->sighand->action[sig - 1].handler == SIG_IGN);
	spin_unlock(&siglock);
	return r;
}

static void group_exit_locked(struct proc *p, int sig)
{
	spin_lock(&p->lock);
	if (!p->group_exiting || p->group_exec_task) {
		/* During an exec's de-threading this ends the exec'ing thread too (de_thread). */
		p->group_exiting = true;
		p->group_exec_task = NULL;
		p->group_status = sig;
	}
	spin_unlock(&p->lock);
	p->sig.stopped = false;
	wake_all_threads(p);
}

/*
 * The common send path: siglock held. @t is the target thread, or NULL for the group.
 * Returns 0 or -EAGAIN.
 */
static int send_locked(struct proc *p, struct task *t, int sig, const struct ksiginfo *info,
		       bool *continued)
{
	struct sighand *sh = p->sig.sighand;
	struct sigpending *sp = t ? &t->sig.pending : &p->sig.shared;
	struct task *target = t, *cand;
	struct sigqueue *q;
	bool dying;

	spin_lock(&p->lock);
	dying = p->group_exiting && !p->group_exec_task;
	spin_unlock(&p->lock);
	if (!sh || dying)
		return 0; /* a zombie or a dying group takes nothing more; an exec'ing one does */
	if (sig_default_stops(sig)) {
		flush_group(p, sigbit(SIGCONT));
	} else if (sig == SIGCONT) {
		flush_group(p, SIG_STOP_SET);
		if (p->sig.stopped) {
			p->sig.stopped = false;
			*continued = true;
			wake_all_threads(p);
		}
	}
	if (p == init_proc && sh->action[sig - 1].handler == SIG_DFL)
		return 0; /* init takes only the signals it handles (Linux SIGNAL_UNKILLABLE) */
	if (handler_ignores(sh, sig)) {
		/* Ignored signals are dropped unless the receiver (the leader) blocks them. */
		struct task *chk = t;

		if (!chk && !list_empty(&p->threads))
			chk = list_first_entry(&p->threads, struct task, group_link);
		if (!chk || !((chk->sig.blocked | chk->sig.real_blocked) & sigbit(sig)))
			return 0;
	}
	if (sig < SIGRTMIN && (sp->set & sigbit(sig)))
		return 0; /* standard signals do not queue */
	q = kmalloc(sizeof(*q));
	if (q) {
		if (info)
			q->info = *info;
		else
			memset(&q->info, 0, sizeof(q->info)), q->info.si_code = SI_KERNEL;
		q->info.si_signo = sig;
		list_add_tail(&q->link, &sp->list);
	} else if (sig >= SIGRTMIN && info && info->si_code != SI_USER &&
		   info->si_code != SI_KERNEL) {
		return -EAGAIN;
	}
	sp->set |= sigbit(sig);

	/* Choose who takes it: the target thread, else one that does not block it. */
	if (!target) {
		spin_lock(&p->lock);
		list_for_each_entry (cand, &p->threads, group_link) {
			if (!(cand->sig.blocked & sigbit(sig))) {
				target = cand;
				break;
			}
		}
		spin_unlock(&p->lock);
		if (!target)
			return 0; /* every thread blocks it: it stays pending */
	} else if (target->sig.blocked & sigbit(sig)) {
		return 0;
	}
	if (sig_fatal(sh, sig) && !(target->sig.real_blocked & sigbit(sig))) {
		group_exit_locked(p, sig);
		return 0;
	}
	signal_wake(target);
	return 0;
}

static int send_common(struct proc *p, struct task *t, int sig, const struct ksiginfo *info)
{
	bool continued = false;
	int err;

	assert_held(&tasklist_lock);
	spin_lock(&siglock);
	err = send_locked(p, t, sig, info, &continued);
	spin_unlock(&siglock);
	if (continued)
		signal_notify_parent_stop(p, CLD_CONTINUED, SIGCONT);
	return err;
}

int send_signal_proc(struct proc *p, int sig, const struct ksiginfo *info)
{
	return send_common(p, NULL, sig, info);
}

int send_signal_task(struct task *t, int sig, const struct ksiginfo *info)
{
	return send_common(t->proc, t, sig, info);
}

void force_sig_fault(int sig, int code, uaddr_t addr)
{
	struct task *t = current;
	struct ksiginfo info = {.si_signo = sig, .si_code = code};
	struct ksigaction *ka;

	info.fault.addr = addr;
	spin_lock(&tasklist_lock);
	spin_lock(&siglock);
	ka = &t->sighand->action[sig - 1];
	if (ka->handler == SIG_IGN || (t->sig.blocked & sigbit(sig))) {
		ka->handler = SIG_DFL;
		t->sig.blocked &= ~sigbit(sig);
	}
	spin_unlock(&siglock);
	send_signal_task(t, sig, &info);
	spin_unlock(&tasklist_lock);
}

static void user_info(struct ksiginfo *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->kill.pid = current->proc->pid;
	info->kill.uid = 0;
}

void send_sig_self(int sig)
{
	struct ksiginfo info;

	if (!current->proc)
		return; /* a kernel task (the in-kernel tests' pipes): nobody to signal */
	user_info(&info, sig, SI_USER);
	spin_lock(&tasklist_lock);
	send_signal_proc(current->proc, sig, &info);
	spin_unlock(&tasklist_lock);
}

/* The wait status @p exited with, as siginfo fields. */
static void child_info(struct ksiginfo *info, struct proc *p, int sig, int why, int status)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = why;
	info->chld.pid = p->pid;
	info->chld.status = status;
	info->chld.utime = (s64)(p->utime_ticks * 100 / hz);
	info->chld.stime = (s64)(p->stime_ticks * 100 / hz);
}

bool signal_notify_parent_exit(struct proc *p)
{
	struct proc *parent = p->parent;
	struct sighand *psh;
	int sig = p->exit_signal, st = p->exit_status, why, status;
	bool autoreap = false;
	struct ksiginfo info;

	assert_held(&tasklist_lock);
	/* CONFIG_COREDUMP is off on the reference Linux: 0x80 never set, CLD_DUMPED never seen. */
	if (st & 0x7f) {
		why = (st & 0x80) ? CLD_DUMPED : CLD_KILLED;
		status = st & 0x7f;
	} else {
		why = CLD_EXITED;
		status = (st >> 8) & 0xff;
	}
	/* A custom exit signal only for the program that asked for it: the parent has not exec'd. */
	if (sig != SIGCHLD && p->parent_exec_id != parent->self_exec_id)
		sig = SIGCHLD;
	spin_lock(&siglock);
	psh = parent->sig.sighand;
	if (psh && sig == SIGCHLD &&
	    (psh->action[SIGCHLD - 1].handler == SIG_IGN ||
	     (psh->action[SIGCHLD - 1].flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (psh->action[SIGCHLD - 1].handler == SIG_IGN)
			sig = 0;
	}
	spin_unlock(&siglock);
	if (valid_signal(sig)) {
		child_info(&info, p, sig, why, status);
		send_signal_proc(parent, sig, &info);
	}
	return autoreap;
}

void signal_notify_parent_stop(struct proc *p, int why, int sig)
{
	struct proc *parent = p->parent;
	struct sighand *psh;
	struct ksiginfo info;
	bool send;

	assert_held(&tasklist_lock);
	if (!parent)
		return;
	if (why == CLD_STOPPED) {
		p->sig.report_stop = sig;
		p->sig.report_cont = false;
	} else {
		p->sig.report_stop = 0;
		p->sig.report_cont = true;
	}
	parent->child_events++;
	spin_lock(&siglock);
	psh = parent->sig.sighand;
	send = psh && !(psh->action[SIGCHLD - 1].flags & SA_NOCLDSTOP);
	spin_unlock(&siglock);
	if (send) {
		child_info(&info, p, SIGCHLD, why, sig);
		send_signal_proc(parent, SIGCHLD, &info);
	}
	wake_up_all(&parent->child_exit);
}

void signal_stop_group(struct proc *p, int sig)
{
	spin_lock(&tasklist_lock);
	spin_lock(&siglock);
	if (p->group_exiting || !p->sig.sighand) {
		spin_unlock(&siglock);
		spin_unlock(&tasklist_lock);
		return;
	}
	p->sig.stopped = true;
	wake_all_threads(p);
	spin_unlock(&siglock);
	signal_notify_parent_stop(p, CLD_STOPPED, sig);
	spin_unlock(&tasklist_lock);
}

/* ---- system calls ---- */

long do_sigaction(int sig, uaddr_t act, uaddr_t oact, size_t sigsetsize)
{
	struct task *t = current;
	struct ksigaction new, old;

	if (sigsetsize != 8)
		return -EINVAL;
	if (!valid_signal(sig))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	spin_lock(&tasklist_lock);
	spin_lock(&siglock);
	old = t->sighand->action[sig - 1];
	if (act) {
		new.mask &= ~SIG_UNBLOCKABLE;
		new.flags &= ~(u64)(SA_UNSUPPORTED | SA_EXPOSE_TAGBITS);
		t->sighand->action[sig - 1] = new;
		/* POSIX: setting a disposition that ignores discards the pending instances. */
		if (handler_ignores(t->sighand, sig))
			flush_group(t->proc, sigbit(sig));
	}
	spin_unlock(&siglock);
	spin_unlock(&tasklist_lock);
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

void signal_set_blocked(struct task *t, u64 mask)
{
	spin_lock(&siglock);
	t->sig.blocked = mask & ~SIG_UNBLOCKABLE;
	recalc_sigpending(t);
	spin_unlock(&siglock);
}

long do_sigprocmask(int how, uaddr_t set, uaddr_t oset, size_t sigsetsize)
{
	struct task *t = current;
	u64 old = t->sig.blocked, new;

	if (sigsetsize != 8)
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, 8))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			new |= old;
			break;
		case SIG_UNBLOCK:
			new = old & ~new;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		signal_set_blocked(t, new);
	}
	if (oset && copy_to_user(oset, &old, 8))
		return -EFAULT;
	return 0;
}

long do_sigpending(uaddr_t set, size_t sigsetsize)
{
	struct task *t = current;
	u64 pend;

	if (sigsetsize > 8)
		return -EINVAL;
	spin_lock(&siglock);
	pend = (t->sig.pending.set | t->proc->sig.shared.set) & t->sig.blocked;
	spin_unlock(&siglock);
	return copy_to_user(set, &pend, sigsetsize) ? -EFAULT : 0;
}

struct kill_walk {
	int sig, pgid, count, err;
	struct ksiginfo *info;
	bool all;
};

static void kill_one(struct proc *p, void *arg)
{
	struct kill_walk *w = arg;

	if (w->all ? (p->pid <= 1 || p == current->proc) : p->pgid != w->pgid)
		return;
	if (p->zombie && w->all)
		return;
	w->count++;
	if (w->sig) {
		int err = send_signal_proc(p, w->sig, w->info);

		if (err)
			w->err = err;
	}
}

long do_kill(int pid, int sig)
{
	struct ksiginfo info;
	struct kill_walk w = {.sig = sig, .info = &info};
	long ret = 0;

	if (sig < 0 || sig > KNSIG)
		return -EINVAL;
	user_info(&info, sig, SI_USER);
	spin_lock(&tasklist_lock);
	if (pid > 0) {
		struct proc *p = proc_find(pid);

		if (!p)
			ret = -ESRCH;
		else if (sig)
			ret = send_signal_proc(p, sig, &info);
	} else {
		if (pid == -1)
			w.all = true;
		else
			w.pgid = pid == 0 ? current->proc->pgid : -pid;
		if (pid == (int)0x80000000)
			ret = -ESRCH;
		else if (init_proc)
			for_each_proc(init_proc, kill_one, &w);
		if (!ret)
			ret = w.count ? w.err : -ESRCH;
	}
	spin_unlock(&tasklist_lock);
	return ret;
}

/* Copy a user siginfo for sigqueue/tgsigqueue; a forged kernel code is refused (-EPERM). */
static int get_user_info(struct ksiginfo *info, uaddr_t uinfo, int sig, bool self)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && !self)
		return -EPERM;
	info->si_signo = sig;
	return 0;
}

long do_tgkill(int tgid, int tid, int sig, uaddr_t uinfo, bool tkill)
{
	struct ksiginfo info;
	struct task *t;
	long ret = 0;

	if (tid <= 0 || (!tkill && tgid <= 0))
		return -EINVAL;
	if (sig < 0 || sig > KNSIG)
		return -EINVAL;
	if (uinfo) {
		int err = get_user_info(&info, uinfo, sig, tid == current->tid);

		if (err)
			return err;
	} else {
		user_info(&info, sig, SI_TKILL);
	}
	spin_lock(&tasklist_lock);
	t = task_by_tid(tid);
	if (!t || !t->proc || (!tkill && t->proc->pid != tgid))
		ret = -ESRCH;
	else if (sig)
		ret = send_signal_task(t, sig, &info);
	spin_unlock(&tasklist_lock);
	return ret;
}

long do_sigqueueinfo(int pid, int sig, uaddr_t uinfo)
{
	struct ksiginfo info;
	struct proc *p;
	long ret = 0;
	int err;

	if (!valid_signal(sig) && sig != 0)
		return -EINVAL;
	err = get_user_info(&info, uinfo, sig, pid == current->proc->pid);
	if (err)
		return err;
	spin_lock(&tasklist_lock);
	p = proc_find(pid);
	if (!p)
		ret = -ESRCH;
	else if (sig)
		ret = send_signal_proc(p, sig, &info);
	spin_unlock(&tasklist_lock);
	return ret;
}

int dequeue_signal(u64 mask, struct ksiginfo *info)
{
	struct task *t = current;
	struct sigpending *sets[2] = {&t->sig.pending, &t->proc->sig.shared};
	const u64 sync = sigbit(SIGSEGV) | sigbit(SIGBUS) | sigbit(SIGILL) | sigbit(SIGTRAP) |
			 sigbit(SIGFPE) | sigbit(SIGSYS);

	assert_held(&siglock);
	for (int i = 0; i < 2; i++) {
		struct sigpending *sp = sets[i];
		u64 ready = sp->set & mask;
		struct sigqueue *q, *found = NULL;
		bool more = false;
		int sig;

		if (!ready)
			continue;
		if (ready & sync)
			ready &= sync;
		sig = __builtin_ctzl(ready) + 1;
		list_for_each_entry (q, &sp->list, link) {
			if (q->info.si_signo != sig)
				continue;
			if (found) {
				more = true;
				break;
			}
			found = q;
		}
		if (found) {
			*info = found->info;
			list_del(&found->link);
			kfree(found);
		} else {
			memset(info, 0, sizeof(*info));
			info->si_signo = sig;
		}
		if (!more)
			sp->set &= ~sigbit(sig);
		recalc_sigpending(t);
		return sig;
	}
	return 0;
}
