/* clone3_namespaces - namespace flags under Kestrel's policy (case 63, 71 of clone3-cases.md;
 * clone3.md section 11): with no namespaces, each CLONE_NEW* flag (and clone3's NEWTIME) is
 * EINVAL for root, after the earlier checks; NEWIPC|SYSVSEM is EINVAL everywhere. The
 * reference Linux has namespaces and creates them, so this test is PENDING there by policy. */
#define _GNU_SOURCE
#include "clone_test.h"

int main(void)
{
	static const struct {
		unsigned long long flag;
		const char *name;
	} ns[] = {{CLONE_NEWNS, "NEWNS"},     {CLONE_NEWUTS, "NEWUTS"},
		  {CLONE_NEWIPC, "NEWIPC"},   {CLONE_NEWNET, "NEWNET"},
		  {CLONE_NEWPID, "NEWPID"},   {CLONE_NEWCGROUP, "NEWCGROUP"},
		  {CLONE_NEWUSER, "NEWUSER"}, {X_CLONE_NEWTIME, "NEWTIME"}};
	struct c3_args a;

	for (unsigned i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		a0_init(&a);
		a.flags = ns[i].flag;
		long r = c3_quick(&a, 88, 0);
		if (r > 0)
			reap(r);
		ok(r == -EINVAL && no_child(), "71 %s as root: EINVAL (policy)", ns[i].name);
	}
	a0_init(&a);
	a.flags = CLONE_NEWIPC | CLONE_SYSVSEM;
	ok(c3_quick(&a, 88, 0) == -EINVAL && no_child(), "63 NEWIPC|SYSVSEM: EINVAL");
	return done();
}
