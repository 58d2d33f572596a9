/*
 * Buddy allocator for physical frames (see mm/frame.h for the model).
 *
 * Free blocks sit on free_area[order], linked through the head page's list field; the head has
 * PG_BUDDY set and its order recorded. Blocks are aligned on absolute page numbers, so the buddy
 * of the order-n block at pfn is pfn ^ (1 << n), and two free buddies of equal order merge.
 * Pages of holes and of the struct page array carry PG_RESERVED and so never merge.
 */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "list.h"
#include "printk.h"
#include "string.h"
#include "kernel/lock/spinlock.h"
#include "mm/memlayout.h"
#include "mm/frame.h"

struct frame_range {
	u64 start_pfn, end_pfn; /* [start, end) */
};

/*
 * Allocator state. Locks:
 *   [B] boot only: written before frame_init_done() returns, then immutable
 *   [Z] frame_lock
 */
static spinlock_t frame_lock = SPINLOCK_INIT("frame");
static struct frame_range ranges[FRAME_MAX_RANGES]; /* [B] sorted by start_pfn */
static int nranges;				    /* [B] */
static bool frame_ready;			    /* [B] */
static struct page *page_array;			    /* [B] one entry per pfn in the span */
static u64 base_pfn, span_pages;		    /* [B] span [base_pfn, base_pfn + span_pages) */
static u64 nr_total;				    /* [B] allocatable frames */
static struct list_head free_area[FRAME_MAX_ORDER + 1]; /* [Z] */
static u64 free_blocks[FRAME_MAX_ORDER + 1];		/* [Z] blocks per list */
static u64 nr_free;					/* [Z] writes; reads may be racy */

static inline struct page *pfn_page(u64 pfn)
{
	return &page_array[pfn - base_pfn];
}

static inline u64 page_pfn(struct page *pg)
{
	return base_pfn + (u64)(pg - page_array);
}

int frame_add_range(paddr_t base, u64 size)
{
	u64 start, end;
	int i;

	if (frame_ready)
		return -EBUSY;
	if (size == 0)
		return 0;
	if (base + size < base)
		return -EINVAL;
	start = (base >> PAGE_SHIFT) + ((base & ~PAGE_MASK) ? 1 : 0);
	end = (base + size) >> PAGE_SHIFT;
	if (start == 0)
		start = 1; /* physical address 0 is the failure value of frame_alloc() */
	if (start >= end)
		return 0;
	for (i = 0; i < nranges; i++)
		if (start < ranges[i].end_pfn && ranges[i].start_pfn < end)
			return -EINVAL;
	if (nranges == FRAME_MAX_RANGES)
		return -ENOSPC;
	/* insertion keeps the table sorted */
	for (i = nranges; i > 0 && ranges[i - 1].start_pfn > start; i--)
		ranges[i] = ranges[i - 1];
	ranges[i].start_pfn = start;
	ranges[i].end_pfn = end;
	nranges++;
	return 0;
}

/* Put the block of @order at @pfn on the free lists, merging with free buddies. [Z] held. */
static void buddy_insert(u64 pfn, unsigned int order)
{
	struct page *pg;

	while (order < FRAME_MAX_ORDER) {
		u64 buddy = pfn ^ (1UL << order);
		struct page *bp;

		if (buddy < base_pfn || buddy >= base_pfn + span_pages)
			break;
		bp = pfn_page(buddy);
		if (!(bp->flags & PG_BUDDY) || bp->order != order)
			break;
		list_del(&bp->list);
		free_blocks[order]--;
		bp->flags &= (u16)~PG_BUDDY;
		bp->order = 0;
		pfn &= ~(1UL << order);
		order++;
	}
	pg = pfn_page(pfn);
	pg->flags = PG_BUDDY;
	pg->order = (u8)order;
	list_add(&pg->list, &free_area[order]);
	free_blocks[order]++;
}

/* Take a block of exactly @order off the lists, splitting a larger one if needed. [Z] held. */
static struct page *buddy_remove(unsigned int order)
{
	unsigned int o;
	struct page *pg;
	u64 pfn;

	for (o = order; o <= FRAME_MAX_ORDER; o++)
		if (!list_empty(&free_area[o]))
			break;
	if (o > FRAME_MAX_ORDER)
		return NULL;
	pg = list_first_entry(&free_area[o], struct page, list);
	list_del(&pg->list);
	free_blocks[o]--;
	pfn = page_pfn(pg);
	while (o > order) {
		struct page *half;

		o--;
		half = pfn_page(pfn + (1UL << o));
		half->flags = PG_BUDDY;
		half->order = (u8)o;
		list_add(&half->list, &free_area[o]);
		free_blocks[o]++;
	}
	pg->flags = 0;
	pg->order = (u8)order;
	return pg;
}

/* Largest order a block starting at @pfn may have without passing @end. */
static unsigned int fit_order(u64 pfn, u64 end)
{
	unsigned int order = 0;

	while (order < FRAME_MAX_ORDER && !(pfn & (1UL << order)) && pfn + (2UL << order) <= end)
		order++;
	return order;
}

int frame_init_done(void)
{
	u64 lo, hi, bytes, array_pages, pfn;
	int i, carve = -1;

	if (frame_ready)
		return -EBUSY;
	if (nranges == 0)
		return -EINVAL;
	lo = ranges[0].start_pfn;
	hi = 0;
	for (i = 0; i < nranges; i++)
		hi = MAX(hi, ranges[i].end_pfn);
	bytes = (hi - lo) * sizeof(struct page);
	array_pages = (bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;
	for (i = 0; i < nranges; i++) {
		if (ranges[i].end_pfn - ranges[i].start_pfn > array_pages) {
			carve = i;
			break;
		}
	}
	if (carve < 0)
		return -ENOMEM;

	base_pfn = lo;
	span_pages = hi - lo;
	page_array = pa_to_kva(ranges[carve].start_pfn << PAGE_SHIFT);
	ranges[carve].start_pfn += array_pages;
	memset(page_array, 0, bytes);
	for (pfn = 0; pfn < span_pages; pfn++) {
		page_array[pfn].flags = PG_RESERVED;
		INIT_LIST_HEAD(&page_array[pfn].list);
	}
	for (i = 0; i <= FRAME_MAX_ORDER; i++) {
		INIT_LIST_HEAD(&free_area[i]);
		free_blocks[i] = 0;
	}

	spin_lock(&frame_lock);
	for (i = 0; i < nranges; i++) {
		u64 end = ranges[i].end_pfn;

		for (pfn = ranges[i].start_pfn; pfn < end; pfn++)
			pfn_page(pfn)->flags = 0;
		pfn = ranges[i].start_pfn;
		while (pfn < end) {
			unsigned int order = fit_order(pfn, end);

			buddy_insert(pfn, order);
			nr_free += 1UL << order;
			pfn += 1UL << order;
		}
	}
	nr_total = nr_free;
	frame_ready = true;
	spin_unlock(&frame_lock);

	pr_info("frame: %lu frames (%lu KiB) free in %d ranges; struct page array %lu KiB at %lx\n",
		(unsigned long)nr_free, (unsigned long)(nr_free * (PAGE_SIZE / 1024)), nranges,
		(unsigned long)(array_pages * (PAGE_SIZE / 1024)),
		(unsigned long)kva_to_pa(page_array));
	return 0;
}

paddr_t frame_alloc(unsigned int order)
{
	struct page *pg;

	if (order > FRAME_MAX_ORDER || !READ_ONCE(frame_ready))
		return 0;
	spin_lock(&frame_lock);
	pg = buddy_remove(order);
	if (pg)
		nr_free -= 1UL << order;
	spin_unlock(&frame_lock);
	if (!pg)
		return 0;
	__atomic_store_n(&pg->refcount, 1, __ATOMIC_RELEASE);
	return page_pfn(pg) << PAGE_SHIFT;
}

paddr_t frame_alloc_zeroed(unsigned int order)
{
	paddr_t pa = frame_alloc(order);

	if (pa)
		memset(pa_to_kva(pa), 0, PAGE_SIZE << order);
	return pa;
}

/* Return the block headed by @pg (reference count already 0) to the lists. */
static void release_block(struct page *pg, unsigned int order)
{
	if (pg->flags & (PG_SLAB | PG_KMALLOC_LARGE))
		panic("frame: freeing %lx still marked as kmalloc memory (flags %x)",
		      (unsigned long)(page_pfn(pg) << PAGE_SHIFT), pg->flags);
	spin_lock(&frame_lock);
	pg->flags = 0;
	buddy_insert(page_pfn(pg), order);
	nr_free += 1UL << order;
	spin_unlock(&frame_lock);
}

void frame_free(paddr_t pa, unsigned int order)
{
	struct page *pg = pa_to_page(pa);

	if (!pg || order > FRAME_MAX_ORDER || !IS_ALIGNED(pa, PAGE_SIZE << order))
		panic("frame_free: bad frame %lx order %u", (unsigned long)pa, order);
	if (pg->flags & (PG_BUDDY | PG_RESERVED))
		panic("frame_free: %lx is free or reserved (double free?)", (unsigned long)pa);
	if (pg->order != order)
		panic("frame_free: %lx freed with order %u, allocated with %u", (unsigned long)pa,
		      order, pg->order);
	if (!__atomic_compare_exchange_n(&pg->refcount, &(u32){1}, 0, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_RELAXED))
		panic("frame_free: %lx has %u references (use page_put)", (unsigned long)pa,
		      page_refcount(pg));
	release_block(pg, order);
}

struct page *pa_to_page(paddr_t pa)
{
	u64 pfn = pa >> PAGE_SHIFT;

	if (!page_array || pfn < base_pfn || pfn - base_pfn >= span_pages)
		return NULL;
	return pfn_page(pfn);
}

paddr_t page_to_pa(struct page *pg)
{
	return page_pfn(pg) << PAGE_SHIFT;
}

void page_get(struct page *pg)
{
	u32 old = __atomic_fetch_add(&pg->refcount, 1, __ATOMIC_RELAXED);

	if (old == 0)
		panic("page_get: frame %lx is free", (unsigned long)page_to_pa(pg));
}

void page_put(struct page *pg)
{
	u32 old = __atomic_fetch_sub(&pg->refcount, 1, __ATOMIC_ACQ_REL);

	if (old == 0)
		panic("page_put: frame %lx is already free", (unsigned long)page_to_pa(pg));
	if (old == 1)
		release_block(pg, pg->order);
}

u32 page_refcount(struct page *pg)
{
	return __atomic_load_n(&pg->refcount, __ATOMIC_RELAXED);
}

u64 frame_free_count(void)
{
	return READ_ONCE(nr_free);
}

u64 frame_total_count(void)
{
	return nr_total;
}

u64 frame_free_blocks(unsigned int order)
{
	return order > FRAME_MAX_ORDER ? 0 : READ_ONCE(free_blocks[order]);
}

#ifdef KESTREL_HOST_TEST
void frame_reset_for_test(void)
{
	nranges = 0;
	frame_ready = false;
	page_array = NULL;
	base_pfn = span_pages = nr_total = nr_free = 0;
	for (int i = 0; i <= FRAME_MAX_ORDER; i++) {
		INIT_LIST_HEAD(&free_area[i]);
		free_blocks[i] = 0;
	}
}
#endif
