/*
 * Physical frame allocator: a buddy system over the RAM ranges the boot code hands in, with one
 * struct page per 4 KiB frame.
 *
 * The struct page array covers the span [lowest, highest) page of all ranges, so pa_to_page() is
 * one subtraction; holes between ranges cost one struct page each and are marked PG_RESERVED. The
 * array is carved from the start of the first (lowest) range large enough to hold it.
 *
 * An order-n block is 2^n contiguous frames whose physical address is aligned to PAGE_SIZE << n.
 * Only the first ("head") page of an allocated block carries the reference count and the order.
 *
 * Life cycle: frame_add_range() once per usable range (boot, one hart), then frame_init_done();
 * only then may frames be allocated. RAM must already be reachable through pa_to_kva().
 */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include "types.h"
#include "list.h"
#include "mm/memlayout.h"

#define FRAME_MAX_ORDER	 10 /* largest block: 2^10 frames = 4 MiB */
#define FRAME_MAX_RANGES 16 /* distinct ranges frame_add_range() accepts */

/* struct page flags */
#define PG_RESERVED	 (1U << 0) /* never allocatable: holes, the struct page array itself */
#define PG_BUDDY	 (1U << 1) /* head of a free block on a buddy list */
#define PG_SLAB		 (1U << 2) /* kmalloc slab page (one size class) */
#define PG_KMALLOC_LARGE (1U << 3) /* head of a multi-page kmalloc block */

/*
 * Locks protecting the fields below:
 *   [Z] frame_lock (mm/frame.c)         [a] atomic access only
 *   [S] the kmalloc class lock of slab_class while PG_SLAB is set
 *   [O] the owner of the allocated block (whoever allocated it), no lock
 * A free frame belongs to the allocator [Z]; an allocated one to its owner [O].
 */
struct page {
	struct list_head list; /* [Z] on a buddy free list (PG_BUDDY); [S] on a partial list */
	void *freelist;	       /* [S] first free object of a slab page */
	u32 refcount;	       /* [a] 0 while free; head page of a block only */
	u16 flags;	       /* [Z] while free, else [O]; PG_* */
	u8 order;	       /* [Z] order of a free head, [O] order of an allocated head */
	u8 slab_class;	       /* [S] kmalloc size class index */
	u16 inuse;	       /* [S] objects handed out from this slab page */
};

/*
 * frame_add_range - hand the RAM range [@base, @base + @size) to the allocator.
 * The range must already exclude reserved memory; partial pages at both ends are dropped, and
 * physical page 0 is never used (0 means failure in frame_alloc()). Ranges may come in any order.
 * Context: boot, one hart, before frame_init_done(). No locks.
 * Returns 0 (also when nothing is left after trimming), -EINVAL if the range wraps or overlaps
 * one given before, -ENOSPC if FRAME_MAX_RANGES ranges are already known, -EBUSY after
 * frame_init_done().
 */
int frame_add_range(paddr_t base, u64 size);

/*
 * frame_init_done - build the struct page array and the buddy lists from the ranges given.
 * The array is carved from the first (lowest) range able to hold it; its frames are reserved.
 * Context: boot, one hart, once; every range must be mapped by pa_to_kva() already.
 * Returns 0, -EINVAL if no range was given, -ENOMEM if no range can hold the array, -EBUSY if
 * called twice.
 */
int frame_init_done(void);

/*
 * frame_alloc - allocate 2^@order contiguous frames, aligned to PAGE_SIZE << @order.
 * The head page gets reference count 1. Contents are not cleared.
 * Context: any (interrupts may be on or off). Takes frame_lock.
 * Returns the physical address, or 0 if no block is free or @order > FRAME_MAX_ORDER.
 */
paddr_t frame_alloc(unsigned int order);

/* frame_alloc_zeroed - frame_alloc(), then clear the block. Same context and returns. */
paddr_t frame_alloc_zeroed(unsigned int order);

/*
 * frame_free - give back a block from frame_alloc(@order) whose only reference is the caller's.
 * Context: any. Takes frame_lock.
 * Panics on a double free, a reserved or unknown frame, a wrong @order or a reference count
 * other than 1 (use page_put() for shared frames).
 */
void frame_free(paddr_t pa, unsigned int order);

/*
 * pa_to_page - the struct page of the frame holding @pa, or NULL if @pa lies outside the span
 * the allocator manages (MMIO, kernel image below the first range). Pages of holes are returned
 * too, with PG_RESERVED set. Context: any, no locks.
 */
struct page *pa_to_page(paddr_t pa);

/* page_to_pa - physical address of the frame described by @pg. Context: any, no locks. */
paddr_t page_to_pa(struct page *pg);

/*
 * page_get - take one more reference on the allocated block headed by @pg (copy-on-write,
 * page cache). Context: any, lock-free. Panics if @pg is free.
 */
void page_get(struct page *pg);

/*
 * page_put - drop one reference; the last one frees the block (its order is recorded in the
 * head page). Context: any; takes frame_lock when it frees. Panics if @pg is already free.
 */
void page_put(struct page *pg);

/* page_refcount - current reference count of @pg (0 if free). Context: any, lock-free. */
u32 page_refcount(struct page *pg);

/* frame_free_count - number of free 4 KiB frames (leak checks, meminfo). Context: any. */
u64 frame_free_count(void);

/* frame_total_count - number of frames the allocator manages (free or not). Context: any. */
u64 frame_total_count(void);

/* frame_free_blocks - number of free blocks of exactly @order (buddyinfo). Context: any. */
u64 frame_free_blocks(unsigned int order);

#ifdef KESTREL_HOST_TEST
/* frame_reset_for_test - forget every range and block so a host test can start again. */
void frame_reset_for_test(void);
#endif

#endif
