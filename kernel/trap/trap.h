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
 * trap_user_hook - handler for traps from user mode; installed by the process code.
 * Until then a trap from user mode panics.
 */
extern void (*trap_user_hook)(struct trapframe *tf);

/* ipi_handler_hook - called on a supervisor software interrupt (after clearing it). */
extern void (*ipi_handler_hook)(void);

const char *trap_cause_name(unsigned long scause);

#endif
