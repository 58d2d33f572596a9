/*
 * mini_sh - a stand-in /bin/sh for the user tests until a real shell is in the test
 * environment; difftest.sh installs it as /bin/sh, on Kestrel and on the reference Linux
 * alike, for programs whose name ends in _sh. It supports exactly what system() and popen()
 * of musl and glibc send: `sh -c "PROGRAM ARG..."`. The command is split on spaces (no
 * quoting, no variables, no redirection, no PATH search: PROGRAM is a path) and PROGRAM is
 * executed in place of the shell with the same environment. Exit status: 127 with
 * "sh: PROGRAM: not found" on stderr when the exec fails, 2 for any other way of calling it,
 * 0 for an empty command.
 */
#include <string.h>
#include <unistd.h>

#define MAXARGS 64

extern char **environ;

static void say(const char *a, const char *b)
{
	const char *parts[] = {"sh: ", a, b, "\n"};
	for (int i = 0; i < 4; i++)
		if (write(2, parts[i], strlen(parts[i])) < 0)
			return;
}

int main(int argc, char **argv)
{
	char *args[MAXARGS + 1];
	int n = 0;

	if (argc != 3 || strcmp(argv[1], "-c") != 0) {
		say("only \"sh -c COMMAND\" is supported", "");
		return 2;
	}
	for (char *p = argv[2]; *p;) {
		while (*p == ' ')
			*p++ = 0;
		if (!*p)
			break;
		if (n == MAXARGS) {
			say("too many arguments", "");
			return 2;
		}
		args[n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	if (n == 0)
		return 0;
	args[n] = NULL;
	execve(args[0], args, environ);
	say(args[0], ": not found");
	return 127;
}
