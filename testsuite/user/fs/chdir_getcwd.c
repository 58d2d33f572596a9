/* chdir_getcwd - chdir into a new directory: getcwd returns its absolute path exactly; relative
 * paths resolve against it; "..", fchdir and chdir("/") work; chdir to a file is ENOTDIR, to a
 * missing path ENOENT; the raw getcwd syscall returns the length including the NUL, and ERANGE
 * when the buffer is too small. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

static int cwd_is(const char *want)
{
	char buf[256];
	return getcwd(buf, sizeof(buf)) == buf && strcmp(buf, want) == 0;
}

int main(void)
{
	char buf[256];
	struct stat st;

	ok(cwd_is("/"), "initial cwd is \"/\"");
	mkdir("/tmp/cwd_dir", 0755);
	mkdir("/tmp/cwd_dir/sub", 0755);
	ok(chdir("/tmp/cwd_dir/sub") == 0, "chdir /tmp/cwd_dir/sub");
	ok(cwd_is("/tmp/cwd_dir/sub"), "getcwd == \"/tmp/cwd_dir/sub\"");
	int fd = open("rel_file", O_CREAT | O_WRONLY, 0644);
	ok(fd >= 0, "create \"rel_file\" relative to the cwd");
	close(fd);
	ok(stat("/tmp/cwd_dir/sub/rel_file", &st) == 0, "it is /tmp/cwd_dir/sub/rel_file");
	ok(chdir("..") == 0 && cwd_is("/tmp/cwd_dir"), "chdir \"..\": /tmp/cwd_dir");
	ok(stat("sub/rel_file", &st) == 0, "relative path sub/rel_file resolves");
	ok(chdir("./sub/../sub") == 0 && cwd_is("/tmp/cwd_dir/sub"), "chdir ./sub/../sub");
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	ok(fchdir(dfd) == 0 && cwd_is("/tmp"), "fchdir to /tmp");
	close(dfd);
	errno = 0;
	ok(chdir("cwd_dir/sub/rel_file") == -1 && errno == ENOTDIR, "chdir to a file: ENOTDIR");
	errno = 0;
	ok(chdir("/tmp/cwd_missing") == -1 && errno == ENOENT, "chdir to a missing path: ENOENT");
	ok(cwd_is("/tmp"), "cwd unchanged by the failures");
	long n = syscall(SYS_getcwd, buf, sizeof(buf));
	ok(n == 5 && strcmp(buf, "/tmp") == 0, "raw getcwd returns 5 (\"/tmp\" and its NUL)");
	errno = 0;
	ok(syscall(SYS_getcwd, buf, 4) == -1 && errno == ERANGE,
	   "raw getcwd, 4-byte buffer: ERANGE");
	ok(syscall(SYS_getcwd, buf, 5) == 5, "raw getcwd, 5-byte buffer: fits");
	ok(chdir("/") == 0 && cwd_is("/"), "chdir /");
	unlink("/tmp/cwd_dir/sub/rel_file");
	rmdir("/tmp/cwd_dir/sub");
	rmdir("/tmp/cwd_dir");
	return done();
}
