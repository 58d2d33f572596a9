/* In-kernel tests of the frame allocator, kmalloc and the page-table code. */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "string.h"
#include "mm/memlayout.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/pagetable.h"
#include "testsuite/ktest/ktest.h"

#define CHUNK_ORDER 3 /* the table of frames under test: 8 pages = 4096 entries */
#define CHUNK_MAX   ((PAGE_SIZE << CHUNK_ORDER) / sizeof(paddr_t))

static u64 xorshift(u64 *s)
{
	u64 x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

KTEST(frame, chunk_exhaust_random_free)
{
	paddr_t tpa = frame_alloc(CHUNK_ORDER);
	u64 before, n = 0, i, seed = 0x2545f4914f6cdd1dUL;
	paddr_t *v;

	KT_ASSERT(r, tpa != 0);
	v = pa_to_kva(tpa);
	before = frame_free_count();
	/* a big chunk: up to CHUNK_MAX frames, or all that are left if fewer */
	while (n < CHUNK_MAX) {
		paddr_t pa = frame_alloc(0);

		if (!pa)
			break;
		*(u64 *)pa_to_kva(pa) = pa ^ 0x5a5a5a5a5a5a5a5aUL;
		v[n++] = pa;
	}
	KT_EXPECT(r, n > 0);
	KT_EXPECT(r, frame_free_count() == before - n);
	for (i = n; i > 1; i--) {
		u64 j = xorshift(&seed) % i;
		paddr_t t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
	for (i = 0; i < n; i++) {
		KT_EXPECT(r, *(u64 *)pa_to_kva(v[i]) == (v[i] ^ 0x5a5a5a5a5a5a5a5aUL));
		frame_free(v[i], 0);
	}
	KT_EXPECT(r, frame_free_count() == before);
	frame_free(tpa, CHUNK_ORDER);
}

KTEST(frame, orders_aligned)
{
	for (unsigned int o = 0; o <= FRAME_MAX_ORDER; o++) {
		paddr_t pa = frame_alloc_zeroed(o);

		if (!pa)
			continue; /* fragmented memory may lack big blocks; not an error */
		KT_EXPECT(r, IS_ALIGNED(pa, PAGE_SIZE << o));
		KT_EXPECT(r, page_refcount(pa_to_page(pa)) == 1);
		KT_EXPECT(r, *(u64 *)pa_to_kva(pa + (PAGE_SIZE << o) - 8) == 0);
		frame_free(pa, o);
	}
	KT_EXPECT(r, frame_alloc(FRAME_MAX_ORDER + 1) == 0);
}

KTEST(frame, refcount)
{
	paddr_t pa = frame_alloc(0);
	struct page *pg;
	u64 before;

	KT_ASSERT(r, pa != 0);
	before = frame_free_count();
	pg = pa_to_page(pa);
	KT_EXPECT(r, page_to_pa(pg) == pa);
	page_get(pg);
	KT_EXPECT(r, page_refcount(pg) == 2);
	page_put(pg);
	KT_EXPECT(r, page_refcount(pg) == 1 && frame_free_count() == before);
	page_put(pg);
	KT_EXPECT(r, frame_free_count() == before + 1);
}

struct kslot {
	u8 *p;
	u32 size;
	u8 seed;
};

static bool kslot_ok(const struct kslot *s)
{
	for (u32 i = 0; i < s->size; i++)
		if (s->p[i] != (u8)(s->seed + i * 13))
			return false;
	return true;
}

KTEST(kmalloc, random_stress_patterns)
{
	enum { SLOTS = 512, ROUNDS = 20000 };
	struct kslot *s = kzalloc(SLOTS * sizeof(*s));
	u64 seed = 0x9e3779b97f4a7c15UL;
	int bad = 0, nomem = 0;

	KT_ASSERT(r, s != NULL);
	for (int round = 0; round < ROUNDS; round++) {
		struct kslot *e = &s[xorshift(&seed) % SLOTS];
		u64 x;

		if (e->p) {
			bad += !kslot_ok(e);
			kfree(e->p);
			e->p = NULL;
			continue;
		}
		x = xorshift(&seed);
		e->size = (u32)((x & 31) == 0 ? 1 + (x >> 8) % 16384 : 1 + (x >> 8) % 2048);
		e->seed = (u8)(x >> 48);
		e->p = kmalloc(e->size);
		if (!e->p) {
			nomem++;
			continue;
		}
		for (u32 i = 0; i < e->size; i++)
			e->p[i] = (u8)(e->seed + i * 13);
	}
	for (int i = 0; i < SLOTS; i++) {
		if (s[i].p)
			bad += !kslot_ok(&s[i]);
		kfree(s[i].p);
	}
	kfree(s);
	KT_EXPECT(r, bad == 0);
	KT_EXPECT(r, nomem == 0);
}

KTEST(kmalloc, classes_aligned)
{
	for (size_t sz = 1; sz <= 2 * PAGE_SIZE; sz = sz * 2 + 1) {
		size_t cls = kmalloc_size_class(sz);
		void *p = kmalloc(sz);

		KT_ASSERT(r, p != NULL);
		KT_EXPECT(r, cls >= sz);
		KT_EXPECT(r, ((u64)p & (MIN(cls, PAGE_SIZE) - 1)) == 0);
		memset(p, 0xee, sz);
		kfree(p);
	}
}

KTEST(pagetable, map_translate_unmap)
{
	u64 before = frame_free_count(), perm;
	pagetable_t pt = pt_create();
	paddr_t f[8];
	int i;

	KT_ASSERT(r, pt != NULL);
	for (i = 0; i < 8; i++) {
		f[i] = frame_alloc(0);
		KT_ASSERT(r, f[i] != 0);
		/* page 0, then pages spread over several level-0 and level-1 tables */
		KT_EXPECT(r, pt_map(pt, (u64)i * 0x20201000UL, f[i], PAGE_SIZE,
				    PTE_R | PTE_W | PTE_U) == 0);
	}
	for (i = 0; i < 8; i++) {
		u64 va = (u64)i * 0x20201000UL;

		KT_EXPECT(r, pt_translate(pt, va + 0x123, &perm) == f[i] + 0x123);
		KT_EXPECT(r, perm == (PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D));
	}
	KT_EXPECT(r, pt_map(pt, 0, f[1], PAGE_SIZE, PTE_R) == -EEXIST);
	KT_EXPECT(r, pt_protect(pt, 0, PAGE_SIZE, PTE_R | PTE_U) == 0);
	pt_translate(pt, 0, &perm);
	KT_EXPECT(r, !(perm & PTE_W));
	pt_unmap(pt, 0, PAGE_SIZE, true);
	KT_EXPECT(r, pt_translate(pt, 0, NULL) == 0);
	/* pt_destroy puts the other seven frames and frees every table */
	pt_destroy(pt, true);
	KT_EXPECT(r, frame_free_count() == before);
}

KTEST(pagetable, huge_translate)
{
	u64 before = frame_free_count(), perm;
	pagetable_t pt = pt_create();
	u64 va = 0xffffffc000000000UL + 0x80000000UL;

	KT_ASSERT(r, pt != NULL);
	KT_EXPECT(r, pt_map_huge(pt, va, 0x80000000UL, PAGE_SIZE_1G + PAGE_SIZE_2M,
				 PTE_R | PTE_W) == 0);
	KT_EXPECT(r, pt_translate(pt, va + 0x3456789, &perm) == 0x83456789UL);
	KT_EXPECT(r, (perm & (PTE_R | PTE_W | PTE_A | PTE_D)) == (PTE_R | PTE_W | PTE_A | PTE_D));
	KT_EXPECT(r, pt_translate(pt, va + PAGE_SIZE_1G + 0x1234, NULL) ==
			     0x80000000UL + PAGE_SIZE_1G + 0x1234);
	KT_EXPECT(r, pt_walk(pt, va + 0x1000, false) == NULL);
	pt_unmap(pt, va, PAGE_SIZE_1G + PAGE_SIZE_2M, false);
	KT_EXPECT(r, pt_translate(pt, va, NULL) == 0);
	pt_prune(pt, va, PAGE_SIZE_1G + PAGE_SIZE_2M);
	/* the kernel half keeps its level-1 tables; free them by hand for this private table */
	for (int i = PT_KERNEL_FIRST; i < PT_ENTRIES; i++)
		if (pt[i] & PTE_V)
			frame_free(pte_to_pa(pt[i]), 0);
	pt_destroy(pt, false);
	KT_EXPECT(r, frame_free_count() == before);
}
