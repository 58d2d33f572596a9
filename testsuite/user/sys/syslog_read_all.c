/* syslog_read_all - the kernel log through syslog(2) (glibc/musl klogctl), as dmesg reads it:
 * the buffer size is positive, READ_ALL gives lines "<level>text" (level 0-7; the reference
 * is built without PRINTK_TIME, so no time stamp), a short buffer gets the newest lines whole; a NULL buffer or negative length is
 * EINVAL, a zero length 0, a bad buffer EFAULT; an unknown action and a console level outside
 * 1-8 are EINVAL. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#include "tap.h"

/* Every line of @b (@n bytes) has the syslog prefix; the first starts at b[0]. */
static int lines_ok(const char *b, int n)
{
	int i = 0;

	if (n <= 0)
		return 0;
	while (i < n) {
		if (b[i] != '<' || i + 3 > n || b[i + 1] < '0' || b[i + 1] > '7' || b[i + 2] != '>')
			return 0;
		while (i < n && b[i] != '\n')
			i++;
		i++;
	}
	return b[n - 1] == '\n';
}

int main(void)
{
	static char buf[1 << 20];
	int size = klogctl(10, NULL, 0);

	ok(size > 0, "SIZE_BUFFER is positive");
	int n = klogctl(3, buf, sizeof(buf));
	ok(n > 0 && lines_ok(buf, n), "READ_ALL: lines with the <level> prefix");
	int m = klogctl(3, buf, 200);
	ok(m > 0 && m <= 200 && lines_ok(buf, m),
	   "READ_ALL into 200 bytes: the newest lines whole");
	ok(klogctl(9, NULL, 0) >= 0, "SIZE_UNREAD");
	ok(klogctl(0, NULL, 0) == 0 && klogctl(1, NULL, 0) == 0, "CLOSE and OPEN: 0");
	errno = 0;
	ok(klogctl(3, NULL, 10) == -1 && errno == EINVAL, "READ_ALL, NULL buffer: EINVAL");
	errno = 0;
	ok(klogctl(3, buf, -1) == -1 && errno == EINVAL, "READ_ALL, negative length: EINVAL");
	ok(klogctl(3, buf, 0) == 0, "READ_ALL, zero length: 0");
	errno = 0;
	ok(klogctl(3, (char *)8, 100) == -1 && errno == EFAULT, "READ_ALL, bad buffer: EFAULT");
	errno = 0;
	ok(klogctl(99, buf, 10) == -1 && errno == EINVAL, "unknown action: EINVAL");
	errno = 0;
	ok(klogctl(8, NULL, 0) == -1 && errno == EINVAL, "CONSOLE_LEVEL 0: EINVAL");
	errno = 0;
	ok(klogctl(8, NULL, 9) == -1 && errno == EINVAL, "CONSOLE_LEVEL 9: EINVAL");
	return done();
}
