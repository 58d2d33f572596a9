/* efault_bad_address - futex(2) and the robust-list calls with bad user pointers:
 *   - a wait reads the word: NULL, a PROT_NONE page or a kernel address give EFAULT;
 *   - a private wake never touches memory, so NULL or a PROT_NONE page give 0 (only a kernel
 *     address fails, EFAULT); a shared wake must find the page: EFAULT;
 *   - a shared futex on a never-written read-only private page: EFAULT (Linux finds its zero
 *     page there, which has no key);
 *   - FUTEX_WAKE_OP writes its second futex: read-only or NULL gives EFAULT;
 *   - FUTEX_CMP_REQUEUE reads its first futex, FUTEX_REQUEUE does not;
 *   - an unreadable timeout gives EFAULT;
 *   - get_robust_list writes the length first, then the head: EFAULT for either;
 *     an unknown pid gives ESRCH.
 * A word in a page never touched before is fine: the wait faults it in. */
#include "futex_test.h"
#include "tap.h"

static volatile int word;

int main(void)
{
	const int P = FUTEX_PRIVATE_FLAG;
	volatile int *kernel = (volatile int *)0xffffffc000000000UL;
	volatile int *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int *fresh =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct timespec t0 = {0, 0};
	long head = 0, len = 0;

	ok(futex(NULL, FUTEX_WAIT, 0, &t0, NULL, 0) == -EFAULT, "shared wait on NULL: EFAULT");
	ok(futex(NULL, FUTEX_WAIT | P, 0, &t0, NULL, 0) == -EFAULT, "private wait on NULL: EFAULT");
	ok(futex(none, FUTEX_WAIT | P, 0, &t0, NULL, 0) == -EFAULT,
	   "private wait on PROT_NONE: EFAULT");
	ok(futex(kernel, FUTEX_WAIT | P, 0, &t0, NULL, 0) == -EFAULT,
	   "private wait on a kernel address: EFAULT");
	ok(futex(NULL, FUTEX_WAKE | P, 1, NULL, NULL, 0) == 0, "private wake on NULL: 0");
	ok(futex(none, FUTEX_WAKE | P, 1, NULL, NULL, 0) == 0, "private wake on PROT_NONE: 0");
	ok(futex(kernel, FUTEX_WAKE | P, 1, NULL, NULL, 0) == -EFAULT,
	   "private wake on a kernel address: EFAULT");
	ok(futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0) == -EFAULT, "shared wake on NULL: EFAULT");
	ok(futex(none, FUTEX_WAKE, 1, NULL, NULL, 0) == -EFAULT,
	   "shared wake on PROT_NONE: EFAULT");
	ok(futex(ro, FUTEX_WAIT, 0, &t0, NULL, 0) == -EFAULT,
	   "shared wait on an untouched read-only page: EFAULT");
	ok(futex(ro, FUTEX_WAIT | P, 0, &t0, NULL, 0) == -ETIMEDOUT,
	   "private wait there reads 0: ETIMEDOUT");
	ok(futex(fresh, FUTEX_WAIT, 0, &t0, NULL, 0) == -ETIMEDOUT,
	   "shared wait on an untouched writable page: ETIMEDOUT");
	ok(futex(&word, FUTEX_WAKE_OP, 1, VAL2(1), ro, 0) == -EFAULT,
	   "shared FUTEX_WAKE_OP onto a read-only page: EFAULT");
	ok(futex(&word, FUTEX_WAKE_OP | P, 1, VAL2(1), ro, 0) == -EFAULT,
	   "private FUTEX_WAKE_OP onto a read-only page: EFAULT");
	ok(futex(&word, FUTEX_WAKE_OP | P, 1, VAL2(1), NULL, 0) == -EFAULT,
	   "private FUTEX_WAKE_OP onto NULL: EFAULT");
	ok(futex(none, FUTEX_CMP_REQUEUE | P, 1, VAL2(1), &word, 0) == -EFAULT,
	   "private FUTEX_CMP_REQUEUE from PROT_NONE: EFAULT");
	ok(futex(none, FUTEX_REQUEUE | P, 1, VAL2(1), &word, 0) == 0,
	   "private FUTEX_REQUEUE from PROT_NONE: 0");
	ok(futex(&word, FUTEX_REQUEUE, 1, VAL2(1), none, 0) == -EFAULT,
	   "shared FUTEX_REQUEUE to PROT_NONE: EFAULT");
	ok(futex(&word, FUTEX_WAIT, 0, (void *)8, NULL, 0) == -EFAULT,
	   "unreadable timeout: EFAULT");
	ok(futex(&word, FUTEX_WAIT_BITSET, 0, (const void *)none, NULL, 1) == -EFAULT,
	   "FUTEX_WAIT_BITSET with a PROT_NONE timeout: EFAULT");

	ok(sys6(SYS_get_robust_list, 0, (long)&head, (long)&len, 0, 0, 0) == 0 && len == 24,
	   "get_robust_list: length 24");
	len = 0;
	ok(sys6(SYS_get_robust_list, 0, (long)&head, 8, 0, 0, 0) == -EFAULT,
	   "get_robust_list, bad length pointer: EFAULT");
	ok(sys6(SYS_get_robust_list, 0, 8, (long)&len, 0, 0, 0) == -EFAULT && len == 24,
	   "get_robust_list, bad head pointer: EFAULT after the length was written");
	ok(sys6(SYS_get_robust_list, 99999, (long)&head, (long)&len, 0, 0, 0) == -ESRCH,
	   "get_robust_list of pid 99999: ESRCH");
	ok(sys6(SYS_get_robust_list, -1, (long)&head, (long)&len, 0, 0, 0) == -ESRCH,
	   "get_robust_list of pid -1: ESRCH");
	return done();
}
