/* TAP helpers for host unit tests (see htest.h). */
#include <stdarg.h>
#include <stdio.h>

#include "htest.h"

static int group_no, passed, failed;
static int cur_failures;
static char cur_msg[512];

void htest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (cur_failures++ > 0)
		return;
	n = snprintf(cur_msg, sizeof(cur_msg), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(cur_msg + n, sizeof(cur_msg) - (size_t)n, fmt, ap);
	va_end(ap);
}

void htest_run(const char *name, void (*fn)(void))
{
	cur_failures = 0;
	cur_msg[0] = '\0';
	fn();
	group_no++;
	if (cur_failures == 0) {
		passed++;
		printf("ok %d - %s\n", group_no, name);
	} else {
		failed++;
		printf("not ok %d - %s: %s", group_no, name, cur_msg);
		if (cur_failures > 1)
			printf(" (and %d more)", cur_failures - 1);
		printf("\n");
	}
	fflush(stdout);
}

int htest_done(void)
{
	printf("# %d passed, %d failed\n", passed, failed);
	fflush(stdout);
	return failed ? 1 : 0;
}

unsigned long htest_rand(void)
{
	static unsigned long s = 0x9e3779b97f4a7c15UL;

	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return s;
}
