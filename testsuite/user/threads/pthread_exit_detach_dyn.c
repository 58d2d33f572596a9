/* pthread_exit_detach_dyn - dynamically linked threads (case 156 and the libgcc_s path of
 * glibc's pthread_exit): 200 detached threads that return at once (musl unmaps their stacks
 * before exit), then 50 joined threads that end with pthread_exit and a value. */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>

#include "tap.h"

static volatile int started;

static void *quick(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void *exiter(void *arg)
{
	pthread_exit((void *)((long)arg + 1));
	return NULL;
}

int main(void)
{
	int bad = 0;

	for (int i = 0; i < 200; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, quick, NULL) != 0 || pthread_detach(t) != 0)
			bad++;
	}
	for (int i = 0; i < 500 && __atomic_load_n(&started, __ATOMIC_SEQ_CST) < 200; i++)
		usleep(10000);
	ok(bad == 0 && started == 200, "200 detached threads ran");
	for (long i = 0; i < 50; i++) {
		pthread_t t;
		void *r = NULL;
		if (pthread_create(&t, NULL, exiter, (void *)i) != 0 || pthread_join(t, &r) != 0 ||
		    r != (void *)(i + 1))
			bad++;
	}
	ok(bad == 0, "50 threads ended with pthread_exit(value), joined");
	return done();
}
