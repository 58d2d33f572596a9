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
#include "mm/mm_internal.h"
#include "sbi/sbi.h"
#include "sched/cpu.h"
#include "uapi/mman.h"

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
int mm_walk_ptes(pagetable_t pt, uaddr_t start, uaddr_t end, mm_pte_fn fn, void *arg)
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
pte_t mm_vma_pte_perm(unsigned int flags)
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

/*
 * Frames unmapped from a live address space are put only after the TLB flush, so that no CPU
 * can still write to a frame that was handed to someone else.
 */
static void zap_batch_flush(struct zap_batch *b)
{
	mm_tlb_flush(b->mm, 0, 0);
	for (int i = 0; i < b->n; i++)
		put_pte_frame(b->ptes[i]);
	b->n = 0;
}

int mm_zap_one(uaddr_t va, pte_t *p, void *arg)
{
	struct zap_batch *b = arg;
	pte_t e = READ_ONCE(*p);

	WRITE_ONCE(*p, 0);
	if (!(e & PTE_V) && !(e & PTE_PROTNONE))
		return 0;
	if (!b) {
		put_pte_frame(e); /* a dead address space: no CPU runs on it */
		return 0;
	}
	if (b->n == ZAP_BATCH)
		zap_batch_flush(b);
	b->ptes[b->n++] = e;
	return 0;
}

void mm_zap_pages(struct mm *mm, uaddr_t start, uaddr_t end)
{
	struct zap_batch b = {.mm = mm, .n = 0};

	assert_mutex_held(&mm->lock);
	mm_walk_ptes(mm->pgd, start, end, mm_zap_one, &b);
	mm_tlb_flush(mm, start, end - start);
	for (int i = 0; i < b.n; i++)
		put_pte_frame(b.ptes[i]);
}

/* Unmap [@start, @end), dropping frames, then flush and prune tables. mm->lock held. */
void mm_zap_range(struct mm *mm, uaddr_t start, uaddr_t end)
{
	if (start >= end)
		return;
	mm_zap_pages(mm, start, end);
	pt_prune(mm->pgd, start, end - start);
}

/* Map @va to @pa with @perm (D dropped unless W) and flush @va. mm->lock held. */
int mm_install_pte(struct mm *mm, uaddr_t va, paddr_t pa, pte_t perm)
{
	pte_t *p;

	assert_mutex_held(&mm->lock);
	p = pt_walk(mm->pgd, va, true);
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
	mutex_init(&mm->lock, "mm");
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
void mm_free_vma_list(struct list_head *dead)
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
		mm_walk_ptes(mm->pgd, v->start, v->end, mm_zap_one, NULL);
		vma_remove(&mm->vmas, v);
		list_add_tail(&v->node, &dead);
	}
	pt_destroy(mm->pgd, true);
	kfree(mm);
	mm_free_vma_list(&dead);
}

void mm_activate(struct mm *mm)
{
	struct cpu *c = this_cpu();
	u64 bit = 1UL << c->id;

	if (c->active_mm)
		__atomic_fetch_and(&c->active_mm->cpumask, ~bit, __ATOMIC_SEQ_CST);
	c->active_mm = mm;
	if (mm)
		__atomic_fetch_or(&mm->cpumask, bit, __ATOMIC_SEQ_CST);
	/* After the bit is visible: a shootdown from now on reaches this CPU; anything older is
	 * gone with the full flush below. */
	csr_write(satp, pt_satp(mm ? mm->pgd : kernel_pgd));
	sfence_vma_all();
}

void mm_tlb_flush(struct mm *mm, uaddr_t va, u64 size)
{
	struct cpu *c = this_cpu();
	u64 others, harts = 0;

	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the PTE writes before the mask is read */
	if (size && size <= 16 * PAGE_SIZE) {
		for (u64 off = 0; off < size; off += PAGE_SIZE)
			sfence_vma_addr(va + off);
	} else {
		sfence_vma_all();
	}
	others = __atomic_load_n(&mm->cpumask, __ATOMIC_SEQ_CST) & ~(1UL << c->id);
	for (int i = 0; others; i++, others >>= 1)
		if (others & 1)
			harts |= 1UL << cpus[i].hartid;
	if (harts)
		sbi_remote_sfence_vma(harts, 0, size ? va : 0, size ? size : ~0UL);
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
	mutex_lock(&parent->lock);
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
	child->arg_start = parent->arg_start;
	child->arg_end = parent->arg_end;
	/* Parent PTEs lost W: flush every CPU running the parent (its other threads). */
	mm_tlb_flush(parent, 0, 0);
	mutex_unlock(&parent->lock);
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
			/* The old frame goes away only after no CPU can reach it any more. */
			WRITE_ONCE(*p, e | PTE_A);
			mm_tlb_flush(mm, va, PAGE_SIZE);
			if (pg && !(pg->flags & PG_RESERVED))
				page_put(pg);
			return 0;
		}
	}
	e |= PTE_A;
	if (access & VM_WRITE)
		e |= PTE_D;
	WRITE_ONCE(*p, e);
	sfence_vma_addr(va); /* only gained rights: other CPUs fault and come here themselves */
	return 0;
}

/*
 * Fault on a missing file page: entered with mm->lock held, returns with it released.
 * Shared mappings map the page cache's frame. A private mapping read (or executed) wholly
 * below file_end maps it too, without write permission, so that the first write copies it
 * (fault_present: the cache holds a reference); otherwise the page is a private copy.
 */
static int fault_file(struct mm *mm, struct vma *v, uaddr_t addr, uaddr_t va, unsigned int access)
{
	const struct vm_file_ops *ops = v->ops;
	void *file = v->file;
	u64 off = v->pgoff + (va - v->start);
	uaddr_t file_end = v->file_end;
	bool cow_share = !(v->flags & VM_SHARED) && ops->shared_page && !(access & VM_WRITE) &&
			 va + PAGE_SIZE <= file_end;
	bool shared = ((v->flags & VM_SHARED) && ops->shared_page) || cow_share;
	unsigned int flags = v->flags;
	u64 perm = mm_vma_pte_perm(flags);
	paddr_t pa = 0;
	struct vma *w;
	pte_t *p;
	int err = 0;

	if (ops->get)
		ops->get(file);
	mutex_unlock(&mm->lock);

	if (cow_share)
		perm &= ~(u64)(PTE_W | PTE_D);
	if (shared) {
		pa = ops->shared_page(file, off);
		if (!pa && cow_share) {
			shared = cow_share = false; /* the file cannot share: copy it */
			perm = mm_vma_pte_perm(flags);
		} else if (!pa) {
			err = -EFAULT;
		}
	}
	if (!shared) {
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

	mutex_lock(&mm->lock);
	/* The map may have changed while unlocked: install only into the same mapping. */
	w = vma_lookup(&mm->vmas, addr);
	p = pt_walk(mm->pgd, va, false);
	if (!err && w && w->ops == ops && w->file == file && w->flags == flags &&
	    w->pgoff + (va - w->start) == off && !(p && READ_ONCE(*p))) {
		err = mm_install_pte(mm, va, pa, perm);
		if (!err)
			pa = 0; /* the page table owns it now */
	}
	mutex_unlock(&mm->lock);
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
	mutex_lock(&mm->lock);
	v = vma_lookup(&mm->vmas, addr);
	if (!v)
		v = grow_stack(mm, va);
	if (!v || !access_allowed(v->flags, access)) {
		mutex_unlock(&mm->lock);
		return v ? -EACCES : -EFAULT; /* SEGV_ACCERR : SEGV_MAPERR */
	}
	p = pt_walk(mm->pgd, va, false);
	if (p && READ_ONCE(*p)) {
		err = fault_present(mm, v, va, p, access);
		mutex_unlock(&mm->lock);
		return err;
	}
	if (v->ops && va < v->file_end)
		return fault_file(mm, v, addr, va, access);

	/* anonymous memory, or wholly past file_end: a zeroed page */
	pa = frame_alloc_zeroed(0);
	if (!pa) {
		mutex_unlock(&mm->lock);
		return -ENOMEM;
	}
	err = mm_install_pte(mm, va, pa, mm_vma_pte_perm(v->flags));
	mutex_unlock(&mm->lock);
	if (err)
		frame_free(pa, 0);
	return err;
}

paddr_t mm_translate(struct mm *mm, uaddr_t addr, u64 *perm)
{
	paddr_t pa;

	mutex_lock(&mm->lock);
	pa = pt_translate(mm->pgd, addr, perm);
	mutex_unlock(&mm->lock);
	return pa;
}
