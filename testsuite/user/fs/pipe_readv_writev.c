/* pipe_readv_writev - readv and writev on a pipe are one transfer over the whole vector, as on
 * Linux: a read fills several segments from what is there, a write of several segments lands
 * whole; a segment that faults makes the call fail with EFAULT and takes (or stores) nothing,
 * not even the bytes of the good segments before it. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	char *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char a[8], b[16], back[32];
	struct iovec v[3];
	int p[2];
	ssize_t n;

	if (bad == MAP_FAILED || pipe(p))
		return 1;

	/* writev: three segments, one transfer */
	v[0] = (struct iovec){"ab", 2};
	v[1] = (struct iovec){"", 0};
	v[2] = (struct iovec){"cdef", 4};
	ok(writev(p[1], v, 3) == 6, "writev of 2+0+4 bytes: 6");

	/* readv: what is there spreads over the segments */
	memset(a, '.', sizeof(a));
	memset(b, '.', sizeof(b));
	v[0] = (struct iovec){a, 3};
	v[1] = (struct iovec){b, sizeof(b)};
	n = readv(p[0], v, 2);
	ok(n == 6 && memcmp(a, "abc", 3) == 0 && memcmp(b, "def", 3) == 0 && b[3] == '.',
	   "readv into 3+16 bytes: 6, \"abc\" then \"def\"");

	/* writev whose second segment faults: EFAULT, nothing stored */
	v[0] = (struct iovec){"xyz", 3};
	v[1] = (struct iovec){bad, 3};
	errno = 0;
	ok(writev(p[1], v, 2) == -1 && errno == EFAULT, "writev with a faulting segment: EFAULT");
	ok(write(p[1], "Q", 1) == 1 && read(p[0], back, sizeof(back)) == 1 && back[0] == 'Q',
	   "nothing of it was stored");

	/* readv whose second segment faults: EFAULT, nothing taken */
	ok(write(p[1], "123456", 6) == 6, "six bytes in");
	v[0] = (struct iovec){a, 3};
	v[1] = (struct iovec){bad, 3};
	errno = 0;
	ok(readv(p[0], v, 2) == -1 && errno == EFAULT, "readv with a faulting segment: EFAULT");
	ok(read(p[0], back, sizeof(back)) == 6 && memcmp(back, "123456", 6) == 0,
	   "all six bytes are still in the pipe");

	/* a faulting segment that the data does not reach is never touched */
	ok(write(p[1], "12", 2) == 2, "two bytes in");
	v[0] = (struct iovec){a, 3};
	v[1] = (struct iovec){bad, 3};
	ok(readv(p[0], v, 2) == 2 && memcmp(a, "12", 2) == 0,
	   "readv of 2 bytes into 3 good + 3 bad: 2");
	return done();
}
