/* wait_value_mismatch_eagain - FUTEX_WAIT and FUTEX_WAIT_BITSET return EAGAIN at once when the
 * word does not hold the expected value, with and without FUTEX_PRIVATE_FLAG, on private
 * anonymous memory, on a MAP_SHARED page, and on a never-touched page (the wait faults it in
 * and reads 0). The value is compared as an unsigned 32-bit word. */
#include "futex_test.h"
#include "tap.h"

static volatile int word = 5;

int main(void)
{
	static const int flags[2] = {0, FUTEX_PRIVATE_FLAG};
	volatile int *shared = shared_page();
	volatile int *fresh =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	for (int i = 0; i < 2; i++) {
		const char *kind = flags[i] ? "private" : "shared";

		ok(futex(&word, FUTEX_WAIT | flags[i], 4, NULL, NULL, 0) == -EAGAIN,
		   "%s FUTEX_WAIT, value 5, expected 4: EAGAIN", kind);
		ok(futex(&word, FUTEX_WAIT_BITSET | flags[i], 6, NULL, NULL, 1) == -EAGAIN,
		   "%s FUTEX_WAIT_BITSET, value 5, expected 6: EAGAIN", kind);
		ok(futex(&word, FUTEX_WAIT | flags[i], 5 + (1 << 16), NULL, NULL, 0) == -EAGAIN,
		   "%s FUTEX_WAIT compares all 32 bits", kind);
		if (shared) {
			*shared = -1;
			ok(futex(shared, FUTEX_WAIT | flags[i], 0x7fffffff, NULL, NULL, 0) ==
				   -EAGAIN,
			   "%s FUTEX_WAIT on a MAP_SHARED page: EAGAIN", kind);
		}
		if (fresh != MAP_FAILED)
			ok(futex(fresh + i, FUTEX_WAIT | flags[i], 1, NULL, NULL, 0) == -EAGAIN,
			   "%s FUTEX_WAIT on an untouched page reads 0: EAGAIN", kind);
	}
	ok(word == 5, "the word is unchanged");
	return done();
}
