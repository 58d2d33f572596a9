/*
 * stress_pthreads - 64 POSIX threads at once on every hart: pairs play futex ping-pong, every
 * thread maps, touches and unmaps anonymous memory (private and shared in turn) while the
 * others run, and every fourth one forks a child that exits. Fixed iteration counts bound the
 * time; every thread must finish and report no failure (no lost wake-up, no stale page).
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define THREADS 64
#define PINGS	100
#define MAPS	20

static volatile int turn[THREADS / 2];
static volatile int failures, finished;

static void *worker(void *arg)
{
	long id = (long)arg, pair = id / 2, me = id % 2;

	for (int i = 0; i < PINGS; i++) {
		while (turn[pair] != me)
			syscall(SYS_futex, &turn[pair], FUTEX_WAIT_PRIVATE, !me, NULL, NULL, 0);
		turn[pair] = !me;
		syscall(SYS_futex, &turn[pair], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		if (i % (PINGS / MAPS) == 0) {
			int kind = (i / (PINGS / MAPS)) % 2 ? MAP_SHARED : MAP_PRIVATE;
			volatile char *m = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE,
						kind | MAP_ANONYMOUS, -1, 0);

			if (m == MAP_FAILED) {
				__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
				return NULL;
			}
			for (int p = 0; p < 8; p++)
				m[p * 4096] = (char)id;
			for (int p = 0; p < 8; p++)
				if (m[p * 4096] != (char)id)
					__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
			munmap((void *)m, 8 * 4096);
		}
		if (id % 4 == 0 && i == PINGS / 2) {
			int st = 0;
			pid_t pid = fork();

			if (pid == 0)
				_exit(7);
			if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
			    WEXITSTATUS(st) != 7)
				__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
		}
	}
	__atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

int main(void)
{
	pthread_t th[THREADS];
	pthread_attr_t attr;
	int created = 0, joined = 0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&th[i], &attr, worker, (void *)i) == 0)
			created++;
	for (int i = 0; i < created; i++)
		if (pthread_join(th[i], NULL) == 0)
			joined++;
	ok(created == THREADS, "%d threads created", THREADS);
	ok(joined == THREADS && finished == THREADS, "every thread finished and was joined");
	ok(failures == 0, "no failed map, stale page or fork");
	return done();
}
