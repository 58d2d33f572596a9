/* External interrupt registry. */
#include "trap/irq.h"
#include "drivers/irq/plic.h"
#include "errno.h"
#include "printk.h"

/* Locks: [I] written at registration (boot, before the source is enabled), then read-only. */
static struct {
	irq_handler_t fn;
	void *arg;
	u64 count; /* [a] */
} irqs[NR_IRQS];
static u64 spurious;

int irq_register(unsigned int irq, irq_handler_t fn, void *arg)
{
	if (irq == 0 || irq >= NR_IRQS)
		return -EINVAL;
	if (irqs[irq].fn)
		return -EBUSY;
	irqs[irq].arg = arg;
	irqs[irq].fn = fn;
	plic_enable(irq);
	return 0;
}

void irq_dispatch(unsigned int irq)
{
	if (irq < NR_IRQS && irqs[irq].fn) {
		__atomic_fetch_add(&irqs[irq].count, 1, __ATOMIC_RELAXED);
		irqs[irq].fn(irq, irqs[irq].arg);
		return;
	}
	if (spurious++ < 10)
		pr_warn("irq: unexpected interrupt %u\n", irq);
}

u64 irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irqs[irq].count : 0;
}
