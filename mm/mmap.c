/*
 * Address-space operations behind brk, mmap, munmap, mprotect and madvise (mm/mm.h has their
 * contracts). The page-table helpers they share with the fault path are in mm/mm_internal.h.
 */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "printk.h"
#include "riscv.h"
#include "string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/mm_internal.h"
#include "uapi/mman.h"

/* Detach and unmap [@start, @end); the VMAs land on @dead. mm->lock held. */
static int unmap_locked(struct mm *mm, uaddr_t start, uaddr_t end, struct list_head *dead)
{
	int err = vma_detach_range(&mm->vmas, start, end, dead);

	if (!err)
		mm_zap_range(mm, start, end);
	return err;
}

void mm_set_brk_base(struct mm *mm, uaddr_t end_of_bss)
{
	mutex_lock(&mm->lock);
	mm->start_brk = mm->brk = ALIGN_UP(end_of_bss, PAGE_SIZE);
	mutex_unlock(&mm->lock);
}

long mm_brk(struct mm *mm, uaddr_t newbrk)
{
	uaddr_t newend, oldend;
	struct vma *v;
	LIST_HEAD(dead);
	long ret;

	mutex_lock(&mm->lock);
	if (newbrk < mm->start_brk || newbrk > USER_TOP - PAGE_SIZE)
		goto out;
	newend = ALIGN_UP(newbrk, PAGE_SIZE);
	oldend = ALIGN_UP(mm->brk, PAGE_SIZE);
	if (newend == oldend) {
		mm->brk = newbrk;
	} else if (newbrk <= mm->brk) {
		if (unmap_locked(mm, newend, oldend, &dead))
			goto out;
		mm->brk = newbrk;
	} else {
		/* growth must not reach another mapping nor leave no page below it */
		if (vma_intersects(&mm->vmas, oldend, newend + PAGE_SIZE))
			goto out;
		v = vma_alloc(oldend, newend, VM_READ | VM_WRITE);
		if (!v)
			goto out;
		vma_insert(&mm->vmas, v);
		vma_merge(&mm->vmas, v);
		mm->brk = newbrk;
	}
out:
	ret = (long)mm->brk;
	mutex_unlock(&mm->lock);
	mm_free_vma_list(&dead);
	return ret;
}

static unsigned int prot_to_vm(int prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Pre-fault [start, end) as MAP_POPULATE does; errors are ignored. No lock held. */
static void populate(struct mm *mm, uaddr_t start, uaddr_t end, int prot)
{
	unsigned int access = prot & PROT_WRITE ? VM_WRITE : prot & PROT_READ ? VM_READ : 0;

	if (!access)
		return;
	for (uaddr_t va = start; va < end; va += PAGE_SIZE)
		if (vm_fault(mm, va, access) == -ENOMEM)
			break;
}

/*
 * The common part of mm_mmap() and mm_map_region(): @len page aligned and non-zero, @fixed
 * says @addr is exact (page aligned, in range, checked by the caller), @noreplace refuses
 * to replace. Returns the address or -errno.
 */
static long map_common(struct mm *mm, uaddr_t addr, u64 len, bool fixed, bool noreplace,
		       unsigned int vflags, const struct vm_file_ops *ops, void *file, u64 off,
		       uaddr_t file_end)
{
	struct vma *v = vma_alloc(0, 0, vflags);
	uaddr_t start;
	LIST_HEAD(dead);
	long ret;

	if (!v)
		return -ENOMEM;
	mutex_lock(&mm->lock);
	if (fixed) {
		ret = -EEXIST;
		if (noreplace && vma_intersects(&mm->vmas, addr, addr + len))
			goto fail;
		ret = unmap_locked(mm, addr, addr + len, &dead);
		if (ret)
			goto fail;
		start = addr;
	} else {
		addr = ALIGN_UP(addr, PAGE_SIZE);
		start = addr;
		if (!addr || addr < MM_MMAP_MIN || addr > USER_TOP - len ||
		    vma_intersects(&mm->vmas, addr, addr + len)) {
			ret = -ENOMEM;
			if (!vma_gap_topdown(&mm->vmas, len, MM_MMAP_MIN, mm->mmap_base, &start) &&
			    !vma_gap_topdown(&mm->vmas, len, MM_MMAP_MIN, USER_TOP, &start))
				goto fail;
		}
	}
	v->start = start;
	v->end = start + len;
	v->file_end = v->end;
	if (ops) {
		v->ops = ops;
		v->file = file;
		v->pgoff = off;
		if (file_end && file_end < v->end)
			v->file_end = MAX(file_end, start);
		if (ops->get)
			ops->get(file);
	}
	vma_insert(&mm->vmas, v);
	if (!ops)
		vma_merge(&mm->vmas, v);
	mutex_unlock(&mm->lock);
	mm_free_vma_list(&dead);
	return (long)start;

fail:
	mutex_unlock(&mm->lock);
	mm_free_vma_list(&dead);
	vma_free(v);
	return ret;
}

long mm_mmap(struct mm *mm, uaddr_t addr, u64 len, int prot, int flags,
	     const struct vm_file_ops *ops, void *file, u64 off)
{
	int type = flags & MAP_TYPE;
	bool anon = flags & MAP_ANONYMOUS;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	unsigned int vflags = prot_to_vm(prot);
	long ret;

	if (!len || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE))
		return -EINVAL;
	if (!IS_ALIGNED(off, PAGE_SIZE))
		return -EINVAL;
	if (fixed && !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > USER_TOP)
		return -ENOMEM;
	if (!anon && off + len < off)
		return -EOVERFLOW;
	if (fixed && (addr >= USER_TOP || len > USER_TOP - addr))
		return -ENOMEM;
	if (!anon && !ops)
		return -EBADF;
	if (type != MAP_PRIVATE)
		vflags |= VM_SHARED;
	if (flags & MAP_GROWSDOWN)
		vflags |= VM_GROWSDOWN;
	if (flags & MAP_NORESERVE)
		vflags |= VM_NORESERVE;
	if (flags & MAP_STACK)
		vflags |= VM_STACK;
	ret = map_common(mm, addr, len, fixed, flags & MAP_FIXED_NOREPLACE && !(flags & MAP_FIXED),
			 vflags, anon ? NULL : ops, anon ? NULL : file, anon ? 0 : off, 0);
	if (ret >= 0 && (flags & MAP_POPULATE))
		populate(mm, (uaddr_t)ret, (uaddr_t)ret + len, prot);
	return ret;
}

int mm_map_region(struct mm *mm, uaddr_t start, u64 len, int prot, int flags,
		  const struct vm_file_ops *ops, void *file, u64 off, uaddr_t file_end)
{
	unsigned int vflags = prot_to_vm(prot);
	long ret;

	if (!IS_ALIGNED(start, PAGE_SIZE) || !IS_ALIGNED(off, PAGE_SIZE) || !len)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || start >= USER_TOP || len > USER_TOP - start)
		return -ENOMEM;
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		vflags |= VM_SHARED;
	if (flags & MAP_GROWSDOWN)
		vflags |= VM_GROWSDOWN;
	if (flags & MAP_ANONYMOUS)
		ops = NULL;
	ret = map_common(mm, start, len, true, false, vflags, ops, file, off, file_end);
	return ret < 0 ? (int)ret : 0;
}

long mm_map_special(struct mm *mm, uaddr_t addr, u64 len, int prot, const struct vm_file_ops *ops,
		    void *file, u64 off)
{
	if ((prot & PROT_WRITE) || !IS_ALIGNED(addr, PAGE_SIZE) || !IS_ALIGNED(len, PAGE_SIZE) ||
	    !IS_ALIGNED(off, PAGE_SIZE) || !len)
		return -EINVAL;
	if (len > USER_TOP || (addr && (addr >= USER_TOP || len > USER_TOP - addr)))
		return -ENOMEM;
	return map_common(mm, addr, len, addr != 0, false,
			  prot_to_vm(prot) | VM_SHARED | VM_NOWRITE, ops, file, off, 0);
}

int mm_munmap(struct mm *mm, uaddr_t addr, u64 len)
{
	LIST_HEAD(dead);
	int err;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || !len || addr >= USER_TOP)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > USER_TOP - addr)
		return -EINVAL;
	mutex_lock(&mm->lock);
	err = unmap_locked(mm, addr, addr + len, &dead);
	mutex_unlock(&mm->lock);
	mm_free_vma_list(&dead);
	return err;
}

/* Re-derive a present (or PROT_NONE-kept) PTE from its VMA's new flags. mm->lock held. */
static int protect_one(uaddr_t va, pte_t *p, void *arg)
{
	unsigned int flags = *(unsigned int *)arg;
	pte_t e = READ_ONCE(*p);
	paddr_t pa = pte_to_pa(e);
	pte_t perm = mm_vma_pte_perm(flags);

	if (!(e & (PTE_V | PTE_PROTNONE)))
		return 0;
	if (!(flags & VM_PROT_MASK)) {
		WRITE_ONCE(*p, pa_to_pte(pa) | PTE_PROTNONE);
		return 0;
	}
	/* a private page gets W back only if it had it (it may still be COW-shared) */
	if (!(flags & VM_SHARED) && !((e & PTE_V) && (e & PTE_W)))
		perm &= ~(PTE_W | PTE_D);
	WRITE_ONCE(*p, pa_to_pte(pa) | perm);
	return 0;
}

int mm_mprotect(struct mm *mm, uaddr_t addr, u64 len, int prot)
{
	unsigned int vflags = prot_to_vm(prot);
	uaddr_t end;
	struct vma *v;
	bool hole = false;
	int err = 0;

	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = addr + len;
	if (end <= addr)
		return -ENOMEM;
	if (end > USER_TOP)
		return -ENOMEM;
	mutex_lock(&mm->lock);
	/*
	 * As Linux: the range must start inside a mapping; the change is applied up to the first
	 * hole, and then the call fails with ENOMEM.
	 */
	v = vma_lookup(&mm->vmas, addr);
	if (!v) {
		err = -ENOMEM;
		goto out;
	}
	if (prot & PROT_WRITE) {
		struct vma *w;

		/* as Linux: a mapping without VM_MAYWRITE refuses before anything changes */
		vma_for_each_in(&mm->vmas, w, addr, end)
		{
			if (w->flags & VM_NOWRITE)
				err = -EACCES;
		}
		if (err)
			goto out;
	}
	while (v->end < end) {
		struct vma *n = vma_next(&mm->vmas, v);

		if (!n || n->start != v->end)
			break;
		v = n;
	}
	if (v->end < end) {
		end = v->end;
		hole = true;
	}
	err = vma_split_range(&mm->vmas, addr, end);
	if (err)
		goto out;
	vma_for_each_in(&mm->vmas, v, addr, end)
	{
		v->flags = (v->flags & ~VM_PROT_MASK) | vflags;
		mm_walk_ptes(mm->pgd, v->start, v->end, protect_one, &v->flags);
	}
	mm_tlb_flush(mm, addr, end - addr);
	/* merge what became alike again, including the neighbours at both edges */
	for (v = vma_find(&mm->vmas, addr); v && v->start <= end; v = vma_next(&mm->vmas, v))
		v = vma_merge(&mm->vmas, v);
	if (hole)
		err = -ENOMEM;
out:
	mutex_unlock(&mm->lock);
	return err;
}

static bool advice_known(int advice)
{
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_REMOVE:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
	case MADV_DONTNEED_LOCKED:
		return true;
	default:
		return false;
	}
}

int mm_madvise(struct mm *mm, uaddr_t addr, u64 len, int advice)
{
	uaddr_t end;
	struct vma *v;
	bool covered;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || !advice_known(advice))
		return -EINVAL;
	end = addr + ALIGN_UP(len, PAGE_SIZE);
	if ((len && end == addr) || end < addr)
		return -EINVAL;
	if (end == addr)
		return 0;
	if (end > USER_TOP)
		return -ENOMEM;
	mutex_lock(&mm->lock);
	covered = vma_covers(&mm->vmas, addr, end);
	if (advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED) {
		vma_for_each_in(&mm->vmas, v, addr, end)
		{
			if (!(v->flags & VM_SHARED))
				mm_zap_pages(mm, MAX(v->start, addr), MIN(v->end, end));
		}
	}
	mutex_unlock(&mm->lock);
	return covered ? 0 : -ENOMEM;
}
