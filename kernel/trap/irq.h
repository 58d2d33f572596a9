/* External interrupt registry: PLIC source number -> handler. */
#ifndef KERNEL_TRAP_IRQ_H
#define KERNEL_TRAP_IRQ_H

#include "types.h"

#define NR_IRQS 256

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

/*
 * irq_register - call @fn(@irq, @arg) when source @irq fires, and enable it at the PLIC for
 * the boot CPU. Context: boot or process context. Returns 0, -EINVAL (bad number) or -EBUSY.
 */
int irq_register(unsigned int irq, irq_handler_t fn, void *arg);

/* irq_dispatch - run the handler of @irq; counts spurious ones. Context: trap, interrupts off. */
void irq_dispatch(unsigned int irq);

/* irq_count - times @irq was dispatched (0 for unknown numbers). */
u64 irq_count(unsigned int irq);

#endif
