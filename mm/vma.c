/* The VMA set: a sorted list of disjoint ranges (see vma.h). Pure code, host-tested. */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "printk.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/vma.h"

#define vma_of(l) list_entry((l), struct vma, node)

void vma_set_init(struct vma_set *set)
{
	INIT_LIST_HEAD(&set->list);
	set->count = 0;
}

struct vma *vma_alloc(uaddr_t start, uaddr_t end, unsigned int flags)
{
	struct vma *v = kzalloc(sizeof(*v));

	if (!v)
		return NULL;
	INIT_LIST_HEAD(&v->node);
	v->start = start;
	v->end = end;
	v->flags = flags;
	v->file_end = end;
	return v;
}

struct vma *vma_dup(const struct vma *v)
{
	struct vma *n = kmalloc(sizeof(*n));

	if (!n)
		return NULL;
	*n = *v;
	INIT_LIST_HEAD(&n->node);
	if (n->ops && n->ops->get)
		n->ops->get(n->file);
	return n;
}

void vma_free(struct vma *v)
{
	if (v->ops && v->ops->put)
		v->ops->put(v->file);
	kfree(v);
}

struct vma *vma_find(struct vma_set *set, uaddr_t addr)
{
	struct vma *v;

	list_for_each_entry (v, &set->list, node)
		if (v->end > addr)
			return v;
	return NULL;
}

struct vma *vma_lookup(struct vma_set *set, uaddr_t addr)
{
	struct vma *v = vma_find(set, addr);

	return v && v->start <= addr ? v : NULL;
}

struct vma *vma_prev(struct vma_set *set, struct vma *v)
{
	return v->node.prev == &set->list ? NULL : vma_of(v->node.prev);
}

struct vma *vma_next(struct vma_set *set, struct vma *v)
{
	return v->node.next == &set->list ? NULL : vma_of(v->node.next);
}

bool vma_intersects(struct vma_set *set, uaddr_t start, uaddr_t end)
{
	struct vma *v = vma_find(set, start);

	return v && v->start < end;
}

bool vma_covers(struct vma_set *set, uaddr_t start, uaddr_t end)
{
	struct vma *v;
	uaddr_t at = start;

	vma_for_each_in(set, v, start, end)
	{
		if (v->start > at)
			return false;
		at = v->end;
		if (at >= end)
			return true;
	}
	return at >= end;
}

void vma_insert(struct vma_set *set, struct vma *v)
{
	struct vma *next = vma_find(set, v->start);
	struct vma *prev;

	if (v->start >= v->end || (next && next->start < v->end))
		panic("vma_insert: [%lx, %lx) overlaps or is empty", (unsigned long)v->start,
		      (unsigned long)v->end);
	if (next) {
		prev = vma_prev(set, next);
		__list_add(&v->node, prev ? &prev->node : &set->list, &next->node);
	} else {
		list_add_tail(&v->node, &set->list);
	}
	set->count++;
}

void vma_remove(struct vma_set *set, struct vma *v)
{
	list_del(&v->node);
	INIT_LIST_HEAD(&v->node);
	set->count--;
}

struct vma *vma_split(struct vma_set *set, struct vma *v, uaddr_t addr)
{
	struct vma *hi;

	KASSERT(addr > v->start && addr < v->end && IS_ALIGNED(addr, PAGE_SIZE));
	hi = vma_dup(v);
	if (!hi)
		return NULL;
	hi->start = addr;
	hi->pgoff = v->pgoff + (addr - v->start);
	v->end = addr;
	__list_add(&hi->node, &v->node, v->node.next);
	set->count++;
	return hi;
}

bool vma_mergeable(const struct vma *a, const struct vma *b)
{
	return a->end == b->start && a->flags == b->flags && !a->ops && !b->ops &&
	       !(a->flags & VM_SHARED);
}

struct vma *vma_merge(struct vma_set *set, struct vma *v)
{
	struct vma *prev = vma_prev(set, v), *next = vma_next(set, v);

	if (next && vma_mergeable(v, next)) {
		v->end = next->end;
		v->file_end = v->end;
		vma_remove(set, next);
		vma_free(next);
	}
	if (prev && vma_mergeable(prev, v)) {
		prev->end = v->end;
		prev->file_end = prev->end;
		vma_remove(set, v);
		vma_free(v);
		v = prev;
	}
	return v;
}

int vma_split_range(struct vma_set *set, uaddr_t start, uaddr_t end)
{
	struct vma *v = vma_lookup(set, start);

	if (v && v->start < start && !vma_split(set, v, start))
		return -ENOMEM;
	v = vma_lookup(set, end);
	if (v && v->start < end && !vma_split(set, v, end))
		return -ENOMEM;
	return 0;
}

int vma_detach_range(struct vma_set *set, uaddr_t start, uaddr_t end, struct list_head *out)
{
	struct vma *v, *n;
	int err = vma_split_range(set, start, end);

	if (err)
		return err;
	for (v = vma_find(set, start); v && v->start < end; v = n) {
		n = vma_next(set, v);
		vma_remove(set, v);
		list_add_tail(&v->node, out);
	}
	return 0;
}

bool vma_gap_topdown(struct vma_set *set, u64 len, uaddr_t low, uaddr_t high, uaddr_t *out)
{
	uaddr_t gap_end = high;
	struct list_head *l;

	if (len == 0 || high < low || high - low < len)
		return false;
	/* From the highest VMA down: the gap below gap_end is [end of the VMA below, gap_end). */
	for (l = set->list.prev;; l = l->prev) {
		struct vma *v = l == &set->list ? NULL : vma_of(l);
		uaddr_t gap_start;

		if (v && v->start >= gap_end)
			continue; /* wholly above the part still searched */
		if (v && v->end > gap_end) {
			gap_end = v->start; /* straddles the top of the gap */
		} else {
			gap_start = v ? MAX(v->end, low) : low;
			if (gap_end > gap_start && gap_end - gap_start >= len) {
				*out = gap_end - len;
				return true;
			}
			if (!v)
				return false;
			gap_end = v->start;
		}
		if (gap_end <= low || gap_end - low < len)
			return false;
	}
}
