/* pthread_lifecycle - the libc's threads on top of clone (cases 156, 178, 180, 181, 184-187 of
 * clone3-cases.md): 1000 threads created and joined in batches of 50, each with its own
 * __thread value and tid; a mutex and condition-variable hand-off among 8 threads; fork from
 * a thread (the child is single-threaded and can make threads itself); posix_spawn and
 * vfork + execve of this program, with the exit status coming back. */
#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

extern char **environ;

static __thread long tls_value;
static pid_t tids[50];

static void *worker(void *arg)
{
	long i = (long)arg;
	tls_value = i * 7 + 1;
	tids[i % 50] = (pid_t)syscall(SYS_gettid);
	sched_yield();
	return (void *)(tls_value == i * 7 + 1 ? i : -1);
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long turn, counter;
#define NCV    8
#define ROUNDS 200

static void *cv_worker(void *arg)
{
	long me = (long)arg;
	for (int r = 0; r < ROUNDS; r++) {
		pthread_mutex_lock(&mu);
		while (turn % NCV != me)
			pthread_cond_wait(&cv, &mu);
		counter++;
		turn++;
		pthread_cond_broadcast(&cv);
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

static void *thread_in_child(void *arg)
{
	return arg;
}

static void *forker(void *arg)
{
	(void)arg;
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t t;
		void *r = NULL;
		if (pthread_create(&t, NULL, thread_in_child, (void *)42L) != 0)
			_exit(2);
		pthread_join(t, &r);
		_exit(r == (void *)42L && getpid() == (pid_t)syscall(SYS_gettid) ? 0 : 3);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	return (void *)(long)st;
}

int main(int argc, char **argv)
{
	int bad = 0, dup = 0;

	if (argc > 1)
		return atoi(argv[1]);
	for (long base = 0; base < 1000; base += 50) {
		pthread_t t[50];
		for (long i = 0; i < 50; i++)
			if (pthread_create(&t[i], NULL, worker, (void *)(base + i)) != 0)
				bad++;
		for (long i = 0; i < 50; i++) {
			void *r;
			if (pthread_join(t[i], &r) != 0 || (long)r != base + i)
				bad++;
		}
		for (int i = 0; i < 50; i++)
			for (int j = i + 1; j < 50; j++)
				if (tids[i] == tids[j] || tids[i] == getpid())
					dup++;
	}
	ok(bad == 0, "1000 threads created and joined, each saw its own __thread value");
	ok(dup == 0, "threads of a batch had distinct tids, none the pid");
	ok(tls_value == 0, "the main thread's __thread value untouched");

	pthread_t cvt[NCV];
	for (long i = 0; i < NCV; i++)
		pthread_create(&cvt[i], NULL, cv_worker, (void *)i);
	for (int i = 0; i < NCV; i++)
		pthread_join(cvt[i], NULL);
	ok(counter == NCV * ROUNDS, "mutex + condvar round robin among 8 threads");

	pthread_t ft;
	void *fr = (void *)-1L;
	pthread_create(&ft, NULL, forker, NULL);
	pthread_join(ft, &fr);
	ok(fr == 0, "fork from a thread: the child made and joined a thread of its own");

	pid_t pid;
	int st = -1;
	char *av[] = {argv[0], "5", NULL};
	ok(posix_spawn(&pid, argv[0], NULL, NULL, av, environ) == 0, "posix_spawn");
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	   "posix_spawn: exit status 5 came back");
	pid = vfork();
	if (pid == 0) {
		char *av2[] = {argv[0], "6", NULL};
		execve(argv[0], av2, environ);
		_exit(127);
	}
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 6,
	   "vfork + execve: exit status 6");
	return done();
}
