/* fork_wait_status - a child's exit code (0, 1, 255) reaches the parent through wait4 and
 * waitpid, decoded with WIFEXITED/WEXITSTATUS. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	static const int codes[] = {0, 1, 255};

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int st = -1;
		pid_t pid = fork();
		if (pid == 0)
			_exit(codes[i]);
		ok(pid > 0, "fork for exit(%d): pid > 0", codes[i]);
		ok(wait4(pid, &st, 0, NULL) == pid, "wait4 returns the child pid (exit %d)",
		   codes[i]);
		ok(WIFEXITED(st), "wait4: WIFEXITED (exit %d)", codes[i]);
		ok(WEXITSTATUS(st) == codes[i], "wait4: WEXITSTATUS == %d", codes[i]);
		ok((st & 0xffff) == (codes[i] << 8), "wait4: raw status == %d << 8", codes[i]);
	}
	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int st = -1;
		pid_t pid = fork();
		if (pid == 0)
			_exit(codes[i]);
		ok(waitpid(pid, &st, 0) == pid, "waitpid returns the child pid (exit %d)",
		   codes[i]);
		ok(WIFEXITED(st) && WEXITSTATUS(st) == codes[i], "waitpid: exited with %d",
		   codes[i]);
	}
	/* wait4(-1) picks up any child; a NULL status pointer is allowed. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(3);
	ok(wait4(-1, NULL, 0, NULL) == pid, "wait4(-1, NULL) reaps the only child");
	return done();
}
