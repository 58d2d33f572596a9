/* enosys_unknown - system call numbers the kernel does not have give ENOSYS, every time, and
 * the process lives on. */
#include <errno.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	long r;

	errno = 0;
	r = syscall(500);
	ok(r == -1 && errno == ENOSYS, "syscall 500: ENOSYS");
	errno = 0;
	r = syscall(500);
	ok(r == -1 && errno == ENOSYS, "syscall 500 again: ENOSYS");
	errno = 0;
	r = syscall(100000);
	ok(r == -1 && errno == ENOSYS, "syscall 100000: ENOSYS");
	errno = 0;
	r = syscall(-1L);
	ok(r == -1 && errno == ENOSYS, "syscall -1: ENOSYS");
	ok(getpid() > 0, "still alive");
	return done();
}
