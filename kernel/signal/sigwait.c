/*
 * Waiting for signals: rt_sigtimedwait, rt_sigsuspend, and the temporary signal mask that
 * ppoll, pselect6 and sigsuspend install for the length of their sleep.
 */
#include "errno.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "sched/wait.h"
#include "signal/signal.h"
#include "task/task.h"
#include "time/timer.h"

static bool never(void *arg)
{
	return false;
}

long do_sigtimedwait(uaddr_t uset, uaddr_t uinfo, uaddr_t timeout, size_t sigsetsize)
{
	struct task *t = current;
	struct ksiginfo info;
	u64 set, saved, deadline = 0;
	int sig;

	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_from_user(&set, uset, 8))
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	if (timeout) {
		s64 ts[2];

		if (copy_from_user(ts, timeout, sizeof(ts)))
			return -EFAULT;
		if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
			return -EINVAL;
		deadline = clock_ns() + (u64)ts[0] * 1000000000ULL + (u64)ts[1];
	}
	spin_lock(&siglock);
	sig = dequeue_signal(set, &info);
	if (!sig && !(timeout && clock_ns() >= deadline)) {
		struct wait_queue wq;

		/* Wait with the awaited signals unblocked, so that their arrival wakes us. */
		saved = t->sig.blocked;
		t->sig.real_blocked = saved;
		t->sig.blocked &= ~set;
		recalc_sigpending(t);
		spin_unlock(&siglock);
		wait_queue_init(&wq, "sigtimedwait");
		while (!t->sigpending && !(timeout && clock_ns() >= deadline))
			wait_event(&wq, never, NULL, timeout ? deadline - clock_ns() : 0);
		spin_lock(&siglock);
		t->sig.blocked = saved;
		t->sig.real_blocked = 0;
		sig = dequeue_signal(set, &info);
		recalc_sigpending(t);
	}
	spin_unlock(&siglock);
	if (!sig)
		return t->sigpending ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

int signal_set_temp_mask(uaddr_t umask, size_t size)
{
	struct task *t = current;
	u64 mask;

	if (size != 8)
		return -EINVAL;
	if (copy_from_user(&mask, umask, 8))
		return -EFAULT;
	t->sig.saved_mask = t->sig.blocked;
	t->sig.restore_mask = true;
	signal_set_blocked(t, mask);
	return 0;
}

void signal_end_temp_mask(long ret)
{
	struct task *t = current;

	if (!t->sig.restore_mask || ret == -ERESTARTNOHAND)
		return;
	t->sig.restore_mask = false;
	signal_set_blocked(t, t->sig.saved_mask);
}

long do_sigsuspend(uaddr_t mask, size_t sigsetsize)
{
	struct wait_queue wq;
	int err = signal_set_temp_mask(mask, sigsetsize);

	if (err)
		return err;
	wait_queue_init(&wq, "sigsuspend");
	while (!current->sigpending)
		wait_event(&wq, never, NULL, 0);
	return -ERESTARTNOHAND;
}
