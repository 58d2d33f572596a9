/*
 * Traps from user mode: system calls, page faults (resolved by vm_fault or fatal), other
 * exceptions (fatal until signals exist: the wait status names the signal), interrupts
 * (preemption at the tick). Every path ends in user_return_check().
 */
#include "trap/trap.h"
#include "mm/mm.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"
#include "syscall/syscall.h"
#include "task/exit.h"
#include "task/proc.h"
#include "task/task.h"

#define SIGILL	4
#define SIGTRAP 5
#define SIGBUS	7
#define SIGSEGV 11

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

/* A fault the process cannot survive; the log line helps debugging test programs. */
static void user_fatal(struct trapframe *tf, int sig)
{
	struct task *t = current;

	pr_info("%s[%d]: %s at pc %lx (stval %lx): killed by signal %d\n", t->name, t->tid,
		trap_cause_name(tf->scause), tf->sepc, tf->stval, sig);
	task_exit_fatal(sig);
}

void user_trap(struct trapframe *tf)
{
	unsigned long cause = tf->scause;

	if (cause & SCAUSE_INTR) {
		trap_interrupt(cause & ~SCAUSE_INTR, true);
	} else {
		local_irq_enable();
		switch (cause) {
		case EXC_ECALL_U:
			syscall_dispatch(tf);
			break;
		case EXC_INST_PAGE_FAULT:
		case EXC_LOAD_PAGE_FAULT:
		case EXC_STORE_PAGE_FAULT:
			if (vm_fault(current->mm, tf->stval, fault_access(cause)))
				user_fatal(tf, SIGSEGV);
			break;
		case EXC_ILLEGAL_INST:
			user_fatal(tf, SIGILL);
			break;
		case EXC_BREAKPOINT:
			user_fatal(tf, SIGTRAP);
			break;
		case EXC_INST_MISALIGNED:
		case EXC_LOAD_MISALIGNED:
		case EXC_STORE_MISALIGNED:
			user_fatal(tf, SIGBUS);
			break;
		default:
			user_fatal(tf, SIGSEGV);
			break;
		}
	}
	user_return_check();
	local_irq_disable();
}
