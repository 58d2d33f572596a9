/* fork_chain_exec_wait - a chain through fork and execve: the program forks, the child execs
 * this program again as "mid", which forks a grandchild that execs it as "leaf"; the leaf exits
 * with 37, mid exits with what it reaped plus one, and the top sees 38. Only the top prints. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

extern char **environ;

static pid_t spawn(const char *self, const char *mode)
{
	pid_t pid = fork();
	if (pid == 0) {
		char *av[] = {(char *)self, (char *)mode, NULL};
		execve(self, av, environ);
		_exit(120); /* exec failed */
	}
	return pid;
}

int main(int argc, char **argv)
{
	int st = -1;

	if (argc > 1 && strcmp(argv[1], "leaf") == 0)
		_exit(37);
	if (argc > 1 && strcmp(argv[1], "mid") == 0) {
		pid_t pid = spawn(argv[0], "leaf");
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
			_exit(121);
		_exit(WEXITSTATUS(st) + 1);
	}

	pid_t pid = spawn(argv[0], "mid");
	ok(pid > 0, "fork");
	ok(waitpid(pid, &st, 0) == pid, "waitpid on the exec'd child");
	ok(WIFEXITED(st), "child exited normally");
	ok(WEXITSTATUS(st) != 120, "exec of mid succeeded");
	ok(WEXITSTATUS(st) != 121, "mid reaped the leaf");
	ok(WEXITSTATUS(st) == 38, "status propagated: leaf 37, mid 37 + 1 = 38");
	ok(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD, "no children left");
	return done();
}
