/* File-descriptor system calls: open/close, dup, fcntl, ioctl, pipes, ppoll. */
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "sched/wait.h"
#include "syscall/getname.h"
#include "syscall_protos.h"
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

long sys_ppoll(uaddr_t ufds, u32 nfds, uaddr_t tsp, uaddr_t sigmask, size_t sigsetsize)
{
	struct pollfd_user *pfd;
	u64 deadline = 0;
	long ready;

	if (nfds > (u32)proc_nofile(current->proc))
		return -EINVAL;
	if (tsp) {
		s64 ts[2];

		if (copy_from_user(ts, tsp, sizeof(ts)))
			return -EFAULT;
		if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
			return -EINVAL;
		deadline = clock_ns() + (u64)ts[0] * 1000000000ULL + (u64)ts[1];
	}
	pfd = kmalloc(sizeof(*pfd) * (nfds ? nfds : 1));
	if (!pfd)
		return -ENOMEM;
	if (copy_from_user(pfd, ufds, sizeof(*pfd) * nfds)) {
		kfree(pfd);
		return -EFAULT;
	}
	for (;;) {
		struct wait_queue *wq, idle;
		u64 now = clock_ns(), slice = 10000000ULL; /* re-scan at least every 10 ms */
		int err;

		ready = poll_scan(pfd, nfds, &wq);
		if (ready || (tsp && now >= deadline))
			break;
		if (deadline && deadline - now < slice)
			slice = deadline - now;
		if (!wq) {
			wait_queue_init(&idle, "ppoll");
			wq = &idle;
		}
		err = wait_once(wq, slice);
		if (err == -EINTR) {
			ready = -EINTR;
			break;
		}
	}
	if (ready >= 0 && copy_to_user(ufds, pfd, sizeof(*pfd) * nfds))
		ready = -EFAULT;
	kfree(pfd);
	return ready;
}
