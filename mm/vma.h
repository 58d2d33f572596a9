/*
 * The VMA set of an address space: disjoint, page-aligned ranges [start, end) of user space,
 * kept in a list sorted by address (a tree can replace the list behind the same API).
 *
 * Pure bookkeeping: nothing here touches page tables or user memory, so the file is also
 * built into host unit tests (testsuite/host/vma_test.c). The caller serialises every call on
 * one set (the mm lock for a real address space).
 *
 * File references: a VMA with @ops set holds one reference on @file (ops->get). vma_split()
 * and vma_dup() take another for the new VMA; vma_free() drops it.
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include "types.h"
#include "list.h"
#include "mm/memlayout.h"

/* VMA flags. The first three double as access bits for vm_fault(). */
#define VM_READ	     0x1U
#define VM_WRITE     0x2U
#define VM_EXEC	     0x4U
#define VM_SHARED    0x8U  /* MAP_SHARED: writes reach the file or the shared anonymous pages */
#define VM_GROWSDOWN 0x10U /* stack: a fault just below start extends the VMA */
#define VM_NORESERVE 0x20U /* MAP_NORESERVE (recorded only) */
#define VM_STACK     0x40U /* MAP_STACK (recorded only) */
#define VM_NOWRITE   0x80U /* may never become writable (the vDSO): mprotect refuses PROT_WRITE */
#define VM_PROT_MASK (VM_READ | VM_WRITE | VM_EXEC)

struct vm_file_ops;

/* Locks: [m] the lock of the set's owner (mm->lock), [o] the owning set's caller. */
struct vma {
	struct list_head node;	       /* [m] in vma_set.list, sorted by start */
	uaddr_t start, end;	       /* [m] page aligned, start < end */
	unsigned int flags;	       /* [m] VM_* */
	const struct vm_file_ops *ops; /* [m] NULL: anonymous memory */
	void *file;		       /* [m] opaque file the ops act on (one reference held) */
	u64 pgoff;	  /* [m] file offset (bytes, page aligned) that maps to start */
	uaddr_t file_end; /* [m] bytes at or above this address read as zero */
};

struct vma_set {
	struct list_head list; /* [m] of struct vma */
	unsigned long count;   /* [m] number of VMAs */
};

/* vma_set_init - make @set empty. Context: any. */
void vma_set_init(struct vma_set *set);

/*
 * vma_alloc - a new unlinked VMA for [@start, @end) with @flags, anonymous (file_end = @end).
 * Context: any, never sleeps (kmalloc). Returns the VMA, or NULL if out of memory.
 */
struct vma *vma_alloc(uaddr_t start, uaddr_t end, unsigned int flags);

/*
 * vma_dup - an unlinked copy of @v, taking a file reference if @v is file-backed.
 * Context: any, never sleeps; ops->get must not sleep. Returns NULL if out of memory.
 */
struct vma *vma_dup(const struct vma *v);

/*
 * vma_free - free an unlinked VMA and drop its file reference (ops->put, which may sleep if
 * the file's put does). Context: process context, no spinlock held if ops->put may sleep;
 * callers under a spinlock collect VMAs on a list and free them after unlocking.
 */
void vma_free(struct vma *v);

/* vma_find - the first VMA with end > @addr (it may start above @addr), or NULL. */
struct vma *vma_find(struct vma_set *set, uaddr_t addr);

/* vma_lookup - the VMA containing @addr, or NULL. */
struct vma *vma_lookup(struct vma_set *set, uaddr_t addr);

/* vma_prev - the VMA before @v in address order, or NULL. */
struct vma *vma_prev(struct vma_set *set, struct vma *v);

/* vma_next - the VMA after @v in address order, or NULL. */
struct vma *vma_next(struct vma_set *set, struct vma *v);

/* vma_intersects - true if some VMA overlaps [@start, @end). */
bool vma_intersects(struct vma_set *set, uaddr_t start, uaddr_t end);

/* vma_covers - true if VMAs cover every byte of [@start, @end) without a hole. */
bool vma_covers(struct vma_set *set, uaddr_t start, uaddr_t end);

/*
 * vma_insert - link @v into @set at its place. The caller has checked that nothing overlaps
 * it (panics otherwise). Does not merge: call vma_merge() afterwards if wanted.
 */
void vma_insert(struct vma_set *set, struct vma *v);

/* vma_remove - unlink @v from @set (it is not freed). */
void vma_remove(struct vma_set *set, struct vma *v);

/*
 * vma_split - cut @v at @addr (page aligned, strictly inside @v) into [start, addr), which
 * stays @v, and a new VMA [addr, end) linked after it; file offset and reference follow.
 * Returns the new upper VMA, or NULL if out of memory (@v unchanged).
 */
struct vma *vma_split(struct vma_set *set, struct vma *v, uaddr_t addr);

/*
 * vma_mergeable - true if @a (just below) and @b may become one VMA: adjacent, same flags,
 * both anonymous and private (file and shared VMAs are never merged).
 */
bool vma_mergeable(const struct vma *a, const struct vma *b);

/*
 * vma_merge - merge @v with its neighbours where vma_mergeable() allows; freed neighbours are
 * unlinked and freed (anonymous, so no file put). Returns the VMA now covering @v's range.
 */
struct vma *vma_merge(struct vma_set *set, struct vma *v);

/*
 * vma_detach_range - split VMAs at @start and @end as needed, then unlink every VMA inside
 * [@start, @end) and append it to @out (caller frees them with vma_free() after unmapping).
 * Returns 0, or -ENOMEM if a split failed (splits already done stay; nothing is detached).
 */
int vma_detach_range(struct vma_set *set, uaddr_t start, uaddr_t end, struct list_head *out);

/*
 * vma_split_range - split VMAs so that none crosses @start or @end (mprotect, madvise).
 * Returns 0 or -ENOMEM (splits already done stay; they change nothing visible).
 */
int vma_split_range(struct vma_set *set, uaddr_t start, uaddr_t end);

/*
 * vma_gap_topdown - the highest page-aligned address a with [a, a + @len) free of VMAs and
 * inside [@low, @high), the top-down search of Linux's mmap. @len is page aligned and > 0.
 * Returns true and stores a in *@out, or false if no gap fits.
 */
bool vma_gap_topdown(struct vma_set *set, u64 len, uaddr_t low, uaddr_t high, uaddr_t *out);

/* Iterate over VMAs overlapping [start, end) in address order (no removal inside the loop). */
#define vma_for_each_in(set, v, lo, hi)                                                            \
	for ((v) = vma_find((set), (lo)); (v) && (v)->start < (hi); (v) = vma_next((set), (v)))

/* Iterate over every VMA; @n allows removal of @v inside the loop. */
#define vma_for_each_safe(set, v, n)                                                               \
	for ((v) = list_entry((set)->list.next, struct vma, node),                                 \
	    (n) = list_entry((v)->node.next, struct vma, node);                                    \
	     &(v)->node != &(set)->list;                                                           \
	     (v) = (n), (n) = list_entry((n)->node.next, struct vma, node))

#endif
