/* Page-table helpers shared by mm/mm.c (faults, fork) and mm/mmap.c (address-space calls). */
#ifndef MM_MM_INTERNAL_H
#define MM_MM_INTERNAL_H

#include "mm/mm.h"

#define PTE_PROTNONE PTE_RSW0 /* with V clear: a PROT_NONE page keeping its frame */

typedef int (*mm_pte_fn)(uaddr_t va, pte_t *pte, void *arg);

/* mm_walk_ptes - call @fn on every non-zero level-0 slot in [@start, @end); stops at an error. */
int mm_walk_ptes(pagetable_t pt, uaddr_t start, uaddr_t end, mm_pte_fn fn, void *arg);

/* mm_vma_pte_perm - PTE bits for a page of a VMA with VM_* @flags (W implies R). */
pte_t mm_vma_pte_perm(unsigned int flags);

#define ZAP_BATCH 32

/* Frames of cleared PTEs waiting for the TLB flush before they are put. */
struct zap_batch {
	struct mm *mm;
	int n;
	pte_t ptes[ZAP_BATCH];
};

/*
 * mm_zap_one - clear one user PTE (an mm_pte_fn). With a zap_batch as @arg the frame is put
 * after a TLB flush; with NULL (an address space nobody runs on) at once. mm->lock held.
 */
int mm_zap_one(uaddr_t va, pte_t *p, void *arg);

/* mm_zap_pages - clear the PTEs of [@start, @end), flush, then put the frames. mm->lock held. */
void mm_zap_pages(struct mm *mm, uaddr_t start, uaddr_t end);

/* mm_zap_range - unmap [@start, @end), dropping frames, then flush and prune. mm->lock held. */
void mm_zap_range(struct mm *mm, uaddr_t start, uaddr_t end);

/* mm_install_pte - map @va to @pa with @perm (D dropped unless W), flush @va. -ENOMEM. Locked. */
int mm_install_pte(struct mm *mm, uaddr_t va, paddr_t pa, pte_t perm);

/* mm_free_vma_list - free the detached VMAs on @dead (dropping file references). No lock. */
void mm_free_vma_list(struct list_head *dead);

#endif
