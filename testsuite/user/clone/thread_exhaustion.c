/* thread_exhaustion - creating threads until clone fails (case 196 of clone3-cases.md, bounded
 * to 500 threads with 64 KiB stacks so that it takes seconds on QEMU with 4 harts). Every
 * thread stays alive until all have been created; creation stops at the first failure. Either all 500 are created or the failure is EAGAIN
 * or ENOMEM (never a panic or another error); then every created thread is joined with its
 * own return value, and afterwards a new thread can be created and joined again (everything
 * was freed). The output does not depend on where creation stopped. */
#define _GNU_SOURCE
#include <pthread.h>

#include "clone_test.h"

#define MAXT 500

static pthread_t th[MAXT];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int go;

static void *body(void *arg)
{
	pthread_mutex_lock(&mu);
	while (!go)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	return arg;
}

int main(void)
{
	pthread_attr_t at;
	int n = 0, err = 0, bad_join = 0;

	pthread_attr_init(&at);
	pthread_attr_setstacksize(&at, 65536);
	for (; n < MAXT; n++) {
		err = pthread_create(&th[n], &at, body, (void *)(long)(n + 1));
		if (err)
			break;
	}
	ok(n == MAXT || err == EAGAIN || err == ENOMEM,
	   "196 all threads created, or the failure is EAGAIN or ENOMEM");
	ok(n > 0, "196 some threads were created");
	pthread_mutex_lock(&mu);
	go = 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < n; i++) {
		void *ret = NULL;
		if (pthread_join(th[i], &ret) != 0 || ret != (void *)(long)(i + 1))
			bad_join++;
	}
	ok(bad_join == 0, "196 every created thread joined with its value");
	pthread_t t;
	void *ret = NULL;
	go = 1;
	ok(pthread_create(&t, &at, body, (void *)7L) == 0 && pthread_join(t, &ret) == 0 &&
		   ret == (void *)7L,
	   "196 a thread can be created after the joins");
	return done();
}
