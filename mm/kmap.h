/*
 * The kernel half of every address space: the direct map of RAM, the kernel image mapped W^X
 * per section, device MMIO (ioremap) and kernel stacks with unmapped guard pages.
 * Its root-level entries are created at boot and copied into every user page table, so later
 * kernel mappings (stacks, MMIO) are seen by all address spaces at once.
 */
#ifndef MM_KMAP_H
#define MM_KMAP_H

#include "mm/pagetable.h"
#include "types.h"

extern pagetable_t kernel_pgd; /* [I] after kmap_init */

/*
 * kmap_init - build the kernel page table over the board's RAM (reserved ranges left out) and
 * switch this hart to it. Context: boot hart, once, after the frame allocator is up.
 */
void kmap_init(void);

/* kmap_init_cpu - switch this hart to the kernel page table. Context: secondary hart start. */
void kmap_init_cpu(void);

/*
 * ioremap - map the device registers at [@pa, @pa+@size) (below 4 GiB) and return their
 * kernel address. Idempotent. Context: process or boot context. Panics if @pa is out of range
 * or memory is exhausted (boot-time devices cannot be done without).
 */
void *ioremap(paddr_t pa, u64 size);

/*
 * kstack_alloc - a kernel stack of KSTACK_SIZE in its own slot, the pages below it unmapped
 * (an overflow faults and panics with "kernel stack overflow"). Stores the lowest usable
 * address in *@bottom and returns the top (initial sp), or 0 on -ENOMEM.
 * Context: process or boot context; takes kstack_lock.
 */
unsigned long kstack_alloc(unsigned long *bottom);

/*
 * kmap_flush_all_cpus - flush [@va, @va + @size) of the kernel half on every online CPU
 * (@size 0: everything). Context: any.
 */
void kmap_flush_all_cpus(u64 va, u64 size);

/* kstack_free - give back the stack whose top kstack_alloc returned. */
void kstack_free(unsigned long top);

#endif
