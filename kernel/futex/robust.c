/*
 * Robust futex lists (set_robust_list(2), get_robust_list(2)) and the futex work of thread exit
 * and exec: the robust-list walk, then the clear_child_tid store and wake.
 *
 * The list lives in user memory and is only read with fault-safe accesses: a bad pointer
 * ends the walk silently. Its layout (uapi linux/futex.h, 64-bit):
 *   struct robust_list_head { u64 next; s64 futex_offset; u64 list_op_pending; };
 * Each entry is a struct robust_list { u64 next; } inside a user lock; the lock word is at
 * entry + futex_offset. Bit 0 of a pointer marks a PI lock.
 */
#include "errno.h"
#include "futex/internal.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "task/proc.h"
#include "task/task.h"

#define ROBUST_HEAD_SIZE  24   /* sizeof(struct robust_list_head) */
#define ROBUST_LIST_LIMIT 2048 /* entries walked at most (long or circular lists) */

long futex_set_robust_list(uaddr_t head, size_t len)
{
	if (len != ROBUST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = head;
	current->robust_len = len;
	return 0;
}

long futex_get_robust_list(int pid, uaddr_t head_ptr, uaddr_t len_ptr)
{
	uaddr_t head;

	if (pid == 0) {
		head = current->robust_list;
	} else {
		struct task *t;

		if (pid < 0)
			return -ESRCH;
		spin_lock(&tasklist_lock);
		t = task_by_tid(pid);
		head = t ? t->robust_list : 0;
		spin_unlock(&tasklist_lock);
		if (!t)
			return -ESRCH;
	}
	/* The length first, then the head, as Linux. */
	if (put_user_u64(len_ptr, ROBUST_HEAD_SIZE))
		return -EFAULT;
	return put_user_u64(head_ptr, head) ? -EFAULT : 0;
}

/* A list pointer at @uaddr: the entry in *@entry, its PI bit in *@pi. 0 or -EFAULT. */
static int fetch_entry(uaddr_t uaddr, uaddr_t *entry, bool *pi)
{
	u64 v;

	if (get_user_u64(&v, uaddr))
		return -EFAULT;
	*entry = v & ~1ULL;
	*pi = v & 1;
	return 0;
}

/*
 * The dying @t may hold the lock whose word is at @uaddr: if the word's owner is @t, mark it
 * FUTEX_OWNER_DIED (keeping FUTEX_WAITERS, clearing the tid) and wake one waiter if there
 * were any (non-PI). For the pending entry (@pending) of a non-PI lock with no owner, the
 * unlocker died between releasing and waking: wake one. Returns 0, or -1 to end the walk.
 */
static int handle_death(uaddr_t uaddr, struct task *t, bool pi, bool pending)
{
	u32 uval, nval, mval;

	if (uaddr % sizeof(u32))
		return -1;
	for (;;) {
		if (get_user_u32(&uval, uaddr))
			return -1;
		if (pending && !pi && !(uval & FUTEX_TID_MASK)) {
			futex_wake(uaddr, FUTEX_F_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if ((uval & FUTEX_TID_MASK) != (u32)t->tid)
			return 0;
		mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		/* Fault-safe: a read-only or vanished page ends the walk, the lock stays held. */
		if (futex_atomic_cmpxchg_u32(&nval, uaddr, uval, mval))
			return -1;
		if (nval == uval)
			break;
	}
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, FUTEX_F_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* Walk @t's robust list once (Linux's exit_robust_list); then forget it. */
static void robust_list_release(struct task *t)
{
	uaddr_t head = t->robust_list, entry, next, pending;
	bool pi, next_pi, pending_pi;
	unsigned int limit = ROBUST_LIST_LIMIT;
	s64 offset;
	int rc;

	t->robust_list = 0;
	if (!head)
		return;
	if (fetch_entry(head, &entry, &pi))
		return;
	if (get_user_u64((u64 *)&offset, head + 8))
		return;
	if (fetch_entry(head + 16, &pending, &pending_pi))
		return;
	while (entry != head) {
		/* The next pointer first: handling the entry may release its memory. */
		rc = fetch_entry(entry, &next, &next_pi);
		/* A pending lock may already be on the list: handle it once, below. */
		if (entry != pending && handle_death(entry + (u64)offset, t, pi, false))
			return;
		if (rc)
			return;
		entry = next;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		handle_death(pending + (u64)offset, t, pending_pi, true);
}

/* clear_child_tid: store 0 and wake one waiter, if another task still uses the mm. */
static void clear_tid_release(struct task *t)
{
	uaddr_t addr = t->clear_child_tid;
	struct futex_key key;

	if (!addr)
		return;
	t->clear_child_tid = 0;
	if (!t->mm || __atomic_load_n(&t->mm->refcount, __ATOMIC_RELAXED) <= 1)
		return;
	/* Failures are ignored, as Linux does. */
	(void)put_user_u32(addr, 0);
	if (futex_key_get(addr, FUTEX_F_SHARED, false, &key))
		return;
	/* A shared wake that reaches private waiters on private memory too (clone3.md 7.7). */
	futex_wake_key(&key, 1, FUTEX_BITSET_MATCH_ANY, key.kind == FUTEX_KEY_MMSHARED);
	futex_key_put(&key);
}

void futex_exit_release(struct task *t)
{
	robust_list_release(t);
	clear_tid_release(t);
}

void futex_exec_release(struct task *t)
{
	robust_list_release(t);
	clear_tid_release(t);
}
