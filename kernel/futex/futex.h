/*
 * Fast user-space mutexes: futex(2), the robust futex list, and the futex side of thread exit
 * and exec (design.md section 3, clone3.md section 7.7). kernel/syscall/sys_futex.c decodes the
 * system calls and calls these.
 *
 * Keys (how Linux's get_futex_key decides, kernel/futex/core.c):
 *   - FUTEX_PRIVATE_FLAG: (mm, address); the memory is not even looked at;
 *   - otherwise, in a MAP_SHARED mapping or a read-only private file mapping: the physical
 *     frame and the offset in it, so other processes mapping the same page meet there; the
 *     frame is pinned (one page reference) while a waiter or a waker uses the key;
 *   - otherwise (private anonymous memory, or a private mapping that a write would copy):
 *     (mm, address) again, but as a separate "shared" kind: a private waiter is not woken by a
 *     shared wake on the same word, nor the reverse (as Linux).
 *
 * Errors are those of Linux 6.1 (futex(2)); the PI operations (LOCK_PI, UNLOCK_PI, TRYLOCK_PI,
 * WAIT_REQUEUE_PI, CMP_REQUEUE_PI, LOCK_PI2) are not implemented and give -ENOSYS.
 */
#ifndef KERNEL_FUTEX_FUTEX_H
#define KERNEL_FUTEX_FUTEX_H

#include "types.h"

struct task;

/* futex(2) operations and flags (uapi linux/futex.h). */
#define FUTEX_WAIT	       0
#define FUTEX_WAKE	       1
#define FUTEX_FD	       2
#define FUTEX_REQUEUE	       3
#define FUTEX_CMP_REQUEUE      4
#define FUTEX_WAKE_OP	       5
#define FUTEX_LOCK_PI	       6
#define FUTEX_UNLOCK_PI	       7
#define FUTEX_TRYLOCK_PI       8
#define FUTEX_WAIT_BITSET      9
#define FUTEX_WAKE_BITSET      10
#define FUTEX_WAIT_REQUEUE_PI  11
#define FUTEX_CMP_REQUEUE_PI   12
#define FUTEX_LOCK_PI2	       13
#define FUTEX_PRIVATE_FLAG     128
#define FUTEX_CLOCK_REALTIME   256
#define FUTEX_CMD_MASK	       (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU

/* The robust-list word (uapi). */
#define FUTEX_WAITERS	 0x80000000U
#define FUTEX_OWNER_DIED 0x40000000U
#define FUTEX_TID_MASK	 0x3fffffffU

/* Internal flags of the operations below. */
#define FUTEX_F_SHARED 0x1U /* no FUTEX_PRIVATE_FLAG: key by page or as "shared" (mm, address) */

/* A deadline of the operations below: a clock_ns() value, or FUTEX_NO_DEADLINE. */
#define FUTEX_NO_DEADLINE 0ULL

/*
 * futex_wait - FUTEX_WAIT / FUTEX_WAIT_BITSET: if the u32 at @uaddr equals @val, sleep until a
 * wake whose bitset shares a bit with @bitset, the @deadline (clock_ns(), or
 * FUTEX_NO_DEADLINE), or a signal. The value check and the queueing are atomic with respect to
 * wakers. Context: process context, no spinlock held; sleeps.
 * Returns 0 (woken), -EINVAL (@bitset 0, @uaddr not 4-byte aligned), -EFAULT, -EAGAIN (the
 * value differs), -ETIMEDOUT, -ERESTARTSYS (a signal, no deadline: restarted under SA_RESTART
 * as on Linux) or -EINTR (a signal during a timed wait).
 */
long futex_wait(uaddr_t uaddr, unsigned int flags, u32 val, u64 deadline, u32 bitset);

/*
 * futex_wake - FUTEX_WAKE / FUTEX_WAKE_BITSET: wake up to @nr waiters of @uaddr whose bitset
 * shares a bit with @bitset, oldest first (@nr <= 0 wakes one, as Linux).
 * Context: process context, no spinlock held.
 * Returns the number woken, -EINVAL (@bitset 0, misaligned) or -EFAULT.
 */
long futex_wake(uaddr_t uaddr, unsigned int flags, int nr, u32 bitset);

/*
 * futex_wake_op - FUTEX_WAKE_OP: atomically apply the operation encoded in @op to the u32 at
 * @uaddr2, wake up to @nr waiters of @uaddr1, and if the comparison encoded in @op holds for
 * the old value of @uaddr2, also up to @nr2 waiters of @uaddr2. Bitsets are ignored.
 * Context: process context, no spinlock held.
 * Returns the total woken, -EINVAL, -EFAULT, or -ENOSYS (unknown operation, which leaves the
 * word alone; unknown comparison, which comes after the operation was applied, as Linux).
 */
long futex_wake_op(uaddr_t uaddr1, unsigned int flags, uaddr_t uaddr2, int nr, int nr2, u32 op);

/*
 * futex_requeue - FUTEX_REQUEUE (@cmpval NULL) / FUTEX_CMP_REQUEUE: (if the u32 at @uaddr1
 * equals *@cmpval) wake up to @nr_wake waiters of @uaddr1 and move up to @nr_requeue of the
 * others to wait on @uaddr2. Bitsets are ignored.
 * Context: process context, no spinlock held.
 * Returns the number woken plus moved, -EINVAL (a negative count, misaligned), -EFAULT or
 * -EAGAIN (the value differs).
 */
long futex_requeue(uaddr_t uaddr1, unsigned int flags, uaddr_t uaddr2, int nr_wake, int nr_requeue,
		   const u32 *cmpval);

/*
 * futex_set_robust_list / futex_get_robust_list - set_robust_list(2) and get_robust_list(2)
 * for the current task (@pid 0) or the task with tid @pid.
 * Returns 0, -EINVAL (@len is not the size of struct robust_list_head), -ESRCH, -EFAULT.
 */
long futex_set_robust_list(uaddr_t head, size_t len);
long futex_get_robust_list(int pid, uaddr_t head_ptr, uaddr_t len_ptr);

/*
 * futex_exit_release - the futex part of the exit of @t (current): walk its robust list (each
 * lock it still holds gets FUTEX_OWNER_DIED and wakes one waiter), then, if another task still
 * uses the address space, store 0 at clear_child_tid and wake one waiter there (a shared
 * wake; it also reaches private waiters on private memory: clone3.md section 7.7). Call it
 * once, while @t still has its mm. User memory errors are ignored.
 * Context: process context of @t, no spinlock held.
 */
void futex_exit_release(struct task *t);

/*
 * futex_exec_release - the same at a successful execve, on the old address space (Linux's
 * exec_mm_release): call it at exec's commit point, before the new mm replaces the old one.
 */
void futex_exec_release(struct task *t);

#endif
