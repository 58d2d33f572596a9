/* Reference counts: a u32 changed only atomically (key [a] in the lock legends). */
#ifndef KERNEL_INCLUDE_REFCOUNT_H
#define KERNEL_INCLUDE_REFCOUNT_H

#include "types.h"

/* ref_get - one more reference, taken by a holder of one. Context: any. */
static inline void ref_get(u32 *count)
{
	__atomic_add_fetch(count, 1, __ATOMIC_RELAXED);
}

/*
 * ref_put - drop a reference. Returns true if it was the last: the caller then frees the
 * object (the acquire half orders the free after every other holder's last use). Context: any.
 */
static inline bool ref_put(u32 *count)
{
	return __atomic_sub_fetch(count, 1, __ATOMIC_ACQ_REL) == 0;
}

#endif
