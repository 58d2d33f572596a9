/*
 * Host tests of the VMA set (mm/vma.c): find, insert, split, merge, range detach, hole
 * checks and the top-down gap search behind mmap. VMAs come from kmalloc over a host arena.
 */
#include <stdio.h>
#include <stdlib.h>

#include "types.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/vma.h"
#include "htest.h"

#define PG	   PAGE_SIZE
#define ARENA_SIZE (8UL << 20)
#define RW	   (VM_READ | VM_WRITE)

static char *arena;

static void setup(void)
{
	frame_reset_for_test();
	free(arena);
	arena = aligned_alloc(PAGE_SIZE << FRAME_MAX_ORDER, ARENA_SIZE);
	if (!arena || frame_add_range((paddr_t)(uintptr_t)arena, ARENA_SIZE) || frame_init_done()) {
		fprintf(stderr, "setup failed\n");
		exit(2);
	}
}

static struct vma *add(struct vma_set *s, uaddr_t start, uaddr_t end, unsigned int flags)
{
	struct vma *v = vma_alloc(start, end, flags);

	if (v)
		vma_insert(s, v);
	return v;
}

static void clear(struct vma_set *s)
{
	struct vma *v, *n;

	vma_for_each_safe(s, v, n)
	{
		vma_remove(s, v);
		vma_free(v);
	}
}

/* True if the set is exactly the given [start, end) pairs, in order. */
static bool layout(struct vma_set *s, const uaddr_t *pairs, unsigned long n)
{
	struct vma *v;
	unsigned long i = 0;

	if (s->count != n)
		return false;
	list_for_each_entry (v, &s->list, node) {
		if (v->start != pairs[2 * i] || v->end != pairs[2 * i + 1])
			return false;
		i++;
	}
	return i == n;
}

static void t_find_insert(void)
{
	struct vma_set s;

	vma_set_init(&s);
	add(&s, 10 * PG, 12 * PG, RW);
	add(&s, 2 * PG, 4 * PG, RW);
	add(&s, 0, PG, RW); /* page 0 is a normal address */
	CHECK(layout(&s, (uaddr_t[]){0, PG, 2 * PG, 4 * PG, 10 * PG, 12 * PG}, 3));
	CHECK(vma_lookup(&s, 0) && vma_lookup(&s, 0)->start == 0);
	CHECK(vma_lookup(&s, PG) == NULL);
	CHECK(vma_find(&s, PG)->start == 2 * PG);
	CHECK(vma_find(&s, 4 * PG)->start == 10 * PG);
	CHECK(vma_find(&s, 12 * PG) == NULL);
	CHECK(vma_intersects(&s, 4 * PG, 10 * PG) == false);
	CHECK(vma_intersects(&s, 4 * PG, 10 * PG + 1) == true);
	CHECK(vma_covers(&s, 2 * PG, 4 * PG) && !vma_covers(&s, 0, 4 * PG));
	CHECK(vma_covers(&s, 10 * PG + 5, 11 * PG));
	clear(&s);
	CHECK(s.count == 0);
}

static void t_split_merge(void)
{
	struct vma_set s;
	struct vma *v, *hi;

	vma_set_init(&s);
	v = add(&s, 0x10000, 0x20000, RW);
	v->pgoff = 0x5000;
	hi = vma_split(&s, v, 0x14000);
	CHECK(hi && hi->start == 0x14000 && hi->end == 0x20000 && hi->pgoff == 0x9000);
	CHECK(v->end == 0x14000 && s.count == 2);
	CHECK(vma_mergeable(v, hi));
	/* different flags do not merge */
	hi->flags = VM_READ;
	CHECK(vma_merge(&s, v) == v && s.count == 2);
	hi->flags = RW;
	CHECK(vma_merge(&s, hi) == v && s.count == 1 && v->end == 0x20000);
	/* merge with both neighbours at once */
	add(&s, 0x20000, 0x21000, VM_READ);
	hi = add(&s, 0x21000, 0x22000, VM_READ);
	add(&s, 0x22000, 0x30000, VM_READ);
	CHECK(s.count == 4);
	v = vma_merge(&s, hi);
	CHECK(v->start == 0x20000 && v->end == 0x30000 && s.count == 2);
	/* shared and file VMAs never merge */
	v = add(&s, 0x30000, 0x31000, VM_READ | VM_SHARED);
	CHECK(vma_merge(&s, v) == v && s.count == 3);
	clear(&s);
}

static void t_detach_range(void)
{
	struct vma_set s;
	LIST_HEAD(out);
	struct vma *v;
	int n = 0;

	vma_set_init(&s);
	add(&s, 0x10000, 0x14000, RW);
	add(&s, 0x15000, 0x18000, VM_READ);
	add(&s, 0x20000, 0x30000, RW);
	/* a MAP_FIXED/munmap range over the tail of one, a whole one and the head of another */
	CHECK(vma_detach_range(&s, 0x12000, 0x22000, &out) == 0);
	CHECK(layout(&s, (uaddr_t[]){0x10000, 0x12000, 0x22000, 0x30000}, 2));
	list_for_each_entry (v, &out, node)
		n++;
	CHECK(n == 3);
	while (!list_empty(&out)) {
		v = list_entry(out.next, struct vma, node);
		list_del(&v->node);
		vma_free(v);
	}
	/* a range inside one VMA cuts it in three */
	CHECK(vma_split_range(&s, 0x24000, 0x25000) == 0);
	CHECK(layout(
		&s,
		(uaddr_t[]){0x10000, 0x12000, 0x22000, 0x24000, 0x24000, 0x25000, 0x25000, 0x30000},
		4));
	/* holes only: nothing detached */
	CHECK(vma_detach_range(&s, 0x40000, 0x50000, &out) == 0 && list_empty(&out));
	clear(&s);
}

static void t_gap_topdown(void)
{
	struct vma_set s;
	uaddr_t a = 1;
	const uaddr_t high = 0x100000;

	vma_set_init(&s);
	CHECK(vma_gap_topdown(&s, 3 * PG, PG, high, &a) && a == high - 3 * PG);
	add(&s, high - 2 * PG, high + 5 * PG, RW); /* straddles high */
	CHECK(vma_gap_topdown(&s, PG, PG, high, &a) && a == high - 3 * PG);
	add(&s, high - 6 * PG, high - 4 * PG, RW); /* leaves a 2-page gap */
	CHECK(vma_gap_topdown(&s, 2 * PG, PG, high, &a) && a == high - 4 * PG);
	CHECK(vma_gap_topdown(&s, 3 * PG, PG, high, &a) && a == high - 9 * PG);
	add(&s, PG, high - 9 * PG, RW); /* fill below up to a 3-page hole */
	CHECK(vma_gap_topdown(&s, 3 * PG, PG, high, &a) && a == high - 9 * PG);
	CHECK(!vma_gap_topdown(&s, 4 * PG, PG, high, &a));
	CHECK(!vma_gap_topdown(&s, PG, 0x200000, high, &a)); /* low above high */
	/* only VMAs below high count; a gap above high is not used */
	CHECK(vma_gap_topdown(&s, PG, PG, 0x200000, &a) && a == 0x200000 - PG);
	/* the low bound clips the lowest gap */
	clear(&s);
	add(&s, 8 * PG, high, RW);
	CHECK(vma_gap_topdown(&s, 4 * PG, 4 * PG, high, &a) && a == 4 * PG);
	CHECK(!vma_gap_topdown(&s, 5 * PG, 4 * PG, high, &a));
	clear(&s);
}

int main(void)
{
	setup();
	u64 before = frame_free_count();

	RUN(t_find_insert);
	RUN(t_split_merge);
	RUN(t_detach_range);
	RUN(t_gap_topdown);
	CHECK_MSG(frame_free_count() == before, "frames leaked: %lu", before - frame_free_count());
	return htest_done();
}
