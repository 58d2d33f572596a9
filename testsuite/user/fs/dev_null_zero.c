/* dev_null_zero - /dev/zero reads zeros (any count) and accepts writes; /dev/null accepts
 * writes of any count and reads EOF (0). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	static char buf[3 * 4096 + 5];
	int zero = open("/dev/zero", O_RDWR);
	int null = open("/dev/null", O_RDWR);
	size_t nz = 0;

	ok(zero >= 0 && null >= 0, "open /dev/zero and /dev/null");
	memset(buf, 0xff, sizeof(buf));
	ok(read(zero, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "read 12293 bytes of /dev/zero");
	for (size_t i = 0; i < sizeof(buf); i++)
		nz += buf[i] != 0;
	ok(nz == 0, "all zero");
	ok(read(zero, buf, 0) == 0, "read 0 bytes: 0");
	ok(write(zero, "abc", 3) == 3, "write to /dev/zero: 3");
	ok(write(null, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "write 12293 bytes to /dev/null");
	ok(read(null, buf, sizeof(buf)) == 0, "read /dev/null: 0 (EOF)");
	ok(lseek(null, 0, SEEK_SET) == 0, "lseek on /dev/null: 0");
	ok(pread(zero, buf, 10, 1000) == 10 && buf[0] == 0, "pread /dev/zero at 1000: 10 zeros");
	close(zero);
	close(null);
	return done();
}
