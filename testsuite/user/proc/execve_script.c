/* execve_script - a "#!" script runs through an interpreter (this program, told so by its
 * environment). The interpreter's argv is what Linux builds: the interpreter path from the #!
 * line, the optional argument (the rest of the line as one string, outer blanks stripped), the
 * script path as given to execve, then the caller's argv[1..] (the caller's argv[0] is dropped).
 * A missing interpreter is ENOENT; a script without the x bit EACCES. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define REPORT_FD 10

static char *const env[] = {"KT_MODE=interp", NULL};

static void make_script(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			diag("write to %s failed", path);
		close(fd);
	}
	chmod(path, mode);
}

/* Runs PATH with argv {"ignored-argv0", "arg1", "arg 2"}; checks that the interpreter got
 * exactly WANT (NULL-terminated). */
static void run(const char *path, const char *const *want, const char *what)
{
	char *av[] = {"ignored-argv0", "arg1", "arg 2", NULL};
	char got[1024];
	size_t len = 0;
	ssize_t n;
	int p[2], st = -1;

	if (pipe(p) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], REPORT_FD);
		execve(path, av, env);
		_exit(99);
	}
	close(p[1]);
	while (len < sizeof(got) && (n = read(p[0], got + len, sizeof(got) - len)) > 0)
		len += (size_t)n;
	close(p[0]);
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "%s: interpreter ran and exited 0", what);
	size_t pos = 0;
	int i;
	for (i = 0; want[i]; i++) {
		const char *s = got + pos;
		int match =
			pos < len && strnlen(s, len - pos) < len - pos && strcmp(s, want[i]) == 0;
		ok(match, "%s: argv[%d] == \"%s\"", what, i, want[i]);
		if (pos < len)
			pos += strnlen(s, len - pos) + 1;
	}
	ok(pos == len, "%s: argc == %d", what, i);
}

int main(int argc, char **argv)
{
	const char *mode = getenv("KT_MODE");

	if (mode && strcmp(mode, "interp") == 0) {
		/* The interpreter: report argv, NUL-separated, on REPORT_FD. */
		for (int i = 0; i < argc; i++)
			if (write(REPORT_FD, argv[i], strlen(argv[i]) + 1) < 0)
				return 1;
		return 0;
	}

	make_script("/tmp/s_plain", "#!/prog\necho not reached\n", 0755);
	make_script("/tmp/s_arg", "#!/prog  one  two \t\necho not reached\n", 0755);
	make_script("/tmp/s_blank", "#! \t/prog\targ\n", 0755);
	make_script("/tmp/s_nonl", "#!/prog x", 0755);
	make_script("/tmp/s_nointerp", "#!/tmp/no_such_interpreter\n", 0755);
	make_script("/tmp/s_noexec", "#!/prog\n", 0644);

	const char *w_plain[] = {"/prog", "/tmp/s_plain", "arg1", "arg 2", NULL};
	run("/tmp/s_plain", w_plain, "#!/prog");
	const char *w_arg[] = {"/prog", "one  two", "/tmp/s_arg", "arg1", "arg 2", NULL};
	run("/tmp/s_arg", w_arg, "#!/prog  one  two");
	const char *w_blank[] = {"/prog", "arg", "/tmp/s_blank", "arg1", "arg 2", NULL};
	run("/tmp/s_blank", w_blank, "#! <tab>/prog<tab>arg");
	const char *w_nonl[] = {"/prog", "x", "/tmp/s_nonl", "arg1", "arg 2", NULL};
	run("/tmp/s_nonl", w_nonl, "no newline");
	if (chdir("/tmp") == 0) {
		const char *w_rel[] = {"/prog", "s_plain", "arg1", "arg 2", NULL};
		run("s_plain", w_rel, "relative script path");
		if (chdir("/") != 0)
			diag("chdir / failed");
	}

	char *av[] = {"x", NULL};
	errno = 0;
	execve("/tmp/s_nointerp", av, env);
	ok(errno == ENOENT, "missing interpreter: ENOENT");
	errno = 0;
	execve("/tmp/s_noexec", av, env);
	ok(errno == EACCES, "script without x bit: EACCES");

	unlink("/tmp/s_plain");
	unlink("/tmp/s_arg");
	unlink("/tmp/s_blank");
	unlink("/tmp/s_nonl");
	unlink("/tmp/s_nointerp");
	unlink("/tmp/s_noexec");
	return done();
}
