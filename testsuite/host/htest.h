/*
 * Host unit-test helpers: TAP output, one line per check group.
 *
 *   static void t_split(void) { CHECK(x == 1); CHECK_MSG(p != NULL, "page %d", i); }
 *   int main(void) { RUN(t_split); return htest_done(); }
 *
 * prints "ok N - t_split" or "not ok N - t_split: file:line: cond", and at the end
 * "# P passed, F failed"; htest_done() returns the exit status (non-zero on any failure).
 */
#ifndef TESTSUITE_HOST_HTEST_H
#define TESTSUITE_HOST_HTEST_H

#include <stdbool.h>

/* htest_fail - record a failed check in the current group (the first message is kept). */
void htest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* htest_run - run @fn as one group named @name and print its TAP line. */
void htest_run(const char *name, void (*fn)(void));
/* htest_done - print the summary line; returns 0 if every group passed, else 1. */
int htest_done(void);
/* htest_rand - xorshift64 pseudo-random numbers, deterministic per process. */
unsigned long htest_rand(void);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			htest_fail(__FILE__, __LINE__, "%s", #cond);                               \
	} while (0)
#define CHECK_MSG(cond, ...)                                                                       \
	do {                                                                                       \
		if (!(cond))                                                                       \
			htest_fail(__FILE__, __LINE__, __VA_ARGS__);                               \
	} while (0)
#define RUN(fn) htest_run(#fn, fn)

#endif
