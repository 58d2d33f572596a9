/*
 * In-kernel tests of the futex keys and hash (kernel/futex): which kind of key a word gets, that
 * a shared page gives the same key in two address spaces and pins its frame, and the no-sleep
 * paths of wait/wake/requeue. Each test runs the boot hart on its own mm with current->mm set.
 */
#include "types.h"
#include "errno.h"
#include "futex/internal.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "task/task.h"
#include "time/timer.h"
#include "uapi/mman.h"
#include "testsuite/ktest/ktest.h"

#define UBASE 0x20000000UL
#define PG    PAGE_SIZE
#define RW    (PROT_READ | PROT_WRITE)

static struct mm *saved_mm;

static void enter(struct mm *mm)
{
	current->mm = mm;
	mm_activate(mm);
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

static bool map(struct mm *mm, uaddr_t addr, int prot, int flags)
{
	return mm_mmap(mm, addr, PG, prot, flags | MAP_ANONYMOUS | MAP_FIXED, NULL, NULL, 0) ==
	       (long)addr;
}

KTEST(futex, key_private_and_errors)
{
	struct mm *mm = begin();
	struct futex_key k;

	KT_ASSERT(r, mm);
	KT_EXPECT(r, futex_key_get(UBASE + 4, 0, false, &k) == 0);
	KT_EXPECT(r, k.kind == FUTEX_KEY_PRIVATE && k.base == (u64)(uintptr_t)mm);
	KT_EXPECT(r, k.addr == UBASE + 4 && !k.pin);
	KT_EXPECT(r, futex_key_get(UBASE + 2, 0, false, &k) == -EINVAL);
	KT_EXPECT(r, futex_key_get(UBASE + 2, FUTEX_F_SHARED, false, &k) == -EINVAL);
	KT_EXPECT(r, futex_key_get(USER_TOP, 0, false, &k) == -EFAULT);
	KT_EXPECT(r, futex_key_get(USER_TOP - 2, 0, false, &k) == -EINVAL);
	/* Shared keys need a mapping. */
	KT_EXPECT(r, futex_key_get(UBASE, FUTEX_F_SHARED, false, &k) == -EFAULT);
	end(mm);
}

KTEST(futex, key_shared_kinds)
{
	struct mm *mm = begin();
	struct futex_key k, k2;
	struct page *pg;
	u32 before;

	KT_ASSERT(r, mm);
	KT_ASSERT(r, map(mm, UBASE, RW, MAP_PRIVATE));
	KT_ASSERT(r, map(mm, UBASE + PG, RW, MAP_SHARED));
	KT_ASSERT(r, map(mm, UBASE + 2 * PG, PROT_READ, MAP_PRIVATE));
	/* Private anonymous memory: (mm, address) of the "shared" kind. */
	KT_EXPECT(r, futex_key_get(UBASE + 8, FUTEX_F_SHARED, false, &k) == 0);
	KT_EXPECT(r, k.kind == FUTEX_KEY_MMSHARED && k.addr == UBASE + 8 && !k.pin);
	KT_EXPECT(r, futex_key_get(UBASE + 8, 0, false, &k2) == 0);
	KT_EXPECT(r, !futex_key_match(&k, &k2) && futex_hash(&k) == futex_hash(&k2));
	/* A shared page: the frame, pinned while the key lives. */
	KT_EXPECT(r, futex_key_get(UBASE + PG + 12, FUTEX_F_SHARED, false, &k) == 0);
	KT_EXPECT(r, k.kind == FUTEX_KEY_PAGE && k.pin);
	KT_EXPECT(r, k.addr == mm_translate(mm, UBASE + PG + 12, NULL));
	pg = k.pin;
	before = page_refcount(pg);
	futex_key_put(&k);
	KT_EXPECT(r, page_refcount(pg) == before - 1 && !k.pin);
	/* Read-only, never written private memory: refused (Linux's zero page). */
	KT_EXPECT(r, futex_key_get(UBASE + 2 * PG, FUTEX_F_SHARED, false, &k) == -EFAULT);
	/* A write key of a read-only mapping is refused; a private key is not looked at. */
	KT_EXPECT(r, futex_key_get(UBASE + 2 * PG, FUTEX_F_SHARED, true, &k) == -EFAULT);
	KT_EXPECT(r, futex_key_get(UBASE + 2 * PG, 0, true, &k) == 0);
	end(mm);
}

KTEST(futex, shared_page_same_key_after_fork)
{
	struct mm *mm = begin(), *child;
	struct futex_key k1, k2;

	KT_ASSERT(r, mm);
	KT_ASSERT(r, map(mm, UBASE, RW, MAP_SHARED));
	KT_ASSERT(r, map(mm, UBASE + PG, RW, MAP_PRIVATE));
	KT_ASSERT(r, put_user_u32(UBASE + PG, 1) == 0);
	child = mm_dup(mm);
	KT_ASSERT(r, child);
	KT_EXPECT(r, futex_key_get(UBASE + 4, FUTEX_F_SHARED, false, &k1) == 0);
	KT_EXPECT(r, futex_key_get(UBASE + PG, FUTEX_F_SHARED, false, &k2) == 0);
	enter(child);
	{
		struct futex_key c1, c2;

		KT_EXPECT(r, futex_key_get(UBASE + 4, FUTEX_F_SHARED, false, &c1) == 0);
		KT_EXPECT(r, futex_key_match(&k1, &c1));
		KT_EXPECT(r, futex_key_get(UBASE + PG, FUTEX_F_SHARED, false, &c2) == 0);
		KT_EXPECT(r, !futex_key_match(&k2, &c2)); /* private memory: per mm */
		futex_key_put(&c1);
	}
	enter(mm);
	futex_key_put(&k1);
	mm_put(child);
	end(mm);
}

KTEST(futex, no_sleep_paths)
{
	struct mm *mm = begin();
	u32 one = 1;

	KT_ASSERT(r, mm);
	KT_ASSERT(r, map(mm, UBASE, RW, MAP_PRIVATE));
	KT_ASSERT(r, put_user_u32(UBASE, 5) == 0);
	KT_EXPECT(r, futex_wait(UBASE, 0, 4, FUTEX_NO_DEADLINE, ~0U) == -EAGAIN);
	KT_EXPECT(r, futex_wait(UBASE, FUTEX_F_SHARED, 5, 1, ~0U) == -ETIMEDOUT);
	KT_EXPECT(r, futex_wait(UBASE, 0, 5, 1, 0) == -EINVAL);
	KT_EXPECT(r, futex_wake(UBASE, 0, 1, ~0U) == 0);
	KT_EXPECT(r, futex_wake(UBASE, FUTEX_F_SHARED, 1, 0) == -EINVAL);
	KT_EXPECT(r, futex_requeue(UBASE, 0, UBASE + 4, 1, 1, &one) == -EAGAIN);
	KT_EXPECT(r, futex_requeue(UBASE, 0, UBASE + 4, 1, 1, NULL) == 0);
	KT_EXPECT(r, futex_wake_op(UBASE, 0, UBASE + 4, 1, 1, (1U << 28) | (3U << 12)) == 0);
	KT_EXPECT(r, get_user_u32(&one, UBASE + 4) == 0 && one == 3);
	end(mm);
}
