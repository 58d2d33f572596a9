/*
 * Signal system calls, and the process-group, waitid and interval-timer calls that belong with
 * them: decode the arguments and call kernel/signal or kernel/task/wait.c.
 */
#include "errno.h"
#include "sched/cpu.h"
#include "signal/signal.h"
#include "syscall_protos.h"
#include "task/exit.h"
#include "task/task.h"
#include "trap/trapframe.h"

long sys_rt_sigaction(int sig, uaddr_t act, uaddr_t oldact, size_t sigsetsize)
{
	return do_sigaction(sig, act, oldact, sigsetsize);
}

long sys_rt_sigprocmask(int how, uaddr_t set, uaddr_t oldset, size_t sigsetsize)
{
	return do_sigprocmask(how, set, oldset, sigsetsize);
}

long sys_rt_sigpending(uaddr_t set, size_t sigsetsize)
{
	return do_sigpending(set, sigsetsize);
}

long sys_rt_sigsuspend(uaddr_t mask, size_t sigsetsize)
{
	return do_sigsuspend(mask, sigsetsize);
}

long sys_rt_sigtimedwait(uaddr_t set, uaddr_t info, uaddr_t timeout, size_t sigsetsize)
{
	return do_sigtimedwait(set, info, timeout, sigsetsize);
}

long sys_rt_sigqueueinfo(pid_t tgid, int sig, uaddr_t info)
{
	return do_sigqueueinfo(tgid, sig, info);
}

long sys_rt_tgsigqueueinfo(pid_t tgid, pid_t tid, int sig, uaddr_t info)
{
	return do_tgkill(tgid, tid, sig, info, false);
}

long sys_rt_sigreturn(void)
{
	return do_rt_sigreturn(current->tf);
}

long sys_sigaltstack(uaddr_t ss, uaddr_t old_ss)
{
	return do_sigaltstack(ss, old_ss, current->tf->sp);
}

long sys_kill(pid_t pid, int sig)
{
	return do_kill(pid, sig);
}

long sys_tkill(pid_t tid, int sig)
{
	return do_tgkill(0, tid, sig, 0, true);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	return do_tgkill(tgid, tid, sig, 0, false);
}

long sys_restart_syscall(void)
{
	return do_restart_syscall();
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	return do_setpgid(pid, pgid);
}

long sys_getpgid(pid_t pid)
{
	return do_getpgid(pid);
}

long sys_getsid(pid_t pid)
{
	return do_getsid(pid);
}

long sys_setsid(void)
{
	return do_setsid();
}

long sys_getitimer(int which, uaddr_t curr_value)
{
	return do_getitimer(which, curr_value);
}

long sys_setitimer(int which, uaddr_t new_value, uaddr_t old_value)
{
	return do_setitimer(which, new_value, old_value);
}

long sys_waitid(int which, pid_t id, uaddr_t infop, int options, uaddr_t rusage)
{
	return do_waitid(which, id, infop, options, rusage);
}
