/*
 * Sv39 page tables (RISC-V privileged spec 1.12, section 4.4).
 *
 * A virtual address splits into three 9-bit indices (VPN[2] at bits 38..30, VPN[1] at 29..21,
 * VPN[0] at 20..12) and a 12-bit page offset; bits 63..39 must copy bit 38. Each table is one
 * 4 KiB frame of 512 PTEs, reached through the direct map. A PTE with any of R/W/X set is a leaf:
 * at level 0 it maps 4 KiB, at level 1 2 MiB, at level 2 (the root) 1 GiB.
 *
 * Root entries 256..511 (the kernel half) point to level-1 tables shared by every address space;
 * nothing here ever frees or clears them.
 *
 * Intermediate tables are freed only by pt_destroy() (user half) or pt_prune(); pt_unmap() and a
 * failed pt_map() leave them, possibly empty, in place.
 *
 * Locking: none inside. The owner of the table serialises changes (the mm lock for a user
 * address space, boot order for the kernel half).
 * TLB: nothing here flushes. After pt_unmap(), pt_protect() or a remap, the caller runs
 * sfence.vma (and a remote fence on other harts using the table) before relying on the change.
 */
#ifndef MM_PAGETABLE_H
#define MM_PAGETABLE_H

#include "types.h"
#include "riscv.h"
#include "mm/memlayout.h"

#define PTE_V	       (1UL << 0) /* valid */
#define PTE_R	       (1UL << 1) /* readable */
#define PTE_W	       (1UL << 2) /* writable (needs R) */
#define PTE_X	       (1UL << 3) /* executable */
#define PTE_U	       (1UL << 4) /* user accessible */
#define PTE_G	       (1UL << 5) /* global mapping */
#define PTE_A	       (1UL << 6) /* accessed */
#define PTE_D	       (1UL << 7) /* dirty */
#define PTE_RSW0       (1UL << 8) /* reserved for software */
#define PTE_RSW1       (1UL << 9)
#define PTE_RSW	       (PTE_RSW0 | PTE_RSW1)
#define PTE_FLAGS_MASK 0x3ffUL
#define PTE_PPN_SHIFT  10
#define PTE_PPN_BITS   44

#define PT_ENTRIES	512
#define PT_LEVELS	3
#define PT_KERNEL_FIRST 256 /* first root index of the kernel half */
#define PAGE_SIZE_2M	(1UL << 21)
#define PAGE_SIZE_1G	(1UL << 30)

typedef u64 pte_t;
typedef pte_t *pagetable_t; /* 512 entries, addressed through the direct map */

/* Index of @va in a table of @level (2 = root). */
#define PT_INDEX(va, level) (((u64)(va) >> (PAGE_SHIFT + 9 * (level))) & 0x1ff)

static inline paddr_t pte_to_pa(pte_t pte)
{
	return ((pte >> PTE_PPN_SHIFT) & ((1UL << PTE_PPN_BITS) - 1)) << PAGE_SHIFT;
}

static inline pte_t pa_to_pte(paddr_t pa)
{
	return (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT;
}

static inline bool pte_is_leaf(pte_t pte)
{
	return (pte & PTE_V) && (pte & (PTE_R | PTE_W | PTE_X));
}

/* True if bits 63..39 of @va copy bit 38 (an address Sv39 can translate). */
static inline bool va_canonical(u64 va)
{
	return (u64)((s64)(va << 25) >> 25) == va;
}

/* satp value selecting @pt in Sv39 mode, ASID 0. */
static inline u64 pt_satp(pagetable_t pt)
{
	return SATP_MODE_SV39 | (kva_to_pa(pt) >> PAGE_SHIFT);
}

/*
 * pt_create - allocate an empty root table (all 512 entries invalid).
 * Context: any, never sleeps. Returns the table, or NULL if no frame was free.
 */
pagetable_t pt_create(void);

/*
 * pt_walk - the level-0 PTE slot for @va, creating missing intermediate tables if @alloc.
 * Context: caller serialises changes to @pt.
 * Returns NULL if @va is not canonical, if a 2 MiB or 1 GiB leaf already covers @va, or if a
 * table is missing and @alloc is false or no frame was free.
 */
pte_t *pt_walk(pagetable_t pt, u64 va, bool alloc);

/*
 * pt_map - map [@va, @va + @size) to [@pa, ...) with 4 KiB leaves; @perm is a set of
 * PTE_R/W/X/U/G/RSW (V, A and D are added). @va, @pa and @size must be page aligned.
 * Context: caller serialises changes to @pt; no TLB flush needed (only invalid slots are filled).
 * Returns 0, -EINVAL (misaligned, non-canonical, or a reserved perm such as W without R, or no
 * R/X), -ENOMEM (table allocation failed), -EEXIST (a page in the range is already mapped).
 * On failure no leaf of the range is left mapped (new intermediate tables may remain).
 */
int pt_map(pagetable_t pt, u64 va, paddr_t pa, u64 size, u64 perm);

/*
 * pt_map_huge - like pt_map(), but uses 1 GiB and 2 MiB leaves wherever @va and @pa are both
 * aligned to them and the rest of the range covers them (the kernel's direct map).
 * Same context and errors as pt_map().
 */
int pt_map_huge(pagetable_t pt, u64 va, paddr_t pa, u64 size, u64 perm);

/*
 * pt_unmap - invalidate every leaf in [@va, @va + @size) (page aligned); holes are skipped.
 * If @free_frames, each 4 KiB leaf's frame gets page_put() (frames outside frame_alloc()'s
 * memory are skipped); frames under huge leaves are never freed.
 * Context: caller serialises; caller flushes the TLB afterwards. Panics if the range cuts a
 * huge leaf in part, or on a misaligned or non-canonical range.
 */
void pt_unmap(pagetable_t pt, u64 va, u64 size, bool free_frames);

/*
 * pt_protect - set the R/W/X/U bits of every leaf in [@va, @va + @size) to those of @perm,
 * keeping V/G/A/D/RSW and the frame; unmapped pages are skipped.
 * Context: caller serialises; caller flushes the TLB afterwards.
 * Returns 0, or -EINVAL (misaligned, reserved @perm, or a huge leaf only partly inside the
 * range; nothing is changed then).
 */
int pt_protect(pagetable_t pt, u64 va, u64 size, u64 perm);

/*
 * pt_translate - the physical address @va maps to (page offset included), looking through
 * huge leaves. If @perm is not NULL it receives the leaf's low 10 bits (0 when unmapped).
 * Context: caller keeps @pt from changing. Returns 0 if @va is not mapped.
 */
paddr_t pt_translate(pagetable_t pt, u64 va, u64 *perm);

/*
 * pt_prune - free intermediate tables under [@va, @va + @size) that no longer map anything.
 * Root entries of the kernel half are never cleared. Call only after the TLB flush that
 * followed the unmap (a hart's page-walk cache may still hold the old tables until then).
 * Context: caller serialises. Never fails.
 */
void pt_prune(pagetable_t pt, u64 va, u64 size);

/*
 * pt_populate_root - make sure root entries covering [@va, @va + @size) point to level-1
 * tables, so later mappings there land in tables every pt_copy_kernel_half() copy shares.
 * Context: boot, before address spaces copy the kernel half. Returns 0, -EINVAL (bad range),
 * -ENOMEM, or -EEXIST (a 1 GiB leaf occupies an entry).
 */
int pt_populate_root(pagetable_t pt, u64 va, u64 size);

/*
 * pt_destroy - free a root table: the user half's intermediate tables (root entries 0..255),
 * and with @free_frames the frames of the 4 KiB leaves still there (page_put), then the root.
 * The kernel half (entries 256..511) is shared and left alone.
 * Context: the address space is dead (no hart runs on it). Never fails.
 */
void pt_destroy(pagetable_t pt, bool free_frames);

/*
 * pt_copy_kernel_half - copy root entries 256..511 of @src into @dst, so @dst shares the
 * kernel's level-1 tables. Context: any; @src's kernel half must be fully populated first.
 */
void pt_copy_kernel_half(pagetable_t dst, pagetable_t src);

#endif
