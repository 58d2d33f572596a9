/*
 * Spinlocks. Taking one disables interrupts on this CPU (nesting counted in struct cpu) and
 * records the holder CPU, so that a double acquire or a release by a non-holder panics.
 * The per-CPU count of held spinlocks is checked before sleeping and before returning to user.
 *
 * Lock order (outermost first) is kept in kernel/lock/README.md.
 */
#ifndef KERNEL_LOCK_SPINLOCK_H
#define KERNEL_LOCK_SPINLOCK_H

#include "printk.h"
#include "types.h"

struct cpu;

typedef struct spinlock {
	volatile u32 locked;
	const char *name;
	struct cpu *holder; /* CPU holding it, NULL when free */
} spinlock_t;

#define SPINLOCK_INIT(n)                                                                           \
	{                                                                                          \
		0, (n), NULL                                                                       \
	}

/* spin_lock_init - set @l free, named @name for diagnostics. Context: any. */
void spin_lock_init(spinlock_t *l, const char *name);
/* spin_lock - disable interrupts on this CPU, then spin until @l is ours. Panics on recursion. */
void spin_lock(spinlock_t *l);
/* spin_unlock - release @l (must be held by this CPU), then restore the interrupt state. */
void spin_unlock(spinlock_t *l);
/* spin_trylock - take @l if free; returns true if taken (interrupts then stay off). */
bool spin_trylock(spinlock_t *l);
/* spin_holding - true if this CPU holds @l. */
bool spin_holding(spinlock_t *l);

/* push_off/pop_off - nestable interrupt disable on this CPU (xv6's pair). */
void push_off(void);
void pop_off(void);

#define assert_held(l) KASSERT(spin_holding(l))

#endif
