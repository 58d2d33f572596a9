/* Trap decoding: interrupts, user traps, kernel faults. */
#include "trap/trap.h"
#include "drivers/irq/plic.h"
#include "extable.h"
#include "lib/ksyms.h"
#include "mm/memlayout.h"
#include "mm/mm.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"
#include "task/task.h"
#include "time/timer.h"

void (*ipi_handler_hook)(void);

const char *trap_cause_name(unsigned long scause)
{
	static const char *const exc[] = {
		[EXC_INST_MISALIGNED] = "instruction address misaligned",
		[EXC_INST_ACCESS] = "instruction access fault",
		[EXC_ILLEGAL_INST] = "illegal instruction",
		[EXC_BREAKPOINT] = "breakpoint",
		[EXC_LOAD_MISALIGNED] = "load address misaligned",
		[EXC_LOAD_ACCESS] = "load access fault",
		[EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
		[EXC_STORE_ACCESS] = "store/AMO access fault",
		[EXC_ECALL_U] = "environment call from U-mode",
		[EXC_ECALL_S] = "environment call from S-mode",
		[EXC_INST_PAGE_FAULT] = "instruction page fault",
		[EXC_LOAD_PAGE_FAULT] = "load page fault",
		[EXC_STORE_PAGE_FAULT] = "store/AMO page fault",
	};

	if (scause & SCAUSE_INTR)
		return "interrupt";
	if (scause < ARRAY_SIZE(exc) && exc[scause])
		return exc[scause];
	return "unknown exception";
}

void trap_init_cpu(void)
{
	extern char trap_entry[];

	csr_write(stvec, trap_entry);
	csr_write(sscratch, 0);
	csr_set(sie, SIE_SEIE | SIE_STIE | SIE_SSIE);
}

void trap_interrupt(unsigned long cause, bool from_user)
{
	switch (cause) {
	case IRQ_S_TIMER:
		timer_interrupt(from_user);
		break;
	case IRQ_S_EXT:
		this_cpu()->irqs++;
		plic_handle();
		break;
	case IRQ_S_SOFT:
		csr_clear(sip, SIE_SSIE);
		if (ipi_handler_hook)
			ipi_handler_hook();
		break;
	default:
		pr_warn("trap: unexpected interrupt cause %lu\n", cause);
		break;
	}
}

/* A fault address within a kernel stack slot but below the stack: a guard page. */
static bool in_stack_guard(unsigned long addr)
{
	struct task *t = current;

	if (addr >= KSTACK_BASE && addr < KSTACK_BASE + (unsigned long)KSTACK_SLOTS * KSTACK_SLOT)
		return (addr - KSTACK_BASE) % KSTACK_SLOT < KSTACK_SLOT - KSTACK_SIZE;
	return t && addr < t->kstack_bottom && addr >= t->kstack_bottom - PAGE_SIZE;
}

/*
 * A kernel-mode fault. A page fault at a user address is legal only at an instruction of the
 * uaccess routines (listed in the exception table): it is resolved like a user fault in
 * current->mm (with interrupts back on if the interrupted code had them, since resolving may
 * sleep for file I/O), and the instruction is retried; if it cannot be resolved, the routine
 * resumes at its fixup and reports the failure. A user-address fault anywhere else is a kernel
 * bug: a panic, never a signal.
 */
static void kernel_exception(struct trapframe *tf)
{
	unsigned long fixup = extable_fixup(tf->sepc);
	unsigned long scause = tf->scause, addr = tf->stval;
	bool page_fault = scause == EXC_INST_PAGE_FAULT || scause == EXC_LOAD_PAGE_FAULT ||
			  scause == EXC_STORE_PAGE_FAULT;

	if (page_fault && addr < USER_TOP) {
		if (!fixup) {
			if (!(tf->sstatus & SSTATUS_SUM))
				panic_trap(tf,
					   "kernel access to user memory outside uaccess "
					   "(%s at %lx, pc %lx)",
					   trap_cause_name(scause), addr, tf->sepc);
			panic_trap(tf,
				   "kernel fault on user memory with SUM set outside uaccess "
				   "(%s at %lx, pc %lx)",
				   trap_cause_name(scause), addr, tf->sepc);
		}
		/* With page faults disabled (futex word access under a bucket lock) the
		 * copy just fails; its caller faults the page in with no lock held. */
		if (current && current->mm && !current->pagefault_disabled) {
			unsigned int access = scause == EXC_STORE_PAGE_FAULT  ? VM_WRITE
					      : scause == EXC_LOAD_PAGE_FAULT ? VM_READ
									      : VM_EXEC;
			int err;

			if (tf->sstatus & SSTATUS_SPIE)
				local_irq_enable();
			err = vm_fault(current->mm, addr, access);
			local_irq_disable();
			if (err == 0)
				return; /* retry the access */
		}
		tf->sepc = fixup;
		return;
	}
	if (fixup) {
		tf->sepc = fixup;
		return;
	}
	if (page_fault && in_stack_guard(addr))
		panic_trap(tf, "kernel stack overflow (guard page hit at %lx, sp was %lx)", addr,
			   tf->sp);
	panic_trap(tf, "kernel exception: %s (scause %lu) at %lx, stval %lx",
		   trap_cause_name(scause), scause, tf->sepc, addr);
}

void trap_handler(struct trapframe *tf)
{
	unsigned long scause = tf->scause;

	if (trap_from_user(tf)) {
		user_trap(tf);
		return;
	}
	if (scause & SCAUSE_INTR) {
		trap_interrupt(scause & ~SCAUSE_INTR, false);
		return;
	}
	kernel_exception(tf);
}

unsigned long extable_fixup(unsigned long pc)
{
	extern const struct extable_entry __ex_table_start[], __ex_table_end[];

	for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == pc)
			return e->fixup;
	return 0;
}
