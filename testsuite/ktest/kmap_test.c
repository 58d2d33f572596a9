/*
 * The kernel address space: the image mapped W^X per section, the direct map without execute,
 * kernel stacks with their guard pages unmapped, MMIO without execute.
 */
#include "board/board.h"
#include "mm/kmap.h"
#include "mm/memlayout.h"
#include "mm/pagetable.h"
#include "task/task.h"
#include "testsuite/ktest/ktest.h"

extern char _stext[], _etext[], _srodata[], _erodata[], _sdata[], _kernel_end[];

static u64 perm_of(const void *va)
{
	u64 perm = 0;

	if (!pt_translate(kernel_pgd, (u64)va, &perm))
		return 0;
	return perm & (PTE_R | PTE_W | PTE_X | PTE_U);
}

KTEST(kmap, image_sections_wx)
{
	KT_EXPECT(r, perm_of(_stext) == (PTE_R | PTE_X));
	KT_EXPECT(r, perm_of((void *)((u64)_etext - 1)) == (PTE_R | PTE_X));
	KT_EXPECT(r, perm_of(_srodata) == PTE_R);
	KT_EXPECT(r, perm_of((void *)((u64)_erodata - 1)) == PTE_R);
	KT_EXPECT(r, perm_of(_sdata) == (PTE_R | PTE_W));
	KT_EXPECT(r, perm_of((void *)((u64)_kernel_end - 1)) == (PTE_R | PTE_W));
}

KTEST(kmap, direct_map_no_exec)
{
	static char probe[64];
	/* A frame's direct-map address: readable and writable, never executable or user. */
	KT_EXPECT(r, perm_of(probe) == (PTE_R | PTE_W));
	KT_EXPECT(r, perm_of(current) == (PTE_R | PTE_W));
}

KTEST(kmap, stack_guard_unmapped)
{
	unsigned long bottom, top = kstack_alloc(&bottom);

	KT_ASSERT(r, top != 0);
	KT_EXPECT(r, top - bottom == KSTACK_SIZE);
	KT_EXPECT(r, perm_of((void *)bottom) == (PTE_R | PTE_W));
	KT_EXPECT(r, perm_of((void *)(top - 1)) == (PTE_R | PTE_W));
	KT_EXPECT(r, perm_of((void *)(bottom - 1)) == 0);
	KT_EXPECT(r, perm_of((void *)(bottom - PAGE_SIZE)) == 0);
	kstack_free(top);
	KT_EXPECT(r, perm_of((void *)bottom) == 0);
}

KTEST(kmap, ioremap_no_exec)
{
	volatile u8 *uart = ioremap(board.uart.mmio.base, 8);

	KT_EXPECT(r, perm_of((const void *)uart) == (PTE_R | PTE_W));
}
