/*
 * In-kernel tests (run at boot when the kernel is built with KTEST=1).
 *
 *   KTEST(frame, alloc_free)
 *   {
 *           paddr_t pa = frame_alloc(0);
 *           KT_ASSERT(r, pa != 0);         // record and leave the test
 *           KT_EXPECT(r, IS_ALIGNED(pa, PAGE_SIZE)); // record and go on
 *           frame_free(pa, 0);
 *   }
 *
 * KTEST(suite, name) defines the test function (its result pointer is called r) and places a
 * struct ktest in the linker section .ktest, which kernel/kernel.ld brackets with __ktest_start
 * and __ktest_end. ktest_run_all() prints one TAP line per test; a test that changes
 * frame_free_count() fails as a leak. Tests run on one hart, in link order.
 */
#ifndef TESTSUITE_KTEST_KTEST_H
#define TESTSUITE_KTEST_KTEST_H

#include "types.h"
#include "compiler.h"

struct ktest_result {
	int failures;	  /* failed checks so far */
	const char *file; /* first failure: where and what */
	int line;
	const char *cond;
};

struct ktest {
	const char *suite, *name;
	void (*fn)(struct ktest_result *);
};

#define KTEST(suite, name)                                                                         \
	static void ktest_fn_##suite##_##name(struct ktest_result *r);                             \
	static const struct ktest ktest_desc_##suite##_##name __used __section(".ktest")           \
		__aligned(8) = {#suite, #name, ktest_fn_##suite##_##name};                         \
	static void ktest_fn_##suite##_##name(struct ktest_result *r)

/* Record a failure of @cond (with file:line) and continue the test. */
#define KT_EXPECT(r, cond)                                                                         \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ktest_fail((r), __FILE__, __LINE__, #cond);                                \
	} while (0)

/* Record a failure of @cond and return from the test function. */
#define KT_ASSERT(r, cond)                                                                         \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			ktest_fail((r), __FILE__, __LINE__, #cond);                                \
			return;                                                                    \
		}                                                                                  \
	} while (0)

/*
 * ktest_fail - record a failed check in @r and print it as a TAP comment.
 * Context: inside a test function.
 */
void ktest_fail(struct ktest_result *r, const char *file, int line, const char *cond);

/*
 * ktest_run_all - run every test whose suite is @filter (NULL or "" = all), printing
 * "ok N - suite.name" or "not ok N - suite.name: file:line: cond" for each, then
 * "ktest: P passed, F failed".
 * Context: boot, one hart, after the allocators are up; tests may allocate and sleep-free wait.
 * Returns the number of failed tests.
 */
int ktest_run_all(const char *filter);

#endif
