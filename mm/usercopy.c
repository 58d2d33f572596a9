/* Fault-safe user access (C half; mm/uaccess.S holds the SUM windows): range checks, Linux semantics. */
#include "types.h"
#include "compiler.h"
#include "errno.h"
#include "string.h"
#include "mm/uaccess.h"

/* The assembly routines (mm/uaccess.S); ranges are checked before they are called. */
size_t uaccess_copy(void *dst, const void *src, size_t n);
size_t uaccess_clear(void *udst, size_t n);
long uaccess_strncpy(char *dst, const void *usrc, long n);
int uaccess_get_u32(u32 *val, const void *uaddr);
int uaccess_get_u64(u64 *val, const void *uaddr);
int uaccess_put_u32(void *uaddr, u32 val);
int uaccess_put_u64(void *uaddr, u64 val);
int uaccess_cmpxchg_u32(u32 *oldval_out, void *uaddr, u32 oldval, u32 newval);
int uaccess_amo_u32(int op, void *uaddr, u32 arg, u32 *oldval_out);

static inline void *uptr(uaddr_t a)
{
	return (void *)a;
}

size_t copy_from_user(void *dst, uaddr_t src, size_t n)
{
	size_t left = n;

	if (access_ok(src, n))
		left = n ? uaccess_copy(dst, uptr(src), n) : 0;
	if (left)
		memset((char *)dst + (n - left), 0, left);
	return left;
}

size_t copy_to_user(uaddr_t dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return n ? uaccess_copy(uptr(dst), src, n) : 0;
}

size_t clear_user(uaddr_t dst, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return n ? uaccess_clear(uptr(dst), n) : 0;
}

long strncpy_from_user(char *dst, uaddr_t src, long n)
{
	long max, ret;

	if (n <= 0)
		return 0;
	if (src >= USER_TOP)
		return -EFAULT;
	max = (long)MIN((u64)n, USER_TOP - src);
	ret = uaccess_strncpy(dst, uptr(src), max);
	/* clipped at USER_TOP with no NUL below it: as if the next byte were unmapped */
	if (ret == max && max < n)
		return -EFAULT;
	return ret;
}

int get_user_u32(u32 *val, uaddr_t src)
{
	if (!access_ok(src, sizeof(*val)))
		return -EFAULT;
	if (!IS_ALIGNED(src, sizeof(*val)))
		return copy_from_user(val, src, sizeof(*val)) ? -EFAULT : 0;
	return uaccess_get_u32(val, uptr(src));
}

int get_user_u64(u64 *val, uaddr_t src)
{
	if (!access_ok(src, sizeof(*val)))
		return -EFAULT;
	if (!IS_ALIGNED(src, sizeof(*val)))
		return copy_from_user(val, src, sizeof(*val)) ? -EFAULT : 0;
	return uaccess_get_u64(val, uptr(src));
}

int put_user_u32(uaddr_t dst, u32 val)
{
	if (!access_ok(dst, sizeof(val)))
		return -EFAULT;
	if (!IS_ALIGNED(dst, sizeof(val)))
		return copy_to_user(dst, &val, sizeof(val)) ? -EFAULT : 0;
	return uaccess_put_u32(uptr(dst), val);
}

int put_user_u64(uaddr_t dst, u64 val)
{
	if (!access_ok(dst, sizeof(val)))
		return -EFAULT;
	if (!IS_ALIGNED(dst, sizeof(val)))
		return copy_to_user(dst, &val, sizeof(val)) ? -EFAULT : 0;
	return uaccess_put_u64(uptr(dst), val);
}

/* 0 if user bytes [@src, @src + @n) are all zero, -E2BIG if one is not, -EFAULT on a fault. */
static int check_zeroed_user(uaddr_t src, size_t n)
{
	u8 buf[64];

	if (!access_ok(src, n))
		return -EFAULT;
	while (n) {
		size_t chunk = MIN(n, sizeof(buf));
		size_t left = copy_from_user(buf, src, chunk);

		/* a non-zero byte before the faulting one counts first, as a byte-wise scan would */
		for (size_t i = 0; i < chunk - left; i++)
			if (buf[i])
				return -E2BIG;
		if (left)
			return -EFAULT;
		src += chunk;
		n -= chunk;
	}
	return 0;
}

int copy_struct_from_user(void *dst, size_t ksize, uaddr_t src, size_t usize)
{
	size_t size = MIN(ksize, usize);

	if (usize > ksize) {
		int err = check_zeroed_user(src + ksize, usize - ksize);

		if (err)
			return err;
	}
	if (copy_from_user(dst, src, size))
		return -EFAULT;
	if (ksize > usize)
		memset((char *)dst + size, 0, ksize - size);
	return 0;
}

int futex_atomic_cmpxchg_u32(u32 *oldval_out, uaddr_t uaddr, u32 oldval, u32 newval)
{
	if (!IS_ALIGNED(uaddr, sizeof(u32)))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	return uaccess_cmpxchg_u32(oldval_out, uptr(uaddr), oldval, newval);
}

int futex_atomic_op_u32(int op, u32 oparg, u32 *oldval_out, uaddr_t uaddr)
{
	if (op < FUTEX_ATOMIC_SET || op > FUTEX_ATOMIC_XOR || !IS_ALIGNED(uaddr, sizeof(u32)))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	return uaccess_amo_u32(op, uptr(uaddr), oparg, oldval_out);
}
