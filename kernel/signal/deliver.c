/*
 * Signal delivery on the way back to user mode: group stops, default actions, the riscv64
 * rt_sigframe (siginfo, then a ucontext holding pc, x1..x31 and the FP state) on the user or
 * alternate stack, rt_sigreturn, sigaltstack, and the restart rules of an interrupted call.
 *
 * Restarts follow Linux: the dispatcher has already moved sepc past the ecall and written the
 * handler's result to a0; a restart puts a0 back from orig_a0 and moves sepc back by 4. Only the
 * first frame built for a system call applies the rules (scause is then set to ~0 so that later
 * frames, and rt_sigreturn, see no system call).
 */
#include "errno.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "signal/signal.h"
#include "string.h"
#include "task/exit.h"
#include "task/proc.h"
#include "task/task.h"
#include "trap/trapframe.h"
#include "vdso/vdso.h"

#define NR_restart_syscall 128

static bool on_sig_stack(const struct task *t, uaddr_t sp)
{
	if (t->sig.ss_flags & SS_AUTODISARM)
		return false;
	return t->sig.ss_size && sp > t->sig.ss_sp && sp - t->sig.ss_sp <= t->sig.ss_size;
}

static int sas_ss_flags(const struct task *t, uaddr_t sp)
{
	if (!t->sig.ss_size)
		return SS_DISABLE;
	return on_sig_stack(t, sp) ? SS_ONSTACK : 0;
}

static void sas_reset(struct task *t)
{
	t->sig.ss_sp = 0;
	t->sig.ss_size = 0;
	t->sig.ss_flags = SS_DISABLE;
}

/* The general registers x1..x31 of a trap frame, in register order. */
static u64 *frame_gprs(struct trapframe *tf)
{
	_Static_assert(__builtin_offsetof(struct trapframe, t6) == 30 * 8, "x1..x31 in order");
	return &tf->ra;
}

/* Build the frame for @sig on the user or alternate stack; 0 or -EFAULT. */
static int setup_frame(struct trapframe *tf, int sig, const struct ksiginfo *info,
		       const struct ksigaction *ka, u64 oldmask)
{
	struct task *t = current;
	struct rt_sigframe f;
	struct fpstate fps;
	uaddr_t sp = tf->sp, frame, tramp;

	if (on_sig_stack(t, sp) && !on_sig_stack(t, sp - sizeof(f)))
		return -EFAULT; /* the alternate stack would overflow */
	if ((ka->flags & SA_ONSTACK) && !sas_ss_flags(t, sp))
		sp = t->sig.ss_sp + t->sig.ss_size;
	frame = (sp - sizeof(f)) & ~15UL;
	tramp = vdso_sigreturn(t->mm);
	if (!tramp)
		return -EFAULT;

	memset(&f, 0, sizeof(f));
	f.info = *info;
	f.uc.uc_stack.ss_sp = t->sig.ss_sp;
	f.uc.uc_stack.ss_flags = (int)t->sig.ss_flags;
	f.uc.uc_stack.ss_size = t->sig.ss_size;
	f.uc.uc_sigmask = oldmask;
	f.uc.uc_mcontext.pc = tf->sepc;
	memcpy(f.uc.uc_mcontext.x, frame_gprs(tf), sizeof(f.uc.uc_mcontext.x));
	fp_save(&fps); /* the live registers are the user's: the kernel does not use FP */
	memcpy(f.uc.uc_mcontext.fp.d.f, fps.f, sizeof(fps.f));
	f.uc.uc_mcontext.fp.d.fcsr = (u32)fps.fcsr;
	if (copy_to_user(frame, &f, sizeof(f)))
		return -EFAULT;

	tf->ra = tramp;
	tf->sp = frame;
	tf->sepc = ka->handler;
	tf->a0 = (u64)sig;
	tf->a1 = frame + __builtin_offsetof(struct rt_sigframe, info);
	tf->a2 = frame + __builtin_offsetof(struct rt_sigframe, uc);
	return 0;
}

/* The first handler for an interrupted system call decides between -EINTR and a restart. */
static void restart_for_handler(struct trapframe *tf, const struct ksigaction *ka)
{
	if (tf->scause != EXC_ECALL_U)
		return;
	tf->scause = ~0UL;
	switch ((long)tf->a0) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		tf->a0 = (u64)-EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ka->flags & SA_RESTART)) {
			tf->a0 = (u64)-EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTNOINTR:
		tf->a0 = tf->orig_a0;
		tf->sepc -= 4;
		break;
	}
}

/* No handler ran: every restart code restarts (the restart block through restart_syscall). */
static void restart_no_handler(struct trapframe *tf)
{
	if (tf->scause != EXC_ECALL_U)
		return;
	tf->scause = ~0UL;
	switch ((long)tf->a0) {
	case -ERESTARTNOHAND:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
		tf->a0 = tf->orig_a0;
		tf->sepc -= 4;
		break;
	case -ERESTART_RESTARTBLOCK:
		tf->a0 = tf->orig_a0;
		tf->a7 = NR_restart_syscall;
		tf->sepc -= 4;
		break;
	}
}

static void handle_signal(struct trapframe *tf, int sig, const struct ksiginfo *info,
			  const struct ksigaction *ka)
{
	struct task *t = current;
	u64 oldmask = t->sig.restore_mask ? t->sig.saved_mask : t->sig.blocked;

	restart_for_handler(tf, ka);
	if (setup_frame(tf, sig, info, ka, oldmask)) {
		pr_info("%s[%d]: cannot build the frame of signal %d (sp %lx): SIGSEGV\n", t->name,
			t->tid, sig, tf->sp);
		if (sig == SIGSEGV)
			do_exit_group(SIGSEGV);
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return;
	}
	t->sig.restore_mask = false;
	spin_lock(&siglock);
	t->sig.blocked |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		t->sig.blocked |= sigbit(sig);
	t->sig.blocked &= ~SIG_UNBLOCKABLE;
	recalc_sigpending(t);
	spin_unlock(&siglock);
	if (t->sig.ss_flags & SS_AUTODISARM)
		sas_reset(t);
}

/* Sleep while the group is stopped (until SIGCONT or SIGKILL). */
static void stop_sleep(struct task *t)
{
	struct proc *p = t->proc;

	for (;;) {
		spin_lock(&siglock);
		if (!p->sig.stopped || p->group_exiting) {
			recalc_sigpending(t);
			spin_unlock(&siglock);
			return;
		}
		spin_lock(&rq_lock);
		t->state = TASK_SLEEPING;
		spin_unlock(&siglock); /* interrupts stay off: rq_lock is held */
		sleep_locked_until(0);
	}
}

/* Take the pending signals: stop, die, or build a frame for each handled one. */
static __attribute__((noinline)) void deliver_pending(struct task *t, struct trapframe *tf)
{
	struct proc *p = t->proc;

	while (READ_ONCE(t->sigpending)) {
		struct ksiginfo info;
		struct ksigaction ka;
		int sig;

		if (task_group_dying(t))
			do_exit(p->group_status);
		if (p->sig.stopped) {
			stop_sleep(t);
			continue;
		}
		spin_lock(&siglock);
		sig = dequeue_signal(~t->sig.blocked, &info);
		if (!sig) {
			recalc_sigpending(t);
			spin_unlock(&siglock);
			if (t->sigpending && !p->group_exiting && !p->sig.stopped)
				break; /* cannot happen; never spin */
			continue;
		}
		ka = t->sighand->action[sig - 1];
		if (ka.handler != SIG_DFL && ka.handler != SIG_IGN && (ka.flags & SA_RESETHAND))
			t->sighand->action[sig - 1].handler = SIG_DFL;
		spin_unlock(&siglock);
		if (ka.handler == SIG_IGN)
			continue;
		if (ka.handler != SIG_DFL) {
			handle_signal(tf, sig, &info, &ka);
			continue;
		}
		if (sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH)
			continue;
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
			/* POSIX: an orphaned group is not stopped by the terminal's signals. */
			if (sig != SIGSTOP && pgrp_orphaned(p))
				continue;
			signal_stop_group(p, sig);
			continue;
		}
		/* Terminate (the "core" signals too: the reference has no core dumps, no 0x80). */
		do_exit_group(sig);
	}
}

void signal_return_to_user(struct trapframe *tf)
{
	struct task *t = current;

	if (!t->proc || !t->sighand)
		return;
	if (READ_ONCE(t->sigpending))
		deliver_pending(t, tf);
	restart_no_handler(tf);
	if (t->sig.restore_mask) {
		t->sig.restore_mask = false;
		spin_lock(&siglock);
		t->sig.blocked = t->sig.saved_mask & ~SIG_UNBLOCKABLE;
		recalc_sigpending(t);
		spin_unlock(&siglock);
	}
}

/* A frame rt_sigreturn cannot use: the process gets SIGSEGV (and dies if it cannot take it). */
static long bad_frame(struct task *t, uaddr_t frame)
{
	pr_info("%s[%d]: bad signal frame at %lx: SIGSEGV\n", t->name, t->tid, frame);
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
	return 0;
}

long do_rt_sigreturn(struct trapframe *tf)
{
	struct task *t = current;
	struct rt_sigframe f;
	struct fpstate fps;
	uaddr_t frame = tf->sp;
	const struct ksigcontext *sc = &f.uc.uc_mcontext;

	t->sig.restart.fn = NULL; /* an interrupted restartable sleep now gives -EINTR */
	if (frame & 15 || copy_from_user(&f, frame, sizeof(f)))
		return bad_frame(t, frame);
	if (sc->fp.q.reserved[0] || sc->fp.q.reserved[1] || sc->fp.q.reserved[2])
		return bad_frame(t, frame);
	spin_lock(&siglock);
	t->sig.blocked = f.uc.uc_sigmask & ~SIG_UNBLOCKABLE;
	recalc_sigpending(t);
	spin_unlock(&siglock);
	tf->sepc = sc->pc;
	memcpy(frame_gprs(tf), sc->x, sizeof(sc->x));
	memcpy(fps.f, sc->fp.d.f, sizeof(fps.f));
	fps.fcsr = sc->fp.d.fcsr;
	fp_restore(&fps);
	tf->scause = ~0UL; /* not a system call any more: no restart on the way out */
	/* The alternate stack as the frame saved it; errors are ignored, as Linux does. */
	(void)do_sigaltstack(frame + __builtin_offsetof(struct rt_sigframe, uc.uc_stack), 0,
			     tf->sp);
	return (long)tf->a0;
}

long do_sigaltstack(uaddr_t uss, uaddr_t uoss, uaddr_t sp)
{
	struct task *t = current;
	struct kstack old = {
		.ss_sp = t->sig.ss_sp,
		.ss_flags = sas_ss_flags(t, sp) | (int)(t->sig.ss_flags & SS_AUTODISARM),
		.ss_size = t->sig.ss_size,
	};

	if (uss) {
		struct kstack ss;
		u32 mode;

		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(t, sp))
			return -EPERM;
		mode = (u32)ss.ss_flags & ~SS_AUTODISARM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			t->sig.ss_sp = 0;
			t->sig.ss_size = 0;
		} else {
			if (ss.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			t->sig.ss_sp = ss.ss_sp;
			t->sig.ss_size = ss.ss_size;
		}
		t->sig.ss_flags = (u32)ss.ss_flags;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long do_restart_syscall(void)
{
	struct restart_block *rb = &current->sig.restart;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}
