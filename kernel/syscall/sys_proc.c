/* Process system calls: decode arguments, call kernel/task, copy results out. */
#include "errno.h"
#include "mm/uaccess.h"
#include "sched/sched.h"
#include "string.h"
#include "syscall_protos.h"
#include "task/clone.h"
#include "task/exec.h"
#include "task/exit.h"
#include "task/pidfd.h"
#include "task/proc.h"
#include "task/task.h"

long sys_clone(u64 flags, uaddr_t stack, uaddr_t parent_tid, uaddr_t tls, uaddr_t child_tid)
{
	struct kclone_args args;

	clone_legacy_args(&args, flags, stack, parent_tid, tls, child_tid);
	return kernel_clone(&args);
}

long sys_clone3(uaddr_t uargs, size_t size)
{
	struct kclone_args args;
	int err = clone3_copy_args(uargs, size, &args);

	if (err)
		return err;
	return kernel_clone(&args);
}

long sys_pidfd_open(pid_t pid, u32 flags)
{
	return do_pidfd_open(pid, flags);
}

long sys_pidfd_send_signal(int pidfd, int sig, uaddr_t info, u32 flags)
{
	return do_pidfd_send_signal(pidfd, sig, info, flags);
}

long sys_pidfd_getfd(int pidfd, int targetfd, u32 flags)
{
	return do_pidfd_getfd(pidfd, targetfd, flags);
}

#define PR_SET_NAME	       15
#define PR_GET_NAME	       16
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37

long sys_prctl(int option, u64 arg2, u64 arg3, u64 arg4, u64 arg5)
{
	struct task *t = current;
	char name[16];

	switch (option) {
	case PR_SET_NAME:
		/* Up to 15 bytes of the string; a fault is EFAULT, a longer string is cut. */
		if (strncpy_from_user(name, arg2, sizeof(name) - 1) < 0)
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
		memcpy(t->name, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		memcpy(name, t->name, sizeof(name));
		name[sizeof(name) - 1] = '\0';
		return copy_to_user(arg2, name, sizeof(name)) ? -EFAULT : 0;
	case PR_SET_CHILD_SUBREAPER:
		proc_set_subreaper(t->proc, arg2 != 0);
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user_u32(arg2, proc_is_subreaper(t->proc) ? 1 : 0) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

long sys_execve(uaddr_t path, uaddr_t argv, uaddr_t envp)
{
	return do_execve_user(path, argv, envp);
}

long sys_exit(int status)
{
	do_exit((status & 0xff) << 8);
}

long sys_exit_group(int status)
{
	do_exit_group((status & 0xff) << 8);
}

long sys_wait4(pid_t pid, uaddr_t wstatus, int options, uaddr_t rusage)
{
	int status = 0;
	long ret = do_wait4(pid, &status, options);

	if (ret > 0 && wstatus && put_user_u32(wstatus, (u32)status))
		return -EFAULT;
	if (ret >= 0 && rusage && clear_user(rusage, 144))
		return -EFAULT;
	return ret;
}

long sys_getpid(void)
{
	return current->proc->pid;
}

long sys_getppid(void)
{
	return READ_ONCE(current->proc->ppid);
}

long sys_gettid(void)
{
	return current->tid;
}

long sys_set_tid_address(uaddr_t tidptr)
{
	current->clear_child_tid = tidptr;
	return current->tid;
}

long sys_sched_yield(void)
{
	sched_yield_current();
	return 0;
}

long sys_prlimit64(pid_t pid, u32 resource, uaddr_t new_limit, uaddr_t old_limit)
{
	struct proc *p = current->proc;
	struct rlimit64 nl, ol;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != p->pid)
		return -ESRCH; /* other processes' limits: not yet */
	if (new_limit) {
		if (copy_from_user(&nl, new_limit, sizeof(nl)))
			return -EFAULT;
		if (nl.cur > nl.max)
			return -EINVAL;
	}
	spin_lock(&p->lock);
	ol = p->rlim[resource];
	if (new_limit)
		p->rlim[resource] = nl;
	spin_unlock(&p->lock);
	if (old_limit && copy_to_user(old_limit, &ol, sizeof(ol)))
		return -EFAULT;
	return 0;
}

long sys_getrlimit(u32 resource, uaddr_t rlim)
{
	return sys_prlimit64(0, resource, 0, rlim);
}

long sys_setrlimit(u32 resource, uaddr_t rlim)
{
	return sys_prlimit64(0, resource, rlim, 0);
}
