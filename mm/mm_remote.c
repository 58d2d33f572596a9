/*
 * Looking into another task's address space (for /proc/<pid>): copying bytes out of it,
 * its size and resident pages, and a walk over its VMAs. The caller holds a reference on
 * the mm (mm_get), so it cannot go away; mm->lock keeps its pages from being unmapped while
 * they are copied.
 */
#include "mm/mm.h"
#include "string.h"

size_t mm_read_remote(struct mm *mm, uaddr_t addr, void *buf, size_t len)
{
	size_t done = 0;
	bool faulted = false;

	while (done < len) {
		uaddr_t va = addr + done;
		size_t chunk = MIN(len - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		paddr_t pa;
		u64 perm;

		if (va < addr || va + chunk > USER_TOP)
			break;
		mutex_lock(&mm->lock);
		pa = pt_translate(mm->pgd, va, &perm);
		if (pa && (perm & PTE_R)) {
			memcpy((u8 *)buf + done, pa_to_kva(pa), chunk);
			mutex_unlock(&mm->lock);
			done += chunk;
			faulted = false;
			continue;
		}
		mutex_unlock(&mm->lock);
		/* Not present: bring it in as a read by its owner would, then look again. */
		if (faulted || vm_fault(mm, va, VM_READ) != 0)
			break;
		faulted = true;
	}
	return done;
}

void mm_usage(struct mm *mm, u64 *vsize, u64 *rss_pages)
{
	struct vma *v;
	u64 size = 0, rss = 0;

	mutex_lock(&mm->lock);
	list_for_each_entry (v, &mm->vmas.list, node) {
		size += v->end - v->start;
		for (uaddr_t va = v->start; va < v->end; va += PAGE_SIZE)
			if (pt_translate(mm->pgd, va, NULL))
				rss++;
	}
	mutex_unlock(&mm->lock);
	*vsize = size;
	*rss_pages = rss;
}

void mm_walk_vmas(struct mm *mm, void (*fn)(const struct vma *v, void *arg), void *arg)
{
	struct vma *v;

	mutex_lock(&mm->lock);
	list_for_each_entry (v, &mm->vmas.list, node)
		fn(v, arg);
	mutex_unlock(&mm->lock);
}
