/*
 * exec_as - run a program under a chosen argv[0]: `exec_as PATH ARGV0 [ARGS...]` execs PATH
 * with ARGV0 ARGS as its argument vector. The runners start their program as /prog; BusyBox
 * picks its applet from argv[0], so the busybox suite starts it through this.
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: exec_as PATH ARGV0 [ARGS...]\n");
		return 2;
	}
	execv(argv[1], argv + 2);
	perror(argv[1]);
	return 127;
}
