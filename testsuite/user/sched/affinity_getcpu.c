/* affinity_getcpu - sched_setaffinity moves the caller to the CPUs of its mask (sched_getcpu
 * says where it runs), sched_getaffinity returns that mask and the size of a mask (8 bytes),
 * and the errors: a mask without any CPU (EINVAL), a buffer too small (EINVAL), no such pid
 * (ESRCH), a bad pointer (EFAULT). Works for any number of CPUs. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

static long set_mask(unsigned long mask)
{
	return syscall(SYS_sched_setaffinity, 0, sizeof(mask), &mask);
}

static long get_mask(unsigned long *mask)
{
	return syscall(SYS_sched_getaffinity, 0, sizeof(*mask), mask);
}

int main(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long all = ncpu >= 64 ? ~0UL : (1UL << ncpu) - 1, m = 0;
	int last = (int)ncpu - 1, ok_everywhere = 1;

	ok(ncpu >= 1, "at least one CPU online");
	ok(get_mask(&m) == 8, "sched_getaffinity returns the mask size (8)");
	ok(m == all, "the initial mask holds every online CPU");
	for (int cpu = 0; cpu <= last; cpu++) {
		if (set_mask(1UL << cpu) != 0)
			ok_everywhere = 0;
		sched_yield();
		if (sched_getcpu() != cpu)
			ok_everywhere = 0;
		if (get_mask(&m) != 8 || m != 1UL << cpu)
			ok_everywhere = 0;
	}
	ok(ok_everywhere, "pinned to each CPU in turn, it runs there and reads its mask back");
	ok(set_mask(all) == 0, "back to every CPU");
	errno = 0;
	ok(set_mask(0) == -1 && errno == EINVAL, "an empty mask: EINVAL");
	errno = 0;
	ok(syscall(SYS_sched_getaffinity, 0, 4, &m) == -1 && errno == EINVAL,
	   "a 4-byte buffer: EINVAL");
	errno = 0;
	ok(syscall(SYS_sched_getaffinity, 999999, sizeof(m), &m) == -1 && errno == ESRCH,
	   "no such pid: ESRCH");
	errno = 0;
	ok(syscall(SYS_sched_setaffinity, 0, sizeof(m), (void *)8) == -1 && errno == EFAULT,
	   "a bad mask pointer: EFAULT");
	return done();
}
