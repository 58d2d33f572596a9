/*
 * Host tests of the Sv39 page-table code (mm/pagetable.c). Tables live in host memory (the
 * "direct map" is the identity in host builds); mapped physical addresses are either frames
 * from the allocator or made-up numbers that are never dereferenced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/pagetable.h"
#include "htest.h"

#define MiB	   (1UL << 20)
#define ARENA_SIZE (32 * MiB)
#define KVA(off)   (0xffffffc000000000UL + (off))
#define RW	   (PTE_R | PTE_W)
#define URW	   (PTE_R | PTE_W | PTE_U)

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

static void t_map_translate(void)
{
	u64 before = frame_free_count(), perm;
	pagetable_t pt = pt_create();
	paddr_t pa = 0x87654000UL;

	CHECK(pt != NULL);
	/* user page 0 is mappable */
	CHECK(pt_map(pt, 0, pa, 3 * PAGE_SIZE, URW | PTE_X) == 0);
	CHECK(before - frame_free_count() == 3); /* root, level 1, level 0 */
	CHECK(pt_translate(pt, 0, &perm) == pa);
	CHECK(perm == (PTE_V | URW | PTE_X | PTE_A | PTE_D));
	CHECK(pt_translate(pt, 0x1abc, NULL) == pa + 0x1abc);
	CHECK(pt_translate(pt, 2 * PAGE_SIZE + 5, NULL) == pa + 2 * PAGE_SIZE + 5);
	CHECK(pt_translate(pt, 3 * PAGE_SIZE, &perm) == 0 && perm == 0);
	CHECK(pt_translate(pt, USER_TOP - 1, &perm) == 0 && perm == 0);
	CHECK(pt_translate(pt, USER_TOP, &perm) == 0); /* not canonical */

	pte_t *e = pt_walk(pt, PAGE_SIZE, false);
	CHECK(e && pte_to_pa(*e) == pa + PAGE_SIZE && pte_is_leaf(*e));
	CHECK(pt_walk(pt, 0x40000000UL, false) == NULL); /* no table there */
	CHECK(pt_walk(pt, USER_TOP, true) == NULL);
	CHECK(pt_satp(pt) == (SATP_MODE_SV39 | ((paddr_t)(uintptr_t)pt >> PAGE_SHIFT)));

	/* the top of the user half, spanning two level-1 tables */
	CHECK(pt_map(pt, USER_TOP - 2 * PAGE_SIZE, pa, 2 * PAGE_SIZE, PTE_R | PTE_U) == 0);
	CHECK(pt_translate(pt, USER_TOP - 1, &perm) == pa + PAGE_SIZE + PAGE_SIZE - 1);
	CHECK(perm & PTE_R && !(perm & PTE_W));
	CHECK(pt_map(pt, 0x1ff000, pa, 2 * PAGE_SIZE, URW) == 0); /* crosses a 2 MiB line */
	CHECK(pt_translate(pt, 0x200000, NULL) == pa + PAGE_SIZE);

	pt_unmap(pt, 0, 3 * PAGE_SIZE, false);
	CHECK(pt_translate(pt, 0, NULL) == 0 && pt_translate(pt, 2 * PAGE_SIZE, NULL) == 0);
	pt_unmap(pt, 0, 1 * MiB, false); /* holes are fine */
	pt_destroy(pt, false);
	CHECK(frame_free_count() == before);
}

static void t_errors(void)
{
	u64 before = frame_free_count();
	pagetable_t pt = pt_create();

	CHECK(pt_map(pt, 0x1001, 0x80000000UL, PAGE_SIZE, RW) == -EINVAL);
	CHECK(pt_map(pt, 0x1000, 0x80000010UL, PAGE_SIZE, RW) == -EINVAL);
	CHECK(pt_map(pt, 0x1000, 0x80000000UL, 100, RW) == -EINVAL);
	CHECK(pt_map(pt, 0x1000, 0x80000000UL, 0, RW) == -EINVAL);
	CHECK(pt_map(pt, 0x1000, 0x80000000UL, PAGE_SIZE, PTE_W) == -EINVAL);
	CHECK(pt_map(pt, 0x1000, 0x80000000UL, PAGE_SIZE, PTE_U) == -EINVAL);
	CHECK(pt_map(pt, 0x1000, 0x80000000UL, PAGE_SIZE, PTE_R | PTE_V | (1UL << 62)) == -EINVAL);
	CHECK(pt_map(pt, USER_TOP, 0x80000000UL, PAGE_SIZE, RW) == -EINVAL);
	CHECK(pt_map(pt, USER_TOP - PAGE_SIZE, 0x80000000UL, 2 * PAGE_SIZE, RW) == -EINVAL);
	CHECK(pt_protect(pt, 0x1000, PAGE_SIZE, PTE_W) == -EINVAL);
	CHECK(before - frame_free_count() == 1); /* nothing allocated by the failures */
	pt_destroy(pt, false);
	CHECK(frame_free_count() == before);
}

static void t_eexist_no_partial(void)
{
	u64 before = frame_free_count(), perm;
	pagetable_t pt = pt_create();
	paddr_t pa = 0x90000000UL, pb = 0xa0000000UL;

	CHECK(pt_map(pt, 0x10000, pa, 4 * PAGE_SIZE, URW) == 0);
	CHECK(pt_map(pt, 0x8000, pb, 16 * PAGE_SIZE, PTE_R) == -EEXIST);
	CHECK(pt_translate(pt, 0x8000, NULL) == 0); /* first pages rolled back */
	CHECK(pt_translate(pt, 0xf000, NULL) == 0);
	CHECK(pt_translate(pt, 0x17000, NULL) == 0); /* nothing past the clash */
	CHECK(pt_translate(pt, 0x10000, &perm) == pa && (perm & PTE_W)); /* old one intact */
	CHECK(pt_translate(pt, 0x13000, NULL) == pa + 3 * PAGE_SIZE);
	CHECK(pt_map(pt, 0x13000, pb, PAGE_SIZE, PTE_R) == -EEXIST);
	pt_destroy(pt, false);
	CHECK(frame_free_count() == before);
}

static void t_enomem_no_partial(void)
{
	u64 before = frame_free_count(), n = 0;
	pagetable_t pt = pt_create();
	static paddr_t hog[8192];
	paddr_t pa;

	/* tables for [0, 2 MiB) exist; the next 2 MiB would need a new level-0 table */
	CHECK(pt_map(pt, 0, 0x80000000UL, PAGE_SIZE, RW) == 0);
	while ((pa = frame_alloc(0)) != 0)
		hog[n++] = pa;
	CHECK(pt_map(pt, 0x200000 - 2 * PAGE_SIZE, 0x80000000UL, 4 * PAGE_SIZE, RW) == -ENOMEM);
	CHECK(pt_translate(pt, 0x200000 - 2 * PAGE_SIZE, NULL) == 0);
	CHECK(pt_translate(pt, 0x200000 - PAGE_SIZE, NULL) == 0);
	CHECK(pt_translate(pt, 0, NULL) == 0x80000000UL);
	CHECK(pt_create() == NULL);
	while (n > 0)
		frame_free(hog[--n], 0);
	pt_destroy(pt, false);
	CHECK(frame_free_count() == before);
}

static void t_unmap_frees_frames(void)
{
	u64 before = frame_free_count(), after_tables;
	pagetable_t pt = pt_create();
	paddr_t shared;

	/* 64 frames scattered over several level-0 tables */
	for (u64 i = 0; i < 64; i++) {
		paddr_t f = frame_alloc(0);

		CHECK(pt_map(pt, 0x400000 + i * 0x81000, f, PAGE_SIZE, URW) == 0);
	}
	pt_unmap(pt, 0x400000, 64 * 0x81000, true);
	for (u64 i = 0; i < 64; i++)
		CHECK(pt_translate(pt, 0x400000 + i * 0x81000, NULL) == 0);
	after_tables = frame_free_count();
	/* intermediate tables stay until pt_prune() or pt_destroy() */
	CHECK(before - after_tables > 1);
	pt_prune(pt, 0, USER_TOP);
	CHECK(before - frame_free_count() == 1); /* just the root */

	/* a frame mapped twice (copy-on-write style) survives the first unmap */
	shared = frame_alloc(0);
	CHECK(pt_map(pt, 0x1000, shared, PAGE_SIZE, PTE_R | PTE_U) == 0);
	page_get(pa_to_page(shared));
	CHECK(pt_map(pt, 0x5000, shared, PAGE_SIZE, PTE_R | PTE_U) == 0);
	pt_unmap(pt, 0x1000, PAGE_SIZE, true);
	CHECK(page_refcount(pa_to_page(shared)) == 1);
	pt_unmap(pt, 0x5000, PAGE_SIZE, true);
	CHECK(page_refcount(pa_to_page(shared)) == 0);
	/* frames outside the allocator (MMIO) are left alone */
	CHECK(pt_map(pt, 0x9000, 0x10000000UL, PAGE_SIZE, RW) == 0);
	pt_unmap(pt, 0x9000, PAGE_SIZE, true);
	pt_destroy(pt, true);
	CHECK(frame_free_count() == before);
}

static void t_protect(void)
{
	u64 before = frame_free_count(), perm;
	pagetable_t pt = pt_create();

	CHECK(pt_map(pt, 0x10000, 0x80000000UL, 4 * PAGE_SIZE, URW | PTE_RSW0) == 0);
	CHECK(pt_protect(pt, 0x11000, 2 * PAGE_SIZE, PTE_R | PTE_U) == 0);
	pt_translate(pt, 0x10000, &perm);
	CHECK(perm & PTE_W);
	pt_translate(pt, 0x11000, &perm);
	CHECK(perm == (PTE_V | PTE_R | PTE_U | PTE_A | PTE_D | PTE_RSW0));
	pt_translate(pt, 0x12000, &perm);
	CHECK(!(perm & PTE_W) && (perm & PTE_RSW0));
	pt_translate(pt, 0x13000, &perm);
	CHECK(perm & PTE_W);
	CHECK(pt_protect(pt, 0, 1 * MiB, PTE_X) == 0); /* holes skipped */
	pt_translate(pt, 0x13000, &perm);
	CHECK(perm == (PTE_V | PTE_X | PTE_A | PTE_D | PTE_RSW0));
	CHECK(pt_translate(pt, 0x13000, NULL) == 0x80003000UL);
	pt_destroy(pt, false);
	CHECK(frame_free_count() == before);
}

static void t_huge(void)
{
	u64 before = frame_free_count(), perm, used;
	pagetable_t pt = pt_create();
	paddr_t pa = 0x40000000UL;
	u64 size = (1UL << 30) + 2 * MiB + 2 * PAGE_SIZE;

	/* 1 GiB leaf, then a 2 MiB leaf, then two 4 KiB leaves */
	CHECK(pt_map_huge(pt, KVA(pa), pa, size, RW | PTE_X | PTE_G) == 0);
	used = before - frame_free_count();
	CHECK_MSG(used == 3, "%lu frames used (root + level 1 + level 0 expected)",
		  (unsigned long)used);
	CHECK(pt_translate(pt, KVA(pa), &perm) == pa);
	CHECK(perm == (PTE_V | RW | PTE_X | PTE_G | PTE_A | PTE_D));
	CHECK(pt_translate(pt, KVA(pa) + 0x12345678, NULL) == pa + 0x12345678);
	CHECK(pt_translate(pt, KVA(pa) + (1UL << 30) + 0x1abcde, NULL) ==
	      pa + (1UL << 30) + 0x1abcde);
	CHECK(pt_translate(pt, KVA(pa) + (1UL << 30) + 2 * MiB + 0x1234, NULL) ==
	      pa + (1UL << 30) + 2 * MiB + 0x1234);
	CHECK(pt_translate(pt, KVA(pa) + size, NULL) == 0);
	CHECK(pt_walk(pt, KVA(pa) + 0x5000, true) == NULL); /* inside the 1 GiB leaf */
	CHECK(pt_walk(pt, KVA(pa) + (1UL << 30) + 0x5000, false) == NULL); /* 2 MiB leaf */
	CHECK(pt_map(pt, KVA(pa) + 0x5000, 0x1000, PAGE_SIZE, RW) == -EEXIST);
	CHECK(pt_map_huge(pt, KVA(pa) + size - PAGE_SIZE, pa, 2 * PAGE_SIZE, RW) == -EEXIST);
	CHECK(pt_translate(pt, KVA(pa) + size, NULL) == 0);

	/* unaligned pa falls back to small leaves */
	CHECK(pt_map_huge(pt, KVA(8UL << 30), 0x80001000UL, 4 * MiB, RW) == 0);
	CHECK(before - frame_free_count() == used + 1 + 2); /* level 1 + two level 0 */
	CHECK(pt_translate(pt, KVA(8UL << 30) + 3 * MiB + 8, NULL) == 0x80001000UL + 3 * MiB + 8);

	/* protect must cover a huge leaf whole */
	CHECK(pt_protect(pt, KVA(pa), 2 * MiB, PTE_R) == -EINVAL);
	pt_translate(pt, KVA(pa), &perm);
	CHECK(perm & PTE_W);
	CHECK(pt_protect(pt, KVA(pa), 1UL << 30, PTE_R) == 0);
	pt_translate(pt, KVA(pa) + 0x777000, &perm);
	CHECK(!(perm & PTE_W) && (perm & PTE_R));

	pt_unmap(pt, KVA(pa), size, false);
	CHECK(pt_translate(pt, KVA(pa), NULL) == 0);
	CHECK(pt_translate(pt, KVA(pa) + (1UL << 30), NULL) == 0);
	pt_unmap(pt, KVA(8UL << 30), 4 * MiB, false);
	pt_prune(pt, KVA(0), 16UL << 30);
	/* kernel-half root entries keep their level-1 tables */
	CHECK(before - frame_free_count() == 1 + 2);
	for (int i = PT_KERNEL_FIRST; i < PT_ENTRIES; i++)
		if (pt[i] & PTE_V)
			frame_free(pte_to_pa(pt[i]), 0);
	pt_destroy(pt, false);
	CHECK(frame_free_count() == before);
}

static void t_destroy_and_kernel_half(void)
{
	u64 before = frame_free_count(), mid;
	pagetable_t kpt = pt_create(), upt;

	CHECK(pt_populate_root(kpt, KVA(0), 2UL << 30) == 0);
	CHECK(pt_map_huge(kpt, KVA(0x80000000UL), 0x80000000UL, 1UL << 30, RW) == 0);
	CHECK(pt_map(kpt, KVA(0x100000000UL) + 0x3000, 0x12345000UL, PAGE_SIZE, RW) == 0);
	mid = frame_free_count();

	upt = pt_create();
	pt_copy_kernel_half(upt, kpt);
	for (int i = PT_KERNEL_FIRST; i < PT_ENTRIES; i++)
		CHECK(upt[i] == kpt[i]);
	for (int i = 0; i < PT_KERNEL_FIRST; i++)
		CHECK(upt[i] == 0);
	CHECK(pt_translate(upt, KVA(0x80000000UL) + 0x42, NULL) == 0x80000042UL);
	/* user mappings in many tables, with frames from the allocator */
	for (u64 i = 0; i < 40; i++) {
		u64 va = (i * 0x1234567UL * PAGE_SIZE) % (USER_TOP - PAGE_SIZE);
		paddr_t f = frame_alloc(0);

		va &= PAGE_MASK;
		if (pt_translate(upt, va, NULL)) {
			frame_free(f, 0);
			continue;
		}
		CHECK(pt_map(upt, va, f, PAGE_SIZE, URW) == 0);
	}
	/* a shared frame keeps its other reference */
	paddr_t keep = frame_alloc(0);
	page_get(pa_to_page(keep));
	CHECK(pt_map(upt, 0x7000, keep, PAGE_SIZE, URW) == 0);
	pt_destroy(upt, true);
	CHECK(page_refcount(pa_to_page(keep)) == 1);
	frame_free(keep, 0);
	CHECK_MSG(frame_free_count() == mid, "%ld frames leaked", (long)(mid - frame_free_count()));
	/* the kernel half still works */
	CHECK(pt_translate(kpt, KVA(0x100000000UL) + 0x3008, NULL) == 0x12345008UL);
	pt_unmap(kpt, KVA(0x100000000UL) + 0x3000, PAGE_SIZE, false);
	pt_unmap(kpt, KVA(0x80000000UL), 1UL << 30, false);
	pt_prune(kpt, KVA(0), 8UL << 30);
	for (int i = PT_KERNEL_FIRST; i < PT_ENTRIES; i++)
		if (kpt[i] & PTE_V)
			frame_free(pte_to_pa(kpt[i]), 0);
	pt_destroy(kpt, false);
	CHECK(frame_free_count() == before);
}

int main(void)
{
	setup();
	RUN(t_map_translate);
	RUN(t_errors);
	RUN(t_eexist_no_partial);
	RUN(t_enomem_no_partial);
	RUN(t_unmap_frees_frames);
	RUN(t_protect);
	RUN(t_huge);
	RUN(t_destroy_and_kernel_half);
	frame_reset_for_test();
	free(arena);
	return htest_done();
}
