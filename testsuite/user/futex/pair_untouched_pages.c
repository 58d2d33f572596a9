/* pair_untouched_pages - the two-futex operations on words in pages never touched before:
 * FUTEX_CMP_REQUEUE reads its first word and FUTEX_WAKE_OP changes its second one with the
 * futex locks held, so the first access faults; the kernel lets go, brings the page in and
 * tries again. Private and shared futexes, in private and shared anonymous memory; plain
 * FUTEX_REQUEUE reads no word. */
#include "futex_test.h"
#include "tap.h"

static volatile int *fresh(int share)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, share | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void run(const char *mem, int share, const char *kind, int flag)
{
	volatile int *a = fresh(share), *b = fresh(share), *c = fresh(share), *d = fresh(share);
	const int set5 = FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0);
	const int add2 = FUTEX_OP(FUTEX_OP_ADD, 2, FUTEX_OP_CMP_EQ, 5);

	if (!a || !b || !c || !d) {
		ok(0, "%s %s: mmap", mem, kind);
		return;
	}
	ok(futex(a, FUTEX_CMP_REQUEUE | flag, 1, VAL2(1), b, 1) == -EAGAIN,
	   "%s %s: CMP_REQUEUE reads 0 from an untouched first page (val3 1: EAGAIN)", mem, kind);
	ok(futex(c, FUTEX_CMP_REQUEUE | flag, 1, VAL2(1), b, 0) == 0,
	   "%s %s: CMP_REQUEUE on an untouched first page, val3 0: 0", mem, kind);
	ok(futex(a, FUTEX_WAKE_OP | flag, 1, VAL2(1), d, set5) == 0 && *d == 5,
	   "%s %s: WAKE_OP sets an untouched second word to 5", mem, kind);
	ok(futex(c, FUTEX_WAKE_OP | flag, 1, VAL2(1), d, add2) == 0 && *d == 7,
	   "%s %s: WAKE_OP adds 2 (old value 5)", mem, kind);
	ok(futex(fresh(share), FUTEX_REQUEUE | flag, 1, VAL2(1), fresh(share), 0) == 0,
	   "%s %s: REQUEUE between two untouched pages: 0", mem, kind);
}

int main(void)
{
	run("private memory", MAP_PRIVATE, "private futex", FUTEX_PRIVATE_FLAG);
	run("private memory", MAP_PRIVATE, "shared futex", 0);
	run("shared memory", MAP_SHARED, "private futex", FUTEX_PRIVATE_FLAG);
	run("shared memory", MAP_SHARED, "shared futex", 0);
	return done();
}
