/* readlink_proc_self_exe - /proc/self/exe names the running program ("/prog": both runners
 * start the test as /prog); readlink returns the length without a NUL, truncates to the buffer
 * size; /proc/self/fd/N names an open file; readlink of a non-symlink is EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	char buf[256];
	char fdpath[64];

	memset(buf, 'x', sizeof(buf));
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf));
	ok(n == 5 && memcmp(buf, "/prog", 5) == 0, "/proc/self/exe -> \"/prog\" (5 bytes)");
	ok(buf[5] == 'x', "no NUL is added");
	memset(buf, 'x', sizeof(buf));
	ok(readlink("/proc/self/exe", buf, 3) == 3 && memcmp(buf, "/pr", 3) == 0 && buf[3] == 'x',
	   "3-byte buffer: truncated to \"/pr\"");
	int fd = open("/tmp/rl_file", O_CREAT | O_RDWR, 0600);
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	n = readlink(fdpath, buf, sizeof(buf));
	ok(n == 12 && memcmp(buf, "/tmp/rl_file", 12) == 0, "/proc/self/fd/N -> \"/tmp/rl_file\"");
	errno = 0;
	ok(readlink("/tmp/rl_file", buf, sizeof(buf)) == -1 && errno == EINVAL,
	   "readlink of a regular file: EINVAL");
	ok(symlink("target/path", "/tmp/rl_link") == 0, "symlink");
	n = readlink("/tmp/rl_link", buf, sizeof(buf));
	ok(n == 11 && memcmp(buf, "target/path", 11) == 0, "readlink of it: \"target/path\"");
	errno = 0;
	ok(readlink("/tmp/rl_missing", buf, sizeof(buf)) == -1 && errno == ENOENT,
	   "missing path: ENOENT");
	close(fd);
	unlink("/tmp/rl_file");
	unlink("/tmp/rl_link");
	return done();
}
