/* FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (the non-PI requeue of Linux). */
#include "errno.h"
#include "futex/internal.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "task/task.h"

long futex_requeue(uaddr_t uaddr1, unsigned int flags, uaddr_t uaddr2, int nr_wake, int nr_requeue,
		   const u32 *cmpval)
{
	struct futex_key key1, key2;
	struct futex_bucket *hb1, *hb2;
	struct list_head *pos, *next;
	int err, count = 0;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
retry:
	err = futex_key_get(uaddr1, flags, false, &key1);
	if (err)
		return err;
	err = futex_key_get(uaddr2, flags, false, &key2);
	if (err)
		goto out_key1;
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	for (;;) {
		futex_lock_pair(hb1, hb2);
		if (!cmpval || !futex_read_locked(current->mm, uaddr1, &cur))
			break;
		futex_unlock_pair(hb1, hb2);
		if (get_user_u32(&cur, uaddr1)) {
			err = -EFAULT;
			goto out_keys;
		}
		if (flags & FUTEX_F_SHARED) {
			futex_key_put(&key2);
			futex_key_put(&key1);
			goto retry;
		}
	}
	if (cmpval && cur != *cmpval) {
		err = -EAGAIN;
		goto out_unlock;
	}
	/* Oldest first: the first nr_wake are woken, the next nr_requeue move to key2. */
	list_for_each_safe (pos, next, &hb1->chain) {
		struct futex_q *q = list_entry(pos, struct futex_q, link);

		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_key_match(&q->key, &key1))
			continue;
		if (++count <= nr_wake)
			futex_wake_one(q);
		else
			futex_requeue_one(q, hb1, hb2, &key2);
	}
	err = count;
out_unlock:
	futex_unlock_pair(hb1, hb2);
out_keys:
	futex_key_put(&key2);
out_key1:
	futex_key_put(&key1);
	return err;
}
