/*
 * clone_args_test - clone3's argument copy and the order of its checks (clone3.md section 3,
 * steps 1 to 14; section 4 for clone), against a fake user memory: one 8 KiB region at
 * USER_BASE whose second page can be made unreadable.
 */
#include <string.h>

#include "htest.h"
#include "kernel/task/clone.h"
#include "errno.h"
#include "mm/uaccess.h"

#define USER_BASE 0x10000UL
static unsigned char umem[8192];
static bool page2_unmapped;

static bool readable(uaddr_t p, size_t n)
{
	if (n == 0)
		return true;
	if (p < USER_BASE || p + n > USER_BASE + sizeof(umem) || p + n < p)
		return false;
	return !(page2_unmapped && p + n > USER_BASE + 4096);
}

size_t copy_from_user(void *dst, uaddr_t src, size_t n)
{
	if (!readable(src, n)) {
		memset(dst, 0, n);
		return n;
	}
	memcpy(dst, umem + (src - USER_BASE), n);
	return 0;
}

int copy_struct_from_user(void *dst, size_t ksize, uaddr_t src, size_t usize)
{
	size_t size = usize < ksize ? usize : ksize;

	if (usize > ksize) {
		if (!readable(src + ksize, usize - ksize))
			return -EFAULT;
		for (size_t i = ksize; i < usize; i++)
			if (umem[src - USER_BASE + i])
				return -E2BIG;
	}
	if (copy_from_user(dst, src, size))
		return -EFAULT;
	memset((char *)dst + size, 0, ksize - size);
	return 0;
}

static struct clone_args_user *ua(void)
{
	return (struct clone_args_user *)umem;
}

static void reset(void)
{
	memset(umem, 0, sizeof(umem));
	page2_unmapped = false;
	ua()->exit_signal = 17;
}

static int call(size_t size)
{
	struct kclone_args k;

	return clone3_copy_args(USER_BASE, size, &k);
}

static void t_size_rules(void)
{
	reset();
	CHECK(call(0) == -EINVAL);
	CHECK(call(63) == -EINVAL);
	CHECK(call(64) == 0);
	CHECK(call(72) == 0);
	CHECK(call(4096) == 0);
	CHECK(call(4097) == -E2BIG);
	CHECK(call((size_t)-1) == -E2BIG);
	umem[88] = 1;
	CHECK(call(88) == 0);
	CHECK(call(89) == -E2BIG);
	reset();
	page2_unmapped = true;
	CHECK(call(4096) == 0);
	CHECK(call(4104) == -E2BIG); /* size first */
	CHECK(call(4095) == 0);
}

static void t_fields_past_size_zero(void)
{
	struct kclone_args k;

	reset();
	ua()->set_tid_size = 5;
	ua()->cgroup = ~0UL;
	CHECK(clone3_copy_args(USER_BASE, 64, &k) == 0);
	CHECK(k.set_tid_size == 0 && k.exit_signal == 17);
	CHECK(clone3_copy_args(USER_BASE, 80, &k) == -EINVAL); /* set_tid_size 5, set_tid 0 */
}

static void t_order(void)
{
	reset();
	ua()->flags = 1UL << 40;
	ua()->set_tid = 8;
	ua()->set_tid_size = 1;
	CHECK(call(88) == -EFAULT); /* step 9 before step 10 */
	ua()->exit_signal = 0x100;
	CHECK(call(88) == -EINVAL); /* step 7 before step 9 */
	reset();
	ua()->set_tid = 8;
	ua()->set_tid_size = 33;
	CHECK(call(88) == -EINVAL); /* step 4 before the read */
	reset();
	ua()->flags = 1UL << 40;
	umem[88] = 1;
	CHECK(call(96) == -E2BIG); /* the tail beats everything */
	reset();
	ua()->exit_signal = 64;
	CHECK(call(88) == 0);
	ua()->exit_signal = 65;
	CHECK(call(88) == -EINVAL);
	reset();
	ua()->flags = CLONE_INTO_CGROUP;
	CHECK(call(80) == -EINVAL);
	CHECK(call(88) == 0);
	ua()->cgroup = 0x80000000UL;
	CHECK(call(88) == -EINVAL);
}

static void t_flags_and_stack(void)
{
	struct kclone_args k;

	reset();
	ua()->flags = CLONE_DETACHED;
	CHECK(call(88) == -EINVAL);
	ua()->flags = CLONE_NEWTIME;
	CHECK(call(88) == 0); /* bit 7 is legal here; policy refuses it later */
	ua()->flags = 1;
	CHECK(call(88) == -EINVAL);
	ua()->flags = CLONE_SIGHAND | CLONE_CLEAR_SIGHAND;
	CHECK(call(88) == -EINVAL);
	ua()->flags = CLONE_PARENT;
	CHECK(call(88) == -EINVAL);
	ua()->exit_signal = 0;
	CHECK(call(88) == 0);
	reset();
	ua()->stack_size = 4;
	CHECK(call(88) == -EINVAL);
	ua()->stack = 0x1003;
	ua()->stack_size = 1001;
	CHECK(clone3_copy_args(USER_BASE, 88, &k) == 0 && k.stack == 0x1003 + 1001);
	ua()->stack = 0x3ffffff000UL;
	ua()->stack_size = 0x2000;
	CHECK(call(88) == -EINVAL);
	ua()->stack = ~0UL - 0xffff;
	ua()->stack_size = 0x100000;
	CHECK(call(88) == -EINVAL);
}

static void t_legacy(void)
{
	struct kclone_args k;

	clone_legacy_args(&k, (1UL << 32) | CLONE_DETACHED | 255, 0x1000, 0x2000, 0x3000, 0x4000);
	CHECK(k.flags == CLONE_DETACHED);
	CHECK(k.exit_signal == 255);
	CHECK(k.stack == 0x1000 && k.stack_size == 0);
	CHECK(k.parent_tid == 0x2000 && k.pidfd == 0x2000);
	CHECK(k.tls == 0x3000 && k.child_tid == 0x4000);
}

int main(void)
{
	RUN(t_size_rules);
	RUN(t_fields_past_size_zero);
	RUN(t_order);
	RUN(t_flags_and_stack);
	RUN(t_legacy);
	return htest_done();
}
