/*
 * User address spaces: struct mm = Sv39 page table (kernel half shared with kernel_pgd) +
 * sorted VMA set + brk state + mmap base + reference count, and the page-fault handler.
 *
 * Memory model (design.md section 2):
 *   - anonymous memory is allocated zero-filled on first touch;
 *   - mm_dup() (fork) shares every present page: private writable pages become read-only in
 *     both address spaces (refcount + 1); the write fault copies, or re-enables write when the
 *     frame's count is back to 1. Shared mappings stay shared and writable;
 *   - shared anonymous mappings (MAP_SHARED|MAP_ANONYMOUS) are filled in completely by
 *     mm_dup() before being shared, so parent and child see the same frames;
 *   - file-backed pages come through struct vm_file_ops (below); private ones are copies,
 *     shared ones are the page cache's frames.
 * User PTEs always have U and A set; D is set only on writable PTEs.
 *
 * Lock: mm->lock is a sleeping lock (a mutex): tasks that find it taken, such as the other
 * threads faulting while one of them unmaps and shoots down TLBs, sleep instead of spinning.
 * It protects the VMA set, the brk fields and the contents of the page table. Rules:
 *   - never hold it across an access to user memory (copy_*_user may fault, and the fault
 *     takes mm->lock: it would deadlock), never take it with a spinlock held;
 *   - vm_fault() drops it around vm_file_ops->read_page()/shared_page() (which may sleep) and
 *     re-validates afterwards;
 *   - lock order: mm->lock, then the kmalloc class locks and frame_lock.
 * TLB: a change that removes or narrows a mapping, or replaces its frame, is flushed on every
 * CPU that runs on this table at the time (mm->cpumask, kept by mm_activate): locally with
 * sfence.vma, remotely through SBI RFENCE (mm_tlb_flush). A CPU that switches to the table
 * flushes its whole TLB, so it holds no stale entry of it.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "types.h"
#include "lock/mutex.h"
#include "mm/memlayout.h"
#include "mm/pagetable.h"
#include "mm/vma.h"

/*
 * File-backed mappings. The fs layer implements these for struct file; mm only stores @file
 * and calls the ops.
 *   read_page(file, offset, kbuf): fill the PAGE_SIZE buffer @kbuf with the file's bytes at
 *       @offset (page aligned), zero-filled past end of file. Returns 0 or -errno. May sleep.
 *   shared_page(file, offset): the page-cache frame holding @offset, with one reference taken
 *       for the caller (page_get), or 0 on error (past EOF, I/O error). Used for MAP_SHARED;
 *       may be NULL, and then MAP_SHARED file pages are private copies (writes stay local).
 *       May sleep.
 *   get(file), put(file): take / drop a reference on @file. get must not sleep (it runs under
 *       mm->lock); put may sleep only if no caller holds a spinlock (mm always drops it first).
 */
struct vm_file_ops {
	int (*read_page)(void *file, u64 offset, void *kbuf);
	paddr_t (*shared_page)(void *file, u64 offset);
	void (*get)(void *file);
	void (*put)(void *file);
};

#define MM_STACK_LIMIT (8UL << 20)   /* RLIMIT_STACK default: how far a stack may grow */
#define MM_STACK_TOP   USER_TOP	     /* exec places the initial stack just below this */
#define MM_MMAP_GAP    (128UL << 20) /* Linux's minimum gap between stack top and mmap_base */
#define MM_MMAP_BASE   (MM_STACK_TOP - MM_MMAP_GAP)
#define MM_MMAP_MIN    PAGE_SIZE /* lowest address a non-fixed mmap hands out */

/*
 * Locks: [l] mm->lock; [a] atomic access; [I] immutable after mm_create().
 */
struct mm {
	struct mutex lock;
	pagetable_t pgd;     /* [I] root table; contents [l] */
	struct vma_set vmas; /* [l] */
	uaddr_t start_brk;   /* [l] page-aligned end of bss set by exec; brk never goes below */
	uaddr_t brk;	     /* [l] current break (byte exact, as the program asked) */
	uaddr_t mmap_base;   /* [l] top of the top-down mmap search */
	uaddr_t vdso_base;   /* [l] where exec mapped the vDSO, 0 if none */
	uaddr_t arg_start;   /* [I] after exec: the argv strings on the initial stack ... */
	uaddr_t arg_end;     /* [I] ... end at arg_end (/proc/<pid>/cmdline reads them) */
	u64 cpumask;	     /* [a] CPUs running on this table now (bit = logical id) */
	u32 refcount;	     /* [a] tasks (and other holders) using this mm */
};

/*
 * mm_create - a new empty address space: a root table with the kernel half of kernel_pgd,
 * no VMAs, brk 0, mmap_base MM_MMAP_BASE, refcount 1.
 * Context: any, never sleeps. Returns the mm, or NULL if out of memory.
 */
struct mm *mm_create(void);

/* mm_get - take one more reference on @mm. Context: any. */
void mm_get(struct mm *mm);

/*
 * mm_put - drop a reference; the last one frees the VMAs (dropping file references), every
 * user frame (page_put) and the page tables. If this hart still runs on @mm's table, it
 * switches to kernel_pgd first; no other hart may be running on it.
 * Context: process context, no spinlock held (file puts may sleep).
 */
void mm_put(struct mm *mm);

/*
 * mm_dup - copy @parent for fork(): same VMAs (file references taken), every present page
 * shared; private writable pages become read-only copy-on-write in both; shared mappings stay
 * shared and writable. Flushes this hart's TLB (the parent's PTEs changed); remote harts
 * running @parent's threads are not shot down yet (later issue).
 * Context: process context; takes @parent->lock. Returns the child (refcount 1) or NULL
 * (-ENOMEM; nothing of the parent is changed in a way that matters: pages stay COW-shared
 * only until their next write fault).
 */
struct mm *mm_dup(struct mm *parent);

/*
 * mm_tlb_flush - flush [@va, @va + @size) of @mm on every CPU running it (@size 0: all of it).
 * Context: any; call after the PTE change is written.
 */
void mm_tlb_flush(struct mm *mm, uaddr_t va, u64 size);

/*
 * mm_activate - run this hart on @mm's page table (write satp, sfence.vma); NULL switches to
 * kernel_pgd. Context: any, interrupts may be on; the caller keeps @mm alive while in use.
 */
void mm_activate(struct mm *mm);

/*
 * vm_fault - resolve a fault of @access (one of VM_READ, VM_WRITE, VM_EXEC) at user address
 * @addr in @mm: zero-fill anonymous pages, read file pages, break COW, grow a VM_GROWSDOWN
 * stack (to at most MM_STACK_LIMIT below its end), or fix up A/D bits and stale TLB entries.
 * Context: process or trap context with @mm alive; must not hold @mm->lock (takes it, drops it
 * around file I/O, which may sleep when the file ops do).
 * Returns 0 if the access may be retried, -EFAULT (no VMA), -EACCES (the VMA forbids @access),
 * -ENOMEM, or the read_page error (-EIO ...).
 */
int vm_fault(struct mm *mm, uaddr_t addr, unsigned int access);

/*
 * mm_set_brk_base - exec: the program break starts at PAGE_ALIGN(@end_of_bss); brk(0) then
 * returns that address. Context: exec, before the program runs; takes mm->lock.
 */
void mm_set_brk_base(struct mm *mm, uaddr_t end_of_bss);

/*
 * mm_brk - brk(2) exactly as Linux: @newbrk below start_brk, or a growth that would overlap
 * another mapping (or leave no guard page below it) or fails for memory, leaves the break
 * alone; otherwise the heap VMA grows (zero-filled on touch) or shrinks (pages unmapped)
 * at page granularity and the break becomes @newbrk byte for byte.
 * Context: process context; takes mm->lock. Returns the (new or unchanged) break.
 */
long mm_brk(struct mm *mm, uaddr_t newbrk);

/*
 * mm_mmap - mmap(2). @prot PROT_*, @flags MAP_*; @ops/@file/@off describe the file unless
 * MAP_ANONYMOUS (@ops NULL for a non-anonymous mapping gives -EBADF). Without MAP_FIXED(_
 * NOREPLACE) @addr is a hint used if the range is free, else the highest free gap below
 * mm->mmap_base (then below USER_TOP) is taken. MAP_FIXED replaces whatever was there.
 * MAP_POPULATE pre-faults the pages (errors ignored, as Linux).
 * Context: process context; takes mm->lock; may sleep (file puts, populate).
 * Returns the address, or -EINVAL (len 0, bad flags type, unaligned fixed address or offset,
 * unknown prot bits), -ENOMEM (no room, fixed range beyond USER_TOP, out of memory), -EEXIST
 * (MAP_FIXED_NOREPLACE over a mapping), -EOVERFLOW (offset + len wraps), -EBADF.
 */
long mm_mmap(struct mm *mm, uaddr_t addr, u64 len, int prot, int flags,
	     const struct vm_file_ops *ops, void *file, u64 off);

/*
 * mm_map_region - exec's loader: map [@start, @start + @len) at exactly that place (replacing
 * what was there, like MAP_FIXED), @prot PROT_*, @flags MAP_* (MAP_PRIVATE or MAP_SHARED,
 * MAP_ANONYMOUS, MAP_GROWSDOWN), file-backed from @off if @ops is set. @start must be page
 * aligned; @len is rounded up to pages. @file_end (an address; 0 = no limit) makes every byte
 * at or above it read as zero: an ELF segment maps start = ALIGN_DOWN(p_vaddr), off =
 * ALIGN_DOWN(p_offset), len = p_vaddr + p_memsz - start, file_end = p_vaddr + p_filesz, so
 * the tail of the last file page and the bss read as zero without touching the file.
 * Context and returns as mm_mmap() (0 on success).
 */
int mm_map_region(struct mm *mm, uaddr_t start, u64 len, int prot, int flags,
		  const struct vm_file_ops *ops, void *file, u64 off, uaddr_t file_end);

/*
 * mm_map_special - map pages the kernel owns (the vDSO) into @mm: [@addr, @addr + @len)
 * exactly (replacing what was there), or, if @addr is 0, the highest free gap below
 * mm->mmap_base. The mapping is shared, so fork keeps the same frames, and can never become
 * writable (mprotect adding PROT_WRITE fails with -EACCES). Each page comes, on first touch,
 * from @ops->shared_page(@file, @off + its offset in the mapping).
 * Context: process context (exec); takes mm->lock.
 * Returns the address, or -EINVAL (@prot has PROT_WRITE, @addr or @len not page aligned, @len
 * 0), -ENOMEM (no room, range beyond USER_TOP, out of memory).
 */
long mm_map_special(struct mm *mm, uaddr_t addr, u64 len, int prot, const struct vm_file_ops *ops,
		    void *file, u64 off);

/*
 * mm_munmap - munmap(2): unmap every page in [@addr, @addr + PAGE_ALIGN(@len)), splitting
 * VMAs at the edges; holes are fine. Context: process context; takes mm->lock.
 * Returns 0, -EINVAL (unaligned @addr, @len 0, range beyond USER_TOP), -ENOMEM (split failed).
 */
int mm_munmap(struct mm *mm, uaddr_t addr, u64 len);

/*
 * mm_mprotect - mprotect(2): set @prot on [@addr, @addr + PAGE_ALIGN(@len)). Private pages
 * still shared copy-on-write stay read-only until their write fault.
 * Context: process context; takes mm->lock.
 * Returns 0, -EINVAL (unaligned @addr, unknown @prot bits), -EACCES (PROT_WRITE asked of a
 * mapping that may never be writable: nothing changes), -ENOMEM (range wraps, or does not
 * start in a mapping: nothing changes; or runs into a hole: the part before it is changed, as
 * Linux does; or out of memory while splitting).
 */
int mm_mprotect(struct mm *mm, uaddr_t addr, u64 len, int prot);

/*
 * mm_madvise - madvise(2). MADV_DONTNEED (and _LOCKED) zaps private pages of the range, so the
 * next touch of anonymous memory reads zero and of a private file mapping re-reads the file;
 * shared mappings are left alone. Other known advice values are accepted and ignored.
 * Context: process context; takes mm->lock.
 * Returns 0, -EINVAL (unaligned @addr, unknown advice, wrap), -ENOMEM (part of the range not
 * mapped; the mapped parts were still advised, as Linux).
 */
int mm_madvise(struct mm *mm, uaddr_t addr, u64 len, int advice);

/*
 * mm_translate - the physical address @addr maps to in @mm with its PTE flags in *@perm (may
 * be NULL), or 0 if not present. For tests and debugging. Context: takes mm->lock.
 */
paddr_t mm_translate(struct mm *mm, uaddr_t addr, u64 *perm);

/*
 * mm_read_remote - copy up to @len bytes at user address @addr of @mm (not necessarily the
 * caller's) into the kernel buffer @buf, faulting pages in as a read by the owner would.
 * Stops at the first byte that cannot be read. Context: process context, no spinlock held,
 * @mm->lock not held, a reference on @mm held. Returns the number of bytes copied.
 */
size_t mm_read_remote(struct mm *mm, uaddr_t addr, void *buf, size_t len);

/*
 * mm_usage - the bytes mapped by @mm's VMAs into *@vsize and its present pages into
 * *@rss_pages. Context: as mm_read_remote() (takes @mm->lock).
 */
void mm_usage(struct mm *mm, u64 *vsize, u64 *rss_pages);

/*
 * mm_walk_vmas - call @fn(v, @arg) on each VMA of @mm in address order, under @mm->lock:
 * @fn must not sleep on user memory or take mm->lock. Context: as mm_read_remote().
 */
void mm_walk_vmas(struct mm *mm, void (*fn)(const struct vma *v, void *arg), void *arg);

#endif
