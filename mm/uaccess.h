/*
 * Fault-safe access to user memory (docs/uaccess.md section 3; design.md section 2).
 *
 * The only way the kernel touches user memory. Every routine checks the range with
 * access_ok() first (a kernel address from user space fails without being touched), then the
 * assembly in mm/uaccess.S sets sstatus.SUM, runs a loop whose every user load and store is
 * listed in the exception table, and clears SUM on both its normal and its fixup exit. A page
 * fault inside first goes to vm_fault() (demand zero, COW break, stack growth, file page);
 * if that fails, the routine resumes at its fixup and reports the failure.
 *
 * Context for all: process context with current->mm set (faults are resolved in it), no
 * spinlock held (a fault takes mm->lock and may sleep for file I/O), interrupts may be on.
 * Callers copy user input into a kernel buffer first, then lock and validate the copy (single
 * fetch).
 */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include "types.h"
#include "mm/memlayout.h"

/* access_ok - true if [@p, @p + @n) lies in user space without wrapping (n == 0 always ok). */
static inline bool access_ok(uaddr_t p, size_t n)
{
	return n == 0 || (p + n >= p && p + n <= USER_TOP);
}

/*
 * copy_from_user - copy @n bytes from user @src to kernel @dst.
 * Returns the number of bytes NOT copied (0 on success). On a short copy the uncopied tail of
 * @dst is zero-filled (as Linux), so a caller never sees stale kernel bytes. All-or-nothing
 * callers turn non-zero into -EFAULT.
 */
size_t copy_from_user(void *dst, uaddr_t src, size_t n);

/* copy_to_user - copy @n bytes from kernel @src to user @dst. Returns bytes NOT copied. */
size_t copy_to_user(uaddr_t dst, const void *src, size_t n);

/*
 * clear_user - zero @n bytes of user memory at @dst. Returns the number of bytes NOT cleared
 * (0 on success), like Linux, so reads of /dev/zero can report partial progress.
 */
size_t clear_user(uaddr_t dst, size_t n);

/*
 * strncpy_from_user - copy a NUL-terminated string of at most @n bytes from user @src into
 * @dst (which holds @n bytes). Returns the string length (the NUL is copied too) if a NUL was
 * found within @n bytes, @n if not (then @dst is not terminated), 0 if @n <= 0, or -EFAULT if
 * a byte before the NUL (or before @n) could not be read. The range is clipped to USER_TOP, so
 * a short string near the top of user space works (Linux semantics).
 */
long strncpy_from_user(char *dst, uaddr_t src, long n);

/* get_user_u32/u64 - read one naturally sized value. Returns 0 or -EFAULT (*@val untouched). */
int get_user_u32(u32 *val, uaddr_t src);
int get_user_u64(u64 *val, uaddr_t src);

/* put_user_u32/u64 - write one value. Returns 0 or -EFAULT; callers that must ignore failure
 * (clone's child_tid writes) discard the result explicitly. */
int put_user_u32(uaddr_t dst, u32 val);
int put_user_u64(uaddr_t dst, u64 val);

/*
 * copy_struct_from_user - extensible-struct copy (clone3, openat2, sched_setattr) as Linux:
 * if @usize > @ksize, bytes [@ksize, @usize) of the user struct must be zero (read fault ->
 * -EFAULT, a non-zero byte -> -E2BIG), checked first; then min(@ksize, @usize) bytes are
 * copied (fault -> -EFAULT) and the rest of @dst up to @ksize is zero-filled. Returns 0.
 */
int copy_struct_from_user(void *dst, size_t ksize, uaddr_t src, size_t usize);

/*
 * futex_atomic_cmpxchg_u32 - atomically: if the user word at @uaddr equals @oldval, store
 * @newval. The value found is stored in *@oldval_out either way.
 * Returns 0, -EINVAL (@uaddr not 4-byte aligned) or -EFAULT.
 */
int futex_atomic_cmpxchg_u32(u32 *oldval_out, uaddr_t uaddr, u32 oldval, u32 newval);

/* FUTEX_WAKE_OP operations (futex(2)). */
#define FUTEX_ATOMIC_SET  0
#define FUTEX_ATOMIC_ADD  1
#define FUTEX_ATOMIC_OR	  2
#define FUTEX_ATOMIC_ANDN 3
#define FUTEX_ATOMIC_XOR  4

/*
 * futex_atomic_op_u32 - atomically apply @op (FUTEX_ATOMIC_*) with @oparg to the user word at
 * @uaddr; the old value goes to *@oldval_out. Returns 0, -EINVAL (bad @op, misaligned) or
 * -EFAULT.
 */
int futex_atomic_op_u32(int op, u32 oparg, u32 *oldval_out, uaddr_t uaddr);

#endif
