/* fork_deep_100 - a 100-deep chain of processes: each level forks the next and waits for it;
 * the deepest exits with 200 and every level exits with its child's code plus one, mod 256.
 * The top sees (200 + 99) mod 256 = 43 from its child. */
#define _GNU_SOURCE
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define DEPTH 100

/* Runs in the process at level LVL (1 = the top's child) and becomes, through fork, every
 * deeper level in turn; never returns. */
static void level(int lvl)
{
	int st;

	for (;;) {
		if (lvl == DEPTH)
			_exit(200);
		pid_t pid = fork();
		if (pid < 0)
			_exit(250);
		if (pid == 0) {
			lvl++;
			continue;
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
			_exit(251);
		_exit((WEXITSTATUS(st) + 1) & 255);
	}
}

int main(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		level(1);
	ok(pid > 0, "fork level 1");
	ok(waitpid(pid, &st, 0) == pid, "waitpid on level 1");
	ok(WIFEXITED(st), "level 1 exited normally");
	ok(WEXITSTATUS(st) == (200 + DEPTH - 1) % 256, "exit code == (200 + 99) mod 256 == 43");
	return done();
}
