/* clear_child_tid_wakes - CLONE_CHILD_CLEARTID: when a CLONE_VM child exits, the kernel stores
 * 0 in its child_tid word and does a shared FUTEX_WAKE of one waiter there. The parent waits
 * on the word with a shared FUTEX_WAIT (as glibc and musl do) and the child exits only once
 * that wait is queued: the wait returns 0 and the word reads 0. The same release happens at a
 * successful execve: a CLONE_VM|CLONE_VFORK child that execs has cleared the word by the time
 * the parent resumes. */
#include "futex_test.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static volatile int ctid = 1;
static char self[256];

static int child(void *arg)
{
	(void)arg;
	/* Exit only when the parent sleeps on the word. */
	if (wait_for_waiters(&ctid, 0, 1) != 1)
		return 3;
	return 0;
}

static int exec_child(void *arg)
{
	char *argv[] = {self, "exit", NULL};

	(void)arg;
	sys6(SYS_execve, (long)self, (long)argv, (long)environ, 0, 0, 0);
	return 4;
}

int main(int argc, char **argv)
{
	struct timespec t = ns_to_ts(5 * NS_PER_S);
	long r;
	int pid;

	if (argc > 1 && strcmp(argv[1], "exit") == 0)
		return 0;

	pid = spawn_vm_flags(child, NULL, CLONE_CHILD_CLEARTID, &ctid);
	ok(pid > 0, "clone(CLONE_VM | CLONE_CHILD_CLEARTID)");
	r = futex(&ctid, FUTEX_WAIT, 1, &t, NULL, 0);
	ok(r == 0, "the shared FUTEX_WAIT on the tid word is woken at the child's exit");
	ok(ctid == 0, "the word reads 0");
	ok(reap(pid) == 0, "the child exited 0");

	r = readlink("/proc/self/exe", self, sizeof(self) - 1);
	ok(r > 0, "readlink /proc/self/exe");
	if (r > 0) {
		self[r] = 0;
		ctid = 7;
		pid = spawn_vm_flags(exec_child, NULL, CLONE_VFORK | CLONE_CHILD_CLEARTID, &ctid);
		ok(pid > 0, "clone(CLONE_VM | CLONE_VFORK | CLONE_CHILD_CLEARTID)");
		ok(ctid == 0, "after the child's execve the word reads 0");
		ok(reap(pid) == 0, "the exec'd child exited 0");
	}
	return done();
}
