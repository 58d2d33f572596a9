/* pidfd_ops - CLONE_PIDFD and the pidfd system calls (cases 103-110, 113-117 of
 * clone3-cases.md): a bad pidfd pointer fails the call with no child and no fd; the fd is the
 * lowest free one, close-on-exec, O_RDWR, stored as a 32-bit int; poll turns readable when the
 * child exits; waitid(P_PIDFD) reports it (EBADF for other fds, EAGAIN on an O_NONBLOCK pidfd
 * of a live child); pidfd_send_signal carries siginfo; without CLONE_FILES the child's table
 * lacks the fd; a full table is EMFILE; legacy clone writes the fd through parent_tid and
 * refuses PIDFD with PARENT_SETTID or DETACHED; pidfd_open and pidfd_getfd work. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/resource.h>

#include "clone_test.h"

static volatile int got_value;

static void h_usr1(int s, siginfo_t *si, void *uc)
{
	(void)s;
	(void)uc;
	got_value = si->si_value.sival_int;
}

static long waitid_raw(int which, int id, siginfo_t *si, int opts)
{
	return raw_sys6(SYS_waitid, which, id, (long)si, opts, 0, 0);
}

int main(void)
{
	struct c3_args a;
	siginfo_t si;
	int pidfd = -1, ptid = 0, fd, st;
	long pid;

	quiet_signals();
	fd = open("/dev/null", O_RDONLY);
	close(fd);
	a0_init(&a);
	a.flags = X_CLONE_PIDFD;
	a.pidfd = 8;
	ok(c3_quick(&a, 88, 0) == -EFAULT && no_child(), "103 bad pidfd pointer: EFAULT, no child");
	ok(open("/dev/null", O_RDONLY) == fd, "103 no fd was left behind");
	close(fd);

	uint64_t word = 0xAAAAAAAAAAAAAAAAULL;
	a.pidfd = (uint64_t)&word;
	a.flags = X_CLONE_PIDFD | CLONE_PARENT_SETTID;
	a.parent_tid = (uint64_t)&ptid;
	pid = c3(&a, 88);
	if (pid == 0) {
		usleep(200000);
		_exit(7);
	}
	pidfd = (int)(word & 0xffffffff);
	ok(pid > 0 && ptid == pid, "67 PIDFD|PARENT_SETTID, different pointers");
	ok((word >> 32) == 0xAAAAAAAAULL, "105 stored as a 32-bit int");
	ok(pidfd == fd, "104 lowest free fd");
	ok(fcntl(pidfd, F_GETFD) == FD_CLOEXEC, "104 FD_CLOEXEC");
	ok((fcntl(pidfd, F_GETFL) & (O_ACCMODE | O_NONBLOCK)) == O_RDWR,
	   "104 O_RDWR, no O_NONBLOCK");
	ok(waitid_raw(X_P_PIDFD, pidfd, &si, WEXITED | WNOHANG) == 0, "WNOHANG on a live child: 0");
	fcntl(pidfd, F_SETFL, O_NONBLOCK);
	ok(waitid_raw(X_P_PIDFD, pidfd, &si, WEXITED) == -EAGAIN, "109 O_NONBLOCK pidfd: EAGAIN");
	fcntl(pidfd, F_SETFL, 0);
	struct pollfd pf = {pidfd, POLLIN, 0};
	long t0 = now_ms();
	ok(poll(&pf, 1, 5000) == 1 && pf.revents == POLLIN, "106 poll: POLLIN once it exits");
	ok(now_ms() - t0 >= 150, "106 not before the child exited");
	memset(&si, 0, sizeof(si));
	ok(waitid_raw(X_P_PIDFD, pidfd, &si, WEXITED) == 0, "107 waitid(P_PIDFD)");
	ok(si.si_signo == SIGCHLD && si.si_code == CLD_EXITED && si.si_pid == pid &&
		   si.si_status == 7,
	   "107 siginfo: SIGCHLD, CLD_EXITED, pid, status 7");
	close(pidfd);

	fd = open("/dev/null", O_RDONLY);
	ok(waitid_raw(X_P_PIDFD, fd, &si, WEXITED) == -EBADF, "108 /dev/null: EBADF");
	close(fd);
	ok(waitid_raw(X_P_PIDFD, INT_MAX, NULL, WEXITED | WNOHANG) == -EBADF, "108 INT_MAX: EBADF");

	/* 110: pidfd_send_signal with siginfo. */
	{
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = h_usr1;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGUSR1, &sa, NULL);
		a0_init(&a);
		a.flags = X_CLONE_PIDFD;
		a.pidfd = (uint64_t)&pidfd;
		pid = c3(&a, 88);
		if (pid == 0) {
			for (int i = 0; i < 200 && !got_value; i++)
				usleep(10000);
			_exit(got_value == 777 ? 0 : 1);
		}
		siginfo_t info;
		memset(&info, 0, sizeof(info));
		info.si_signo = SIGUSR1;
		info.si_code = SI_QUEUE;
		info.si_pid = getpid();
		info.si_value.sival_int = 777;
		ok(raw_sys6(424, pidfd, SIGUSR1, (long)&info, 0, 0, 0) == 0,
		   "110 pidfd_send_signal");
		ok(reap(pid) == 0, "110 the child saw si_value 777");
		ok(raw_sys6(424, pidfd, SIGUSR1, 0, 0, 0, 0) == -ESRCH, "reaped: ESRCH");
		ok(raw_sys6(424, pidfd, SIGUSR1, 0, 1, 0, 0) == -EINVAL, "flags 1: EINVAL");
		pf.fd = pidfd;
		pf.revents = 0;
		ok(poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN), "reaped: poll readable");
		close(pidfd);
	}

	/* 113: fd-table isolation. */
	a0_init(&a);
	a.flags = X_CLONE_PIDFD;
	a.pidfd = (uint64_t)&pidfd;
	pid = c3(&a, 88);
	if (pid == 0)
		_exit(fcntl(pidfd, F_GETFD) == -1 && errno == EBADF ? 0 : 1);
	ok(reap(pid) == 0, "113 without CLONE_FILES the child has no such fd");
	close(pidfd);
	{
		static char stk[16384] __attribute__((aligned(16)));
		a.flags = X_CLONE_PIDFD | CLONE_FILES | CLONE_VM;
		a.stack = (uint64_t)stk;
		a.stack_size = sizeof(stk);
		pid = c3_quick(&a, 88, 0);
		ok(pid > 0 && reap(pid) == 0 && fcntl(pidfd, F_GETFD) == FD_CLOEXEC,
		   "113 with CLONE_FILES the fd is there");
		close(pidfd);
	}

	/* 115: EMFILE. */
	{
		struct rlimit old, lim;
		getrlimit(RLIMIT_NOFILE, &old);
		fd = open("/dev/null", O_RDONLY);
		lim.rlim_cur = (rlim_t)fd + 1;
		lim.rlim_max = old.rlim_max;
		setrlimit(RLIMIT_NOFILE, &lim);
		a0_init(&a);
		a.flags = X_CLONE_PIDFD;
		a.pidfd = (uint64_t)&pidfd;
		ok(c3_quick(&a, 88, 0) == -EMFILE && no_child(),
		   "115 full table: EMFILE, no child");
		setrlimit(RLIMIT_NOFILE, &old);
		close(fd);
	}

	/* 116, 117: legacy clone. */
	pidfd = -1;
	pid = clone_quick(X_CLONE_PIDFD | SIGCHLD, NULL, &pidfd, 0, NULL, 0);
	ok(pid > 0 && pidfd >= 0 && reap(pid) == 0, "116 legacy PIDFD: fd written through a2");
	close(pidfd);
	ok(clone_quick(X_CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, NULL, &pidfd, 0, NULL, 0) ==
		   -EINVAL,
	   "117 legacy PIDFD|PARENT_SETTID: EINVAL");
	ok(clone_quick(X_CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, NULL, &pidfd, 0, NULL, 0) ==
		   -EINVAL,
	   "117 legacy PIDFD|DETACHED: EINVAL");
	ok(no_child(), "117 no child");

	/* pidfd_open and pidfd_getfd. */
	{
		int p[2];
		char c = 0;
		ok(pipe(p) == 0, "pipe");
		pid = fork();
		if (pid == 0) {
			usleep(300000);
			_exit(0);
		}
		int pfd = (int)raw_sys6(434, pid, 0, 0, 0, 0, 0);
		ok(pfd >= 0 && fcntl(pfd, F_GETFD) == FD_CLOEXEC, "pidfd_open: a close-on-exec fd");
		ok(raw_sys6(434, pid, 1, 0, 0, 0, 0) == -EINVAL, "pidfd_open flags 1: EINVAL");
		ok(raw_sys6(434, 0, 0, 0, 0, 0, 0) == -EINVAL, "pidfd_open pid 0: EINVAL");
		int self = (int)raw_sys6(434, getpid(), 0, 0, 0, 0, 0);
		int got = (int)raw_sys6(438, self, p[1], 0, 0, 0, 0);
		ok(got >= 0 && fcntl(got, F_GETFD) == FD_CLOEXEC,
		   "pidfd_getfd: a close-on-exec fd");
		ok(write(got, "z", 1) == 1 && read(p[0], &c, 1) == 1 && c == 'z',
		   "pidfd_getfd: the same open file");
		ok(raw_sys6(438, self, 999, 0, 0, 0, 0) == -EBADF,
		   "pidfd_getfd of a closed fd: EBADF");
		ok(raw_sys6(438, self, p[1], 1, 0, 0, 0) == -EINVAL, "pidfd_getfd flags 1: EINVAL");
		ok(raw_sys6(438, p[0], 0, 0, 0, 0, 0) == -EBADF, "pidfd_getfd on a pipe: EBADF");
		ok(raw_sys6(424, pfd, SIGKILL, 0, 0, 0, 0) == 0, "pidfd_send_signal SIGKILL");
		st = reap(pid);
		ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the child died of it");
		ok(raw_sys6(434, pid, 0, 0, 0, 0, 0) == -ESRCH,
		   "pidfd_open of a reaped pid: ESRCH");
		close(got);
		close(self);
		close(pfd);
		close(p[0]);
		close(p[1]);
	}
	ok(no_child(), "no children left");
	return done();
}
