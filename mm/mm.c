/*
 * User address spaces: creation, fork copy, teardown and the page-fault handler (see mm.h).
 * Then the address-space operations: brk, mmap, munmap, mprotect, madvise.
 *
 * A PROT_NONE page that still holds data is kept as an invalid PTE (V clear) with PTE_PROTNONE
 * set and the frame number kept: the hardware ignores every bit of an invalid PTE, and a leaf
 * with none of R/W/X would be read as a pointer to a table. Only the helpers here know the
 * encoding; they free such frames like mapped ones.
 */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "printk.h"
#include "riscv.h"
#include "string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/kmap.h"
#include "mm/mm.h"
#include "uapi/mman.h"

#define PTE_PROTNONE PTE_RSW0 /* with V clear: a PROT_NONE page keeping its frame */

typedef int (*mm_pte_fn)(uaddr_t va, pte_t *pte, void *arg);

static unsigned long level_size(int level)
{
	return PAGE_SIZE << (9 * level);
}

/* The level-0 slot of @va, or NULL if a table is missing; *@next = the next address to try. */
static pte_t *mm_pte_lookup(pagetable_t pt, uaddr_t va, uaddr_t *next)
{
	pagetable_t t = pt;

	for (int level = PT_LEVELS - 1; level > 0; level--) {
		pte_t e = READ_ONCE(t[PT_INDEX(va, level)]);

		if (!(e & PTE_V) || pte_is_leaf(e)) {
			*next = ALIGN_DOWN(va, level_size(level)) + level_size(level);
			return NULL;
		}
		t = pa_to_kva(pte_to_pa(e));
	}
	*next = va + PAGE_SIZE;
	return &t[PT_INDEX(va, 0)];
}

/* Call @fn on every non-zero level-0 slot in [@start, @end), skipping missing tables. */
static int mm_walk_ptes(pagetable_t pt, uaddr_t start, uaddr_t end, mm_pte_fn fn, void *arg)
{
	uaddr_t va = start, next;

	while (va < end) {
		pte_t *p = mm_pte_lookup(pt, va, &next);

		if (p && READ_ONCE(*p)) {
			int err = fn(va, p, arg);

			if (err)
				return err;
		}
		if (next <= va)
			break; /* wrapped at the top of the address space */
		va = next;
	}
	return 0;
}

/* PTE bits for a page of a VMA with @flags (W implies R: W without R is reserved). */
static pte_t mm_vma_pte_perm(unsigned int flags)
{
	pte_t perm = PTE_V | PTE_U | PTE_A;

	if (flags & (VM_READ | VM_WRITE))
		perm |= PTE_R;
	if (flags & VM_WRITE)
		perm |= PTE_W | PTE_D;
	if (flags & VM_EXEC)
		perm |= PTE_X;
	return perm;
}

/* Drop the frame a user PTE (mapped or PROT_NONE) refers to, if the allocator owns it. */
static void put_pte_frame(pte_t e)
{
	struct page *pg = pa_to_page(pte_to_pa(e));

	if (pg && !(pg->flags & PG_RESERVED))
		page_put(pg);
}

static int zap_one(uaddr_t va, pte_t *p, void *arg)
{
	pte_t e = READ_ONCE(*p);

	WRITE_ONCE(*p, 0);
	if ((e & PTE_V) || (e & PTE_PROTNONE))
		put_pte_frame(e);
	return 0;
}

/* Unmap [@start, @end), dropping frames, then flush and prune tables. mm->lock held. */
static void mm_zap_range(struct mm *mm, uaddr_t start, uaddr_t end)
{
	if (start >= end)
		return;
	mm_walk_ptes(mm->pgd, start, end, zap_one, NULL);
	sfence_vma_all();
	pt_prune(mm->pgd, start, end - start);
}

/* Map @va to @pa with @perm (D dropped unless W) and flush @va. mm->lock held. */
static int mm_install_pte(struct mm *mm, uaddr_t va, paddr_t pa, pte_t perm)
{
	pte_t *p = pt_walk(mm->pgd, va, true);

	if (!p)
		return -ENOMEM;
	if (!(perm & PTE_W))
		perm &= ~PTE_D;
	WRITE_ONCE(*p, pa_to_pte(pa) | perm);
	sfence_vma_addr(va);
	return 0;
}

struct mm *mm_create(void)
{
	struct mm *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pgd = pt_create();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	pt_copy_kernel_half(mm->pgd, kernel_pgd);
	spin_lock_init(&mm->lock, "mm");
	vma_set_init(&mm->vmas);
	mm->mmap_base = MM_MMAP_BASE;
	mm->refcount = 1;
	return mm;
}

void mm_get(struct mm *mm)
{
	__atomic_add_fetch(&mm->refcount, 1, __ATOMIC_RELAXED);
}

/* vma_free() every VMA on @dead. No spinlock held (file puts may sleep). */
static void mm_free_vma_list(struct list_head *dead)
{
	while (!list_empty(dead)) {
		struct vma *v = list_entry(dead->next, struct vma, node);

		list_del(&v->node);
		vma_free(v);
	}
}

void mm_put(struct mm *mm)
{
	struct vma *v, *n;
	LIST_HEAD(dead);

	if (__atomic_sub_fetch(&mm->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (csr_read(satp) == pt_satp(mm->pgd))
		mm_activate(NULL);
	/* nobody else can reach mm now: no lock needed */
	vma_for_each_safe(&mm->vmas, v, n)
	{
		mm_walk_ptes(mm->pgd, v->start, v->end, zap_one, NULL);
		vma_remove(&mm->vmas, v);
		list_add_tail(&v->node, &dead);
	}
	pt_destroy(mm->pgd, true);
	kfree(mm);
	mm_free_vma_list(&dead);
}

void mm_activate(struct mm *mm)
{
	csr_write(satp, pt_satp(mm ? mm->pgd : kernel_pgd));
	sfence_vma_all();
}

/* Give every page of a shared anonymous VMA a frame, so that a fork shares all of them. */
static int fill_shared_anon(struct mm *mm, struct vma *v)
{
	for (uaddr_t va = v->start; va < v->end; va += PAGE_SIZE) {
		pte_t *p = pt_walk(mm->pgd, va, true);
		paddr_t pa;

		if (!p)
			return -ENOMEM;
		if (READ_ONCE(*p))
			continue;
		pa = frame_alloc_zeroed(0);
		if (!pa)
			return -ENOMEM;
		WRITE_ONCE(*p,
			   pa_to_pte(pa) | ((v->flags & VM_PROT_MASK) ? mm_vma_pte_perm(v->flags)
								      : PTE_PROTNONE));
	}
	return 0;
}

struct dup_arg {
	struct mm *child;
	struct vma *vma;
};

static int dup_one(uaddr_t va, pte_t *pp, void *arg)
{
	struct dup_arg *d = arg;
	pte_t e = READ_ONCE(*pp);
	struct page *pg;
	pte_t *cp;

	if (!(e & (PTE_V | PTE_PROTNONE)))
		return 0;
	cp = pt_walk(d->child->pgd, va, true);
	if (!cp)
		return -ENOMEM;
	if (!(d->vma->flags & VM_SHARED) && (e & PTE_W)) {
		e &= ~(PTE_W | PTE_D); /* copy-on-write in both */
		WRITE_ONCE(*pp, e);
	}
	pg = pa_to_page(pte_to_pa(e));
	if (pg && !(pg->flags & PG_RESERVED))
		page_get(pg);
	WRITE_ONCE(*cp, e);
	return 0;
}

struct mm *mm_dup(struct mm *parent)
{
	struct mm *child = mm_create();
	struct vma *v;
	int err = 0;

	if (!child)
		return NULL;
	spin_lock(&parent->lock);
	list_for_each_entry (v, &parent->vmas.list, node) {
		struct vma *nv = vma_dup(v);
		struct dup_arg d = {child, v};

		if (!nv) {
			err = -ENOMEM;
			break;
		}
		vma_insert(&child->vmas, nv);
		if ((v->flags & VM_SHARED) && !v->ops)
			err = fill_shared_anon(parent, v);
		if (!err)
			err = mm_walk_ptes(parent->pgd, v->start, v->end, dup_one, &d);
		if (err)
			break;
	}
	child->start_brk = parent->start_brk;
	child->brk = parent->brk;
	child->mmap_base = parent->mmap_base;
	child->vdso_base = parent->vdso_base;
	/* Parent PTEs lost W: flush this hart. Remote harts running parent threads: later issue. */
	sfence_vma_all();
	spin_unlock(&parent->lock);
	if (err) {
		mm_put(child);
		return NULL;
	}
	return child;
}

/* May @access (VM_READ/VM_WRITE/VM_EXEC) touch a page of a VMA with @flags? */
static bool access_allowed(unsigned int flags, unsigned int access)
{
	if (access & VM_WRITE)
		return flags & VM_WRITE;
	if (access & VM_EXEC)
		return flags & VM_EXEC;
	return flags & (VM_READ | VM_WRITE);
}

/* Extend a grows-down VMA just above @va down to @va, if the stack limit allows. */
static struct vma *grow_stack(struct mm *mm, uaddr_t va)
{
	struct vma *v = vma_find(&mm->vmas, va);
	struct vma *prev;

	if (!v || !(v->flags & VM_GROWSDOWN) || v->ops || va >= v->start)
		return NULL;
	if (v->end - va > MM_STACK_LIMIT)
		return NULL;
	prev = vma_prev(&mm->vmas, v);
	if (prev && prev->end > va)
		return NULL;
	v->start = va;
	return v;
}

/* Fault on a present (or PROT_NONE-kept) PTE: COW break, A/D bits, stale TLB. mm->lock held. */
static int fault_present(struct mm *mm, struct vma *v, uaddr_t va, pte_t *p, unsigned int access)
{
	pte_t e = READ_ONCE(*p);
	paddr_t pa = pte_to_pa(e);
	struct page *pg = pa_to_page(pa);

	if (!(e & PTE_V)) {
		/* kept across PROT_NONE but the VMA is accessible again: map it read-only first */
		e = pa_to_pte(pa) | (mm_vma_pte_perm(v->flags) & ~(PTE_W | PTE_D));
		if (v->flags & VM_SHARED)
			e = pa_to_pte(pa) | mm_vma_pte_perm(v->flags);
	}
	if ((access & VM_WRITE) && !(e & PTE_W)) {
		if ((v->flags & VM_SHARED) ||
		    (pg && !(pg->flags & PG_RESERVED) && page_refcount(pg) == 1)) {
			e |= PTE_W | PTE_D;
		} else {
			paddr_t npa = frame_alloc(0);

			if (!npa)
				return -ENOMEM;
			memcpy(pa_to_kva(npa), pa_to_kva(pa), PAGE_SIZE);
			e = pa_to_pte(npa) | (e & PTE_FLAGS_MASK) | PTE_W | PTE_D;
			if (pg && !(pg->flags & PG_RESERVED))
				page_put(pg);
		}
	}
	e |= PTE_A;
	if (access & VM_WRITE)
		e |= PTE_D;
	WRITE_ONCE(*p, e);
	sfence_vma_addr(va);
	return 0;
}

/* Fault on a missing file page: entered with mm->lock held, returns with it released. */
static int fault_file(struct mm *mm, struct vma *v, uaddr_t addr, uaddr_t va)
{
	const struct vm_file_ops *ops = v->ops;
	void *file = v->file;
	u64 off = v->pgoff + (va - v->start);
	uaddr_t file_end = v->file_end;
	bool shared = (v->flags & VM_SHARED) && ops->shared_page;
	unsigned int flags = v->flags;
	paddr_t pa = 0;
	struct vma *w;
	pte_t *p;
	int err = 0;

	if (ops->get)
		ops->get(file);
	spin_unlock(&mm->lock);

	if (shared) {
		pa = ops->shared_page(file, off);
		if (!pa)
			err = -EFAULT;
	} else {
		pa = frame_alloc(0);
		if (!pa) {
			err = -ENOMEM;
		} else {
			err = ops->read_page(file, off, pa_to_kva(pa));
			if (!err && file_end < va + PAGE_SIZE)
				memset((char *)pa_to_kva(pa) + (file_end - va), 0,
				       va + PAGE_SIZE - file_end);
		}
	}

	spin_lock(&mm->lock);
	/* The map may have changed while unlocked: install only into the same mapping. */
	w = vma_lookup(&mm->vmas, addr);
	p = pt_walk(mm->pgd, va, false);
	if (!err && w && w->ops == ops && w->file == file && w->flags == flags &&
	    w->pgoff + (va - w->start) == off && !(p && READ_ONCE(*p))) {
		err = mm_install_pte(mm, va, pa, mm_vma_pte_perm(flags));
		if (!err)
			pa = 0; /* the page table owns it now */
	}
	spin_unlock(&mm->lock);
	if (pa)
		page_put(pa_to_page(pa));
	if (ops->put)
		ops->put(file);
	return err;
}

int vm_fault(struct mm *mm, uaddr_t addr, unsigned int access)
{
	uaddr_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vma *v;
	pte_t *p;
	paddr_t pa;
	int err;

	if (addr >= USER_TOP)
		return -EFAULT;
	spin_lock(&mm->lock);
	v = vma_lookup(&mm->vmas, addr);
	if (!v)
		v = grow_stack(mm, va);
	if (!v || !access_allowed(v->flags, access)) {
		spin_unlock(&mm->lock);
		return v ? -EACCES : -EFAULT; /* SEGV_ACCERR : SEGV_MAPERR */
	}
	p = pt_walk(mm->pgd, va, false);
	if (p && READ_ONCE(*p)) {
		err = fault_present(mm, v, va, p, access);
		spin_unlock(&mm->lock);
		return err;
	}
	if (v->ops && va < v->file_end)
		return fault_file(mm, v, addr, va);

	/* anonymous memory, or wholly past file_end: a zeroed page */
	pa = frame_alloc_zeroed(0);
	if (!pa) {
		spin_unlock(&mm->lock);
		return -ENOMEM;
	}
	err = mm_install_pte(mm, va, pa, mm_vma_pte_perm(v->flags));
	spin_unlock(&mm->lock);
	if (err)
		frame_free(pa, 0);
	return err;
}

paddr_t mm_translate(struct mm *mm, uaddr_t addr, u64 *perm)
{
	paddr_t pa;

	spin_lock(&mm->lock);
	pa = pt_translate(mm->pgd, addr, perm);
	spin_unlock(&mm->lock);
	return pa;
}

/* ---- address-space operations ---- */

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
	spin_lock(&mm->lock);
	mm->start_brk = mm->brk = ALIGN_UP(end_of_bss, PAGE_SIZE);
	spin_unlock(&mm->lock);
}

long mm_brk(struct mm *mm, uaddr_t newbrk)
{
	uaddr_t newend, oldend;
	struct vma *v;
	LIST_HEAD(dead);
	long ret;

	spin_lock(&mm->lock);
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
	spin_unlock(&mm->lock);
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
	spin_lock(&mm->lock);
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
	spin_unlock(&mm->lock);
	mm_free_vma_list(&dead);
	return (long)start;

fail:
	spin_unlock(&mm->lock);
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

int mm_munmap(struct mm *mm, uaddr_t addr, u64 len)
{
	LIST_HEAD(dead);
	int err;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || !len || addr >= USER_TOP)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > USER_TOP - addr)
		return -EINVAL;
	spin_lock(&mm->lock);
	err = unmap_locked(mm, addr, addr + len, &dead);
	spin_unlock(&mm->lock);
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
	spin_lock(&mm->lock);
	/*
	 * As Linux: the range must start inside a mapping; the change is applied up to the first
	 * hole, and then the call fails with ENOMEM.
	 */
	v = vma_lookup(&mm->vmas, addr);
	if (!v) {
		err = -ENOMEM;
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
	sfence_vma_all();
	/* merge what became alike again, including the neighbours at both edges */
	for (v = vma_find(&mm->vmas, addr); v && v->start <= end; v = vma_next(&mm->vmas, v))
		v = vma_merge(&mm->vmas, v);
	if (hole)
		err = -ENOMEM;
out:
	spin_unlock(&mm->lock);
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
	spin_lock(&mm->lock);
	covered = vma_covers(&mm->vmas, addr, end);
	if (advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED) {
		vma_for_each_in(&mm->vmas, v, addr, end) if (!(v->flags & VM_SHARED))
			mm_walk_ptes(mm->pgd, MAX(v->start, addr), MIN(v->end, end), zap_one, NULL);
		sfence_vma_all();
	}
	spin_unlock(&mm->lock);
	return covered ? 0 : -ENOMEM;
}
