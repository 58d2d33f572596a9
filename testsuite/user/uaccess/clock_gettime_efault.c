/* clock_gettime_efault - the clock_gettime syscall (raw: the library may answer from the vDSO
 * without entering the kernel) with a bad timespec pointer is EFAULT, with an unknown clock
 * EINVAL; gettimeofday and nanosleep with bad pointers are EFAULT. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

int main(void)
{
	struct timespec ts;
	char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED || munmap(m + PG, PG) != 0)
		return 1;
	/* An unmapped page, the kernel half, and a struct whose second half is unmapped. */
	void *bad[] = {m + PG, (void *)0xffffffc000000000UL, m + PG - 8};
	const char *name[] = {"unmapped page", "kernel half", "struct straddling into a hole"};

	ok(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0, "good pointer: 0");
	for (int i = 0; i < 3; i++) {
		errno = 0;
		ok(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad[i]) == -1 && errno == EFAULT,
		   "CLOCK_MONOTONIC into %s: EFAULT", name[i]);
		errno = 0;
		ok(syscall(SYS_clock_gettime, CLOCK_REALTIME, bad[i]) == -1 && errno == EFAULT,
		   "CLOCK_REALTIME into %s: EFAULT", name[i]);
		errno = 0;
		ok(syscall(SYS_gettimeofday, bad[i], NULL) == -1 && errno == EFAULT,
		   "gettimeofday into %s: EFAULT", name[i]);
		errno = 0;
		ok(syscall(SYS_nanosleep, bad[i], NULL) == -1 && errno == EFAULT,
		   "nanosleep request at %s: EFAULT", name[i]);
	}
	errno = 0;
	ok(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULL) == -1 && errno == EFAULT,
	   "clock_gettime into NULL: EFAULT");
	ok(syscall(SYS_gettimeofday, NULL, NULL) == 0, "gettimeofday(NULL, NULL): 0");
	errno = 0;
	ok(syscall(SYS_clock_gettime, 12345, &ts) == -1 && errno == EINVAL,
	   "unknown clock: EINVAL");
	ok(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0, "still works afterwards");
	return done();
}
