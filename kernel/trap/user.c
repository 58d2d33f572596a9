/*
 * Traps from user mode: system calls, page faults (resolved by vm_fault, else SIGSEGV), other
 * exceptions (sent as the signal Linux sends), interrupts (preemption at the tick). Every path
 * ends in user_return_check(), which delivers signals.
 */
#include "trap/trap.h"
#include "mm/mm.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"
#include "syscall/syscall.h"
#include "task/exit.h"
#include "task/proc.h"
#include "signal/signal.h"
#include "errno.h"
#include "task/task.h"

static unsigned int fault_access(unsigned long scause)
{
	switch (scause) {
	case EXC_INST_PAGE_FAULT:
		return VM_EXEC;
	case EXC_STORE_PAGE_FAULT:
		return VM_WRITE;
	default:
		return VM_READ;
	}
}

/* A fault becomes a signal to the thread; the log line helps debugging test programs. */
static void user_fault(struct trapframe *tf, int sig, int code, uaddr_t addr)
{
	struct task *t = current;

	pr_info("%s[%d]: %s at pc %lx (stval %lx): signal %d\n", t->name, t->tid,
		trap_cause_name(tf->scause), tf->sepc, tf->stval, sig);
	force_sig_fault(sig, code, addr);
}

void user_trap(struct trapframe *tf)
{
	unsigned long cause = tf->scause;

	if (likely(cause == EXC_ECALL_U)) {
		local_irq_enable();
		syscall_dispatch(tf);
	} else if (cause & SCAUSE_INTR) {
		trap_interrupt(cause & ~SCAUSE_INTR, true);
	} else {
		local_irq_enable();
		switch (cause) {
		case EXC_INST_PAGE_FAULT:
		case EXC_LOAD_PAGE_FAULT:
		case EXC_STORE_PAGE_FAULT: {
			int err = vm_fault(current->mm, tf->stval, fault_access(cause));

			if (err)
				user_fault(tf, SIGSEGV, err == -EACCES ? SEGV_ACCERR : SEGV_MAPERR,
					   tf->stval);
			break;
		}
		case EXC_ILLEGAL_INST:
			user_fault(tf, SIGILL, ILL_ILLOPC, tf->sepc);
			break;
		case EXC_BREAKPOINT:
			user_fault(tf, SIGTRAP, TRAP_BRKPT, tf->sepc);
			break;
		case EXC_INST_MISALIGNED:
		case EXC_LOAD_MISALIGNED:
		case EXC_STORE_MISALIGNED:
			user_fault(tf, SIGBUS, BUS_ADRALN, tf->stval);
			break;
		default:
			/* access faults (PMP) and anything unknown */
			user_fault(tf, SIGSEGV, SEGV_ACCERR, tf->stval);
			break;
		}
	}
	user_return_check(); /* returns with interrupts off */
}
