/*
 * kmalloc: power-of-two size classes on whole frames (see mm/kmalloc.h).
 *
 * A slab is one 4 KiB frame holding PAGE_SIZE / size objects; its struct page has PG_SLAB set,
 * the class index, the count of objects in use and the head of the free-object list, which is
 * threaded through the first word of each free object. A class keeps its slabs that have free
 * objects on a partial list; full slabs are on no list; an empty slab is freed at once, so
 * frame_free_count() comes back to its old value once every object is freed (leak checks).
 *
 * Lock order: kmem_class.lock, then frame_lock.
 */
#include "types.h"
#include "compiler.h"
#include "list.h"
#include "printk.h"
#include "string.h"
#include "kernel/lock/spinlock.h"
#include "mm/memlayout.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"

#if defined(DEBUG) || defined(KESTREL_HOST_TEST)
#define KMALLOC_CHECK_DOUBLE_FREE 1
#else
#define KMALLOC_CHECK_DOUBLE_FREE 0
#endif

/*
 * One size class. Locks:
 *   [I] immutable        [c] this class's lock
 */
struct kmem_class {
	spinlock_t lock;
	u32 size;		  /* [I] object size in bytes */
	struct list_head partial; /* [c] slabs with at least one free object */
	u64 nr_slabs;		  /* [c] slabs currently owned */
};

#define KMEM_CLASS(i)                                                                              \
	[i] = {                                                                                    \
		.lock = SPINLOCK_INIT("kmalloc"),                                                  \
		.size = 1U << (KMALLOC_MIN_SHIFT + (i)),                                           \
		.partial = LIST_HEAD_INIT(kmem_classes[i].partial),                                \
	}

static struct kmem_class kmem_classes[KMALLOC_NCLASSES] = {
	KMEM_CLASS(0), KMEM_CLASS(1), KMEM_CLASS(2), KMEM_CLASS(3),
	KMEM_CLASS(4), KMEM_CLASS(5), KMEM_CLASS(6), KMEM_CLASS(7),
};

_Static_assert(KMALLOC_NCLASSES == 8, "kmem_classes initialiser lists every class");

/* Class index for @size (1 .. KMALLOC_MAX_SMALL). */
static unsigned int size_class(size_t size)
{
	if (size <= KMALLOC_MIN_SMALL)
		return 0;
	return (unsigned int)(64 - __builtin_clzl(size - 1)) - KMALLOC_MIN_SHIFT;
}

/* Smallest order whose block holds @size bytes, or FRAME_MAX_ORDER + 1 if none does. */
static unsigned int size_order(size_t size)
{
	unsigned int order = 0;

	while (order <= FRAME_MAX_ORDER && (PAGE_SIZE << order) < size)
		order++;
	return order;
}

size_t kmalloc_size_class(size_t size)
{
	if (size <= KMALLOC_MAX_SMALL)
		return kmem_classes[size_class(size)].size;
	return PAGE_SIZE << size_order(size);
}

static void *kmalloc_large(size_t size)
{
	unsigned int order = size_order(size);
	paddr_t pa;

	if (order > FRAME_MAX_ORDER)
		return NULL;
	pa = frame_alloc(order);
	if (!pa)
		return NULL;
	pa_to_page(pa)->flags |= PG_KMALLOC_LARGE;
	return pa_to_kva(pa);
}

/* Turn the fresh frame @pa into an empty slab of class @idx. [c] held. */
static struct page *slab_create(paddr_t pa, unsigned int idx)
{
	struct page *pg = pa_to_page(pa);
	u32 size = kmem_classes[idx].size;
	char *base = pa_to_kva(pa);
	void *next = NULL;
	long i;

	for (i = (long)(PAGE_SIZE / size) - 1; i >= 0; i--) {
		*(void **)(base + (u64)i * size) = next;
		next = base + (u64)i * size;
	}
	pg->freelist = next;
	pg->inuse = 0;
	pg->slab_class = (u8)idx;
	pg->flags |= PG_SLAB;
	return pg;
}

void *kmalloc(size_t size)
{
	struct kmem_class *c;
	struct page *pg;
	void *obj;

	if (size > KMALLOC_MAX_SMALL)
		return kmalloc_large(size);
	c = &kmem_classes[size_class(size)];
	spin_lock(&c->lock);
	if (list_empty(&c->partial)) {
		paddr_t pa = frame_alloc(0);

		if (!pa) {
			spin_unlock(&c->lock);
			return NULL;
		}
		pg = slab_create(pa, size_class(size));
		list_add(&pg->list, &c->partial);
		c->nr_slabs++;
	}
	pg = list_first_entry(&c->partial, struct page, list);
	obj = pg->freelist;
	pg->freelist = *(void **)obj;
	pg->inuse++;
	if (!pg->freelist)
		list_del(&pg->list); /* full: off the partial list until an object comes back */
	spin_unlock(&c->lock);
	return obj;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

/* Panic if @obj is already on the free list of @pg. [c] held. */
static void check_double_free(struct page *pg, void *obj)
{
	void *f;

	if (pg->freelist == obj)
		panic("kfree: double free of %p", obj);
	if (!KMALLOC_CHECK_DOUBLE_FREE)
		return;
	for (f = pg->freelist; f; f = *(void **)f)
		if (f == obj)
			panic("kfree: double free of %p", obj);
}

void kfree(void *ptr)
{
	paddr_t pa;
	struct page *pg;
	struct kmem_class *c;
	bool was_full;

	if (!ptr)
		return;
	pa = kva_to_pa(ptr);
	pg = pa_to_page(pa);
	if (pg && (pg->flags & PG_KMALLOC_LARGE) && IS_ALIGNED(pa, PAGE_SIZE)) {
		pg->flags &= (u16)~PG_KMALLOC_LARGE;
		frame_free(pa, pg->order);
		return;
	}
	if (!pg || !(pg->flags & PG_SLAB) || pg->slab_class >= KMALLOC_NCLASSES)
		panic("kfree: %p was not allocated by kmalloc", ptr);
	c = &kmem_classes[pg->slab_class];
	if ((pa & ~PAGE_MASK) % c->size)
		panic("kfree: %p is not the start of a %u-byte object", ptr, c->size);

	spin_lock(&c->lock);
	check_double_free(pg, ptr);
	was_full = pg->freelist == NULL;
	*(void **)ptr = pg->freelist;
	pg->freelist = ptr;
	pg->inuse--;
	if (pg->inuse == 0) {
		if (!was_full)
			list_del(&pg->list);
		pg->flags &= (u16)~PG_SLAB;
		pg->freelist = NULL;
		c->nr_slabs--;
		spin_unlock(&c->lock);
		frame_free(pa & PAGE_MASK, 0);
		return;
	}
	if (was_full)
		list_add(&pg->list, &c->partial);
	spin_unlock(&c->lock);
}
