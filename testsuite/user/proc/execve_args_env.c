/* execve_args_env - execve passes argv and envp exactly (argv[0] as given, empty strings,
 * spaces, NULL terminators); a missing file is ENOENT, a file without execute permission
 * EACCES, a directory EACCES, an executable text file without "#!" ENOEXEC, an empty
 * executable file ENOEXEC; a failed execve leaves the caller running. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

extern char **environ;

static char *const child_argv[] = {"custom-name", "check", "two words", "", NULL};
static char *const child_envp[] = {"A=1", "EMPTY=", "X=y z", "LAST=end", NULL};

/* In the exec'd copy: exit 0 if argv and environ are exactly as sent, else a code naming the
 * first difference. */
static int check(int argc, char **argv)
{
	int n = 0;
	while (child_argv[n])
		n++;
	if (argc != n)
		return 10;
	for (int i = 0; i < n; i++)
		if (strcmp(argv[i], child_argv[i]) != 0)
			return 11 + i;
	if (argv[n] != NULL)
		return 20;
	if (argv + argc + 1 != environ)
		return 21; /* envp follows argv's NULL on the initial stack */
	for (n = 0; child_envp[n]; n++)
		if (!environ[n] || strcmp(environ[n], child_envp[n]) != 0)
			return 30 + n;
	if (environ[n] != NULL)
		return 40;
	return 0;
}

static void make_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			diag("write to %s failed", path);
		close(fd);
	}
	chmod(path, mode);
}

static int exec_errno(const char *path)
{
	char *av[] = {(char *)path, NULL};
	errno = 0;
	execve(path, av, child_envp);
	return errno;
}

int main(int argc, char **argv)
{
	int st = -1;

	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return check(argc, argv);

	pid_t pid = fork();
	if (pid == 0) {
		execve(argv[0], child_argv, child_envp);
		_exit(99);
	}
	ok(pid > 0, "fork");
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st), "exec'd child exited");
	ok(WEXITSTATUS(st) != 99, "execve of ourselves succeeded");
	ok(WEXITSTATUS(st) == 0, "argv and envp arrived exactly (code %d)", WEXITSTATUS(st));

	make_file("/tmp/exec_noperm", "#!/prog\n", 0644);
	make_file("/tmp/exec_text", "just some text\nnot a program\n", 0755);
	make_file("/tmp/exec_empty", "", 0755);
	mkdir("/tmp/exec_dir", 0755);
	ok(exec_errno("/tmp/no/such/file") == ENOENT, "missing file: ENOENT");
	ok(exec_errno("/tmp/exec_missing") == ENOENT, "missing file in an existing dir: ENOENT");
	ok(exec_errno("/tmp/exec_noperm") == EACCES, "mode 0644 (no x bit, even for root): EACCES");
	ok(exec_errno("/tmp/exec_dir") == EACCES, "a directory: EACCES");
	ok(exec_errno("/tmp/exec_text") == ENOEXEC, "text without #!: ENOEXEC");
	ok(exec_errno("/tmp/exec_empty") == ENOEXEC, "empty file: ENOEXEC");
	ok(exec_errno("/tmp/exec_text/x") == ENOTDIR, "a file used as a directory: ENOTDIR");
	ok(getpid() > 0, "still running after the failed execs");
	unlink("/tmp/exec_noperm");
	unlink("/tmp/exec_text");
	unlink("/tmp/exec_empty");
	rmdir("/tmp/exec_dir");
	return done();
}
