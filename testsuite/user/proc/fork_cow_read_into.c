/* fork_cow_read_into - the child read()s from a pipe into a buffer that is copy-on-write shared
 * with the parent (the kernel writes the page, not the child): the child sees the data, the
 * parent's copy is unchanged. The buffer spans a page boundary. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define SZ 16384
static char buf[SZ] __attribute__((aligned(4096)));

int main(void)
{
	static const char msg[] = "data written by the kernel into a shared page, crossing the "
				  "boundary between two pages of the buffer";
	const size_t off = 4096 - 40; /* the read crosses from page 0 into page 1 */
	int p[2], st = -1;

	memset(buf, 'P', SZ); /* touched by the parent before fork: truly shared after it */
	if (pipe(p) != 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		ssize_t n = read(p[0], buf + off, sizeof(msg));
		if (n != (ssize_t)sizeof(msg))
			_exit(1);
		if (memcmp(buf + off, msg, sizeof(msg)) != 0)
			_exit(2);
		for (size_t i = 0; i < SZ; i++)
			if ((i < off || i >= off + sizeof(msg)) && buf[i] != 'P')
				_exit(3);
		_exit(0);
	}
	ok(pid > 0, "fork");
	ok(write(p[1], msg, sizeof(msg)) == (ssize_t)sizeof(msg), "parent writes the message");
	ok(waitpid(pid, &st, 0) == pid, "waitpid");
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 1, "child's read returned the full count");
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 2, "child sees the data read into its copy");
	ok(WIFEXITED(st) && WEXITSTATUS(st) != 3, "child's bytes around the read are intact");
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child exit status 0");
	size_t bad = 0;
	for (size_t i = 0; i < SZ; i++)
		bad += buf[i] != 'P';
	ok(bad == 0, "parent's buffer unchanged");
	return done();
}
