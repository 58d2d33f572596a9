/* File-descriptor system calls: open/close, dup, fcntl, ioctl, pipes, ppoll, pselect6. */
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "sched/wait.h"
#include "syscall/getname.h"
#include "syscall_protos.h"
#include "signal/signal.h"
#include "task/proc.h"
#include "task/task.h"
#include "time/timer.h"
#include "uapi/fcntl.h"
#include "uapi/ioctl.h"

long sys_openat(int dfd, uaddr_t path, int flags, mode_t mode)
{
	char *name = getname(path);
	struct file *f;
	long fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	f = vfs_open(dfd, name, flags, mode);
	putname(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_alloc_limit(current->files, f, 0, flags & O_CLOEXEC, proc_nofile(current->proc));
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_close(int fd)
{
	return fd_close(current->files, fd);
}

long sys_dup(int fd)
{
	struct file *f = fd_get(current->files, fd);
	long nfd;

	if (!f)
		return -EBADF;
	nfd = fd_alloc_limit(current->files, f, 0, false, proc_nofile(current->proc));
	if (nfd < 0)
		fput(f);
	return nfd;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	return fd_dup3(current->files, oldfd, newfd, flags);
}

long sys_fcntl(int fd, int cmd, u64 arg)
{
	struct file *f = fd_get(current->files, fd);
	long ret;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= (u64)proc_nofile(current->proc)) {
			ret = -EINVAL;
			break;
		}
		ret = fd_alloc_limit(current->files, f, (int)arg, cmd == F_DUPFD_CLOEXEC,
				     proc_nofile(current->proc));
		if (ret >= 0)
			return ret; /* the table keeps our reference */
		break;
	case F_GETFD:
		ret = fd_get_cloexec(current->files, fd);
		break;
	case F_SETFD:
		ret = fd_set_cloexec(current->files, fd, arg & 1);
		break;
	case F_GETFL:
		ret = f->flags;
		break;
	case F_SETFL:
		spin_lock(&f->lock);
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) |
			   ((u32)arg & (O_APPEND | O_NONBLOCK));
		spin_unlock(&f->lock);
		ret = 0;
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		/* One process owns every file here: record locks always succeed. */
		ret = 0;
		break;
	case F_GETOWN:
	case F_SETOWN:
		ret = 0;
		break;
	default:
		ret = -EINVAL;
		break;
	}
	fput(f);
	return ret;
}

long sys_ioctl(int fd, u32 cmd, u64 arg)
{
	struct file *f = fd_get(current->files, fd);
	u8 karg[64];
	size_t size;
	int dir = 0;
	long ret;

	if (!f)
		return -EBADF;
	if (cmd == FIOCLEX || cmd == FIONCLEX) {
		fput(f);
		return fd_set_cloexec(current->files, fd, cmd == FIOCLEX);
	}
	size = vfs_ioctl_argsize(cmd, &dir);
	if (size > sizeof(karg)) {
		ret = -EINVAL;
		goto out;
	}
	if (size && (dir & 1) && copy_from_user(karg, arg, size)) {
		ret = -EFAULT;
		goto out;
	}
	ret = vfs_ioctl(f, cmd, size ? (void *)karg : (void *)arg);
	if (ret >= 0 && size && (dir & 2) && copy_to_user(arg, karg, size))
		ret = -EFAULT;
out:
	fput(f);
	return ret;
}

long sys_pipe2(uaddr_t fds, int flags)
{
	struct file *files[2];
	int fd[2];
	long err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = pipe_create(files, flags);
	if (err)
		return err;
	fd[0] = fd_alloc_limit(current->files, files[0], 0, flags & O_CLOEXEC,
			       proc_nofile(current->proc));
	if (fd[0] < 0) {
		fput(files[0]);
		fput(files[1]);
		return fd[0];
	}
	fd[1] = fd_alloc_limit(current->files, files[1], 0, flags & O_CLOEXEC,
			       proc_nofile(current->proc));
	if (fd[1] < 0) {
		fd_close(current->files, fd[0]);
		fput(files[1]);
		return fd[1];
	}
	if (copy_to_user(fds, fd, sizeof(fd))) {
		fd_close(current->files, fd[0]);
		fd_close(current->files, fd[1]);
		return -EFAULT;
	}
	return 0;
}

struct pollfd_user {
	int fd;
	short events;
	short revents;
};

#define POLL_ALWAYS (POLLERR | POLLHUP | POLLNVAL)

/* One pass over @pfd: fill revents, return how many are ready; *@wq gets a queue to sleep on. */
static int poll_scan(struct pollfd_user *pfd, u64 n, struct wait_queue **wq)
{
	int ready = 0;

	*wq = NULL;
	for (u64 i = 0; i < n; i++) {
		struct file *f;
		struct wait_queue *q = NULL;
		u32 bits;

		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		f = fd_get(current->files, pfd[i].fd);
		if (!f) {
			pfd[i].revents = POLLNVAL;
			ready++;
			continue;
		}
		bits = vfs_readiness(f, &q);
		fput(f);
		pfd[i].revents = (short)(bits & ((u32)(u16)pfd[i].events | POLL_ALWAYS));
		if (pfd[i].revents)
			ready++;
		else if (q && !*wq)
			*wq = q;
	}
	return ready;
}

/* Read a timeout; *@deadline gets its clock_ns() end (0 with no timeout). 0/-EFAULT/-EINVAL. */
static int get_poll_timeout(uaddr_t tsp, u64 *deadline)
{
	s64 ts[2];

	*deadline = 0;
	if (!tsp)
		return 0;
	if (copy_from_user(ts, tsp, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	*deadline = clock_ns() + (u64)ts[0] * 1000000000ULL + (u64)ts[1];
	return 0;
}

/*
 * Linux writes the time left back to a ppoll/pselect6 timeout (so that a restart after a
 * signal waits only the rest); a fault there turns a restart into -EINTR.
 */
static long put_poll_timeout(uaddr_t tsp, u64 deadline, long ret)
{
	u64 now = clock_ns(), left = deadline > now ? deadline - now : 0;
	s64 ts[2] = {(s64)(left / 1000000000ULL), (s64)(left % 1000000000ULL)};

	if (!tsp || !deadline)
		return ret;
	if (copy_to_user(tsp, ts, sizeof(ts)) && ret == -ERESTARTNOHAND)
		return -EINTR;
	return ret;
}

/* Scan until something is ready, the deadline (if @timed) passes, or a signal: -ERESTARTNOHAND. */
static long poll_loop(struct pollfd_user *pfd, u64 nfds, bool timed, u64 deadline)
{
	for (;;) {
		struct wait_queue *wq, idle;
		u64 now = clock_ns(), slice = 10000000ULL; /* re-scan at least every 10 ms */
		long ready = poll_scan(pfd, nfds, &wq);
		int err;

		if (ready || (timed && now >= deadline))
			return ready;
		if (task_signal_pending(current))
			return -ERESTARTNOHAND;
		if (timed && deadline - now < slice)
			slice = deadline - now;
		if (!wq) {
			wait_queue_init(&idle, "ppoll");
			wq = &idle;
		}
		err = wait_once(wq, slice);
		if (err == -EINTR)
			return -ERESTARTNOHAND;
	}
}

long sys_ppoll(uaddr_t ufds, u32 nfds, uaddr_t tsp, uaddr_t sigmask, size_t sigsetsize)
{
	struct pollfd_user *pfd;
	u64 deadline;
	long ready;

	if (nfds > (u32)proc_nofile(current->proc))
		return -EINVAL;
	ready = get_poll_timeout(tsp, &deadline);
	if (ready)
		return ready;
	if (sigmask) {
		ready = signal_set_temp_mask(sigmask, sigsetsize);
		if (ready)
			return ready;
	}
	pfd = kmalloc(sizeof(*pfd) * (nfds ? nfds : 1));
	if (!pfd) {
		ready = -ENOMEM;
		goto out;
	}
	if (copy_from_user(pfd, ufds, sizeof(*pfd) * nfds)) {
		ready = -EFAULT;
		goto out_free;
	}
	ready = poll_loop(pfd, nfds, tsp != 0, deadline);
	if (ready >= 0 && copy_to_user(ufds, pfd, sizeof(*pfd) * nfds))
		ready = -EFAULT;
	ready = put_poll_timeout(tsp, deadline, ready);
out_free:
	kfree(pfd);
out:
	signal_end_temp_mask(ready);
	return ready;
}

#define SELECT_IN  (POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define SELECT_OUT (POLLOUT | POLLWRNORM | POLLERR)
#define SELECT_EX  POLLPRI
#define FDSET_MAX  1024

long sys_pselect6(int nfds, uaddr_t readfds, uaddr_t writefds, uaddr_t exceptfds, uaddr_t timeout,
		  uaddr_t sigmask)
{
	u64 sets[3][FDSET_MAX / 64] = {{0}}, out[3][FDSET_MAX / 64] = {{0}};
	const uaddr_t usets[3] = {readfds, writefds, exceptfds};
	const u32 want[3] = {SELECT_IN, SELECT_OUT, SELECT_EX};
	size_t bytes = (size_t)(nfds + 63) / 64 * 8;
	struct pollfd_user *pfd = NULL;
	u64 deadline, n = 0;
	long ret;

	if (nfds < 0)
		return -EINVAL;
	if (nfds > FDSET_MAX)
		nfds = FDSET_MAX; /* bits beyond our table size would be EBADF anyway */
	bytes = (size_t)(nfds + 63) / 64 * 8;
	ret = get_poll_timeout(timeout, &deadline);
	if (ret)
		return ret;
	for (int k = 0; k < 3; k++)
		if (usets[k] && copy_from_user(sets[k], usets[k], bytes))
			return -EFAULT;
	if (sigmask) {
		u64 arg[2]; /* { const sigset_t *ss; size_t ss_len; } */

		if (copy_from_user(arg, sigmask, sizeof(arg)))
			return -EFAULT;
		if (arg[0]) {
			ret = signal_set_temp_mask(arg[0], arg[1]);
			if (ret)
				return ret;
		}
	}
	pfd = kmalloc(sizeof(*pfd) * (nfds ? (size_t)nfds : 1));
	if (!pfd) {
		ret = -ENOMEM;
		goto out;
	}
	for (int fd = 0; fd < nfds; fd++) {
		u32 ev = 0;

		for (int k = 0; k < 3; k++)
			if (sets[k][fd / 64] & (1UL << (fd % 64)))
				ev |= want[k];
		if (!ev)
			continue;
		pfd[n].fd = fd;
		pfd[n].events = (short)ev;
		n++;
	}
	ret = poll_loop(pfd, n, timeout != 0, deadline);
	for (u64 i = 0; ret >= 0 && i < n; i++)
		if (pfd[i].revents & POLLNVAL)
			ret = -EBADF;
	if (ret > 0) {
		ret = 0;
		for (u64 i = 0; i < n; i++) {
			int fd = pfd[i].fd;

			for (int k = 0; k < 3; k++) {
				if (!(sets[k][fd / 64] & (1UL << (fd % 64))) ||
				    !(pfd[i].revents & want[k]))
					continue;
				out[k][fd / 64] |= 1UL << (fd % 64);
				ret++;
			}
		}
	}
	if (ret >= 0)
		for (int k = 0; k < 3; k++)
			if (usets[k] && copy_to_user(usets[k], out[k], bytes))
				ret = -EFAULT;
	ret = put_poll_timeout(timeout, deadline, ret);
	kfree(pfd);
out:
	signal_end_temp_mask(ret);
	return ret;
}
