/* getpid_getppid - a child's getppid() equals its parent's getpid(), its getpid() equals what
 * fork returned; gettid() == getpid() for the main thread; the test program's own parent is the
 * runner's init (pid 1). */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	pid_t me = getpid();
	int p[2], st = -1;
	pid_t seen[3] = {0, 0, 0};

	ok(me > 0, "getpid() > 0");
	ok(syscall(SYS_getpid) == me, "raw getpid == libc getpid");
	ok(syscall(SYS_gettid) == me, "gettid == getpid in the main thread");
	ok(getppid() == 1, "getppid() == 1 (the runner's init is the parent)");
	ok(me != 1, "the test program is not pid 1");
	if (pipe(p) != 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		pid_t v[3] = {getppid(), getpid(), (pid_t)syscall(SYS_gettid)};
		_exit(write(p[1], v, sizeof(v)) == sizeof(v) ? 0 : 1);
	}
	ok(pid > 0, "fork");
	ok(read(p[0], seen, sizeof(seen)) == sizeof(seen), "child reports its ids");
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0, "child exits 0");
	ok(seen[0] == me, "child's getppid() == parent's getpid()");
	ok(seen[1] == pid, "child's getpid() == fork's return value");
	ok(seen[2] == pid, "child's gettid() == its getpid()");
	ok(pid != me, "child pid != parent pid");
	return done();
}
