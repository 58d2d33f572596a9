/*
 * Sv39 page-table walking, mapping, unmapping and protection (see mm/pagetable.h).
 *
 * Leaves this file creates always have A and D set: hardware that does not manage A/D in the
 * PTEs raises a page fault on a clear bit, and nothing in Kestrel tracks them in software.
 * PTE stores use WRITE_ONCE because another hart's page walker may read the table meanwhile.
 */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "printk.h"
#include "string.h"
#include "mm/memlayout.h"
#include "mm/frame.h"
#include "mm/pagetable.h"

#define PERM_ALLOWED (PTE_R | PTE_W | PTE_X | PTE_U | PTE_G | PTE_A | PTE_D | PTE_RSW)
#define PERM_PROT    (PTE_R | PTE_W | PTE_X | PTE_U)

static inline u64 level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * level);
}

static inline pagetable_t pte_table(pte_t pte)
{
	return pa_to_kva(pte_to_pa(pte));
}

/* -EINVAL unless @perm is a valid leaf permission set. */
static int check_perm(u64 perm)
{
	if (perm & ~PERM_ALLOWED)
		return -EINVAL;
	if (!(perm & (PTE_R | PTE_X)))
		return -EINVAL;
	if ((perm & PTE_W) && !(perm & PTE_R))
		return -EINVAL; /* W without R is a reserved encoding */
	return 0;
}

/* True if [@va, @va + @size) is page aligned, non-empty and inside one canonical half. */
static bool range_ok(u64 va, u64 size)
{
	u64 last = va + size - 1;

	if (size == 0 || !IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(size, PAGE_SIZE))
		return false;
	if (last < va || !va_canonical(va) || !va_canonical(last))
		return false;
	return (va >> 63) == (last >> 63);
}

pagetable_t pt_create(void)
{
	paddr_t pa = frame_alloc_zeroed(0);

	return pa ? pa_to_kva(pa) : NULL;
}

/*
 * The slot for @va in the table of @level, walking down from the root and creating missing
 * tables if @alloc. On NULL, *@err says why: -EEXIST (a leaf above covers @va), -ENOMEM (no
 * frame), -ENOENT (table missing and !@alloc).
 */
static pte_t *walk_to(pagetable_t pt, u64 va, int level, bool alloc, int *err)
{
	pagetable_t table = pt;
	int l;

	for (l = PT_LEVELS - 1; l > level; l--) {
		pte_t *slot = &table[PT_INDEX(va, l)];
		pte_t pte = READ_ONCE(*slot);

		if (pte & PTE_V) {
			if (pte_is_leaf(pte)) {
				*err = -EEXIST;
				return NULL;
			}
			table = pte_table(pte);
			continue;
		}
		if (!alloc) {
			*err = -ENOENT;
			return NULL;
		}
		paddr_t pa = frame_alloc_zeroed(0);

		if (!pa) {
			*err = -ENOMEM;
			return NULL;
		}
		WRITE_ONCE(*slot, pa_to_pte(pa) | PTE_V);
		table = pa_to_kva(pa);
	}
	return &table[PT_INDEX(va, level)];
}

pte_t *pt_walk(pagetable_t pt, u64 va, bool alloc)
{
	int err;

	if (!va_canonical(va))
		return NULL;
	return walk_to(pt, va, 0, alloc, &err);
}

enum visit_op {
	OP_CLEAR,      /* invalidate leaves (arg: free frames) */
	OP_CHECK_HUGE, /* fail if a huge leaf is only partly inside the range */
	OP_PROTECT,    /* replace R/W/X/U (arg: new bits) */
	OP_PRUNE,      /* free tables that map nothing */
};

static bool table_empty(pagetable_t table)
{
	for (int i = 0; i < PT_ENTRIES; i++)
		if (READ_ONCE(table[i]) & PTE_V)
			return false;
	return true;
}

/*
 * Apply @op to every valid entry of @table (a table of @level) that overlaps [@va, @last],
 * recursing into lower tables. Returns 0 or -EINVAL (OP_CHECK_HUGE only).
 */
static int visit(pagetable_t table, int level, u64 va, u64 last, enum visit_op op, u64 arg)
{
	u64 gran = level_size(level);

	for (;;) {
		u64 idx = PT_INDEX(va, level);
		pte_t *slot = &table[idx];
		pte_t pte = READ_ONCE(*slot);
		u64 block = va & ~(gran - 1);
		u64 sub_last = MIN(last, block + gran - 1);
		bool whole = va == block && sub_last == block + gran - 1;

		if (!(pte & PTE_V)) {
			/* nothing mapped here */
		} else if (pte_is_leaf(pte)) {
			if (level > 0 && !whole && op != OP_PRUNE) {
				if (op == OP_CHECK_HUGE)
					return -EINVAL;
				panic("pagetable: range %lx..%lx cuts a level-%d leaf",
				      (unsigned long)va, (unsigned long)last, level);
			}
			if (op == OP_CLEAR) {
				struct page *pg = pa_to_page(pte_to_pa(pte));

				WRITE_ONCE(*slot, 0);
				if (arg && level == 0 && pg && !(pg->flags & PG_RESERVED))
					page_put(pg);
			} else if (op == OP_PROTECT) {
				WRITE_ONCE(*slot, (pte & ~PERM_PROT) | arg);
			}
		} else {
			pagetable_t child = pte_table(pte);
			int err = visit(child, level - 1, va, sub_last, op, arg);

			if (err)
				return err;
			if (op == OP_PRUNE && table_empty(child) &&
			    !(level == PT_LEVELS - 1 && idx >= PT_KERNEL_FIRST)) {
				WRITE_ONCE(*slot, 0);
				frame_free(kva_to_pa(child), 0);
			}
		}
		if (sub_last == last)
			return 0;
		va = sub_last + 1;
	}
}

/* Map with leaves as large as alignment allows, up to level @max_level. See pt_map(). */
static int map_range(pagetable_t pt, u64 va, paddr_t pa, u64 size, u64 perm, int max_level)
{
	u64 done = 0;
	int err = 0;

	if (!range_ok(va, size) || !IS_ALIGNED(pa, PAGE_SIZE))
		return -EINVAL;
	err = check_perm(perm);
	if (err)
		return err;
	perm |= PTE_V | PTE_A | PTE_D;

	while (done < size) {
		int level = max_level;
		pte_t *slot;

		while (level > 0 && (!IS_ALIGNED(va + done, level_size(level)) ||
				     !IS_ALIGNED(pa + done, level_size(level)) ||
				     size - done < level_size(level)))
			level--;
		slot = walk_to(pt, va + done, level, true, &err);
		if (!slot)
			goto undo;
		if (READ_ONCE(*slot) & PTE_V) {
			err = -EEXIST;
			goto undo;
		}
		WRITE_ONCE(*slot, pa_to_pte(pa + done) | perm);
		done += level_size(level);
	}
	return 0;

undo:
	/* every leaf set so far lies wholly inside [va, va + done) */
	if (done)
		visit(pt, PT_LEVELS - 1, va, va + done - 1, OP_CLEAR, false);
	return err;
}

int pt_map(pagetable_t pt, u64 va, paddr_t pa, u64 size, u64 perm)
{
	return map_range(pt, va, pa, size, perm, 0);
}

int pt_map_huge(pagetable_t pt, u64 va, paddr_t pa, u64 size, u64 perm)
{
	return map_range(pt, va, pa, size, perm, PT_LEVELS - 1);
}

void pt_unmap(pagetable_t pt, u64 va, u64 size, bool free_frames)
{
	if (size == 0)
		return;
	if (!range_ok(va, size))
		panic("pt_unmap: bad range %lx+%lx", (unsigned long)va, (unsigned long)size);
	visit(pt, PT_LEVELS - 1, va, va + size - 1, OP_CLEAR, free_frames);
}

int pt_protect(pagetable_t pt, u64 va, u64 size, u64 perm)
{
	int err;

	if (size == 0)
		return 0;
	if (!range_ok(va, size))
		return -EINVAL;
	err = check_perm(perm);
	if (err)
		return err;
	err = visit(pt, PT_LEVELS - 1, va, va + size - 1, OP_CHECK_HUGE, 0);
	if (err)
		return err;
	return visit(pt, PT_LEVELS - 1, va, va + size - 1, OP_PROTECT, perm & PERM_PROT);
}

paddr_t pt_translate(pagetable_t pt, u64 va, u64 *perm)
{
	pagetable_t table = pt;
	int level;

	if (perm)
		*perm = 0;
	if (!va_canonical(va))
		return 0;
	for (level = PT_LEVELS - 1; level >= 0; level--) {
		pte_t pte = READ_ONCE(table[PT_INDEX(va, level)]);

		if (!(pte & PTE_V))
			return 0;
		if (pte_is_leaf(pte)) {
			if (perm)
				*perm = pte & PTE_FLAGS_MASK;
			return pte_to_pa(pte) + (va & (level_size(level) - 1));
		}
		if (level == 0)
			return 0; /* a non-leaf at level 0 is malformed */
		table = pte_table(pte);
	}
	return 0;
}

void pt_prune(pagetable_t pt, u64 va, u64 size)
{
	if (size == 0 || !range_ok(va, size))
		return;
	visit(pt, PT_LEVELS - 1, va, va + size - 1, OP_PRUNE, 0);
}

int pt_populate_root(pagetable_t pt, u64 va, u64 size)
{
	u64 a, last = va + size - 1;
	int err = 0;

	if (!range_ok(va, size))
		return -EINVAL;
	for (a = va & ~(PAGE_SIZE_1G - 1); a <= last && a >= (va & ~(PAGE_SIZE_1G - 1));
	     a += PAGE_SIZE_1G)
		if (!walk_to(pt, a, 1, true, &err))
			return err;
	return 0;
}

/* Free @table of @level and everything below it. */
static void free_table(pagetable_t table, int level, bool free_frames)
{
	for (int i = 0; i < PT_ENTRIES; i++) {
		pte_t pte = table[i];

		if (!(pte & PTE_V))
			continue;
		if (!pte_is_leaf(pte)) {
			free_table(pte_table(pte), level - 1, free_frames);
		} else if (free_frames && level == 0) {
			struct page *pg = pa_to_page(pte_to_pa(pte));

			if (pg && !(pg->flags & PG_RESERVED))
				page_put(pg);
		}
	}
	frame_free(kva_to_pa(table), 0);
}

void pt_destroy(pagetable_t pt, bool free_frames)
{
	for (int i = 0; i < PT_KERNEL_FIRST; i++) {
		pte_t pte = pt[i];

		if ((pte & PTE_V) && !pte_is_leaf(pte))
			free_table(pte_table(pte), PT_LEVELS - 2, free_frames);
	}
	frame_free(kva_to_pa(pt), 0);
}

void pt_copy_kernel_half(pagetable_t dst, pagetable_t src)
{
	for (int i = PT_KERNEL_FIRST; i < PT_ENTRIES; i++)
		WRITE_ONCE(dst[i], READ_ONCE(src[i]));
}
