/* In-kernel test runner (see ktest.h). */
#include "types.h"
#include "printk.h"
#include "string.h"
#include "mm/frame.h"
#include "testsuite/ktest/ktest.h"

extern const struct ktest __ktest_start[], __ktest_end[];

void ktest_fail(struct ktest_result *r, const char *file, int line, const char *cond)
{
	if (r->failures++ == 0) {
		r->file = file;
		r->line = line;
		r->cond = cond;
	}
	printk("#   %s:%d: %s\n", file, line, cond);
}

static bool selected(const struct ktest *t, const char *filter)
{
	return !filter || !filter[0] || strcmp(t->suite, filter) == 0;
}

int ktest_run_all(const char *filter)
{
	const struct ktest *t;
	int n = 0, passed = 0, failed = 0;

	for (t = __ktest_start; t < __ktest_end; t++)
		if (selected(t, filter))
			n++;
	printk("1..%d\n", n);
	n = 0;
	for (t = __ktest_start; t < __ktest_end; t++) {
		struct ktest_result r = {0};
		u64 free_before;
		long leaked;

		if (!selected(t, filter))
			continue;
		n++;
		free_before = frame_free_count();
		t->fn(&r);
		leaked = (long)(free_before - frame_free_count());
		if (leaked && r.failures == 0) {
			printk("#   %ld frames leaked\n", leaked);
			ktest_fail(&r, __FILE__, __LINE__, "frame_free_count() unchanged");
		}
		if (r.failures == 0) {
			passed++;
			printk("ok %d - %s.%s\n", n, t->suite, t->name);
		} else {
			failed++;
			printk("not ok %d - %s.%s: %s:%d: %s\n", n, t->suite, t->name, r.file,
			       r.line, r.cond);
		}
	}
	printk("ktest: %d passed, %d failed\n", passed, failed);
	return failed;
}
