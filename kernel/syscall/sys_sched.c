/* Time and sleeping system calls. */
#include "errno.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/wait.h"
#include "syscall_protos.h"
#include "task/proc.h"
#include "signal/signal.h"
#include "task/task.h"
#include "time/timer.h"

#define CLOCK_REALTIME		 0
#define CLOCK_MONOTONIC		 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	 3
#define CLOCK_MONOTONIC_RAW	 4
#define CLOCK_REALTIME_COARSE	 5
#define CLOCK_MONOTONIC_COARSE	 6
#define CLOCK_BOOTTIME		 7
#define TIMER_ABSTIME		 1
#define NSEC			 1000000000ULL
#define USER_HZ			 100

struct kernel_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

struct kernel_timeval {
	s64 tv_sec;
	s64 tv_usec;
};

struct tms {
	s64 tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/* Nanoseconds on @clk, or -EINVAL for clocks Kestrel does not have. */
static s64 clock_read(int clk)
{
	struct proc *p = current->proc;

	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		return (s64)(clock_realtime_ns());
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return (s64)clock_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return (s64)((p->utime_ticks + p->stime_ticks) * (NSEC / hz));
	default:
		return -EINVAL;
	}
}

static int put_timespec(uaddr_t u, u64 ns)
{
	struct kernel_timespec ts = {(s64)(ns / NSEC), (s64)(ns % NSEC)};

	return copy_to_user(u, &ts, sizeof(ts)) ? -EFAULT : 0;
}

static int get_timespec(uaddr_t u, u64 *ns)
{
	struct kernel_timespec ts;

	if (copy_from_user(&ts, u, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC)
		return -EINVAL;
	*ns = (u64)ts.tv_sec * NSEC + (u64)ts.tv_nsec;
	return 0;
}

long sys_clock_gettime(int clockid, uaddr_t tp)
{
	s64 ns = clock_read(clockid);

	if (ns < 0)
		return ns;
	return put_timespec(tp, (u64)ns);
}

long sys_clock_getres(int clockid, uaddr_t res)
{
	if (clock_read(clockid) < 0)
		return -EINVAL;
	return res ? put_timespec(res, 1) : 0;
}

long sys_gettimeofday(uaddr_t tv, uaddr_t tz)
{
	u64 ns = clock_realtime_ns();
	struct kernel_timeval v = {(s64)(ns / NSEC), (s64)(ns % NSEC / 1000)};

	if (tv && copy_to_user(tv, &v, sizeof(v)))
		return -EFAULT;
	if (tz && clear_user(tz, 8))
		return -EFAULT;
	return 0;
}

static bool never(void *arg)
{
	return false;
}

/* Sleep until @deadline (clock_ns); -EINTR with the time left in *@left if interrupted. */
static int sleep_until(u64 deadline, u64 *left)
{
	struct wait_queue wq;
	int err;

	wait_queue_init(&wq, "nanosleep");
	while (clock_ns() < deadline) {
		err = wait_event(&wq, never, NULL, deadline - clock_ns());
		if (err == -EINTR) {
			u64 now = clock_ns();

			*left = now < deadline ? deadline - now : 0;
			return -EINTR;
		}
	}
	return 0;
}

/*
 * A relative sleep cut short by a signal: the time left goes to @rem and the call is restarted
 * through restart_syscall(2) with the same deadline if no handler runs (Linux's restart block);
 * after a handler the caller sees -EINTR.
 */
static long sleep_rel(u64 deadline, uaddr_t rem);

static long sleep_restart(struct restart_block *rb)
{
	return sleep_rel(rb->deadline, rb->rmtp);
}

static long sleep_rel(u64 deadline, uaddr_t rem)
{
	struct restart_block *rb = &current->sig.restart;
	u64 left = 0;
	int err = sleep_until(deadline, &left);

	if (err != -EINTR)
		return err;
	if (rem && put_timespec(rem, left))
		return -EFAULT;
	rb->fn = sleep_restart;
	rb->deadline = deadline;
	rb->rmtp = rem;
	return -ERESTART_RESTARTBLOCK;
}

long sys_nanosleep(uaddr_t req, uaddr_t rem)
{
	u64 ns;
	int err = get_timespec(req, &ns);

	if (err)
		return err;
	return sleep_rel(clock_ns() + ns, rem);
}

long sys_clock_nanosleep(int clockid, int flags, uaddr_t req, uaddr_t rem)
{
	u64 ns, left = 0, deadline;
	s64 now = clock_read(clockid);
	int err;

	if (now < 0 || clockid == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	err = get_timespec(req, &ns);
	if (err)
		return err;
	if (!(flags & TIMER_ABSTIME))
		return sleep_rel(clock_ns() + ns, rem);
	deadline = ns > (u64)now ? clock_ns() + (ns - (u64)now) : clock_ns();
	err = sleep_until(deadline, &left);
	return err == -EINTR ? -ERESTARTNOHAND : err; /* the same absolute time again */
}

long sys_times(uaddr_t buf)
{
	struct proc *p = current->proc;
	struct tms t = {
		(s64)(p->utime_ticks * USER_HZ / hz),
		(s64)(p->stime_ticks * USER_HZ / hz),
		(s64)(p->cutime_ticks * USER_HZ / hz),
		(s64)(p->cstime_ticks * USER_HZ / hz),
	};

	if (buf && copy_to_user(buf, &t, sizeof(t)))
		return -EFAULT;
	return (long)(clock_ns() / (NSEC / USER_HZ));
}

/* getcpu: the CPU this task runs on now, node 0 (the third argument is unused, as Linux). */
long sys_getcpu(uaddr_t cpu, uaddr_t node, uaddr_t cache)
{
	if (cpu && put_user_u32(cpu, (u32)this_cpu()->id))
		return -EFAULT;
	if (node && put_user_u32(node, 0))
		return -EFAULT;
	return 0;
}

long sys_sched_setaffinity(pid_t pid, u32 len, uaddr_t mask)
{
	struct task *t;
	u64 m = 0;
	long ret;

	if (copy_from_user(&m, mask, MIN((size_t)len, sizeof(m))))
		return -EFAULT;
	if (pid == 0 || pid == current->tid)
		return sched_setaffinity(current, m);
	if (pid < 0)
		return -ESRCH;
	/* The tasklist lock keeps the target alive while its mask changes. */
	spin_lock(&tasklist_lock);
	t = task_by_tid(pid);
	ret = t ? sched_setaffinity(t, m) : -ESRCH;
	spin_unlock(&tasklist_lock);
	return ret;
}

long sys_sched_getaffinity(pid_t pid, u32 len, uaddr_t mask)
{
	struct task *t;
	u64 m = 0;

	/* As Linux: the buffer must hold every CPU id and be a whole number of longs. */
	if ((u64)len * 8 < (u64)ncpus || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (pid < 0)
		return -ESRCH;
	spin_lock(&tasklist_lock);
	t = pid ? task_by_tid(pid) : current;
	if (t)
		m = sched_getaffinity(t);
	spin_unlock(&tasklist_lock);
	if (!t)
		return -ESRCH;
	if (copy_to_user(mask, &m, sizeof(m)))
		return -EFAULT;
	return sizeof(m);
}
