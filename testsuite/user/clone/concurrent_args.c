/* concurrent_args - clone3 while another thread rewrites the argument struct (case 194 of
 * clone3-cases.md, bounded to 2000 calls). A second thread flips three fields of the shared
 * struct in a tight loop, each between a valid and an invalid value: flags 0 / CLONE_SIGHAND
 * (SIGHAND without VM), exit_signal SIGCHLD / 0x100, set_tid_size 0 / 1 (with set_tid NULL).
 * The kernel copies the struct once, so every call sees some mix of those values and only the
 * all-valid mix may make a child: each call returns -EINVAL or a pid, and every child is a
 * plain SIGCHLD child (reaped by waitpid(pid, 0), status 0). No other result, no child left. */
#define _GNU_SOURCE
#include <pthread.h>

#include "clone_test.h"

#define CALLS 2000

static struct c3_args shared_args;
static volatile int stop;

static void *flipper(void *arg)
{
	volatile struct c3_args *a = &shared_args;
	unsigned i = 0;
	(void)arg;
	while (!stop) {
		i++;
		a->flags = (i & 1) ? CLONE_SIGHAND : 0;
		a->exit_signal = (i & 2) ? 0x100 : SIGCHLD;
		a->set_tid_size = (i & 4) ? 1 : 0;
		if ((i & 1023) == 0)
			sched_yield();
	}
	return NULL;
}

int main(void)
{
	int bad_result = 0, bad_child = 0;
	pthread_t t;

	quiet_signals();
	a0_init(&shared_args);
	ok(pthread_create(&t, NULL, flipper, NULL) == 0, "194 flipping thread started");
	for (int i = 0; i < CALLS; i++) {
		long r = c3_quick(&shared_args, 88, 0);
		if (r == -EINVAL)
			continue;
		if (r <= 0) {
			bad_result++;
			continue;
		}
		int st;
		if (waitpid((pid_t)r, &st, 0) != r || st != 0)
			bad_child++;
		if ((i & 63) == 0)
			sched_yield();
	}
	stop = 1;
	pthread_join(t, NULL);
	ok(bad_result == 0, "194 every call returned EINVAL or a pid");
	ok(bad_child == 0, "194 every child was a plain SIGCHLD child that exited 0");
	ok(no_child(), "194 no children left");
	return done();
}
