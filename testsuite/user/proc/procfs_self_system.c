/* procfs_self_system - the caller's own /proc/self files (stat's pid, state R and ppid; status
 * lines; cmdline equals argv; maps has the code and the stack; Threads and num_threads count a
 * second thread) and the system-wide files' formats: uptime, loadavg, version, cpuinfo, stat. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "proc_test.h"
#include "tap.h"

static int has_prefix_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, n) == 0)
			return 1;
	return 0;
}

/* Field @k (1-based) of a stat line, counted after the comm's closing parenthesis. */
static long stat_field(const char *s, int k)
{
	const char *p = strrchr(s, ')');

	if (!p || k < 3)
		return -1;
	p += 2;
	for (int i = 3; i < k; i++) {
		p = strchr(p, ' ');
		if (!p)
			return -1;
		p++;
	}
	return strtol(p, NULL, 10);
}

/* Is @addr inside a maps line whose permissions contain @perm at @col? */
static int maps_has(const char *maps, unsigned long addr, int col, char perm)
{
	for (const char *p = maps; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		unsigned long lo, hi;
		char perms[5];

		if (sscanf(p, "%lx-%lx %4s", &lo, &hi, perms) == 3 && lo <= addr && addr < hi)
			return perms[col] == perm;
	}
	return 0;
}

static int gate[2];

static void *sleeper(void *arg)
{
	char c;

	(void)arg;
	return read(gate[0], &c, 1) == 1 ? NULL : arg;
}

int main(int argc, char **argv)
{
	static char buf[16384], want[256];
	size_t wlen = 0;
	int local = 0;
	double up, idle, l1, l5, l15;
	int running, total, last;
	pthread_t th;

	ok(slurp("/proc/self/stat", buf, sizeof(buf)) > 0, "/proc/self/stat reads");
	ok(strtol(buf, NULL, 10) == getpid(), "stat: pid");
	ok(strchr(buf, ')') && strrchr(buf, ')')[2] == 'R', "stat: state R");
	ok(stat_field(buf, 4) == getppid(), "stat: ppid");
	ok(stat_field(buf, 5) == getpgrp(), "stat: pgrp");
	ok(stat_field(buf, 20) == 1, "stat: num_threads 1");
	ok(stat_field(buf, 23) > 0, "stat: vsize > 0");
	ok(stat_field(buf, 24) > 0, "stat: rss > 0");
	ok(slurp("/proc/self/status", buf, sizeof(buf)) > 0, "/proc/self/status reads");
	ok(has_line(buf, "State:\tR (running)"), "status: State:\tR (running)");
	snprintf(want, sizeof(want), "Pid:\t%d", (int)getpid());
	ok(has_line(buf, want), "status: Pid");
	snprintf(want, sizeof(want), "PPid:\t%d", (int)getppid());
	ok(has_line(buf, want), "status: PPid");
	ok(has_line(buf, "Uid:\t0\t0\t0\t0"), "status: Uid 0");
	ok(has_prefix_line(buf, "VmRSS:"), "status: VmRSS");
	ok(has_line(buf, "Threads:\t1"), "status: Threads:\t1");

	for (int i = 0; i < argc; i++) {
		memcpy(want + wlen, argv[i], strlen(argv[i]) + 1);
		wlen += strlen(argv[i]) + 1;
	}
	ok(slurp("/proc/self/cmdline", buf, sizeof(buf)) == (ssize_t)wlen &&
		   memcmp(buf, want, wlen) == 0,
	   "/proc/self/cmdline is argv");
	ok(slurp("/proc/self/maps", buf, sizeof(buf)) > 0, "/proc/self/maps reads");
	ok(maps_has(buf, (unsigned long)&main, 2, 'x'), "maps: main's page is executable");
	ok(maps_has(buf, (unsigned long)&local, 1, 'w'), "maps: the stack is writable");
	ok(strstr(buf, "[stack]") != NULL, "maps: [stack]");

	ok(pipe(gate) == 0 && pthread_create(&th, NULL, sleeper, NULL) == 0, "second thread");
	ok(slurp("/proc/self/status", buf, sizeof(buf)) > 0 && has_line(buf, "Threads:\t2"),
	   "status: Threads:\t2");
	ok(slurp("/proc/self/stat", buf, sizeof(buf)) > 0 && stat_field(buf, 20) == 2,
	   "stat: num_threads 2");
	ok(write(gate[1], "x", 1) == 1 && pthread_join(th, NULL) == 0, "thread joined");

	ok(slurp("/proc/uptime", buf, sizeof(buf)) > 0 && sscanf(buf, "%lf %lf", &up, &idle) == 2 &&
		   up > 0 && idle >= 0,
	   "/proc/uptime: two numbers, uptime > 0");
	ok(slurp("/proc/loadavg", buf, sizeof(buf)) > 0 &&
		   sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total, &last) ==
			   6 &&
		   running >= 1 && total >= 2 && last >= getpid(),
	   "/proc/loadavg: three loads, running/total, last pid");
	ok(slurp("/proc/version", buf, sizeof(buf)) > 0 && strncmp(buf, "Linux version ", 14) == 0,
	   "/proc/version starts with \"Linux version \"");
	ok(slurp("/proc/cpuinfo", buf, sizeof(buf)) > 0 && has_line(buf, "processor\t: 0") &&
		   has_prefix_line(buf, "hart\t\t: ") && has_prefix_line(buf, "isa\t\t: rv64") &&
		   has_prefix_line(buf, "mmu\t\t: sv"),
	   "/proc/cpuinfo: processor, hart, isa, mmu");
	ok(slurp("/proc/stat", buf, sizeof(buf)) > 0 && has_prefix_line(buf, "cpu  ") &&
		   has_prefix_line(buf, "cpu0 ") && has_prefix_line(buf, "btime ") &&
		   has_prefix_line(buf, "processes ") && has_prefix_line(buf, "procs_running "),
	   "/proc/stat: cpu, cpu0, btime, processes, procs_running");
	return done();
}
