/* futex(2), set_robust_list(2), get_robust_list(2): decode the arguments, call kernel/futex. */
#include "errno.h"
#include "futex/futex.h"
#include "mm/uaccess.h"
#include "syscall_protos.h"
#include "time/timer.h"

#define NSEC 1000000000ULL

struct kernel_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

/* The operations whose fourth argument is a timeout (the others take a count there). */
static bool cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/*
 * The timeout at @utime as a clock_ns() deadline: FUTEX_WAIT's is relative; the others are
 * absolute on CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME. 0, -EFAULT or
 * -EINVAL (a negative second or a nanosecond field outside [0, 1e9)).
 */
static int get_deadline(uaddr_t utime, int op, u64 *deadline)
{
	int cmd = op & FUTEX_CMD_MASK;
	struct kernel_timespec ts;
	u64 ns, now = clock_ns();

	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC)
		return -EINVAL;
	/* Saturate far times instead of overflowing (Linux's ktime_add_safe). */
	if ((u64)ts.tv_sec >= (~0ULL >> 2) / NSEC)
		ns = ~0ULL >> 2;
	else
		ns = (u64)ts.tv_sec * NSEC + (u64)ts.tv_nsec;
	if (cmd == FUTEX_WAIT) {
		*deadline = now + ns;
	} else if (op & FUTEX_CLOCK_REALTIME) {
		u64 rt = clock_realtime_ns();

		*deadline = ns > rt ? now + (ns - rt) : now;
	} else {
		*deadline = ns;
	}
	if (*deadline == FUTEX_NO_DEADLINE)
		*deadline = 1; /* absolute 0: long past */
	return 0;
}

long sys_futex(uaddr_t uaddr, int op, u32 val, uaddr_t utime, uaddr_t uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	unsigned int flags = op & FUTEX_PRIVATE_FLAG ? 0 : FUTEX_F_SHARED;
	u64 deadline = FUTEX_NO_DEADLINE;
	u32 val2 = (u32)utime; /* the second count of the requeue and wake-op operations */
	int err;

	if (utime && cmd_has_timeout(cmd)) {
		err = get_deadline(utime, op, &deadline);
		if (err)
			return err;
	}
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS; /* Linux 6.1 refuses it even with FUTEX_WAIT */

	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, flags, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, deadline, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, flags, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, (int)val, (int)val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, (int)val, (int)val2, val3);
	default:
		return -ENOSYS; /* FUTEX_FD (gone since 2.6.26), the PI operations, unknown ones */
	}
}

long sys_set_robust_list(uaddr_t head, size_t len)
{
	return futex_set_robust_list(head, len);
}

long sys_get_robust_list(int pid, uaddr_t head_ptr, uaddr_t len_ptr)
{
	return futex_get_robust_list(pid, head_ptr, len_ptr);
}
