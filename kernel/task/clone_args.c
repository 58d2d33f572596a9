/*
 * The arguments of clone3 and clone: copying and the checks that need no task state, in the
 * order of clone3.md section 3 (steps 1 to 14) and section 4. Pure apart from the user copies,
 * so that testsuite/host/clone_args_test.c can pin the order of the checks down.
 */
#include "kernel/task/clone.h"
#include "errno.h"
#include "mm/uaccess.h"
#include "string.h"

#define CLONE3_PAGE_SIZE 4096
#define CLONE_NSIG	 64
#define CLONE_INT_MAX	 0x7fffffffUL

/* Steps 1 to 9: the struct and the set_tid array into *@out (exit_signal checked). */
static int clone3_copy_struct(uaddr_t uargs, size_t size, struct kclone_args *out)
{
	struct clone_args_user ua;
	int err;

	if (size > CLONE3_PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	/* One fetch; everything below looks only at this copy (no second read, no TOCTOU). */
	err = copy_struct_from_user(&ua, sizeof(ua), uargs, size);
	if (err)
		return err;
	if (ua.set_tid_size > CLONE_MAX_SET_TID)
		return -EINVAL;
	if (!ua.set_tid && ua.set_tid_size > 0)
		return -EINVAL;
	if (ua.set_tid && ua.set_tid_size == 0)
		return -EINVAL;
	if ((ua.exit_signal & ~CSIGNAL) || ua.exit_signal > CLONE_NSIG)
		return -EINVAL;
	if ((ua.flags & CLONE_INTO_CGROUP) &&
	    (ua.cgroup > CLONE_INT_MAX || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (ua.set_tid &&
	    copy_from_user(out->set_tid, ua.set_tid, ua.set_tid_size * sizeof(out->set_tid[0])))
		return -EFAULT;
	out->flags = ua.flags;
	out->pidfd = ua.pidfd;
	out->child_tid = ua.child_tid;
	out->parent_tid = ua.parent_tid;
	out->exit_signal = (int)ua.exit_signal;
	out->stack = ua.stack;
	out->stack_size = ua.stack_size;
	out->tls = ua.tls;
	out->set_tid_size = (u32)ua.set_tid_size;
	out->cgroup = (int)ua.cgroup;
	return 0;
}

/* Steps 10 to 13: the flag rules that only clone3 has. */
static bool clone3_flags_valid(const struct kclone_args *a)
{
	u64 known = 0xffffffffUL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP;

	if (a->flags & ~known)
		return false;
	/* Bits 0..6 were the exit signal in clone; bit 7 is CLONE_NEWTIME. */
	if (a->flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return false;
	if ((a->flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return false;
	if ((a->flags & (CLONE_THREAD | CLONE_PARENT)) && a->exit_signal)
		return false;
	return true;
}

/* Step 14: a stack is both a base and a size, inside user space; no alignment rule. */
static bool clone3_stack_valid(struct kclone_args *a)
{
	if (!a->stack)
		return a->stack_size == 0;
	if (!a->stack_size || !access_ok(a->stack, a->stack_size))
		return false;
	a->stack += a->stack_size; /* the child's sp: exactly the top, no rounding */
	return true;
}

int clone3_copy_args(uaddr_t uargs, size_t size, struct kclone_args *out)
{
	int err = clone3_copy_struct(uargs, size, out);

	if (err)
		return err;
	if (!clone3_flags_valid(out) || !clone3_stack_valid(out))
		return -EINVAL;
	return 0;
}

void clone_legacy_args(struct kclone_args *out, u64 flags, uaddr_t newsp, uaddr_t parent_tid,
		       uaddr_t tls, uaddr_t child_tid)
{
	memset(out, 0, sizeof(*out));
	/* Bits 32..63 are dropped (no CLEAR_SIGHAND or INTO_CGROUP from clone), unvalidated. */
	out->flags = flags & 0xffffffffUL & ~CSIGNAL;
	out->exit_signal = (int)(flags & CSIGNAL);
	out->stack = newsp;
	out->parent_tid = parent_tid;
	out->pidfd = parent_tid; /* CLONE_PIDFD writes the fd through the parent_tid pointer */
	out->tls = tls;
	out->child_tid = child_tid;
}
