/* fork_wait_many - 2000 fork + _exit(0) + waitpid rounds: every child exits with status 0.
 * (Caught a kernel bug: an interrupt during the return to user mode clobbered sepc.) */
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define ROUNDS 2000

int main(void)
{
	int bad = 0, first_bad = -1, status = 0;

	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
			if (!bad++)
				first_bad = i;
		}
	}
	ok(bad == 0, "%d rounds of fork, _exit(0), waitpid: all status 0", ROUNDS);
	if (bad)
		diag("%d bad rounds, first at %d, status 0x%x", bad, first_bad, status);
	return done();
}
