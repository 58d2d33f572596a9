/* fs_test.h - helpers shared by the fs tests. */
#ifndef FS_TEST_H
#define FS_TEST_H

#include <errno.h>

/* True if @r is a libc call's failure (-1) with errno @e; clears errno for the next check. */
static inline int fails(int r, int e)
{
	int got = errno;

	errno = 0;
	return r == -1 && got == e;
}

#endif
