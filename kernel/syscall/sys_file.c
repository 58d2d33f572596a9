/*
 * File I/O system calls. Streams whose data cannot be put back (pipes, the tty) copy to and
 * from user memory themselves (file_ops.read_iob/write_iob), a readv/writev vector as one
 * transfer. Other files go through a kernel bounce buffer in chunks: a fault in the user buffer
 * ends the transfer with the bytes done so far (or -EFAULT if none), and a regular file's
 * position only advances by what reached the user.
 */
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "signal/signal.h"
#include "syscall_protos.h"
#include "task/task.h"
#include "uapi/fcntl.h"

#define IO_CHUNK     (64 * 1024)
#define MAX_RW_COUNT 0x7ffff000L
#define IOV_MAX	     1024

/* True if @f's op moves the bytes to or from user memory itself (read_iob / write_iob). */
static bool direct(struct file *f, bool write)
{
	return f->ops && (write ? f->ops->write_iob != NULL : f->ops->read_iob != NULL);
}

/* Read up to @count bytes at *@ppos (NULL: the file position) into user memory at @buf. */
static ssize_t read_to_user(struct file *f, uaddr_t buf, size_t count, u64 *ppos)
{
	size_t chunk = MIN(count, (size_t)IO_CHUNK), total = 0;
	bool stream = f->fmode & FMODE_STREAM;
	u8 *kbuf;
	ssize_t ret = 0;

	if (!access_ok(buf, count))
		return -EFAULT;
	if (direct(f, false)) {
		struct iobuf b = {.user = true, .u = buf};

		return vfs_read_iob(f, &b, count, ppos);
	}
	kbuf = kmalloc(chunk ? chunk : 1);
	if (!kbuf)
		return -ENOMEM;
	while (total < count) {
		size_t want = MIN(chunk, count - total), left;
		ssize_t n = vfs_read(f, kbuf, want, ppos);

		if (n <= 0) {
			ret = n;
			break;
		}
		left = copy_to_user(buf + total, kbuf, (size_t)n);
		total += (size_t)n - left;
		if (left) {
			/* Undo the position for what never reached the user. */
			if (!stream && ppos)
				*ppos -= left;
			else if (!stream)
				vfs_lseek(f, -(s64)left, 1 /* SEEK_CUR */);
			if (!total)
				ret = -EFAULT;
			break;
		}
		if (stream || (size_t)n < want)
			break;
	}
	kfree(kbuf);
	return total ? (ssize_t)total : ret;
}

/* Write up to @count bytes from user memory at @buf at *@ppos (NULL: the file position). */
static ssize_t write_from_user(struct file *f, uaddr_t buf, size_t count, u64 *ppos)
{
	size_t chunk = MIN(count, (size_t)IO_CHUNK), total = 0;
	u8 *kbuf;
	ssize_t ret = 0;

	if (!access_ok(buf, count))
		return -EFAULT;
	if (f->ops->flags & FOP_WRITE_DISCARDS) {
		static u8 nothing;

		return vfs_write(f, &nothing, count, ppos);
	}
	if (direct(f, true)) {
		struct iobuf b = {.user = true, .u = buf};

		return vfs_write_iob(f, &b, count, ppos);
	}
	kbuf = kmalloc(chunk ? chunk : 1);
	if (!kbuf)
		return -ENOMEM;
	if (!count)
		ret = vfs_write(f, kbuf, 0, ppos);
	while (total < count) {
		size_t want = MIN(chunk, count - total);
		size_t got = want - copy_from_user(kbuf, buf + total, want);
		ssize_t n;

		if (!got) {
			ret = -EFAULT;
			break;
		}
		n = vfs_write(f, kbuf, got, ppos);
		if (n <= 0) {
			ret = n;
			break;
		}
		total += (size_t)n;
		if ((size_t)n < got || got < want)
			break;
	}
	kfree(kbuf);
	return total ? (ssize_t)total : ret;
}

long sys_read(int fd, uaddr_t buf, size_t count)
{
	struct file *f = fd_get(current->files, fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = read_to_user(f, buf, MIN(count, (size_t)MAX_RW_COUNT), NULL);
	fput(f);
	return ret;
}

long sys_write(int fd, uaddr_t buf, size_t count)
{
	struct file *f = fd_get(current->files, fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = write_from_user(f, buf, MIN(count, (size_t)MAX_RW_COUNT), NULL);
	fput(f);
	return ret;
}

static long positional(int fd, uaddr_t buf, size_t count, off_t pos, bool write)
{
	struct file *f;
	u64 p = (u64)pos;
	long ret;

	if (pos < 0)
		return -EINVAL;
	f = fd_get(current->files, fd);
	if (!f)
		return -EBADF;
	if (f->fmode & FMODE_STREAM)
		ret = -ESPIPE;
	else if (write)
		ret = write_from_user(f, buf, MIN(count, (size_t)MAX_RW_COUNT), &p);
	else
		ret = read_to_user(f, buf, MIN(count, (size_t)MAX_RW_COUNT), &p);
	fput(f);
	return ret;
}

long sys_pread64(int fd, uaddr_t buf, size_t count, off_t pos)
{
	return positional(fd, buf, count, pos, false);
}

long sys_pwrite64(int fd, uaddr_t buf, size_t count, off_t pos)
{
	return positional(fd, buf, count, pos, true);
}

/*
 * readv/writev on a file that copies user memory itself: one transfer over the whole vector
 * (a pipe read fills several segments, a small pipe write stays atomic), at most MAX_RW_COUNT
 * bytes, every segment checked first as Linux does (-EFAULT).
 */
static long vector_direct(struct file *f, const struct iovec_user *iov, u64 iovcnt, bool write)
{
	struct iobuf b = {.user = true, .iov = iov, .nseg = iovcnt};
	u64 total = 0;

	for (u64 i = 0; i < iovcnt; i++) {
		if (!access_ok(iov[i].base, iov[i].len))
			return -EFAULT;
		total += MIN(iov[i].len, (u64)MAX_RW_COUNT - total);
	}
	return write ? vfs_write_iob(f, &b, total, NULL) : vfs_read_iob(f, &b, total, NULL);
}

static long vector_io(int fd, uaddr_t uiov, u64 iovcnt, bool write)
{
	struct iovec_user *iov;
	struct file *f;
	long total = 0, ret = 0;

	if (iovcnt > IOV_MAX)
		return -EINVAL;
	f = fd_get(current->files, fd);
	if (!f)
		return -EBADF;
	iov = kmalloc(sizeof(*iov) * (iovcnt ? iovcnt : 1));
	if (!iov) {
		fput(f);
		return -ENOMEM;
	}
	if (copy_from_user(iov, uiov, sizeof(*iov) * iovcnt)) {
		ret = -EFAULT;
		goto out;
	}
	for (u64 i = 0; i < iovcnt; i++) {
		if ((s64)iov[i].len < 0) {
			ret = -EINVAL;
			goto out;
		}
	}
	if (direct(f, write)) {
		ret = vector_direct(f, iov, iovcnt, write);
		goto out;
	}
	for (u64 i = 0; i < iovcnt; i++) {
		ssize_t n;

		if (!iov[i].len)
			continue;
		n = write ? write_from_user(f, iov[i].base, iov[i].len, NULL)
			  : read_to_user(f, iov[i].base, iov[i].len, NULL);
		if (n < 0) {
			ret = n;
			break;
		}
		total += n;
		if ((u64)n < iov[i].len)
			break;
	}
out:
	kfree(iov);
	fput(f);
	return total ? total : ret;
}

long sys_readv(int fd, uaddr_t iov, u64 iovcnt)
{
	return vector_io(fd, iov, iovcnt, false);
}

long sys_writev(int fd, uaddr_t iov, u64 iovcnt)
{
	return vector_io(fd, iov, iovcnt, true);
}

long sys_lseek(int fd, off_t offset, int whence)
{
	struct file *f = fd_get(current->files, fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_lseek(f, offset, whence);
	fput(f);
	return ret;
}

long sys_sendfile(int out_fd, int in_fd, uaddr_t offset, size_t count)
{
	struct file *in = fd_get(current->files, in_fd), *out = fd_get(current->files, out_fd);
	u64 pos = 0, *ppos = NULL;
	size_t total = 0;
	u8 *kbuf = NULL;
	long ret = 0;

	if (!in || !out) {
		ret = -EBADF;
		goto out;
	}
	if (offset) {
		if (get_user_u64(&pos, offset)) {
			ret = -EFAULT;
			goto out;
		}
		ppos = &pos;
	}
	kbuf = kmalloc(IO_CHUNK);
	if (!kbuf) {
		ret = -ENOMEM;
		goto out;
	}
	while (total < count) {
		ssize_t n = vfs_read(in, kbuf, MIN((size_t)IO_CHUNK, count - total), ppos), w;

		if (n <= 0) {
			ret = n;
			break;
		}
		w = vfs_write(out, kbuf, (size_t)n, NULL);
		if (w < 0) {
			ret = w;
			break;
		}
		total += (size_t)w;
		if (w < n)
			break;
	}
	if (ppos && put_user_u64(offset, pos))
		ret = -EFAULT;
out:
	kfree(kbuf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return total ? (long)total : ret;
}
