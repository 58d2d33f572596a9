/*
 * kinit - the /init of the initramfs that scripts/run-on-kestrel builds: it runs one program
 * the way the reference Linux runner does, so that both print the same thing.
 *
 * The kernel itself provides /dev, /proc and /tmp, so kinit mounts nothing. It makes sure fds
 * 0, 1 and 2 are open on /dev/console, works in / with PATH=/bin:/ HOME=/ TERM=dumb
 * TMPDIR=/tmp, and forks: the child execs /prog with the NUL-separated arguments of /args
 * (the program is not PID 1). kinit reaps every child (orphans too) until /prog ends, prints
 *	@@KESTREL-BEGIN@@            before the program starts
 *	@@KESTREL-END@@ status=N     after it ended (N = exit status, or 128 + signal)
 * then syncs and powers off with reboot(RB_POWER_OFF). The host script shows only what lies
 * between the markers and exits with N.
 * Built static with musl: build/musl/bin/musl-gcc -static -O2 kinit.c -o kinit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 1024

static char argbuf[65536];

/* Write all of @s to fd 1, retrying short writes and EINTR. */
static void say(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(1, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Open /dev/console on each of fds 0..2 that is not open yet. */
static void console_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		int c;

		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		c = open("/dev/console", O_RDWR);
		if (c >= 0 && c != fd) {
			dup2(c, fd);
			close(c);
		}
	}
}

/* Touch the stack below us now, so that its pages are not counted as the program's. */
static void __attribute__((noinline)) prefault_stack(void)
{
	volatile char pad[64 * 1024];

	for (size_t i = 0; i < sizeof(pad); i += 4096)
		pad[i] = 0;
}

/* MemFree of /proc/meminfo in kB, or -1. */
static long mem_free_kb(void)
{
	char buf[512];
	long kb = -1;
	ssize_t n;
	int fd = open("/proc/meminfo", O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		char *p;

		buf[n] = '\0';
		p = strstr(buf, "MemFree:");
		if (p)
			kb = strtol(p + 8, NULL, 10);
	}
	return kb;
}

/* argv for /prog: "/prog" and the NUL-separated words of /args. */
static void read_args(char **argv)
{
	int argc = 0;
	ssize_t len = 0;
	int fd = open("/args", O_RDONLY);

	argv[argc++] = "/prog";
	if (fd >= 0) {
		ssize_t r;

		while (len < (ssize_t)sizeof(argbuf) - 1 &&
		       (r = read(fd, argbuf + len, sizeof(argbuf) - 1 - (size_t)len)) > 0)
			len += r;
		close(fd);
	}
	for (ssize_t i = 0; i < len && argc < MAX_ARGS - 1;) {
		argv[argc++] = argbuf + i;
		i += (ssize_t)strlen(argbuf + i) + 1;
	}
	argv[argc] = NULL;
}

int main(int argc, char **argv0)
{
	static char *argv[MAX_ARGS];
	char *envp[] = {"PATH=/bin:/", "HOME=/", "TERM=dumb", "TMPDIR=/tmp", NULL};
	char line[96];
	long mem_before, mem_after;
	int status = 0, code;
	pid_t pid;

	if (argc > 1 && !strcmp(argv0[1], "--noop"))
		return 0;
	console_fds();
	if (chdir("/"))
		perror("kinit: chdir /");
	read_args(argv);

	/*
	 * Warm the kernel's caches (slab pages, stack slots, page-table pages) with one fork and
	 * one exec of our own, so that the memory count afterwards compares like with like.
	 */
	pid = fork();
	if (pid == 0) {
		char *noop[] = {"/init", "--noop", NULL};

		execve("/init", noop, envp);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	prefault_stack();
	snprintf(line, sizeof(line), "@@KESTREL-END@@ status=%d\n", 0);
	/* The warm-up child's last exit steps may still run on another hart: let it settle. */
	mem_before = mem_free_kb();
	for (int i = 0; i < 50; i++) {
		struct timespec ten_ms = {0, 10000000};
		long again;

		nanosleep(&ten_ms, NULL);
		again = mem_free_kb();
		if (again == mem_before)
			break;
		mem_before = again;
	}
	say("@@KESTREL-BEGIN@@\n");
	pid = fork();
	if (pid == 0) {
		execve("/prog", argv, envp);
		perror("execve /prog");
		_exit(127);
	}
	if (pid < 0)
		perror("kinit: fork");
	while (pid > 0) { /* reap (orphans too) until /prog exits */
		int st;
		pid_t w = wait(&st);

		if (w < 0 && errno != EINTR)
			break;
		if (w == pid) {
			status = st;
			break;
		}
	}
	if (pid < 0)
		code = 127;
	else
		code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	snprintf(line, sizeof(line), "@@KESTREL-END@@ status=%d\n", code);
	say(line);
	/*
	 * Orphans left by /prog: reap the ones that are done. The last steps of an exit (its
	 * kernel stack) may still be under way on another hart: give them up to half a second
	 * to bring free memory back before it is reported.
	 */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	mem_after = mem_free_kb();
	for (int i = 0; i < 50 && mem_after != mem_before; i++) {
		struct timespec ten_ms = {0, 10000000};

		nanosleep(&ten_ms, NULL);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		mem_after = mem_free_kb();
	}
	snprintf(line, sizeof(line), "@@KESTREL-MEM@@ before=%ld after=%ld\n", mem_before,
		 mem_after);
	say(line);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
