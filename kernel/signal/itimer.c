/*
 * Interval timers (setitimer/getitimer; alarm(3) is setitimer in the libraries): ITIMER_REAL
 * fires SIGALRM when clock_ns() passes its deadline, checked at every tick on CPU 0 over a list
 * of armed processes; ITIMER_VIRTUAL (user time, SIGVTALRM) and ITIMER_PROF (user and system
 * time, SIGPROF) count down one tick of the process's running thread at a time. Resolution is
 * the tick (1/hz).
 *
 * Locks: [r] itimer_lock protects every proc->sig timer field and the armed list; it is taken
 * before tasklist_lock (the tick sends SIGALRM holding both).
 */
#include "errno.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "signal/signal.h"
#include "task/proc.h"
#include "task/task.h"
#include "time/timer.h"

#define NSEC 1000000000ULL

static spinlock_t itimer_lock = SPINLOCK_INIT("itimer");
static LIST_HEAD(armed_real); /* [r] procs with ITIMER_REAL armed */

static u64 tv_to_ns(s64 sec, s64 usec)
{
	return (u64)sec * NSEC + (u64)usec * 1000;
}

static void ns_to_tv(u64 ns, s64 *sec, s64 *usec)
{
	*sec = (s64)(ns / NSEC);
	*usec = (s64)(ns % NSEC / 1000);
}

static void real_unlink(struct proc *p)
{
	if (p->sig.timer_linked) {
		list_del(&p->sig.timer_link);
		p->sig.timer_linked = false;
	}
	p->sig.real_deadline = 0;
}

/* Read the timer @which of @p into @v. itimer_lock held. */
static void read_timer(struct proc *p, int which, struct kitimerval *v)
{
	u64 value = 0, interval = 0;

	switch (which) {
	case ITIMER_REAL: {
		u64 now = clock_ns();

		if (p->sig.real_deadline)
			value = p->sig.real_deadline > now ? p->sig.real_deadline - now : 1000;
		interval = p->sig.real_interval;
		break;
	}
	case ITIMER_VIRTUAL:
		value = p->sig.virt_left;
		interval = p->sig.virt_interval;
		break;
	default:
		value = p->sig.prof_left;
		interval = p->sig.prof_interval;
		break;
	}
	ns_to_tv(value, &v->value_sec, &v->value_usec);
	ns_to_tv(interval, &v->interval_sec, &v->interval_usec);
}

long do_getitimer(int which, uaddr_t cur)
{
	struct kitimerval v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	spin_lock(&itimer_lock);
	read_timer(current->proc, which, &v);
	spin_unlock(&itimer_lock);
	return copy_to_user(cur, &v, sizeof(v)) ? -EFAULT : 0;
}

static bool tv_valid(s64 sec, s64 usec)
{
	return sec >= 0 && usec >= 0 && usec < 1000000;
}

long do_setitimer(int which, uaddr_t newv, uaddr_t oldv)
{
	struct proc *p = current->proc;
	struct kitimerval nv = {0}, ov;
	u64 value, interval;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (newv && copy_from_user(&nv, newv, sizeof(nv)))
		return -EFAULT;
	if (!tv_valid(nv.value_sec, nv.value_usec) || !tv_valid(nv.interval_sec, nv.interval_usec))
		return -EINVAL;
	value = tv_to_ns(nv.value_sec, nv.value_usec);
	interval = tv_to_ns(nv.interval_sec, nv.interval_usec);
	spin_lock(&itimer_lock);
	read_timer(p, which, &ov);
	if (newv) {
		switch (which) {
		case ITIMER_REAL:
			real_unlink(p);
			p->sig.real_interval = interval;
			if (value) {
				p->sig.real_deadline = clock_ns() + value;
				list_add_tail(&p->sig.timer_link, &armed_real);
				p->sig.timer_linked = true;
			}
			break;
		case ITIMER_VIRTUAL:
			p->sig.virt_left = value;
			p->sig.virt_interval = interval;
			break;
		default:
			p->sig.prof_left = value;
			p->sig.prof_interval = interval;
			break;
		}
	}
	spin_unlock(&itimer_lock);
	if (oldv && copy_to_user(oldv, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

/* Count @tick ns off a CPU-time timer; true if it expired (and was reloaded or stopped). */
static bool count_down(u64 *left, u64 interval, u64 tick)
{
	if (!*left)
		return false;
	if (*left > tick) {
		*left -= tick;
		return false;
	}
	*left = interval;
	return true;
}

void itimer_tick(bool from_user)
{
	struct task *cur = current;
	struct proc *p = cur->proc;
	u64 tick = NSEC / hz, now;
	bool virt = false, prof = false;
	struct list_head *pos, *n;

	spin_lock(&itimer_lock);
	if (p && cur->sighand) {
		if (from_user)
			virt = count_down(&p->sig.virt_left, p->sig.virt_interval, tick);
		prof = count_down(&p->sig.prof_left, p->sig.prof_interval, tick);
	}
	if (virt || prof) {
		spin_lock(&tasklist_lock);
		if (virt)
			send_signal_proc(p, SIGVTALRM, NULL);
		if (prof)
			send_signal_proc(p, SIGPROF, NULL);
		spin_unlock(&tasklist_lock);
	}
	if (this_cpu()->id != 0 || list_empty(&armed_real)) {
		spin_unlock(&itimer_lock);
		return;
	}
	now = clock_ns();
	spin_lock(&tasklist_lock);
	list_for_each_safe (pos, n, &armed_real) {
		struct proc *q = list_entry(pos, struct proc, sig.timer_link);

		if (q->sig.real_deadline > now)
			continue;
		send_signal_proc(q, SIGALRM, NULL);
		if (q->sig.real_interval) {
			q->sig.real_deadline += q->sig.real_interval;
			if (q->sig.real_deadline <= now)
				q->sig.real_deadline = now + q->sig.real_interval;
		} else {
			real_unlink(q);
		}
	}
	spin_unlock(&tasklist_lock);
	spin_unlock(&itimer_lock);
}

void itimer_proc_exit(struct proc *p)
{
	spin_lock(&itimer_lock);
	real_unlink(p);
	p->sig.virt_left = p->sig.prof_left = 0;
	spin_unlock(&itimer_lock);
}
