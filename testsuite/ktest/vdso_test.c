/*
 * In-kernel tests of the vDSO (kernel/vdso): vdso_map() places [data page][text] adjacent in a
 * fresh mm, with the right permissions (text R+X, data R, never W, always U); the text holds the
 * ELF image; the data page carries the kernel's clock parameters, from which the vDSO's
 * arithmetic gives exactly clock_ns() and clock_realtime_ns(); a write fault and mprotect to
 * writable are refused; fork shares the same frames; and the frames survive every unmapping.
 */
#include "types.h"
#include "errno.h"
#include "riscv.h"
#include "string.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "time/tickconv.h"
#include "time/timer.h"
#include "uapi/mman.h"
#include "vdso/vdso.h"
#include "vdso/vdso_data.h"
#include "testsuite/ktest/ktest.h"

/* Fault @va in for reading and return its frame and PTE bits. */
static paddr_t vdso_page(struct mm *mm, uaddr_t va, u64 *perm)
{
	if (vm_fault(mm, va, VM_READ))
		return 0;
	return mm_translate(mm, va, perm);
}

KTEST(vdso, map_layout_permissions)
{
	struct mm *mm = mm_create(), *child;
	paddr_t text, data;
	u64 perm = 0;
	uaddr_t base;
	u32 refs;

	KT_ASSERT(r, mm != NULL);
	KT_ASSERT(r, vdso_map(mm) == 0);
	base = mm->vdso_base;
	KT_EXPECT(r, base && IS_ALIGNED(base, PAGE_SIZE) && base < MM_MMAP_BASE);
	KT_EXPECT(r, vdso_sigreturn(mm) > base && vdso_sigreturn(mm) < base + PAGE_SIZE);

	text = vdso_page(mm, base, &perm);
	KT_ASSERT(r, text != 0);
	KT_EXPECT(r, (perm & (PTE_U | PTE_R | PTE_X)) == (PTE_U | PTE_R | PTE_X));
	KT_EXPECT(r, !(perm & PTE_W));
	KT_EXPECT(r, !memcmp(pa_to_kva(text), "\177ELF", 4));
	KT_EXPECT(r, !memcmp((u8 *)pa_to_kva(text) + (vdso_sigreturn(mm) - base),
			     "\x93\x08\xb0\x08\x73\x00\x00\x00", 8));

	data = vdso_page(mm, base - PAGE_SIZE, &perm);
	KT_ASSERT(r, data != 0);
	KT_EXPECT(r, (perm & (PTE_U | PTE_R)) == (PTE_U | PTE_R));
	KT_EXPECT(r, !(perm & (PTE_W | PTE_X)));
	KT_EXPECT(r, vm_fault(mm, base - PAGE_SIZE, VM_WRITE) == -EACCES);
	KT_EXPECT(r, vm_fault(mm, base, VM_WRITE) == -EACCES);
	KT_EXPECT(r, vm_fault(mm, base - PAGE_SIZE, VM_EXEC) == -EACCES);
	KT_EXPECT(r,
		  mm_mprotect(mm, base - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE) == -EACCES);
	KT_EXPECT(r,
		  mm_mprotect(mm, base, PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC) == -EACCES);

	/* fork shares the frames; dropping both mms leaves the vDSO's own reference */
	refs = page_refcount(pa_to_page(text));
	child = mm_dup(mm);
	KT_ASSERT(r, child != NULL);
	KT_EXPECT(r, child->vdso_base == base);
	KT_EXPECT(r, mm_translate(child, base, NULL) == text);
	KT_EXPECT(r, mm_translate(child, base - PAGE_SIZE, NULL) == data);
	KT_EXPECT(r, page_refcount(pa_to_page(text)) == refs + 1);
	mm_put(child);
	KT_EXPECT(r, mm_munmap(mm, base - PAGE_SIZE, 2 * PAGE_SIZE) == 0);
	mm_put(mm);
	KT_EXPECT(r, page_refcount(pa_to_page(text)) == refs - 1);
	KT_EXPECT(r, page_refcount(pa_to_page(data)) >= 1);
}

KTEST(vdso, data_page_gives_the_kernel_clocks)
{
	struct mm *mm = mm_create();
	const struct vdso_data *d;
	paddr_t data;
	u64 t;

	KT_ASSERT(r, mm != NULL);
	KT_ASSERT(r, vdso_map(mm) == 0);
	data = vdso_page(mm, mm->vdso_base - PAGE_SIZE, NULL);
	KT_ASSERT(r, data != 0);
	d = pa_to_kva(data);
	KT_EXPECT(r, !(d->seq & 1) && d->version == VDSO_DATA_VERSION);
	KT_EXPECT(r, d->timebase_hz == timebase_hz);
	KT_EXPECT(r, d->realtime_offset == clock_realtime_offset());
	/* the same rdtime value through the vDSO's arithmetic and the kernel's */
	t = rdtime();
	KT_EXPECT(r, ticks_to_ns(t, d->timebase_hz) == ticks_to_ns(t, timebase_hz));
	KT_EXPECT(r, ticks_to_ns(rdtime(), d->timebase_hz) <= clock_ns());
	KT_EXPECT(r, d->realtime_offset + ticks_to_ns(rdtime(), d->timebase_hz) <=
			     clock_realtime_ns());
	/* republishing keeps the values and leaves the sequence even, one step further */
	{
		u32 seq = d->seq;

		vdso_update_time();
		KT_EXPECT(r, d->seq == seq + 2);
		KT_EXPECT(r, d->realtime_offset == clock_realtime_offset());
	}
	mm_put(mm);
}
