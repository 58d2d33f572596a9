/*
 * Sv39 virtual memory layout.
 *
 *   0x0000_0000_0000 .. 0x003f_ffff_ffff   user space (USER_TOP excluded); page 0 mappable
 *   0xffff_ffc0_0000_0000 ..                direct map of physical memory: va = pa + PAGE_OFFSET
 *                                          (the kernel image runs here too, linked at
 *                                          PAGE_OFFSET + KERNEL_LOAD_PA, mapped W^X per section)
 *   0xffff_ffd0_0000_0000 ..                kernel stacks, KSTACK_SLOT apart, the lowest page of
 *                                          each slot left unmapped as a guard
 *   0xffff_ffe0_0000_0000 ..                device MMIO (ioremap): va = pa + IO_BASE
 *
 * Host unit tests (KESTREL_HOST_TEST) use an identity "direct map": a physical address is the
 * host pointer itself.
 */
#ifndef MM_MEMLAYOUT_H
#define MM_MEMLAYOUT_H

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define USER_TOP       0x4000000000UL
#define KERNEL_LOAD_PA 0x80200000UL

#ifdef KESTREL_HOST_TEST
#define PAGE_OFFSET 0UL
#else
#define PAGE_OFFSET 0xffffffc000000000UL
#endif
#define DIRECT_MAP_SIZE 0x1000000000UL /* 64 GiB */
#define KSTACK_BASE	0xffffffd000000000UL
#define KSTACK_PAGES	4 /* 16 KiB of stack ... */
#define KSTACK_SIZE	(KSTACK_PAGES * PAGE_SIZE)
#define KSTACK_SLOT	(8 * PAGE_SIZE) /* ... in a 32 KiB slot whose low part is never mapped */
#define KSTACK_SLOTS	65536
#define IO_BASE		0xffffffe000000000UL
#define IO_SIZE		0x100000000UL /* MMIO below 4 GiB physical */

#ifndef __ASSEMBLER__
#include "types.h"

static inline void *pa_to_kva(paddr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}

static inline paddr_t kva_to_pa(const void *va)
{
	return (paddr_t)va - PAGE_OFFSET;
}
#endif

#endif
