/* Spinlocks with holder checks, and the nestable interrupt-disable pair push_off/pop_off. */
#include "lock/spinlock.h"
#include "printk.h"
#include "riscv.h"
#include "sched/cpu.h"

void spin_lock_init(spinlock_t *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->holder = NULL;
}

void push_off(void)
{
	unsigned long sie = local_irq_save();
	struct cpu *c = this_cpu();

	if (c->noff == 0)
		c->intena = sie;
	c->noff++;
}

void pop_off(void)
{
	struct cpu *c = this_cpu();

	if (irqs_enabled())
		panic("pop_off: interrupts enabled");
	if (c->noff < 1)
		panic("pop_off: not pushed");
	c->noff--;
	if (c->noff == 0 && c->intena)
		local_irq_enable();
}

bool spin_holding(spinlock_t *l)
{
	return l->locked && l->holder == this_cpu();
}

void spin_lock(spinlock_t *l)
{
	push_off();
	if (spin_holding(l))
		panic("spin_lock: recursive acquire of %s", l->name);
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (READ_ONCE(l->locked))
			cpu_relax();
	l->holder = this_cpu();
	l->holder->nlocks++;
}

bool spin_trylock(spinlock_t *l)
{
	push_off();
	if (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		pop_off();
		return false;
	}
	l->holder = this_cpu();
	l->holder->nlocks++;
	return true;
}

void spin_unlock(spinlock_t *l)
{
	if (!spin_holding(l))
		panic("spin_unlock: %s not held by this CPU", l->name);
	l->holder->nlocks--;
	l->holder = NULL;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	pop_off();
}
