/*
 * In-kernel tests of fault-safe user access (mm/uaccess.h) in a real user address space:
 * each test builds an mm, runs the boot hart on it with current->mm set, and restores
 * kernel_pgd and the old current->mm before checking the frame count.
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

struct uenv {
	struct mm *mm, *saved;
};

/* A fresh address space, switched to on this hart and made current->mm. */
static bool uenv_enter(struct uenv *e)
{
	e->mm = mm_create();
	if (!e->mm)
		return false;
	e->saved = current->mm;
	current->mm = e->mm;
	mm_activate(e->mm);
	return true;
}

static void uenv_leave(struct uenv *e)
{
	current->mm = e->saved;
	mm_activate(e->saved);
	mm_put(e->mm);
}

static bool map(struct mm *mm, uaddr_t addr, u64 len, int prot)
{
	return mm_mmap(mm, addr, len, prot, ANON_FIXED, NULL, NULL, 0) == (long)addr;
}

KTEST(uaccess, demand_fault_anon)
{
	struct uenv e;
	char out[200], in[200];
	u64 before;

	for (int i = 0; i < (int)sizeof(out); i++)
		out[i] = (char)(i * 7 + 1);
	KT_ASSERT(r, uenv_enter(&e));
	KT_EXPECT(r, map(e.mm, UBASE, 2 * PG, RW));
	before = frame_free_count();
	/* never touched: the copy faults the pages in (across the page boundary) */
	KT_EXPECT(r, copy_to_user(UBASE + PG - 100, out, sizeof(out)) == 0);
	KT_EXPECT(r, frame_free_count() < before);
	memset(in, 0, sizeof(in));
	KT_EXPECT(r, copy_from_user(in, UBASE + PG - 100, sizeof(in)) == 0);
	KT_EXPECT(r, memcmp(in, out, sizeof(in)) == 0);
	/* a read of a never-touched page gives zeros */
	KT_EXPECT(r, mm_mmap(e.mm, UBASE + 4 * PG, PG, PROT_READ, ANON_FIXED, NULL, NULL, 0) ==
			     (long)(UBASE + 4 * PG));
	memset(in, 1, sizeof(in));
	KT_EXPECT(r, copy_from_user(in, UBASE + 4 * PG + 8, 64) == 0);
	KT_EXPECT(r, in[0] == 0 && in[63] == 0 && in[64] == 1);
	/* user page 0 is mappable */
	KT_EXPECT(r, map(e.mm, 0, PG, RW));
	KT_EXPECT(r, put_user_u64(0, 0x1122334455667788UL) == 0);
	{
		u64 v = 0;

		KT_EXPECT(r, get_user_u64(&v, 0) == 0 && v == 0x1122334455667788UL);
	}
	uenv_leave(&e);
}

KTEST(uaccess, read_only_page)
{
	struct uenv e;
	char buf[32] = "read only data";
	char in[32];
	u32 v;

	KT_ASSERT(r, uenv_enter(&e));
	KT_EXPECT(r, map(e.mm, UBASE, PG, RW));
	KT_EXPECT(r, copy_to_user(UBASE + 100, buf, sizeof(buf)) == 0);
	KT_EXPECT(r, mm_mprotect(e.mm, UBASE, PG, PROT_READ) == 0);
	KT_EXPECT(r, copy_from_user(in, UBASE + 100, sizeof(in)) == 0);
	KT_EXPECT(r, memcmp(in, buf, sizeof(in)) == 0);
	KT_EXPECT(r, copy_to_user(UBASE + 100, "x", 1) == 1);
	KT_EXPECT(r, put_user_u32(UBASE, 5) == -EFAULT);
	KT_EXPECT(r, clear_user(UBASE, 16) == 16);
	KT_EXPECT(r, get_user_u32(&v, UBASE + 100) == 0 && v == 0x64616572); /* "read" */
	KT_EXPECT(r, futex_atomic_cmpxchg_u32(&v, UBASE + 100, 0x64616572, 1) == -EFAULT);
	/* never-touched read-only page: loads fine, stores fail */
	KT_EXPECT(r, mm_mmap(e.mm, UBASE + PG, PG, PROT_READ, ANON_FIXED, NULL, NULL, 0) ==
			     (long)(UBASE + PG));
	KT_EXPECT(r, copy_to_user(UBASE + PG, buf, 8) == 8);
	KT_EXPECT(r, get_user_u32(&v, UBASE + PG) == 0 && v == 0);
	/* the data survives PROT_NONE and comes back */
	KT_EXPECT(r, mm_mprotect(e.mm, UBASE, PG, PROT_NONE) == 0);
	KT_EXPECT(r, copy_from_user(in, UBASE + 100, 4) == 4);
	KT_EXPECT(r, mm_mprotect(e.mm, UBASE, PG, RW) == 0);
	KT_EXPECT(r, copy_from_user(in, UBASE + 100, sizeof(in)) == 0);
	KT_EXPECT(r, memcmp(in, buf, sizeof(in)) == 0);
	KT_EXPECT(r, copy_to_user(UBASE + 100, "X", 1) == 0);
	uenv_leave(&e);
}

KTEST(uaccess, short_count_at_hole)
{
	struct uenv e;
	char buf[64], in[64];

	for (int i = 0; i < 64; i++)
		buf[i] = (char)(0x40 + i);
	KT_ASSERT(r, uenv_enter(&e));
	KT_EXPECT(r, map(e.mm, UBASE, PG, RW));
	/* co-aligned (word loop) and mis-aligned (byte loop) copies both stop at the hole */
	KT_EXPECT(r, copy_to_user(UBASE + PG - 10, buf, 30) == 20);
	KT_EXPECT(r, copy_to_user(UBASE + PG - 11, buf + 2, 30) == 19);
	KT_EXPECT(r, copy_to_user(UBASE + PG - 24, buf, 64) == 40);
	memset(in, 0x55, sizeof(in));
	KT_EXPECT(r, copy_from_user(in, UBASE + PG - 24, 64) == 40);
	KT_EXPECT(r, memcmp(in, buf, 24) == 0);
	KT_EXPECT(r, in[24] == 0 && in[63] == 0); /* uncopied tail zero-filled */
	KT_EXPECT(r, copy_from_user(in, UBASE + PG - 13, 40) == 27);
	KT_EXPECT(r, clear_user(UBASE + PG - 9, 20) == 11);
	KT_EXPECT(r, copy_from_user(in, UBASE + PG - 9, 9) == 0 && in[0] == 0 && in[8] == 0);
	KT_EXPECT(r, copy_from_user(in, UBASE + PG, 1) == 1);
	KT_EXPECT(r, copy_to_user(UBASE + 8 * PG, buf, 0) == 0);
	uenv_leave(&e);
}

KTEST(uaccess, kernel_address_efault)
{
	struct uenv e;
	u64 kbuf[4] = {1, 2, 3, 4};
	uaddr_t kaddr = (uaddr_t)kbuf;
	char s[16];
	u64 v;
	u32 w;

	KT_ASSERT(r, uenv_enter(&e));
	KT_EXPECT(r, copy_from_user(&v, 0xffffffc000000000UL, 8) == 8);
	KT_EXPECT(r, copy_to_user(0xffffffc000000000UL, &v, 8) == 8);
	KT_EXPECT(r, copy_to_user(kaddr, "AAAAAAAA", 8) == 8);
	KT_EXPECT(r, kbuf[0] == 1); /* not touched */
	KT_EXPECT(r, clear_user(kaddr, 8) == 8 && kbuf[0] == 1);
	KT_EXPECT(r, get_user_u64(&v, kaddr) == -EFAULT);
	KT_EXPECT(r, put_user_u64(kaddr, 0) == -EFAULT && kbuf[0] == 1);
	KT_EXPECT(r, put_user_u32(USER_TOP - 2, 0) == -EFAULT);
	KT_EXPECT(r, strncpy_from_user(s, 0xffffffc000000000UL, sizeof(s)) == -EFAULT);
	KT_EXPECT(r, futex_atomic_cmpxchg_u32(&w, kaddr, 1, 2) == -EFAULT && kbuf[0] == 1);
	KT_EXPECT(r, copy_from_user(&v, (uaddr_t)-4, 8) == 8); /* wraps */
	KT_EXPECT(r, copy_from_user(&v, USER_TOP - 4, 8) == 8);
	KT_EXPECT(r, copy_from_user(&v, UBASE, 8) == 8); /* nothing mapped */
	uenv_leave(&e);
}

KTEST(uaccess, copy_struct_tail_rules)
{
	struct uenv e;
	u8 src[100], dst[100];
	uaddr_t u = UBASE + PG - 89; /* an 89-byte struct ending at a PROT_NONE page */
	u8 one = 1;

	KT_ASSERT(r, uenv_enter(&e));
	KT_EXPECT(r, map(e.mm, UBASE, PG, RW));
	KT_EXPECT(r, mm_mmap(e.mm, UBASE + PG, PG, PROT_NONE, ANON_FIXED, NULL, NULL, 0) ==
			     (long)(UBASE + PG));
	for (int i = 0; i < 89; i++)
		src[i] = i < 64 ? (u8)(i + 1) : 0;
	KT_EXPECT(r, copy_to_user(u, src, 89) == 0);
	/* usize > ksize, zero tail: copies ksize bytes */
	memset(dst, 0xee, sizeof(dst));
	KT_EXPECT(r, copy_struct_from_user(dst, 64, u, 89) == 0);
	KT_EXPECT(r, memcmp(dst, src, 64) == 0 && dst[64] == 0xee);
	/* usize < ksize: the rest is zero-filled */
	KT_EXPECT(r, copy_struct_from_user(dst, 100, u, 89) == 0);
	KT_EXPECT(r, memcmp(dst, src, 89) == 0 && dst[89] == 0 && dst[99] == 0);
	/* E2BIG at the exact byte: non-zero at ksize fails, non-zero just below passes */
	KT_EXPECT(r, copy_to_user(u + 64, &one, 1) == 0);
	KT_EXPECT(r, copy_struct_from_user(dst, 64, u, 89) == -E2BIG);
	KT_EXPECT(r, copy_struct_from_user(dst, 65, u, 89) == 0);
	KT_EXPECT(r, copy_to_user(u + 88, &one, 1) == 0);
	KT_EXPECT(r, copy_struct_from_user(dst, 88, u, 89) == -E2BIG);
	KT_EXPECT(r, copy_struct_from_user(dst, 89, u, 89) == 0);
	/* one byte more runs into the PROT_NONE page: EFAULT, whatever the zero check says */
	KT_EXPECT(r, copy_struct_from_user(dst, 89, u, 90) == -EFAULT);
	KT_EXPECT(r, copy_struct_from_user(dst, 100, u + 1, 89) == -EFAULT);
	KT_EXPECT(r, copy_struct_from_user(dst, 64, 0xffffffc000000000UL, 89) == -EFAULT);
	uenv_leave(&e);
}

KTEST(uaccess, strncpy_at_page_end)
{
	struct uenv e;
	char s[16];

	KT_ASSERT(r, uenv_enter(&e));
	KT_EXPECT(r, map(e.mm, UBASE, PG, RW));
	KT_EXPECT(r, copy_to_user(UBASE + PG - 6, "hello", 6) == 0);
	memset(s, 'z', sizeof(s));
	KT_EXPECT(r, strncpy_from_user(s, UBASE + PG - 6, sizeof(s)) == 5);
	KT_EXPECT(r, strcmp(s, "hello") == 0);
	KT_EXPECT(r, strncpy_from_user(s, UBASE + PG - 6, 3) == 3 && s[2] == 'l');
	KT_EXPECT(r, strncpy_from_user(s, UBASE + PG - 6, 0) == 0);
	/* no NUL before the hole */
	KT_EXPECT(r, copy_to_user(UBASE + PG - 3, "abc", 3) == 0);
	KT_EXPECT(r, strncpy_from_user(s, UBASE + PG - 3, sizeof(s)) == -EFAULT);
	KT_EXPECT(r, strncpy_from_user(s, UBASE + PG - 3, 3) == 3);
	KT_EXPECT(r, strncpy_from_user(s, UBASE + PG - 1, 1) == 1);
	uenv_leave(&e);
}

KTEST(uaccess, user_words_and_futex_ops)
{
	struct uenv e;
	u32 w, old;
	u64 q;

	KT_ASSERT(r, uenv_enter(&e));
	KT_EXPECT(r, map(e.mm, UBASE, PG, RW));
	KT_EXPECT(r, put_user_u32(UBASE + 4, 7) == 0);
	KT_EXPECT(r, get_user_u32(&w, UBASE + 4) == 0 && w == 7);
	KT_EXPECT(r, put_user_u64(UBASE + 13, 0xa1b2c3d4e5f60718UL) == 0); /* misaligned */
	KT_EXPECT(r, get_user_u64(&q, UBASE + 13) == 0 && q == 0xa1b2c3d4e5f60718UL);
	KT_EXPECT(r, put_user_u32(UBASE + PG - 2, 1) == -EFAULT); /* straddles the hole */
	KT_EXPECT(r, futex_atomic_cmpxchg_u32(&old, UBASE + 4, 7, 9) == 0 && old == 7);
	KT_EXPECT(r, futex_atomic_cmpxchg_u32(&old, UBASE + 4, 7, 11) == 0 && old == 9);
	KT_EXPECT(r, get_user_u32(&w, UBASE + 4) == 0 && w == 9);
	KT_EXPECT(r, futex_atomic_cmpxchg_u32(&old, UBASE + 6, 0, 1) == -EINVAL);
	KT_EXPECT(r, futex_atomic_cmpxchg_u32(&old, UBASE + PG, 0, 1) == -EFAULT);
	KT_EXPECT(r, futex_atomic_op_u32(FUTEX_ATOMIC_ADD, 3, &old, UBASE + 4) == 0 && old == 9);
	KT_EXPECT(r, futex_atomic_op_u32(FUTEX_ATOMIC_OR, 0x100, &old, UBASE + 4) == 0);
	KT_EXPECT(r, futex_atomic_op_u32(FUTEX_ATOMIC_ANDN, 0x4, &old, UBASE + 4) == 0);
	KT_EXPECT(r, futex_atomic_op_u32(FUTEX_ATOMIC_XOR, 0x1, &old, UBASE + 4) == 0);
	KT_EXPECT(r, futex_atomic_op_u32(FUTEX_ATOMIC_SET, 5, &old, UBASE + 4) == 0);
	KT_EXPECT(r, old == ((((12U | 0x100) & ~4U)) ^ 1U));
	KT_EXPECT(r, futex_atomic_op_u32(9, 5, &old, UBASE + 4) == -EINVAL);
	/* a store through cmpxchg breaks COW of a forked page */
	{
		struct mm *child = mm_dup(e.mm);

		KT_EXPECT(r, child != NULL);
		KT_EXPECT(r, futex_atomic_cmpxchg_u32(&old, UBASE + 4, 5, 6) == 0 && old == 5);
		if (child) {
			KT_EXPECT(r, mm_translate(child, UBASE, NULL) !=
					     mm_translate(e.mm, UBASE, NULL));
			KT_EXPECT(r, *(u32 *)pa_to_kva(mm_translate(child, UBASE + 4, NULL)) == 5);
			mm_put(child);
		}
	}
	uenv_leave(&e);
}
