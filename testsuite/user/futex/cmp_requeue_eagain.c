/* cmp_requeue_eagain - FUTEX_CMP_REQUEUE first compares the first futex with val3: on a
 * mismatch it returns EAGAIN and neither wakes nor moves anyone; on a match it behaves as
 * FUTEX_REQUEUE. Negative counts give EINVAL (checked before the comparison). */
#include "futex_test.h"
#include "tap.h"

static volatile int fa = 7, fb;

static int waiter(void *arg)
{
	struct timespec t = ns_to_ts(5 * NS_PER_S);
	long r = futex(&fa, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 7, &t, NULL, 0);

	(void)arg;
	return r == 0 ? 0 : 10 + (int)-r;
}

int main(void)
{
	const int P = FUTEX_PRIVATE_FLAG;
	int p1 = spawn_vm(waiter, NULL), p2 = spawn_vm(waiter, NULL);

	ok(wait_for_waiters(&fa, P, 2) == 2, "two waiters on A");
	ok(futex(&fa, FUTEX_CMP_REQUEUE | P, 1, VAL2(1), &fb, 8) == -EAGAIN,
	   "value 7, val3 8: EAGAIN");
	ok(waiters(&fa, P) == 2 && waiters(&fb, P) == 0, "nobody woken or moved");
	ok(futex(&fa, FUTEX_CMP_REQUEUE | P, -1, VAL2(1), &fb, 7) == -EINVAL,
	   "negative wake count: EINVAL");
	ok(futex(&fa, FUTEX_CMP_REQUEUE | P, 1, VAL2(-1), &fb, 8) == -EINVAL,
	   "negative requeue count: EINVAL before the comparison");
	ok(futex(&fa, FUTEX_REQUEUE | P, 0, VAL2(-2), &fb, 0) == -EINVAL,
	   "FUTEX_REQUEUE with a negative count: EINVAL");
	ok(futex(&fa, FUTEX_CMP_REQUEUE | P, 0, VAL2(1), &fb, 7) == 1,
	   "value 7, val3 7: one moved");
	ok(waiters(&fa, P) == 1 && waiters(&fb, P) == 1, "one on A, one on B");
	fa = 9;
	ok(futex(&fa, FUTEX_CMP_REQUEUE | P, 1, VAL2(1), &fb, 7) == -EAGAIN,
	   "value changed to 9: EAGAIN");
	ok(futex(&fa, FUTEX_CMP_REQUEUE | P, 1, VAL2(0), &fb, 9) == 1, "val3 9: wakes one on A");
	ok(futex(&fb, FUTEX_WAKE | P, 1, NULL, NULL, 0) == 1, "wake B: one");
	ok(reap(p1) == 0 && reap(p2) == 0, "both waits returned 0");
	return done();
}
