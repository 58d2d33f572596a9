/* FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (the non-PI requeue of Linux). */
#include "errno.h"
#include "futex/internal.h"

/* FUTEX_CMP_REQUEUE's read of the word at uaddr1 (into *@cur) under both bucket locks. */
static int requeue_read(struct mm *mm, uaddr_t uaddr, void *cur)
{
	return futex_read_locked(mm, uaddr, cur);
}

long futex_requeue(uaddr_t uaddr1, unsigned int flags, uaddr_t uaddr2, int nr_wake, int nr_requeue,
		   const u32 *cmpval)
{
	u32 cur;
	struct futex_pair_access read1 = {.fn = requeue_read, .arg = &cur};
	struct futex_pair fp;
	struct list_head *pos, *next;
	int err, count = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = futex_pair_lock(&fp, uaddr1, uaddr2, flags, cmpval ? &read1 : NULL);
	if (err)
		return err;
	if (cmpval && cur != *cmpval) {
		futex_pair_unlock(&fp);
		return -EAGAIN;
	}
	/* Oldest first: the first nr_wake are woken, the next nr_requeue move to key2. */
	list_for_each_safe (pos, next, &fp.hb1->chain) {
		struct futex_q *q = list_entry(pos, struct futex_q, link);

		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_key_match(&q->key, &fp.key1))
			continue;
		if (++count <= nr_wake)
			futex_wake_one(q);
		else
			futex_requeue_one(q, fp.hb1, fp.hb2, &fp.key2);
	}
	futex_pair_unlock(&fp);
	return count;
}
