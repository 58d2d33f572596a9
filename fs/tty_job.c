/*
 * The console as a controlling terminal (POSIX job control). A session leader without one
 * acquires it by opening /dev/ttyS0 (not with O_NOCTTY) or by TIOCSCTTY; /dev/console never
 * makes it one (as on Linux), so programs started by init on the console have none until a
 * shell sets one up. The terminal then has a session and a foreground process group; a
 * background group that reads gets SIGTTIN (EIO when it ignores or blocks it, or is orphaned),
 * one that changes the settings or the foreground group gets SIGTTOU. When the session leader
 * exits the foreground group gets SIGHUP (SIGHUP and SIGCONT when it gives the terminal up
 * with TIOCNOTTY) and the session loses the terminal. Not done: Linux also hangs the terminal
 * up when the leader exits (its open files then read EOF and fail writes with EIO).
 *
 * Locks: tty_sid and tty_pgrp are [T] tasklist_lock, like the process fields they pair with
 * (proc->tty, pgid, sid).
 */
#include "fs/internal.h"
#include "fs/tty.h"
#include "errno.h"
#include "signal/signal.h"
#include "task/proc.h"
#include "task/task.h"
#include "uapi/fcntl.h"
#include "uapi/ioctl.h"

static int tty_sid;  /* [T] the session the console controls; 0: none */
static int tty_pgrp; /* [T] its foreground process group */

/* @p (a session leader) takes the console. [T] held. */
static void take(struct proc *p)
{
	tty_sid = p->sid;
	tty_pgrp = p->pgid;
	p->tty = true;
}

static void drop_tty(struct proc *p, void *arg)
{
	if (p->sid == *(int *)arg)
		p->tty = false;
}

/*
 * The session loses the console; its foreground group gets SIGHUP, and SIGCONT too when the
 * leader gives it up (TIOCNOTTY) rather than exiting (Linux's disassociate_ctty).
 */
static void release(bool hup, bool cont)
{
	int sid = tty_sid;

	assert_held(&tasklist_lock);
	if (hup && tty_pgrp)
		pgrp_signal(tty_pgrp, SIGHUP, cont ? SIGCONT : 0);
	if (init_proc)
		for_each_proc(init_proc, drop_tty, &sid);
	tty_sid = tty_pgrp = 0;
}

int tty_job_open(u32 rdev, int flags)
{
	struct proc *p = current->proc;
	int err = 0;

	if (!p)
		return 0; /* the kernel's own opens */
	spin_lock(&tasklist_lock);
	if (rdev == TTY_DEV_CTTY && !p->tty)
		err = -ENXIO;
	else if (rdev == TTY_DEV_SERIAL && !(flags & O_NOCTTY) && p->sid == p->pid && !p->tty &&
		 !tty_sid)
		take(p);
	spin_unlock(&tasklist_lock);
	return err;
}

int tty_job_check(int sig)
{
	struct proc *p = current->proc;
	int err = 0;

	if (!p)
		return 0;
	spin_lock(&tasklist_lock);
	if (p->tty && tty_pgrp && p->pgid != tty_pgrp) {
		if (signal_ignored_or_blocked(current, sig)) {
			if (sig == SIGTTIN)
				err = -EIO;
		} else if (pgrp_orphaned_locked(p)) {
			err = -EIO;
		} else {
			pgrp_signal(p->pgid, sig, 0);
			err = -ERESTARTSYS;
		}
	}
	spin_unlock(&tasklist_lock);
	return err;
}

/* TIOCSPGRP: @pgid becomes the foreground group. [T] held. */
static long set_fg(struct proc *p, int pgid)
{
	int sid;

	if (!p->tty || tty_sid != p->sid)
		return -ENOTTY;
	if (pgid < 0)
		return -EINVAL;
	sid = pgrp_session(pgid);
	if (sid < 0)
		return -ESRCH;
	if (sid != p->sid)
		return -EPERM;
	tty_pgrp = pgid;
	return 0;
}

bool tty_job_ioctl(unsigned int cmd, void *karg, long *ret)
{
	struct proc *p = current->proc;
	long r = 0;

	if (cmd != TIOCSCTTY && cmd != TIOCNOTTY && cmd != TIOCGPGRP && cmd != TIOCSPGRP &&
	    cmd != TIOCGSID)
		return false;
	if (!p) {
		*ret = -ENOTTY;
		return true;
	}
	if (cmd == TIOCSPGRP) {
		r = tty_job_check(SIGTTOU);
		if (r) {
			*ret = r == -EIO ? -ENOTTY : r;
			return true;
		}
	}
	spin_lock(&tasklist_lock);
	switch (cmd) {
	case TIOCSCTTY:
		if (p->tty && tty_sid == p->sid)
			break; /* already ours */
		if (p->sid != p->pid || p->tty) {
			r = -EPERM;
		} else if (tty_sid && (unsigned long)karg != 1) {
			r = -EPERM; /* another session's: only taken by force (arg 1, root) */
		} else {
			if (tty_sid)
				release(false, false);
			take(p);
		}
		break;
	case TIOCNOTTY:
		if (!p->tty)
			r = -ENOTTY;
		else if (p->sid == p->pid)
			release(true, true);
		else
			p->tty = false;
		break;
	case TIOCGPGRP:
		if (!p->tty || tty_sid != p->sid)
			r = -ENOTTY;
		else
			*(int *)karg = tty_pgrp;
		break;
	case TIOCSPGRP:
		r = set_fg(p, *(int *)karg);
		break;
	case TIOCGSID:
		if (!p->tty || tty_sid != p->sid || !tty_sid)
			r = -ENOTTY;
		else
			*(int *)karg = tty_sid;
		break;
	}
	spin_unlock(&tasklist_lock);
	*ret = r;
	return true;
}

void tty_leader_exit(struct proc *p)
{
	assert_held(&tasklist_lock);
	if (p->tty && p->sid == p->pid && tty_sid == p->sid)
		release(true, false);
}
