/* robust_list_owner_died - a process that exits while holding robust locks: for each entry of
 * its robust list whose lock word holds its tid, the kernel sets FUTEX_OWNER_DIED, keeps
 * FUTEX_WAITERS, clears the tid, and wakes one waiter if FUTEX_WAITERS was set. Locks owned
 * by someone else are left alone. A list_op_pending entry whose lock has no owner (the unlock
 * was done, the wake was not) gets a wake with the word untouched. The locks live in a
 * MAP_SHARED page; the parent waits on them with shared FUTEX_WAITs, and each child exits only
 * once that wait is queued. get_robust_list(pid) returns the head the child registered. */
#include "futex_test.h"
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "tap.h"

struct robust_list {
	struct robust_list *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};

/* A user "mutex": the list link, then the lock word. */
struct mutex {
	struct robust_list link;
	volatile uint32_t lock;
};

struct shared {
	struct mutex m[4];
	volatile long head; /* where the child's head is, for get_robust_list */
	volatile int ready;
};

static struct robust_list_head head;

static long set_list(void)
{
	return sys6(SYS_set_robust_list, (long)&head, sizeof(head), 0, 0, 0, 0);
}

/* Child 1: holds m[0] (a waiter will come), m[1] (no waiter); m[2] is someone else's. */
static void child_holder(struct shared *s)
{
	uint32_t tid = (uint32_t)gettid_raw();

	head.futex_offset = offsetof(struct mutex, lock);
	head.list.next = &s->m[0].link;
	s->m[0].link.next = &s->m[1].link;
	s->m[1].link.next = &s->m[2].link;
	s->m[2].link.next = &head.list;
	head.list_op_pending = NULL;
	s->m[0].lock = tid;
	s->m[1].lock = tid;
	if (set_list())
		_exit(2);
	s->head = (long)&head;
	s->ready = 1;
	if (wait_for_waiters((volatile int *)&s->m[0].lock, 0, 1) != 1)
		_exit(3);
	_exit(0);
}

/* Child 2: was unlocking m[3] (word already 0) when it died. */
static void child_pending(struct shared *s)
{
	head.futex_offset = offsetof(struct mutex, lock);
	head.list.next = &head.list;
	head.list_op_pending = &s->m[3].link;
	s->m[3].lock = 0;
	if (set_list())
		_exit(2);
	if (wait_for_waiters((volatile int *)&s->m[3].lock, 0, 1) != 1)
		_exit(3);
	_exit(0);
}

int main(void)
{
	struct shared *s = (struct shared *)shared_page();
	struct timespec t = ns_to_ts(5 * NS_PER_S);
	long got = 0, len = 0;
	uint32_t owner;
	int pid;

	if (!ok(s != NULL, "MAP_SHARED page"))
		return done();
	s->m[2].lock = (uint32_t)getpid();
	pid = fork();
	if (pid == 0)
		child_holder(s);
	while (!s->ready)
		sleep_ms(1);
	ok(sys6(SYS_get_robust_list, pid, (long)&got, (long)&len, 0, 0, 0) == 0,
	   "get_robust_list(child)");
	ok(got == s->head && len == (long)sizeof(struct robust_list_head),
	   "it returns the child's head and length 24");
	owner = s->m[0].lock;
	ok(owner == (uint32_t)pid, "the child owns lock 0");
	s->m[0].lock = owner | FUTEX_WAITERS;
	ok(futex(&s->m[0].lock, FUTEX_WAIT, (int)(owner | FUTEX_WAITERS), &t, NULL, 0) == 0,
	   "the waiter on lock 0 is woken by the owner's death");
	ok(reap(pid) == 0, "the child exited 0");
	ok(s->m[0].lock == (FUTEX_OWNER_DIED | FUTEX_WAITERS),
	   "lock 0: OWNER_DIED | WAITERS, tid cleared");
	ok(s->m[1].lock == FUTEX_OWNER_DIED, "lock 1 (no waiters): OWNER_DIED");
	ok(s->m[2].lock == (uint32_t)getpid(), "lock 2 (another owner): unchanged");

	pid = fork();
	if (pid == 0)
		child_pending(s);
	ok(futex(&s->m[3].lock, FUTEX_WAIT, 0, &t, NULL, 0) == 0,
	   "the waiter on the pending, unowned lock is woken");
	ok(reap(pid) == 0, "the second child exited 0");
	ok(s->m[3].lock == 0, "the pending lock's word is left at 0");
	return done();
}
