/* einval_cases - futex(2)'s EINVAL and ENOSYS answers, in Linux's order: the timeout is read
 * and checked first (a negative second or a nanosecond field outside [0, 1e9): EINVAL, before
 * the value is compared); then FUTEX_CLOCK_REALTIME outside FUTEX_WAIT_BITSET: ENOSYS; then a
 * bitset of 0 (WAIT_BITSET and WAKE_BITSET): EINVAL, even before the address is looked at;
 * then an address that is not 4-byte aligned: EINVAL (for either futex of REQUEUE, CMP_REQUEUE
 * and WAKE_OP too). Unknown operations (14, 15, 0x7f, FUTEX_FD) give ENOSYS; the count of the
 * requeue and wake-op operations travels in the timeout argument, which is not read.
 * set_robust_list with a length other than 24 gives EINVAL. */
#include "futex_test.h"
#include "tap.h"

static volatile int word[4];

int main(void)
{
	volatile char *odd = (volatile char *)word + 2;
	struct timespec bad_ns = {0, 1000000000}, neg_ns = {0, -1}, neg_s = {-1, 0};
	struct timespec t1 = ns_to_ts(1000000);

	ok(futex(word, FUTEX_WAIT, 0, &bad_ns, NULL, 0) == -EINVAL, "tv_nsec 1e9: EINVAL");
	ok(futex(word, FUTEX_WAIT, 0, &neg_ns, NULL, 0) == -EINVAL, "tv_nsec -1: EINVAL");
	ok(futex(word, FUTEX_WAIT, 0, &neg_s, NULL, 0) == -EINVAL, "tv_sec -1: EINVAL");
	ok(futex(word, FUTEX_WAIT, 1, &neg_s, NULL, 0) == -EINVAL,
	   "bad timeout with a mismatching value: EINVAL (checked first)");
	ok(futex(word, FUTEX_WAIT_BITSET, 0, &neg_s, NULL, 1) == -EINVAL,
	   "FUTEX_WAIT_BITSET, absolute tv_sec -1: EINVAL");
	ok(futex(odd, FUTEX_WAIT, 0, &neg_s, NULL, 0) == -EINVAL,
	   "bad timeout and misaligned address: EINVAL");
	ok(futex(word, FUTEX_WAIT_BITSET, 0, &t1, NULL, 0) == -EINVAL,
	   "FUTEX_WAIT_BITSET with bitset 0: EINVAL");
	ok(futex(NULL, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0) == -EINVAL,
	   "FUTEX_WAKE_BITSET with bitset 0 at NULL: EINVAL");
	ok(futex(word, FUTEX_WAKE_BITSET | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0) == -ENOSYS,
	   "FUTEX_WAKE_BITSET | FUTEX_CLOCK_REALTIME with bitset 0: ENOSYS first");
	ok(futex(odd, FUTEX_WAIT, 0, &t1, NULL, 0) == -EINVAL, "misaligned FUTEX_WAIT: EINVAL");
	ok(futex(odd, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &t1, NULL, 0) == -EINVAL,
	   "misaligned private FUTEX_WAIT: EINVAL");
	ok(futex(odd, FUTEX_WAKE, 1, NULL, NULL, 0) == -EINVAL, "misaligned FUTEX_WAKE: EINVAL");
	ok(futex((void *)1, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0) == -EINVAL,
	   "address 1, private FUTEX_WAKE: EINVAL (not EFAULT)");
	ok(futex(word, FUTEX_REQUEUE, 1, VAL2(1), odd, 0) == -EINVAL,
	   "FUTEX_REQUEUE to a misaligned futex: EINVAL");
	ok(futex(odd, FUTEX_CMP_REQUEUE, 1, VAL2(1), word, 0) == -EINVAL,
	   "FUTEX_CMP_REQUEUE from a misaligned futex: EINVAL");
	ok(futex(word, FUTEX_WAKE_OP, 1, VAL2(1), odd, 0) == -EINVAL,
	   "FUTEX_WAKE_OP on a misaligned second futex: EINVAL");
	ok(futex(word, FUTEX_WAKE, 1, &neg_s, NULL, 0) == 0,
	   "FUTEX_WAKE does not read the timeout argument");
	ok(futex(word, 14, 0, NULL, NULL, 0) == -ENOSYS, "operation 14: ENOSYS");
	ok(futex(word, 15 | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0) == -ENOSYS,
	   "operation 15: ENOSYS");
	ok(futex(word, 0x7f, 0, NULL, NULL, 0) == -ENOSYS, "operation 0x7f: ENOSYS");
	ok(futex(word, 2, 0, NULL, NULL, 0) == -ENOSYS, "FUTEX_FD: ENOSYS");
	ok(futex(word, FUTEX_WAKE | 0x200, 1, NULL, NULL, 0) == -ENOSYS,
	   "an unknown flag bit makes an unknown operation: ENOSYS");
	ok(sys6(SYS_set_robust_list, 0, 23, 0, 0, 0, 0) == -EINVAL, "set_robust_list length 23");
	ok(sys6(SYS_set_robust_list, 0, 32, 0, 0, 0, 0) == -EINVAL, "set_robust_list length 32");
	return done();
}
