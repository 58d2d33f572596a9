/* Trap handling entry points (kernel/trap/trap.c). */
#ifndef KERNEL_TRAP_TRAP_H
#define KERNEL_TRAP_TRAP_H

#include "trap/trapframe.h"

/*
 * trap_handler - called by trap/entry.S with the saved frame. Decodes scause: interrupts
 * (timer, external, software), system calls and faults from user mode, and kernel faults
 * (exception-table fixups, or a panic with registers and backtrace).
 * Context: trap, interrupts off on entry.
 */
void trap_handler(struct trapframe *tf);

/* trap_init_cpu - point stvec at trap_entry and enable the S-mode interrupt sources. */
void trap_init_cpu(void);

/*
 * user_trap - a trap from user mode (kernel/trap/user.c): system call, fault or interrupt,
 * then the checks of the way back (rescheduling, group exit, signals). trap/entry.S calls it
 * directly for traps from user mode. Context: trap, interrupts off on entry; returns with
 * them off.
 */
void user_trap(struct trapframe *tf);

/* trap_interrupt - handle interrupt @cause (scause without the interrupt bit). */
void trap_interrupt(unsigned long cause, bool from_user);

/* ipi_handler_hook - called on a supervisor software interrupt (after clearing it). */
extern void (*ipi_handler_hook)(void);

const char *trap_cause_name(unsigned long scause);

#endif
