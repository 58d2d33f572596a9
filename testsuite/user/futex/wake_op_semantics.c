/* wake_op_semantics - FUTEX_WAKE_OP(uaddr1, nr1, nr2, uaddr2, op): atomically applies op to
 * *uaddr2 (SET, ADD, OR, ANDN, XOR; OPARG_SHIFT uses 1 << oparg, a shift above 31 is masked to
 * its low 5 bits, as Linux does after a warning), wakes up to nr1 waiters of uaddr1, and, if the
 * signed comparison of the OLD value of *uaddr2 with cmparg (12 bits, sign-extended) holds,
 * up to nr2 waiters of uaddr2; it returns the total woken. An unknown operation returns ENOSYS
 * and leaves *uaddr2 alone; an unknown comparison returns ENOSYS after applying the operation
 * (as Linux). */
#include "futex_test.h"
#include "tap.h"

static volatile int w1, w2;

static int waiter(void *arg)
{
	struct timespec t = ns_to_ts(5 * NS_PER_S);
	volatile int *w = arg;
	long r = futex(w, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, *w, &t, NULL, 0);

	return r == 0 ? 0 : 10 + (int)-r;
}

static long wake_op(int nr1, int nr2, int op)
{
	return futex(&w1, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, nr1, VAL2(nr2), &w2, op);
}

/* Apply @op to w2 = @start with nobody waiting; returns the result and the new value. */
static long apply(int start, int op, int *after)
{
	long r;

	w2 = start;
	r = wake_op(1, 1, op);
	*after = w2;
	return r;
}

int main(void)
{
	const int P = FUTEX_PRIVATE_FLAG;
	int v, pa[2], pb[2], all = 1;

	ok(apply(5, FUTEX_OP(FUTEX_OP_SET, 9, FUTEX_OP_CMP_EQ, 0), &v) == 0 && v == 9, "SET 9");
	ok(apply(5, FUTEX_OP(FUTEX_OP_ADD, -3, FUTEX_OP_CMP_EQ, 0), &v) == 0 && v == 2, "ADD -3");
	ok(apply(5, FUTEX_OP(FUTEX_OP_OR, 0x30, FUTEX_OP_CMP_EQ, 0), &v) == 0 && v == 0x35,
	   "OR 0x30");
	ok(apply(7, FUTEX_OP(FUTEX_OP_ANDN, 2, FUTEX_OP_CMP_EQ, 0), &v) == 0 && v == 5, "ANDN 2");
	ok(apply(5, FUTEX_OP(FUTEX_OP_XOR, 0xfff, FUTEX_OP_CMP_EQ, 0), &v) == 0 && v == ~5,
	   "XOR with oparg 0xfff (sign-extended to -1)");
	ok(apply(1, FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_EQ, 0), &v) == 0 &&
		   v == 0x11,
	   "OR with OPARG_SHIFT 4");
	ok(apply(0, FUTEX_OP(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 40, FUTEX_OP_CMP_EQ, 0), &v) ==
			   0 &&
		   v == 0x100,
	   "OPARG_SHIFT 40 is taken as 8");
	ok(apply(5, FUTEX_OP(5, 1, FUTEX_OP_CMP_EQ, 0), &v) == -ENOSYS && v == 5,
	   "operation 5: ENOSYS, word unchanged");
	ok(apply(5, FUTEX_OP(FUTEX_OP_ADD, 1, 6, 0), &v) == -ENOSYS && v == 6,
	   "comparison 6: ENOSYS, but the ADD was done");

	/* Comparisons against the old value: which ones wake the waiter of w2. */
	static const struct {
		int cmp, cmparg, start, wakes;
		const char *name;
	} cases[] = {
		{FUTEX_OP_CMP_EQ, 3, 3, 1, "EQ 3 with old 3"},
		{FUTEX_OP_CMP_EQ, 3, 4, 0, "EQ 3 with old 4"},
		{FUTEX_OP_CMP_NE, 3, 4, 1, "NE 3 with old 4"},
		{FUTEX_OP_CMP_LT, 0, -1, 1, "LT 0 with old -1 (signed)"},
		{FUTEX_OP_CMP_LT, 0, 0, 0, "LT 0 with old 0"},
		{FUTEX_OP_CMP_LE, 0, 0, 1, "LE 0 with old 0"},
		{FUTEX_OP_CMP_GT, -2, -1, 1, "GT -2 with old -1"},
		{FUTEX_OP_CMP_GE, 5, 4, 0, "GE 5 with old 4"},
		{FUTEX_OP_CMP_GE, 0xfff, 0, 1, "GE cmparg 0xfff (-1) with old 0"},
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int pid;

		w2 = cases[i].start;
		pid = spawn_vm(waiter, (void *)&w2);
		wait_for_waiters(&w2, P, 1);
		v = (int)wake_op(1, 1, FUTEX_OP(FUTEX_OP_ADD, 0, cases[i].cmp, cases[i].cmparg));
		ok(v == cases[i].wakes, "%s: woke %d", cases[i].name, cases[i].wakes);
		if (!cases[i].wakes)
			futex(&w2, FUTEX_WAKE | P, 1, NULL, NULL, 0);
		reap(pid);
	}

	/* Counts: two waiters on each word; wake 1 of w1 and 2 of w2. */
	w1 = 0;
	w2 = 0;
	for (int i = 0; i < 2; i++) {
		pa[i] = spawn_vm(waiter, (void *)&w1);
		pb[i] = spawn_vm(waiter, (void *)&w2);
	}
	ok(wait_for_waiters(&w1, P, 2) == 2 && wait_for_waiters(&w2, P, 2) == 2,
	   "two waiters on each word");
	ok(wake_op(1, 2, FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)) == 3,
	   "wake 1 of uaddr1 and 2 of uaddr2: returns 3");
	ok(w2 == 1, "uaddr2 set to 1");
	ok(waiters(&w1, P) == 1 && waiters(&w2, P) == 0, "one left on uaddr1");
	ok(wake_op(5, 5, FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)) == 1,
	   "comparison false: only uaddr1's waiter woken");
	for (int i = 0; i < 2; i++)
		all &= reap(pa[i]) == 0 && reap(pb[i]) == 0;
	ok(all, "every FUTEX_WAIT returned 0");
	return done();
}
