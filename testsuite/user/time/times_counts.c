/* times_counts - times() returns a tick count that increases across a busy loop of about
 * 100 ms; the process's tms fields are >= 0 and its CPU time (user + system) grows over the
 * loop; a reaped child's busy loop shows in tms_cutime + tms_cstime. The loop reads the clock
 * by raw syscall: glibc's vDSO clock_gettime, called in a tight loop for 100 ms, crashes now and
 * then (SIGSEGV) on the reference Linux with -smp 4. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static void spin_ms(long ms)
{
	struct timespec a, b;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
	do
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000L + (b.tv_nsec - a.tv_nsec) / 1000000L < ms);
}

int main(void)
{
	struct tms t1, t2, t3;
	int st;

	clock_t c1 = times(&t1);
	ok(c1 != (clock_t)-1, "times() succeeds");
	ok(t1.tms_utime >= 0 && t1.tms_stime >= 0 && t1.tms_cutime >= 0 && t1.tms_cstime >= 0,
	   "all tms fields >= 0");
	ok(t1.tms_cutime == 0 && t1.tms_cstime == 0, "no children yet: child times 0");
	spin_ms(100);
	clock_t c2 = times(&t2);
	ok((long)c2 > (long)c1, "the return value increased over a 100 ms loop");
	ok(t2.tms_utime + t2.tms_stime > t1.tms_utime + t1.tms_stime, "CPU time grew");
	pid_t pid = fork();
	if (pid == 0) {
		spin_ms(100);
		_exit(0);
	}
	ok(waitpid(pid, &st, 0) == pid, "child spun 100 ms and was reaped");
	times(&t3);
	ok(t3.tms_cutime + t3.tms_cstime > 0, "child CPU time shows in tms_cutime + tms_cstime");
	ok(sysconf(_SC_CLK_TCK) == 100, "sysconf(_SC_CLK_TCK) == 100");
	return done();
}
