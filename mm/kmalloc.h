/*
 * Small-object allocator. Requests up to KMALLOC_MAX_SMALL bytes come from power-of-two size
 * classes (16 .. 2048 bytes), each class carving whole 4 KiB frames into equal objects; an
 * object of class size s is aligned to s. Larger requests get their own buddy block (order
 * rounded up), page aligned. The struct page of the frame records which case applies, so
 * kfree() needs no size.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include "types.h"

#define KMALLOC_MIN_SHIFT 4
#define KMALLOC_MAX_SHIFT 11
#define KMALLOC_MIN_SMALL (1UL << KMALLOC_MIN_SHIFT) /* 16 */
#define KMALLOC_MAX_SMALL (1UL << KMALLOC_MAX_SHIFT) /* 2048 */
#define KMALLOC_NCLASSES  (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

/*
 * kmalloc - allocate @size bytes (contents undefined). @size 0 gets a minimal object, so NULL
 * always means out of memory.
 * Context: any, never sleeps. Takes the size class lock, then frame_lock (lock order).
 * Returns a direct-map pointer, or NULL if no memory (or @size above 4 MiB).
 */
void *kmalloc(size_t size);

/* kzalloc - kmalloc() with the first @size bytes cleared. Same context and returns. */
void *kzalloc(size_t size);

/*
 * kfree - free an object from kmalloc()/kzalloc(); NULL is ignored. A slab page whose last
 * object is freed goes back to the frame allocator at once.
 * Context: any. Takes the class lock and/or frame_lock. Panics on a pointer kmalloc() never
 * returned (or, in DEBUG and host builds, on a double free).
 */
void kfree(void *ptr);

/* kmalloc_size_class - bytes actually reserved for a request of @size (tests, statistics). */
size_t kmalloc_size_class(size_t size);

#endif
