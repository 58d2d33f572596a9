/* system_popen_sh - system() and popen() of the C library (cases 182 and 185 of
 * clone3-cases.md), through the stand-in /bin/sh that difftest.sh installs for programs named
 * *_sh (testsuite/runner/mini_sh.c: `sh -c "PROGRAM ARG..."`). The test re-executes itself
 * as /prog with a mode argument: system("/prog exit 7") returns a status with exit code 7,
 * system of a missing program returns exit code 127; popen("/prog say 5", "r") reads the
 * child's line "child says 5" and pclose returns exit code 5; popen("/prog expect", "w")
 * feeds a line to a child that exits 3 only if it read exactly that line; a handler the
 * parent installed (SIGUSR1) is SIG_DFL in the child and an ignored signal (SIGUSR2) stays
 * ignored (the child reports that through its exit code). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static void on_usr1(int s)
{
	(void)s;
}

static int child_mode(int argc, char **argv)
{
	if (strcmp(argv[1], "exit") == 0 && argc > 2)
		return atoi(argv[2]);
	if (strcmp(argv[1], "say") == 0 && argc > 2) {
		printf("child says %s\n", argv[2]);
		fflush(stdout);
		return atoi(argv[2]);
	}
	if (strcmp(argv[1], "expect") == 0) {
		char line[64];
		if (!fgets(line, sizeof(line), stdin) || strcmp(line, "to the child\n") != 0)
			return 1;
		return fgets(line, sizeof(line), stdin) ? 2 : 3;
	}
	if (strcmp(argv[1], "sigs") == 0) {
		struct sigaction sa;
		int r = 0;
		sigaction(SIGUSR1, NULL, &sa);
		if (sa.sa_handler == SIG_DFL)
			r |= 1;
		sigaction(SIGUSR2, NULL, &sa);
		if (sa.sa_handler == SIG_IGN)
			r |= 2;
		return 40 + r;
	}
	return 99;
}

static int code(int st)
{
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child_mode(argc, argv);

	ok(code(system("/prog exit 7")) == 7, "system: exit code 7 comes back");
	ok(code(system("/prog exit 0")) == 0, "system: exit code 0 comes back");
	ok(code(system("/no/such/program")) == 127, "system: a missing program gives 127");
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	ok(code(system("/prog sigs")) == 43,
	   "system: handled signal SIG_DFL, ignored stays ignored");
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);

	FILE *f = popen("/prog say 5", "r");
	char line[64] = "";
	ok(f != NULL, "popen r: started");
	ok(f && fgets(line, sizeof(line), f) && strcmp(line, "child says 5\n") == 0,
	   "popen r: read the child's line");
	ok(f && !fgets(line, sizeof(line), f), "popen r: then EOF");
	ok(f && code(pclose(f)) == 5, "popen r: pclose gives exit code 5");

	f = popen("/prog expect", "w");
	ok(f != NULL, "popen w: started");
	ok(f && fputs("to the child\n", f) >= 0, "popen w: wrote a line");
	ok(f && code(pclose(f)) == 3, "popen w: the child read exactly that line");
	ok(waitpid(-1, NULL, WNOHANG) == -1, "no children left");
	return done();
}
