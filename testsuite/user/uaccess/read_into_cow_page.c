/* read_into_cow_page - after fork, read() from a file into pages that are copy-on-write shared
 * (the kernel's copy to user space must break the sharing): in the child, the child sees the
 * data and the parent's copy is unchanged; then in the parent, with the child still holding its
 * copy, the parent sees the data and the child's copy is unchanged. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096
#define SZ (4 * PG)
static char buf[SZ] __attribute__((aligned(PG)));

static int all(const char *p, size_t n, char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

int main(void)
{
	static char data[SZ];
	const char *path = "/tmp/read_into_cow";
	int go[2], done_[2], st = -1;
	char c;

	memset(data, 'F', SZ);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, SZ) != SZ || pipe(go) != 0 || pipe(done_) != 0)
		return 1;
	memset(buf, 'P', SZ);
	pid_t pid = fork();
	if (pid == 0) {
		int bad = 0;
		/* Kernel writes 2.5 pages from the middle of page 0 on. */
		if (pread(fd, buf + PG / 2, 5 * PG / 2, 0) != 5 * PG / 2)
			bad |= 1;
		if (!all(buf, PG / 2, 'P') || !all(buf + PG / 2, 5 * PG / 2, 'F') ||
		    !all(buf + 3 * PG, PG, 'P'))
			bad |= 2;
		/* Let the parent read into its copy, then check ours is untouched. */
		if (write(done_[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			bad |= 4;
		if (!all(buf, PG / 2, 'P') || !all(buf + PG / 2, 5 * PG / 2, 'F') ||
		    !all(buf + 3 * PG, PG, 'P'))
			bad |= 8;
		_exit(bad);
	}
	ok(pid > 0, "fork");
	ok(read(done_[0], &c, 1) == 1, "child has read into its copy");
	ok(all(buf, SZ, 'P'), "parent's copy unchanged by the child's read()");
	memset(data, 'Q', SZ);
	ok(pwrite(fd, data, SZ, 0) == SZ, "rewrite the file");
	ok(pread(fd, buf + 100, 2 * PG, 0) == 2 * PG, "parent reads into its still-shared pages");
	ok(all(buf + 100, 2 * PG, 'Q') && all(buf, 100, 'P') &&
		   all(buf + 100 + 2 * PG, SZ - 100 - 2 * PG, 'P'),
	   "parent sees its data");
	ok(write(go[1], "g", 1) == 1, "let the child check");
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st), "child exited");
	ok(!(WEXITSTATUS(st) & 1), "child's read() returned the full count");
	ok(!(WEXITSTATUS(st) & 2), "child saw the data in its copy");
	ok(!(WEXITSTATUS(st) & 8), "child's copy unchanged by the parent's read()");
	ok(WEXITSTATUS(st) == 0, "child exit status 0");
	close(fd);
	unlink(path);
	return done();
}
