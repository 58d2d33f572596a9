/* RISC-V PLIC: per-source priority, per-context enable and threshold, claim/complete. */
#ifndef DRIVERS_IRQ_PLIC_H
#define DRIVERS_IRQ_PLIC_H

#include "types.h"

/* plic_init - map the PLIC described by the board. Context: boot hart, once, after paging. */
void plic_init(void);

/* plic_init_cpu - threshold 0 and nothing enabled for this CPU's S-mode context. */
void plic_init_cpu(void);

/* plic_enable - priority 1 for @irq and route it to the boot CPU's context. */
void plic_enable(unsigned int irq);

/* plic_handle - claim every pending source of this CPU, dispatch, complete. Context: trap. */
void plic_handle(void);

#endif
