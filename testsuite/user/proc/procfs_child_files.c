/* procfs_child_files - /proc/<pid> of other processes: a stopped child's stat fields (state T,
 * ppid, pgrp, session, num_threads), status lines (Name, State, Tgid, Pid, PPid, Threads) and
 * cmdline (fork keeps it); comm and cmdline after it exec'd with chosen arguments (empty ones
 * included), exe and cwd links; a zombie's state Z and empty cmdline; readdir of /proc lists
 * the children; a reaped child's directory is gone. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc_test.h"
#include "tap.h"

static const char want_cmdline[] = "procfs-child\0arg one\0\0x";

static ssize_t pid_file(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	return slurp(path, buf, size);
}

/* The fields of a stat line after "pid (comm) ": state and the numbers that follow. */
struct stat_fields {
	char state;
	long ppid, pgrp, session, num_threads;
	char comm[64];
};

static int parse_stat(const char *s, struct stat_fields *f)
{
	const char *open = strchr(s, '('), *close = strrchr(s, ')');
	long v[20];
	const char *p;
	int i;

	if (!open || !close || close - open - 1 >= (long)sizeof(f->comm))
		return -1;
	memcpy(f->comm, open + 1, (size_t)(close - open - 1));
	f->comm[close - open - 1] = 0;
	if (close[1] != ' ' || !close[2])
		return -1;
	f->state = close[2];
	p = close + 3;
	for (i = 0; i < 17; i++) { /* fields 4 .. 20 */
		char *end;

		v[i] = strtol(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	f->ppid = v[0];
	f->pgrp = v[1];
	f->session = v[2];
	f->num_threads = v[16];
	return 0;
}

static int proc_lists(pid_t pid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char name[16];
	int found = 0;

	if (!d)
		return 0;
	snprintf(name, sizeof(name), "%d", (int)pid);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, name) == 0 && e->d_type == DT_DIR)
			found = 1;
	closedir(d);
	return found;
}

/* Fork a child that stops itself; return its pid once it is stopped. With @exec it first
 * runs this program again as "procfs-child" with want_cmdline's arguments. */
static pid_t stopped_child(int exec)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (exec) {
			char *argv[] = {"procfs-child", "arg one", "", "x", NULL};

			execv("/proc/self/exe", argv);
			_exit(99);
		}
		raise(SIGSTOP);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st))
		return -1;
	return pid;
}

static void end_child(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

int main(int argc, char **argv)
{
	static char buf[8192], self[256], link[256];
	struct stat_fields f;
	struct stat sb;
	pid_t me = getpid(), a, b, c;
	siginfo_t si;
	ssize_t n;

	if (argc == 4 && strcmp(argv[0], "procfs-child") == 0) {
		raise(SIGSTOP);
		_exit(0);
	}

	a = stopped_child(0);
	ok(a > 0, "child A forked and stopped");
	ok(pid_file(a, "stat", buf, sizeof(buf)) > 0 && parse_stat(buf, &f) == 0,
	   "/proc/A/stat reads and parses");
	ok(f.state == 'T', "A's state is T");
	ok(f.ppid == me, "A's ppid is our pid");
	ok(f.pgrp == getpgrp(), "A's pgrp is ours");
	ok(f.session == getsid(0), "A's session is ours");
	ok(f.num_threads == 1, "A has 1 thread");
	ok(slurp("/proc/self/comm", self, sizeof(self)) > 1, "/proc/self/comm reads");
	self[strcspn(self, "\n")] = 0;
	ok(strcmp(f.comm, self) == 0, "A's comm in stat is ours (fork keeps it)");
	ok(pid_file(a, "status", buf, sizeof(buf)) > 0, "/proc/A/status reads");
	ok(has_line(buf, "State:\tT (stopped)"), "status: State:\tT (stopped)");
	snprintf(link, sizeof(link), "PPid:\t%d", (int)me);
	ok(has_line(buf, link), "status: PPid is our pid");
	snprintf(link, sizeof(link), "Pid:\t%d", (int)a);
	ok(has_line(buf, link), "status: Pid is A");
	snprintf(link, sizeof(link), "Tgid:\t%d", (int)a);
	ok(has_line(buf, link), "status: Tgid is A");
	ok(has_line(buf, "Threads:\t1"), "status: Threads:\t1");
	ok(slurp("/proc/self/cmdline", self, sizeof(self)) > 0 &&
		   pid_file(a, "cmdline", buf, sizeof(buf)) > 0 && strcmp(buf, self) == 0,
	   "A's cmdline is ours (fork keeps it)");
	ok(proc_lists(a), "readdir of /proc lists A");
	ok(proc_lists(me), "readdir of /proc lists us");

	b = stopped_child(1);
	ok(b > 0, "child B exec'd and stopped");
	n = pid_file(b, "cmdline", buf, sizeof(buf));
	ok(n == (ssize_t)sizeof(want_cmdline) &&
		   memcmp(buf, want_cmdline, sizeof(want_cmdline)) == 0,
	   "B's cmdline is its argv, NUL-separated (%d bytes)", (int)sizeof(want_cmdline));
	ok(pid_file(b, "comm", buf, sizeof(buf)) > 0 && strcmp(buf, "exe\n") == 0,
	   "B's comm is the exec'd file's name");
	ok(pid_file(b, "status", buf, sizeof(buf)) > 0 && has_line(buf, "Name:\texe"),
	   "B's status Name:\texe");
	ok(pid_file(b, "stat", buf, sizeof(buf)) > 0 && parse_stat(buf, &f) == 0 &&
		   strcmp(f.comm, "exe") == 0 && f.state == 'T' && f.ppid == me,
	   "B's stat: (exe) T ppid");
	snprintf(self, sizeof(self), "/proc/%d/exe", (int)b);
	n = readlink(self, link, sizeof(link) - 1);
	ok(n > 0, "readlink /proc/B/exe");
	link[n > 0 ? n : 0] = 0;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = 0;
	ok(n > 0 && strcmp(link, self) == 0, "B's exe is our exe");
	ok(chdir("/") == 0, "chdir /");
	snprintf(self, sizeof(self), "/proc/%d/cwd", (int)b);
	n = readlink(self, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	ok(n == 1 && strcmp(link, "/") == 0, "B's cwd is /");
	ok(proc_lists(b), "readdir of /proc lists B");
	end_child(b);
	snprintf(self, sizeof(self), "/proc/%d", (int)b);
	ok(stat(self, &sb) != 0 && errno == ENOENT, "reaped B's /proc directory is gone");

	c = fork();
	if (c == 0)
		_exit(3);
	ok(waitid(P_PID, (id_t)c, &si, WEXITED | WNOWAIT) == 0, "C exited (not reaped)");
	ok(pid_file(c, "stat", buf, sizeof(buf)) > 0 && parse_stat(buf, &f) == 0 &&
		   f.state == 'Z' && f.ppid == me,
	   "zombie C's stat: state Z, ppid");
	ok(pid_file(c, "status", buf, sizeof(buf)) > 0 && has_line(buf, "State:\tZ (zombie)"),
	   "zombie C's status: State:\tZ (zombie)");
	ok(pid_file(c, "cmdline", buf, sizeof(buf)) == 0, "zombie C's cmdline is empty");
	ok(proc_lists(c), "readdir of /proc lists zombie C");
	end_child(c);
	end_child(a);
	ok(!proc_lists(a) && !proc_lists(c), "reaped children are not listed");
	return done();
}
