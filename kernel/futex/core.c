/*
 * Futex core: keys, the hash of buckets, queue entries, and the futex word read or changed
 * under bucket locks through the page table (kernel/futex/internal.h has the lock legend).
 */
#include "compiler.h"
#include "errno.h"
#include "futex/internal.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "mm/uaccess.h"
#include "mm/vma.h"
#include "printk.h"
#include "sched/cpu.h"
#include "task/task.h"

#define FUTEX_HASH_BITS 8
#define FUTEX_HASH_SIZE (1U << FUTEX_HASH_BITS)

static struct futex_bucket futex_table[FUTEX_HASH_SIZE] = {
	[0 ... FUTEX_HASH_SIZE - 1] = {SPINLOCK_INIT("futex"), {NULL, NULL}},
};

/* ---- keys ---- */

/* Pin the frame under @pa (frames outside the allocator, or reserved ones, need no pin). */
static struct page *pin_frame(paddr_t pa)
{
	struct page *pg = pa_to_page(pa & PAGE_MASK);

	if (!pg || (pg->flags & PG_RESERVED))
		return NULL;
	page_get(pg);
	return pg;
}

/*
 * The shared key of @uaddr with mm->lock held: 0 and *@key set, -EFAULT (refused), or
 * -EAGAIN (the page must be faulted in first).
 */
static int shared_key_locked(struct mm *mm, uaddr_t uaddr, bool write, struct futex_key *key)
{
	struct vma *v = vma_lookup(&mm->vmas, uaddr);
	paddr_t pa;
	u64 perm;

	if (!v)
		return -EAGAIN; /* perhaps a stack that grows: vm_fault decides */
	if (!(v->flags & VM_READ) || (write && !(v->flags & VM_WRITE)))
		return -EFAULT;
	if (!(v->flags & VM_SHARED) && (v->flags & VM_WRITE)) {
		/* Linux writes the page in (breaking COW): it is this mm's anonymous page. */
		key->kind = FUTEX_KEY_MMSHARED;
		key->base = (u64)(uintptr_t)mm;
		key->addr = uaddr;
		return 0;
	}
	pa = pt_translate(mm->pgd, uaddr, &perm);
	if (!(v->flags & VM_SHARED) && !v->ops) {
		/* Read-only private anonymous memory: an anonymous page only if it was written
		 * while writable (D set); else Linux finds its zero page and refuses. */
		if (!pa || !(perm & PTE_D))
			return -EFAULT;
		key->kind = FUTEX_KEY_MMSHARED;
		key->base = (u64)(uintptr_t)mm;
		key->addr = uaddr;
		return 0;
	}
	/* A shared mapping, or a read-only private file mapping: the frame. */
	if (!pa || !(perm & PTE_U) || !(perm & PTE_R) || (write && !(perm & PTE_W)))
		return -EAGAIN;
	key->kind = FUTEX_KEY_PAGE;
	key->base = 0;
	key->addr = pa;
	key->pin = pin_frame(pa);
	return 0;
}

int futex_key_get(uaddr_t uaddr, unsigned int flags, bool write, struct futex_key *key)
{
	struct mm *mm = current->mm;
	int err, tries;

	key->pin = NULL;
	if (uaddr % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !mm)
		return -EFAULT;
	if (!(flags & FUTEX_F_SHARED)) {
		key->kind = FUTEX_KEY_PRIVATE;
		key->base = (u64)(uintptr_t)mm;
		key->addr = uaddr;
		return 0;
	}
	for (tries = 0; tries < 4; tries++) {
		mutex_lock(&mm->lock);
		err = shared_key_locked(mm, uaddr, write, key);
		mutex_unlock(&mm->lock);
		if (err != -EAGAIN)
			return err;
		if (vm_fault(mm, uaddr, write ? VM_WRITE : VM_READ))
			return -EFAULT;
	}
	return -EFAULT;
}

void futex_key_put(struct futex_key *key)
{
	if (key->pin) {
		page_put(key->pin);
		key->pin = NULL;
	}
}

void futex_key_copy_pin(struct futex_key *dst)
{
	if (dst->pin)
		page_get(dst->pin);
}

/* ---- buckets ---- */

struct futex_bucket *futex_hash(const struct futex_key *key)
{
	u64 h = key->base * 0x9e3779b97f4a7c15ULL ^ (key->addr >> 2) * 0xc2b2ae3d27d4eb4fULL;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return &futex_table[h >> (64 - FUTEX_HASH_BITS)];
}

void futex_lock(struct futex_bucket *hb)
{
	spin_lock(&hb->lock);
	if (!hb->chain.next)
		INIT_LIST_HEAD(&hb->chain);
}

void futex_unlock(struct futex_bucket *hb)
{
	spin_unlock(&hb->lock);
}

void futex_lock_pair(struct futex_bucket *a, struct futex_bucket *b)
{
	if (a > b) {
		struct futex_bucket *t = a;

		a = b;
		b = t;
	}
	futex_lock(a);
	if (b != a)
		futex_lock(b);
}

void futex_unlock_pair(struct futex_bucket *a, struct futex_bucket *b)
{
	if (b != a)
		futex_unlock(b);
	futex_unlock(a);
}

/* ---- two futexes at once ---- */

/* Resolve the fault that stopped a locked access to @uaddr. 0 or -EFAULT; no spinlock held. */
static int pair_fault_in(struct mm *mm, uaddr_t uaddr, bool write)
{
	u32 val;

	if (write)
		return vm_fault(mm, uaddr, VM_WRITE) ? -EFAULT : 0;
	return get_user_u32(&val, uaddr) ? -EFAULT : 0;
}

int futex_pair_lock(struct futex_pair *fp, uaddr_t uaddr1, uaddr_t uaddr2, unsigned int flags,
		    const struct futex_pair_access *acc)
{
	struct mm *mm = current->mm;
	bool write2 = acc && acc->write2;
	uaddr_t uaddr = write2 ? uaddr2 : uaddr1;
	int err;

retry:
	err = futex_key_get(uaddr1, flags, false, &fp->key1);
	if (err)
		return err;
	err = futex_key_get(uaddr2, flags, write2, &fp->key2);
	if (err)
		goto out_key1;
	fp->hb1 = futex_hash(&fp->key1);
	fp->hb2 = futex_hash(&fp->key2);
	for (;;) {
		futex_lock_pair(fp->hb1, fp->hb2);
		err = acc ? acc->fn(mm, uaddr, acc->arg) : 0;
		if (err != -EFAULT)
			break;
		futex_unlock_pair(fp->hb1, fp->hb2);
		err = pair_fault_in(mm, uaddr, write2);
		if (err)
			goto out_keys;
		if (flags & FUTEX_F_SHARED) {
			futex_key_put(&fp->key2);
			futex_key_put(&fp->key1);
			goto retry;
		}
	}
	if (!err)
		return 0;
	futex_unlock_pair(fp->hb1, fp->hb2);
out_keys:
	futex_key_put(&fp->key2);
out_key1:
	futex_key_put(&fp->key1);
	return err;
}

void futex_pair_unlock(struct futex_pair *fp)
{
	futex_unlock_pair(fp->hb1, fp->hb2);
	futex_key_put(&fp->key2);
	futex_key_put(&fp->key1);
}

/* ---- queue entries ---- */

void futex_queue(struct futex_q *q, struct futex_bucket *hb)
{
	assert_held(&hb->lock);
	q->bucket = hb;
	list_add_tail(&q->link, &hb->chain);
}

bool futex_unqueue(struct futex_q *q)
{
	struct futex_bucket *hb;
	bool queued;

	/* A requeue may move q between reading the pointer and taking the lock: check again. */
	for (;;) {
		hb = READ_ONCE(q->bucket);
		futex_lock(hb);
		if (hb == READ_ONCE(q->bucket))
			break;
		futex_unlock(hb);
	}
	queued = !list_empty(&q->link);
	if (queued) {
		list_del(&q->link);
		INIT_LIST_HEAD(&q->link);
	}
	futex_unlock(hb);
	return queued;
}

void futex_wake_one(struct futex_q *q)
{
	assert_held(&q->bucket->lock);
	list_del(&q->link);
	INIT_LIST_HEAD(&q->link);
	spin_lock(&q->wq.lock);
	q->woken = true;
	wake_up_all_locked(&q->wq);
	spin_unlock(&q->wq.lock);
}

void futex_requeue_one(struct futex_q *q, struct futex_bucket *hb1, struct futex_bucket *hb2,
		       const struct futex_key *key2)
{
	struct page *old = q->key.pin;

	assert_held(&hb1->lock);
	assert_held(&hb2->lock);
	q->key = *key2;
	futex_key_copy_pin(&q->key);
	/* The requeuer pins the old frame too (its own key1), so this is never the last put. */
	if (old)
		page_put(old);
	if (hb1 != hb2) {
		list_del(&q->link);
		list_add_tail(&q->link, &hb2->chain);
		q->bucket = hb2;
	}
}

int futex_wake_key(const struct futex_key *key, int nr, u32 bitset, bool any_kind)
{
	struct futex_bucket *hb = futex_hash(key);
	struct list_head *pos, *next;
	int woken = 0;

	futex_lock(hb);
	list_for_each_safe (pos, next, &hb->chain) {
		struct futex_q *q = list_entry(pos, struct futex_q, link);
		bool match = futex_key_match(&q->key, key);

		if (!match && any_kind && q->key.kind != FUTEX_KEY_PAGE)
			match = q->key.base == key->base && q->key.addr == key->addr;
		if (!match || !(q->bitset & bitset))
			continue;
		futex_wake_one(q);
		if (++woken >= nr)
			break;
	}
	futex_unlock(hb);
	return woken;
}

/* ---- the futex word under bucket locks ---- */

/*
 * The futex word is read or changed with bucket locks held, so a fault must not sleep: the
 * user access runs with page faults disabled and simply fails, and the caller drops its
 * locks, faults the page in (vm_fault) and tries again, as Linux does.
 */
int futex_read_locked(struct mm *mm, uaddr_t uaddr, u32 *val)
{
	int err;

	current->pagefault_disabled++;
	err = get_user_u32(val, uaddr);
	current->pagefault_disabled--;
	return err ? -EFAULT : 0;
}

int futex_op_locked(struct mm *mm, uaddr_t uaddr, unsigned int op, u32 oparg, u32 *old)
{
	int err;

	current->pagefault_disabled++;
	err = futex_atomic_op_u32((int)op, oparg, old, uaddr);
	current->pagefault_disabled--;
	return err ? -EFAULT : 0;
}
