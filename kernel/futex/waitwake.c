/* FUTEX_WAIT(_BITSET), FUTEX_WAKE(_BITSET) and FUTEX_WAKE_OP. */
#include "errno.h"
#include "futex/internal.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "task/task.h"
#include "time/timer.h"

/* Timeouts longer than this sleep without a deadline (wait_event adds it to clock_ns()). */
#define FUTEX_FAR_NS (1ULL << 62)

static bool futex_q_woken(void *arg)
{
	return ((struct futex_q *)arg)->woken;
}

/*
 * Queue @q on its key if the word at @uaddr still holds @val: 0 (queued), -EAGAIN, -EFAULT,
 * or -ERESTART (the key must be looked up again). Same order as Linux: the word is read with
 * the bucket locked, so a waker that changed it first either is seen here or sees q.
 */
static int wait_setup(struct futex_q *q, uaddr_t uaddr, unsigned int flags, u32 val)
{
	struct mm *mm = current->mm;
	struct futex_bucket *hb = futex_hash(&q->key);
	u32 uval;

	for (;;) {
		futex_lock(hb);
		if (!futex_read_locked(mm, uaddr, &uval))
			break;
		futex_unlock(hb);
		if (get_user_u32(&uval, uaddr))
			return -EFAULT;
		if (flags & FUTEX_F_SHARED)
			return -ERESTART; /* the page may have changed: a new key */
	}
	if (uval != val) {
		futex_unlock(hb);
		return -EAGAIN;
	}
	futex_queue(q, hb);
	futex_unlock(hb);
	return 0;
}

long futex_wait(uaddr_t uaddr, unsigned int flags, u32 val, u64 deadline, u32 bitset)
{
	struct futex_q q = {.bitset = bitset};
	int err;

	if (!bitset)
		return -EINVAL;
	wait_queue_init(&q.wq, "futex");
	do {
		err = futex_key_get(uaddr, flags, false, &q.key);
		if (err)
			return err;
		err = wait_setup(&q, uaddr, flags, val);
		if (err)
			futex_key_put(&q.key);
	} while (err == -ERESTART);
	if (err)
		return err;

	if (deadline != FUTEX_NO_DEADLINE) {
		u64 now = clock_ns();

		if (now >= deadline)
			err = -ETIMEDOUT; /* already past: the value was still checked, as Linux */
		else
			err = wait_event(&q.wq, futex_q_woken, &q,
					 deadline - now < FUTEX_FAR_NS ? deadline - now : 0);
	} else {
		err = wait_event(&q.wq, futex_q_woken, &q, 0);
	}
	/* Whoever took q off the chain decides: a waker (success), else the timeout or signal. */
	if (futex_unqueue(&q)) {
		if (err == -EINTR)
			err = deadline == FUTEX_NO_DEADLINE ? -ERESTARTSYS : -EINTR;
	} else {
		err = 0;
	}
	futex_key_put(&q.key);
	return err;
}

long futex_wake(uaddr_t uaddr, unsigned int flags, int nr, u32 bitset)
{
	struct futex_key key;
	int err, woken;

	if (!bitset)
		return -EINVAL;
	err = futex_key_get(uaddr, flags, false, &key);
	if (err)
		return err;
	woken = futex_wake_key(&key, nr, bitset, false);
	futex_key_put(&key);
	return woken;
}

/* Wake up to @nr (at least one) waiters of @key in @hb, whatever their bitset. [b] held. */
static int wake_locked(struct futex_bucket *hb, const struct futex_key *key, int nr)
{
	struct list_head *pos, *next;
	int woken = 0;

	list_for_each_safe (pos, next, &hb->chain) {
		struct futex_q *q = list_entry(pos, struct futex_q, link);

		if (!futex_key_match(&q->key, key))
			continue;
		futex_wake_one(q);
		if (++woken >= nr)
			break;
	}
	return woken;
}

/* The comparison of FUTEX_WAKE_OP (signed, as Linux): 1, 0, or -ENOSYS for an unknown one. */
static int wake_op_compare(unsigned int cmp, s32 oldval, s32 cmparg)
{
	switch (cmp) {
	case 0: /* FUTEX_OP_CMP_EQ */
		return oldval == cmparg;
	case 1: /* NE */
		return oldval != cmparg;
	case 2: /* LT */
		return oldval < cmparg;
	case 3: /* LE */
		return oldval <= cmparg;
	case 4: /* GT */
		return oldval > cmparg;
	case 5: /* GE */
		return oldval >= cmparg;
	default:
		return -ENOSYS;
	}
}

/* A 12-bit field of the encoded operation, sign-extended. */
static s32 sext12(u32 v)
{
	return (s32)(v << 20) >> 20;
}

/* FUTEX_WAKE_OP's operation on the word at uaddr2, under both bucket locks. */
struct wake_op_args {
	unsigned int aop; /* FUTEX_OP_SET..XOR, or an unknown one (ENOSYS) */
	u32 oparg;
	u32 old; /* the word's value before the operation */
};

static int wake_op_locked(struct mm *mm, uaddr_t uaddr, void *arg)
{
	struct wake_op_args *a = arg;

	if (a->aop > FUTEX_ATOMIC_XOR)
		return -ENOSYS;
	return futex_op_locked(mm, uaddr, a->aop, a->oparg, &a->old);
}

long futex_wake_op(uaddr_t uaddr1, unsigned int flags, uaddr_t uaddr2, int nr, int nr2, u32 op)
{
	unsigned int cmp = (op >> 24) & 0xf;
	s32 oparg = sext12(op >> 12), cmparg = sext12(op);
	struct wake_op_args a = {.aop = (op >> 28) & 7};
	struct futex_pair_access acc = {.fn = wake_op_locked, .arg = &a, .write2 = true};
	struct futex_pair fp;
	int err, cond, woken;

	if (op & (8U << 28)) { /* FUTEX_OP_OPARG_SHIFT: Linux masks a bad shift (and warns) */
		oparg = (s32)(1U << (oparg & 31));
	}
	a.oparg = (u32)oparg;
	err = futex_pair_lock(&fp, uaddr1, uaddr2, flags, &acc);
	if (err)
		return err;
	cond = wake_op_compare(cmp, (s32)a.old, cmparg);
	if (cond < 0) {
		err = cond;
	} else {
		woken = wake_locked(fp.hb1, &fp.key1, nr);
		if (cond)
			woken += wake_locked(fp.hb2, &fp.key2, nr2);
		err = woken;
	}
	futex_pair_unlock(&fp);
	return err;
}
