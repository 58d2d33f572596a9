/*
 * In-kernel tests of user address spaces (mm/mm.h): COW fork, brk, mmap, munmap, mprotect,
 * madvise, stack growth and file-backed pages through a fake file. Each test runs the boot
 * hart on its own mm with current->mm set, then restores kernel_pgd and the old current->mm.
 */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "string.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "task/task.h"
#include "uapi/mman.h"
#include "testsuite/ktest/ktest.h"

#define UBASE	   0x10000000UL
#define PG	   PAGE_SIZE
#define RW	   (PROT_READ | PROT_WRITE)
#define ANON_FIXED (MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static struct mm *saved_mm;

static struct mm *enter(struct mm *mm)
{
	current->mm = mm;
	mm_activate(mm);
	return mm;
}

static struct mm *begin(void)
{
	struct mm *mm = mm_create();

	saved_mm = current->mm;
	if (mm)
		enter(mm);
	return mm;
}

static void end(struct mm *mm)
{
	current->mm = saved_mm;
	mm_activate(saved_mm);
	if (mm)
		mm_put(mm);
}

static bool map(struct mm *mm, uaddr_t addr, u64 len, int prot)
{
	return mm_mmap(mm, addr, len, prot, ANON_FIXED, NULL, NULL, 0) == (long)addr;
}

static bool user_is_zero(uaddr_t a, size_t n)
{
	u8 b[64];

	while (n) {
		size_t c = MIN(n, sizeof(b));

		if (copy_from_user(b, a, c))
			return false;
		for (size_t i = 0; i < c; i++)
			if (b[i])
				return false;
		a += c;
		n -= c;
	}
	return true;
}

KTEST(mm_user, cow_fork)
{
	u64 free0 = frame_free_count(), perm;
	struct mm *parent = mm_create(), *child;
	paddr_t ppa, cpa;
	char buf[16];

	KT_ASSERT(r, parent);
	saved_mm = current->mm;
	enter(parent);
	KT_EXPECT(r, map(parent, UBASE, 2 * PG, RW));
	KT_EXPECT(r, copy_to_user(UBASE, "original", 9) == 0);
	child = mm_dup(parent);
	KT_ASSERT(r, child);
	ppa = mm_translate(parent, UBASE, &perm);
	KT_EXPECT(r, !(perm & PTE_W));
	cpa = mm_translate(child, UBASE, &perm);
	KT_EXPECT(r, ppa && ppa == cpa && !(perm & PTE_W) && (perm & PTE_U));
	KT_EXPECT(r, page_refcount(pa_to_page(ppa)) == 2);
	KT_EXPECT(r, mm_translate(child, UBASE + PG, NULL) == 0); /* never touched: not copied */
	/* the parent writes: it gets a copy, the child keeps the original */
	KT_EXPECT(r, copy_to_user(UBASE, "PARENT!", 8) == 0);
	ppa = mm_translate(parent, UBASE, &perm);
	KT_EXPECT(r, ppa != cpa && (perm & PTE_W) && (perm & PTE_D));
	KT_EXPECT(r, memcmp(pa_to_kva(cpa), "original", 9) == 0);
	KT_EXPECT(r, page_refcount(pa_to_page(cpa)) == 1);
	/* the child writes: the count is 1, so write is re-enabled in place */
	enter(child);
	KT_EXPECT(r, copy_from_user(buf, UBASE, 9) == 0 && memcmp(buf, "original", 9) == 0);
	KT_EXPECT(r, copy_to_user(UBASE, "child", 6) == 0);
	KT_EXPECT(r, mm_translate(child, UBASE, &perm) == cpa && (perm & PTE_W));
	enter(parent);
	KT_EXPECT(r, copy_from_user(buf, UBASE, 8) == 0 && memcmp(buf, "PARENT!", 8) == 0);
	current->mm = saved_mm;
	mm_activate(saved_mm);
	mm_put(child);
	mm_put(parent);
	KT_EXPECT(r, frame_free_count() == free0);
}

KTEST(mm_user, fork_shared_anon)
{
	struct mm *mm = begin(), *child;
	long a;
	u32 v = 0;

	KT_ASSERT(r, mm);
	a = mm_mmap(mm, 0, 3 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, NULL, NULL, 0);
	KT_EXPECT(r, a > 0);
	child = mm_dup(mm);
	KT_ASSERT(r, child);
	KT_EXPECT(r, put_user_u32((uaddr_t)a + PG, 42) == 0);
	enter(child);
	KT_EXPECT(r, get_user_u32(&v, (uaddr_t)a + PG) == 0 && v == 42);
	KT_EXPECT(r, put_user_u32((uaddr_t)a, 7) == 0);
	enter(mm);
	KT_EXPECT(r, get_user_u32(&v, (uaddr_t)a) == 0 && v == 7);
	mm_put(child);
	end(mm);
}

KTEST(mm_user, brk_byte_exact)
{
	struct mm *mm = begin();
	uaddr_t base;

	KT_ASSERT(r, mm);
	mm_set_brk_base(mm, 0x20000123);
	base = 0x20001000;
	KT_EXPECT(r, mm_brk(mm, 0) == (long)base);
	KT_EXPECT(r, mm_brk(mm, base - 1) == (long)base); /* below the start: unchanged */
	KT_EXPECT(r, mm_brk(mm, base + 0x2345) == (long)(base + 0x2345));
	KT_EXPECT(r, mm_brk(mm, 0) == (long)(base + 0x2345));
	KT_EXPECT(r, user_is_zero(base, 0x3000));
	KT_EXPECT(r, copy_to_user(base + 0x2fff, "x", 1) == 0);
	KT_EXPECT(r, copy_to_user(base + 0x3000, "x", 1) == 1);
	KT_EXPECT(r, copy_to_user(base + 0x1000, "data", 4) == 0);
	/* shrink: pages above the new end go away; same page keeps its bytes */
	KT_EXPECT(r, mm_brk(mm, base + 0x100) == (long)(base + 0x100));
	KT_EXPECT(r, copy_to_user(base + 0x1000, "x", 1) == 1);
	KT_EXPECT(r, copy_to_user(base + 0xfff, "x", 1) == 0);
	/* grow again: the new pages read zero */
	KT_EXPECT(r, mm_brk(mm, base + 0x1800) == (long)(base + 0x1800));
	KT_EXPECT(r, user_is_zero(base + 0x1000, 0x1000));
	KT_EXPECT(r, mm->vmas.count == 1);
	/* growth into (or up against) another mapping fails and returns the old break */
	KT_EXPECT(r, map(mm, base + 0x10000, PG, RW));
	KT_EXPECT(r, mm_brk(mm, base + 0xf800) == (long)(base + 0x1800));
	KT_EXPECT(r, mm_brk(mm, base + 0x20000) == (long)(base + 0x1800));
	KT_EXPECT(r, mm_brk(mm, base + 0xf000) == (long)(base + 0xf000));
	end(mm);
}

KTEST(mm_user, mmap_rules)
{
	struct mm *mm = begin();
	long a, b;

	KT_ASSERT(r, mm);
	KT_EXPECT(r, map(mm, UBASE, 2 * PG, RW));
	KT_EXPECT(r,
		  mm_mmap(mm, UBASE + PG, PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			  NULL, NULL, 0) == -EEXIST);
	KT_EXPECT(r, mm_mmap(mm, UBASE + 2 * PG, PG, RW,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, NULL, NULL,
			     0) == (long)(UBASE + 2 * PG));
	KT_EXPECT(r, mm->vmas.count == 1); /* merged with its neighbour */
	KT_EXPECT(r, mm_mmap(mm, UBASE, 0, RW, ANON_FIXED, NULL, NULL, 0) == -EINVAL);
	KT_EXPECT(r, mm_mmap(mm, UBASE + 1, PG, RW, ANON_FIXED, NULL, NULL, 0) == -EINVAL);
	KT_EXPECT(r, mm_mmap(mm, 0, PG, RW, MAP_ANONYMOUS, NULL, NULL, 0) == -EINVAL);
	KT_EXPECT(r, mm_mmap(mm, 0, PG, RW, MAP_PRIVATE, NULL, NULL, 0) == -EBADF);
	KT_EXPECT(r, mm_mmap(mm, USER_TOP - PG, 2 * PG, RW, ANON_FIXED, NULL, NULL, 0) == -ENOMEM);
	KT_EXPECT(r, mm_mmap(mm, 0, USER_TOP, RW, MAP_PRIVATE | MAP_ANONYMOUS, NULL, NULL, 0) ==
			     -ENOMEM);
	/* no hint: top-down below mmap_base */
	a = mm_mmap(mm, 0, 3 * PG, RW, MAP_PRIVATE | MAP_ANONYMOUS, NULL, NULL, 0);
	KT_EXPECT(r, a == (long)(MM_MMAP_BASE - 3 * PG));
	b = mm_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, NULL, 0);
	KT_EXPECT(r, b == a - (long)PG);
	/* a free hint is taken (rounded up), a busy one is not */
	KT_EXPECT(r, mm_mmap(mm, 0x30000001, PG, RW, MAP_PRIVATE | MAP_ANONYMOUS, NULL, NULL, 0) ==
			     0x30001000);
	KT_EXPECT(r, mm_mmap(mm, UBASE, PG, RW, MAP_PRIVATE | MAP_ANONYMOUS, NULL, NULL, 0) ==
			     b - (long)PG);
	/* MAP_FIXED replaces parts of several VMAs */
	KT_EXPECT(r, copy_to_user(UBASE, "keep", 4) == 0);
	KT_EXPECT(r, copy_to_user(UBASE + PG, "gone", 4) == 0);
	KT_EXPECT(r, mm_mmap(mm, UBASE + PG, 2 * PG, PROT_READ, ANON_FIXED, NULL, NULL, 0) ==
			     (long)(UBASE + PG));
	KT_EXPECT(r, user_is_zero(UBASE + PG, 4));
	KT_EXPECT(r, !user_is_zero(UBASE, 4));
	/* MAP_POPULATE fills the pages at once */
	a = mm_mmap(mm, UBASE + 16 * PG, 2 * PG, RW, ANON_FIXED | MAP_POPULATE, NULL, NULL, 0);
	KT_EXPECT(r, a > 0 && mm_translate(mm, UBASE + 17 * PG, NULL) != 0);
	end(mm);
}

KTEST(mm_user, munmap_splits)
{
	struct mm *mm = begin();
	u32 v;

	KT_ASSERT(r, mm);
	KT_EXPECT(r, map(mm, UBASE, 4 * PG, RW));
	for (int i = 0; i < 4; i++)
		KT_EXPECT(r, put_user_u32(UBASE + i * PG, 100 + i) == 0);
	KT_EXPECT(r, mm_munmap(mm, UBASE + PG + 1, PG) == -EINVAL);
	KT_EXPECT(r, mm_munmap(mm, UBASE + PG, 0) == -EINVAL);
	KT_EXPECT(r, mm_munmap(mm, UBASE + PG, PG + 1) == 0); /* rounds up to 2 pages */
	KT_EXPECT(r, mm->vmas.count == 2);
	KT_EXPECT(r, mm_translate(mm, UBASE + PG, NULL) == 0);
	KT_EXPECT(r, mm_translate(mm, UBASE + 2 * PG, NULL) == 0);
	KT_EXPECT(r, get_user_u32(&v, UBASE + PG) == -EFAULT);
	KT_EXPECT(r, get_user_u32(&v, UBASE) == 0 && v == 100);
	KT_EXPECT(r, get_user_u32(&v, UBASE + 3 * PG) == 0 && v == 103);
	KT_EXPECT(r, mm_munmap(mm, UBASE + 8 * PG, PG) == 0); /* a hole is fine */
	KT_EXPECT(r, mm_munmap(mm, 0, USER_TOP) == 0);
	KT_EXPECT(r, mm->vmas.count == 0);
	end(mm);
}

KTEST(mm_user, mprotect_rules)
{
	struct mm *mm = begin();

	KT_ASSERT(r, mm);
	KT_EXPECT(r, map(mm, UBASE, PG, RW));
	KT_EXPECT(r, map(mm, UBASE + 2 * PG, PG, RW));
	/* Linux changes the part before the hole, then fails. */
	KT_EXPECT(r, mm_mprotect(mm, UBASE, 3 * PG, PROT_READ) == -ENOMEM);
	KT_EXPECT(r, copy_to_user(UBASE, "w", 1) == 1);
	KT_EXPECT(r, copy_to_user(UBASE + 2 * PG, "w", 1) == 0);
	KT_EXPECT(r,
		  mm_mprotect(mm, UBASE + PG, PG, PROT_READ) == -ENOMEM); /* starts in the hole */
	KT_EXPECT(r, mm_mprotect(mm, UBASE, PG, RW) == 0);
	KT_EXPECT(r, mm_mprotect(mm, UBASE + 1, PG, PROT_READ) == -EINVAL);
	KT_EXPECT(r, mm_mprotect(mm, UBASE, PG, 0x80) == -EINVAL);
	KT_EXPECT(r, mm_mprotect(mm, UBASE, 0, PROT_READ) == 0);
	KT_EXPECT(r, map(mm, UBASE + PG, PG, RW));
	KT_EXPECT(r, mm->vmas.count == 1);
	KT_EXPECT(r, mm_mprotect(mm, UBASE + PG, PG, PROT_READ) == 0);
	KT_EXPECT(r, mm->vmas.count == 3);
	KT_EXPECT(r, copy_to_user(UBASE + PG, "w", 1) == 1);
	KT_EXPECT(r, copy_to_user(UBASE + 2 * PG, "w", 1) == 0);
	KT_EXPECT(r, mm_mprotect(mm, UBASE + PG, PG, RW) == 0);
	KT_EXPECT(r, mm->vmas.count == 1);
	KT_EXPECT(r, copy_to_user(UBASE + PG, "w", 1) == 0);
	end(mm);
}

KTEST(mm_user, madvise_dontneed)
{
	struct mm *mm = begin();
	u64 before;
	u32 v;

	KT_ASSERT(r, mm);
	KT_EXPECT(r, map(mm, UBASE, 4 * PG, RW));
	for (int i = 0; i < 4; i++)
		KT_EXPECT(r, put_user_u32(UBASE + i * PG, 0xdead0000 + i) == 0);
	before = frame_free_count();
	KT_EXPECT(r, mm_madvise(mm, UBASE + PG, 2 * PG, MADV_DONTNEED) == 0);
	KT_EXPECT(r, frame_free_count() == before + 2);
	KT_EXPECT(r, get_user_u32(&v, UBASE + PG) == 0 && v == 0);
	KT_EXPECT(r, get_user_u32(&v, UBASE + 2 * PG) == 0 && v == 0);
	KT_EXPECT(r, get_user_u32(&v, UBASE + 3 * PG) == 0 && v == 0xdead0003);
	KT_EXPECT(r, mm_madvise(mm, UBASE, PG, 12345) == -EINVAL);
	KT_EXPECT(r, mm_madvise(mm, UBASE + 1, PG, MADV_NORMAL) == -EINVAL);
	KT_EXPECT(r, mm_madvise(mm, UBASE, 8 * PG, MADV_WILLNEED) == -ENOMEM);
	KT_EXPECT(r, mm_madvise(mm, UBASE, 0, MADV_DONTNEED) == 0);
	end(mm);
}

KTEST(mm_user, stack_grows_down)
{
	struct mm *mm = begin();
	uaddr_t top = MM_STACK_TOP;

	KT_ASSERT(r, mm);
	KT_EXPECT(r,
		  mm_map_region(mm, top - PG, PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN,
				NULL, NULL, 0, 0) == 0);
	KT_EXPECT(r, put_user_u64(top - 8, 1) == 0);
	KT_EXPECT(r, put_user_u64(top - 5 * PG, 2) == 0);
	KT_EXPECT(r, vma_lookup(&mm->vmas, top - 5 * PG) != NULL);
	KT_EXPECT(r, put_user_u64(top - MM_STACK_LIMIT, 3) == 0);
	KT_EXPECT(r, put_user_u64(top - MM_STACK_LIMIT - 8, 4) == -EFAULT);
	KT_EXPECT(r, mm->vmas.count == 1);
	end(mm);
}

/* A fake file: byte at offset o is (o * 13 + 5) & 0xff up to FAKE_SIZE, then zero. */
#define FAKE_SIZE (3 * PG + 100)
static int fake_refs, fake_reads;
static paddr_t fake_cache[4];

static int fake_read_page(void *file, u64 off, void *kbuf)
{
	u8 *b = kbuf;

	fake_reads++;
	for (u64 i = 0; i < PG; i++)
		b[i] = off + i < FAKE_SIZE ? (u8)((off + i) * 13 + 5) : 0;
	return 0;
}

static paddr_t fake_shared_page(void *file, u64 off)
{
	u64 i = off / PG;

	if (i >= ARRAY_SIZE(fake_cache))
		return 0;
	if (!fake_cache[i]) {
		fake_cache[i] = frame_alloc(0);
		if (!fake_cache[i])
			return 0;
		fake_read_page(file, off, pa_to_kva(fake_cache[i]));
	}
	page_get(pa_to_page(fake_cache[i]));
	return fake_cache[i];
}

static void fake_get(void *file)
{
	fake_refs++;
}

static void fake_put(void *file)
{
	fake_refs--;
}

static const struct vm_file_ops fake_ops = {fake_read_page, fake_shared_page, fake_get, fake_put};

KTEST(mm_user, file_backed_pages)
{
	struct mm *mm = begin(), *child;
	u8 b[8];
	uaddr_t seg = UBASE + 0x234; /* an ELF-like segment: filesz 0x1800, memsz 0x3000 */
	u32 v;

	KT_ASSERT(r, mm);
	fake_refs = fake_reads = 0;
	memset(fake_cache, 0, sizeof(fake_cache));
	KT_EXPECT(r, mm_map_region(mm, UBASE, seg + 0x3000 - UBASE, RW, MAP_PRIVATE, &fake_ops,
				   NULL, PG, seg + 0x1800) == 0);
	KT_EXPECT(r, fake_refs == 1);
	KT_EXPECT(r, copy_from_user(b, UBASE + 10, 4) == 0);
	KT_EXPECT(r, b[0] == (u8)((PG + 10) * 13 + 5) && b[3] == (u8)((PG + 13) * 13 + 5));
	KT_EXPECT(r, copy_from_user(b, seg + 0x17ff, 2) == 0);
	KT_EXPECT(r, b[0] == (u8)((PG + 0x234 + 0x17ff) * 13 + 5) && b[1] == 0);
	KT_EXPECT(r, user_is_zero(seg + 0x1800, 0x3000 - 0x1800));
	KT_EXPECT(r, fake_reads == 2); /* the bss page past file_end needs no read */
	/* A page wholly inside the file is the cache's frame, read-only until written. */
	KT_EXPECT(r, fake_cache[1] && mm_translate(mm, UBASE, NULL) == fake_cache[1]);
	KT_EXPECT(r, copy_to_user(UBASE, "priv", 4) == 0); /* private copy */
	KT_EXPECT(r, mm_translate(mm, UBASE, NULL) != fake_cache[1]);
	KT_EXPECT(r, *(u8 *)pa_to_kva(fake_cache[1]) == (u8)(PG * 13 + 5)); /* cache unchanged */
	/* a split VMA keeps the file offset */
	KT_EXPECT(r, mm_mprotect(mm, UBASE + PG, PG, PROT_READ) == 0);
	KT_EXPECT(r, fake_refs == 3);
	KT_EXPECT(r, mm_madvise(mm, UBASE, PG, MADV_DONTNEED) == 0);
	KT_EXPECT(r, copy_from_user(b, UBASE, 1) == 0 && b[0] == (u8)(PG * 13 + 5));
	KT_EXPECT(r, mm_munmap(mm, UBASE, 8 * PG) == 0);
	KT_EXPECT(r, fake_refs == 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(fake_cache); i++) {
		if (fake_cache[i]) {
			KT_EXPECT(r, page_refcount(pa_to_page(fake_cache[i])) == 1);
			page_put(pa_to_page(fake_cache[i]));
		}
	}

	/* MAP_SHARED: the page-cache frame itself is mapped, and shared across fork */
	memset(fake_cache, 0, sizeof(fake_cache));
	KT_EXPECT(r, mm_mmap(mm, UBASE, 2 * PG, RW, MAP_SHARED | MAP_FIXED, &fake_ops, NULL, 0) ==
			     (long)UBASE);
	KT_EXPECT(r, put_user_u32(UBASE + PG + 8, 0x5a5a5a5a) == 0);
	KT_EXPECT(r, fake_cache[1] && *(u32 *)pa_to_kva(fake_cache[1] + 8) == 0x5a5a5a5a);
	KT_EXPECT(r, mm_translate(mm, UBASE + PG, NULL) == fake_cache[1]);
	child = mm_dup(mm);
	KT_ASSERT(r, child);
	KT_EXPECT(r, fake_refs == 2);
	enter(child);
	KT_EXPECT(r, put_user_u32(UBASE + PG + 8, 0x77) == 0);
	KT_EXPECT(r, mm_translate(child, UBASE + PG, NULL) == fake_cache[1]);
	enter(mm);
	KT_EXPECT(r, get_user_u32(&v, UBASE + PG + 8) == 0 && v == 0x77);
	mm_put(child);
	end(mm);
	KT_EXPECT(r, fake_refs == 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(fake_cache); i++) {
		if (fake_cache[i]) {
			KT_EXPECT(r, page_refcount(pa_to_page(fake_cache[i])) == 1);
			page_put(pa_to_page(fake_cache[i]));
		}
	}
}
