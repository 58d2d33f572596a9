/*
 * PLIC driver (RISC-V PLIC specification 1.0.0): priority registers at base + 4*irq, enable
 * bits at base + 0x2000 + 0x80*ctx, threshold and claim/complete at base + 0x200000 + 0x1000*ctx.
 * The S-mode context of each hart comes from the device tree (board_desc).
 */
#include "drivers/irq/plic.h"
#include "board/board.h"
#include "mm/kmap.h"
#include "printk.h"
#include "sched/cpu.h"
#include "trap/irq.h"

#define PLIC_PRIORITY(irq)  (4 * (irq))
#define PLIC_ENABLE(ctx)    (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)	    (0x200000 + 0x1000 * (ctx) + 4)

/* Locks: [I] after plic_init. Enable words are written at registration time (boot). */
static volatile u8 *plic;

static inline void plic_write(unsigned long off, u32 v)
{
	*(volatile u32 *)(plic + off) = v;
}

static inline u32 plic_read(unsigned long off)
{
	return *(volatile u32 *)(plic + off);
}

void plic_init(void)
{
	if (!board.plic.mmio.size) {
		pr_warn("plic: none in the device tree; no external interrupts\n");
		return;
	}
	plic = ioremap(board.plic.mmio.base, board.plic.mmio.size);
	for (unsigned int i = 1; i <= board.plic.ndev && i < NR_IRQS; i++)
		plic_write(PLIC_PRIORITY(i), 0);
}

void plic_init_cpu(void)
{
	int ctx = this_cpu()->plic_ctx;

	if (!plic || ctx < 0)
		return;
	for (unsigned int w = 0; w <= board.plic.ndev / 32; w++)
		plic_write(PLIC_ENABLE(ctx) + 4 * w, 0);
	plic_write(PLIC_THRESHOLD(ctx), 0);
}

void plic_enable(unsigned int irq)
{
	int ctx = cpus[0].plic_ctx;
	unsigned long off;

	if (!plic || ctx < 0 || irq > board.plic.ndev)
		return;
	plic_write(PLIC_PRIORITY(irq), 1);
	off = PLIC_ENABLE(ctx) + 4 * (irq / 32);
	plic_write(off, plic_read(off) | (1U << (irq % 32)));
}

void plic_handle(void)
{
	int ctx = this_cpu()->plic_ctx;
	u32 irq;

	if (!plic || ctx < 0)
		return;
	while ((irq = plic_read(PLIC_CLAIM(ctx))) != 0) {
		irq_dispatch(irq);
		plic_write(PLIC_CLAIM(ctx), irq);
	}
}
