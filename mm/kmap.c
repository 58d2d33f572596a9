/* Kernel page table: direct map, W^X image, MMIO and guarded kernel stacks. */
#include "mm/kmap.h"
#include "board/board.h"
#include "errno.h"
#include "lock/spinlock.h"
#include "mm/frame.h"
#include "mm/memlayout.h"
#include "mm/memrange.h"
#include "printk.h"
#include "riscv.h"
#include "sbi/sbi.h"
#include "sched/cpu.h"
#include "string.h"

pagetable_t kernel_pgd;
unsigned long kernel_satp; /* [I] satp value of kernel_pgd, read by secondary_entry */

extern char _kernel_start[], _stext[], _etext[], _srodata[], _erodata[], _sdata[], _kernel_end[];

/*
 * Locks: [k] kstack_lock. The kernel page table's lower levels are changed under kmap_lock
 * (mappings are only ever added for MMIO, added and removed for stacks).
 */
static spinlock_t kmap_lock = SPINLOCK_INIT("kmap");
static spinlock_t kstack_lock = SPINLOCK_INIT("kstack");
static u64 kstack_used[KSTACK_SLOTS / 64]; /* [k] one bit per slot */

static void map_or_panic(u64 va, paddr_t pa, u64 size, u64 perm, bool huge)
{
	int err = huge ? pt_map_huge(kernel_pgd, va, pa, size, perm)
		       : pt_map(kernel_pgd, va, pa, size, perm);

	if (err)
		panic("kmap: cannot map %lx..%lx: %d", va, va + size, err);
}

static void map_image_section(const char *start, const char *end, u64 perm)
{
	u64 va = (u64)start, size = ALIGN_UP((u64)end, PAGE_SIZE) - va;

	map_or_panic(va, kva_to_pa(start), size, perm, false);
}

/* Make sure the root entry covering @va exists, so that user tables copy it at creation. */
static void prefill_root(u64 va)
{
	if (!pt_walk(kernel_pgd, va, true))
		panic("kmap: no memory for the kernel page table");
}

void kmap_init(void)
{
	struct mem_range ram[BOARD_MAX_MEM * 4];
	int n = board.nmem;
	paddr_t img = kva_to_pa(_kernel_start);
	u64 img_size = (u64)(_kernel_end - _kernel_start);

	kernel_pgd = pt_create();
	if (!kernel_pgd)
		panic("kmap: no memory for the kernel page table");
	memcpy(ram, board.mem, (size_t)n * sizeof(ram[0]));
	for (int i = 0; i < board.nresv; i++)
		memrange_subtract(ram, &n, ARRAY_SIZE(ram), board.resv[i].base, board.resv[i].size);
	memrange_subtract(ram, &n, ARRAY_SIZE(ram), img, img_size);
	for (int i = 0; i < n; i++) {
		if (ram[i].base + ram[i].size > DIRECT_MAP_SIZE)
			continue;
		map_or_panic((u64)pa_to_kva(ram[i].base), ram[i].base, ram[i].size,
			     PTE_R | PTE_W | PTE_G, true);
	}
	map_image_section(_stext, _etext, PTE_R | PTE_X | PTE_G);
	map_image_section(_srodata, _erodata, PTE_R | PTE_G);
	map_image_section(_sdata, _kernel_end, PTE_R | PTE_W | PTE_G);
	for (u64 va = KSTACK_BASE; va < KSTACK_BASE + (u64)KSTACK_SLOTS * KSTACK_SLOT;
	     va += 1UL << 30)
		prefill_root(va);
	for (u64 va = IO_BASE; va < IO_BASE + IO_SIZE; va += 1UL << 30)
		prefill_root(va);
	kmap_init_cpu();
}

void kmap_init_cpu(void)
{
	kernel_satp = SATP_MODE_SV39 | (kva_to_pa(kernel_pgd) >> PAGE_SHIFT);
	sfence_vma_all();
	csr_write(satp, kernel_satp);
	sfence_vma_all();
}

void kmap_flush_all_cpus(u64 va, u64 size)
{
	u64 harts = 0;
	int self = this_cpu()->id;

	if (size && size <= 16 * PAGE_SIZE) {
		for (u64 off = 0; off < size; off += PAGE_SIZE)
			sfence_vma_addr(va + off);
	} else {
		sfence_vma_all();
	}
	for (int i = 0; i < ncpus; i++)
		if (i != self && cpus[i].online)
			harts |= 1UL << cpus[i].hartid;
	if (harts)
		sbi_remote_sfence_vma(harts, 0, size ? va : 0, size ? size : ~0UL);
}

void *ioremap(paddr_t pa, u64 size)
{
	paddr_t start = ALIGN_DOWN(pa, PAGE_SIZE), end = ALIGN_UP(pa + size, PAGE_SIZE);

	if (end > IO_SIZE || end <= start)
		panic("ioremap: %lx+%lx out of range", pa, size);
	spin_lock(&kmap_lock);
	for (paddr_t p = start; p < end; p += PAGE_SIZE) {
		u64 perm;

		if (pt_translate(kernel_pgd, IO_BASE + p, &perm))
			continue;
		if (pt_map(kernel_pgd, IO_BASE + p, p, PAGE_SIZE, PTE_R | PTE_W | PTE_G))
			panic("ioremap: out of memory");
	}
	spin_unlock(&kmap_lock);
	sfence_vma_all();
	return (void *)(IO_BASE + pa);
}

unsigned long kstack_alloc(unsigned long *bottom)
{
	int slot = -1;
	u64 top, base;

	spin_lock(&kstack_lock);
	for (unsigned int w = 0; w < ARRAY_SIZE(kstack_used) && slot < 0; w++) {
		if (kstack_used[w] == ~0UL)
			continue;
		for (int b = 0; b < 64; b++) {
			if (!(kstack_used[w] & (1UL << b))) {
				kstack_used[w] |= 1UL << b;
				slot = (int)(w * 64 + (unsigned int)b);
				break;
			}
		}
	}
	spin_unlock(&kstack_lock);
	if (slot < 0)
		return 0;
	top = KSTACK_BASE + (u64)(slot + 1) * KSTACK_SLOT;
	base = top - KSTACK_SIZE;
	for (u64 va = base; va < top; va += PAGE_SIZE) {
		paddr_t pa = frame_alloc(0);
		int err;

		if (!pa)
			goto out_unmap;
		spin_lock(&kmap_lock);
		err = pt_map(kernel_pgd, va, pa, PAGE_SIZE, PTE_R | PTE_W | PTE_G);
		spin_unlock(&kmap_lock);
		if (err) {
			frame_free(pa, 0);
			goto out_unmap;
		}
	}
	*bottom = base;
	return top;

out_unmap:
	kstack_free(top);
	return 0;
}

void kstack_free(unsigned long top)
{
	u64 slot = (top - KSTACK_BASE) / KSTACK_SLOT - 1;

	spin_lock(&kmap_lock);
	pt_unmap(kernel_pgd, top - KSTACK_SIZE, KSTACK_SIZE, true);
	/* Every CPU that ran on this stack may cache it: flush them all before the slot is reused. */
	kmap_flush_all_cpus(top - KSTACK_SIZE, KSTACK_SIZE);
	/* A page-table page left empty goes back too (the root entries stay: user tables copy them). */
	pt_prune(kernel_pgd, top - KSTACK_SIZE, KSTACK_SIZE);
	spin_unlock(&kmap_lock);
	kmap_flush_all_cpus(0, 0);
	spin_lock(&kstack_lock);
	kstack_used[slot / 64] &= ~(1UL << (slot % 64));
	spin_unlock(&kstack_lock);
}
