/*
 * Futex internals shared by core.c, waitwake.c, requeue.c and robust.c: keys, the hash of
 * wait queues, queue entries, and access to the futex word while bucket locks are held.
 *
 * Locks (outermost first):
 *   [b] futex_bucket.lock: the bucket's chain and, for every entry on it, the entry's link,
 *       key and bucket pointer. Two buckets are taken lower address first (futex_lock_pair).
 *   [w] futex_q.wq.lock: the entry's woken flag (the waker takes it under [b]).
 *   then mm->lock (futex_read_locked, futex_op_locked: they walk the page table instead of
 *   faulting, as Linux reads the word with page faults disabled), then rq_lock (waking) and
 *   frame_lock (page_put of a pinned frame).
 * A fault on the futex word is never taken under [b]: the caller drops its locks, resolves
 * the fault (get_user_u32, vm_fault) and tries again.
 */
#ifndef KERNEL_FUTEX_INTERNAL_H
#define KERNEL_FUTEX_INTERNAL_H

#include "futex/futex.h"
#include "list.h"
#include "lock/spinlock.h"
#include "sched/wait.h"

struct mm;
struct page;

enum futex_key_kind {
	FUTEX_KEY_PRIVATE = 1,	/* FUTEX_PRIVATE_FLAG: (mm, address) */
	FUTEX_KEY_MMSHARED = 2, /* no flag, private memory: (mm, address) */
	FUTEX_KEY_PAGE = 3,	/* no flag, shared page: (frame, offset) */
};

/* What a futex is: two keys match when all three fields are equal. */
struct futex_key {
	u32 kind;	  /* enum futex_key_kind */
	u64 base;	  /* the struct mm, or 0 for FUTEX_KEY_PAGE */
	u64 addr;	  /* the user address, or the physical address of the word */
	struct page *pin; /* FUTEX_KEY_PAGE: the frame's reference this key holds, or NULL */
};

struct futex_bucket {
	spinlock_t lock;
	struct list_head chain; /* [b] futex_q, oldest first; next == NULL until first use */
};

/* A waiter, on its own stack while it sleeps in futex_wait(). */
struct futex_q {
	struct list_head link;	     /* [b] on bucket->chain; empty once woken or unqueued */
	struct futex_key key;	     /* [b] what it waits on (requeue changes it) */
	struct futex_bucket *bucket; /* [b] of its current chain (requeue changes it) */
	u32 bitset;		     /* [I] FUTEX_WAIT_BITSET's mask */
	struct wait_queue wq;	     /* the sleeping task */
	bool woken;		     /* [w] a waker took it off the chain */
};

/* futex_key_match - true if @a and @b name the same futex. */
static inline bool futex_key_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->kind == b->kind && a->base == b->base && a->addr == b->addr;
}

/*
 * futex_key_get - the key of the u32 at @uaddr in current's address space, with FUTEX_F_SHARED
 * in @flags for a shared key; @write asks for a writable word (FUTEX_WAKE_OP's target). May
 * fault the page in. The key may pin a frame: release it with futex_key_put().
 * Context: process context, no spinlock held.
 * Returns 0, -EINVAL (not 4-byte aligned) or -EFAULT (outside user space; for a shared key:
 * no mapping, no access, or a never-written read-only private anonymous page, which Linux
 * backs with its zero page and refuses).
 */
int futex_key_get(uaddr_t uaddr, unsigned int flags, bool write, struct futex_key *key);

/* futex_key_put - drop the frame reference of @key, if it holds one. Context: any. */
void futex_key_put(struct futex_key *key);

/* futex_key_copy_pin - make @dst (a copy of a pinned key) hold its own reference. Any context. */
void futex_key_copy_pin(struct futex_key *dst);

/* futex_hash - the bucket of @key (the kind is left out, so the private and the shared keys
 * of one word share a bucket). Context: any. */
struct futex_bucket *futex_hash(const struct futex_key *key);

/* futex_lock / futex_unlock - take or release one bucket (initialising it on first use). */
void futex_lock(struct futex_bucket *hb);
void futex_unlock(struct futex_bucket *hb);

/* futex_lock_pair / futex_unlock_pair - two buckets in address order (once if the same). */
void futex_lock_pair(struct futex_bucket *a, struct futex_bucket *b);
void futex_unlock_pair(struct futex_bucket *a, struct futex_bucket *b);

/* futex_queue - put @q (key and bitset set) at the tail of @hb. Caller holds [b] of @hb. */
void futex_queue(struct futex_q *q, struct futex_bucket *hb);

/*
 * futex_unqueue - take @q off its chain if it is still queued (follows a concurrent requeue).
 * Returns true if it was queued (so nobody woke it). Context: no bucket lock held.
 */
bool futex_unqueue(struct futex_q *q);

/*
 * futex_wake_one - take @q off its chain and wake its task. Caller holds [b] of @q's bucket,
 * which keeps @q (on the waiter's stack) alive until the caller lets go.
 */
void futex_wake_one(struct futex_q *q);

/*
 * futex_requeue_one - make @q wait on @key2 in @hb2 (moving it from @hb1 if they differ); the
 * frame pin follows the key. Caller holds [b] of both.
 */
void futex_requeue_one(struct futex_q *q, struct futex_bucket *hb1, struct futex_bucket *hb2,
		       const struct futex_key *key2);

/*
 * futex_read_locked - read the u32 at @uaddr of @mm through its page table, without faulting.
 * Context: may hold bucket locks (takes mm->lock). Returns 0, or -EFAULT if the page is not
 * present and readable right now (the caller unlocks, faults it in and retries).
 */
int futex_read_locked(struct mm *mm, uaddr_t uaddr, u32 *val);

/*
 * futex_op_locked - FUTEX_WAKE_OP's atomic operation @op (FUTEX_OP_SET..XOR) with @oparg on the
 * u32 at @uaddr of @mm, without faulting; the old value goes to *@old.
 * Context: may hold bucket locks. Returns 0, or -EFAULT if the page is not present and
 * writable right now (the caller unlocks, resolves a write fault and retries).
 */
int futex_op_locked(struct mm *mm, uaddr_t uaddr, unsigned int op, u32 oparg, u32 *old);

/*
 * Two futexes worked on together (FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, FUTEX_WAKE_OP): the keys
 * of both words and their buckets, held from futex_pair_lock() to futex_pair_unlock().
 */
struct futex_pair {
	struct futex_key key1, key2;
	struct futex_bucket *hb1, *hb2;
};

/*
 * The access an operation makes to one of its two words while both buckets are held: @fn gets
 * current's mm, the word's address and @arg; it must not fault (futex_read_locked,
 * futex_op_locked) and returns 0, -EFAULT if the page is not there right now, or an error of
 * its own that ends the operation. With @write2 it writes the word at uaddr2 (whose key is then
 * taken for writing), else it reads the word at uaddr1.
 */
struct futex_pair_access {
	int (*fn)(struct mm *mm, uaddr_t uaddr, void *arg);
	void *arg;
	bool write2;
};

/*
 * futex_pair_lock - look up the keys of the words at @uaddr1 and @uaddr2 (@flags as for
 * futex_key_get), lock both buckets (futex_lock_pair) and, with @acc, make its access under
 * them. If the access faults, the locks are dropped, the fault is resolved (a read of uaddr1 or
 * a write fault on uaddr2) and the access is tried again, after a new key lookup for shared
 * futexes (the page may have changed).
 * Context: process context, no spinlock held; may sleep.
 * Returns 0 with both buckets locked and both keys held (release with futex_pair_unlock), or,
 * with nothing held, an error of futex_key_get, -EFAULT (the fault could not be resolved) or
 * the access's own error.
 */
int futex_pair_lock(struct futex_pair *fp, uaddr_t uaddr1, uaddr_t uaddr2, unsigned int flags,
		    const struct futex_pair_access *acc);

/* futex_pair_unlock - unlock both buckets of @fp and put both keys. Caller holds them. */
void futex_pair_unlock(struct futex_pair *fp);

/*
 * futex_wake_key - wake up to @nr (at least one) waiters of @key whose bitset meets @bitset;
 * with @any_kind, waiters with the other (mm, address) kind of the same word count too (the
 * clear-tid wake). Context: no bucket lock held. Returns the number woken.
 */
int futex_wake_key(const struct futex_key *key, int nr, u32 bitset, bool any_kind);

#endif
