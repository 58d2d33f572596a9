/* Open files: lifetime, open(2) path handling, read/write/lseek/ioctl, mmap helpers. */
#include "fs/internal.h"
#include "fs/fdtable.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "string.h"
#include "uapi/ioctl.h"

#define MAX_RW_COUNT 0x7ffff000UL /* Linux caps one transfer at INT_MAX rounded to a page */

static const struct file_ops path_only_ops; /* O_PATH: no operations */

struct file *file_alloc(const struct path *p, struct inode *inode, int flags,
			const struct file_ops *ops)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refcount = 1;
	spin_lock_init(&f->lock, "file");
	spin_lock_init(&f->pos_lock, "file_pos");
	f->flags = ((u32)flags & ~(u32)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) |
		   O_LARGEFILE;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		f->fmode = FMODE_READ;
		break;
	case O_WRONLY:
		f->fmode = FMODE_WRITE;
		break;
	case O_RDWR:
		f->fmode = FMODE_READ | FMODE_WRITE;
		break;
	}
	if (p) {
		f->path = *p;
		path_get(&f->path);
	}
	f->inode = inode;
	if (!p)
		iget(inode);
	f->ops = ops;
	return f;
}

void fget(struct file *f)
{
	__atomic_add_fetch(&f->refcount, 1, __ATOMIC_RELAXED);
}

void fput(struct file *f)
{
	if (!f)
		return;
	KASSERT(f->refcount > 0);
	if (__atomic_sub_fetch(&f->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f->inode, f);
	if (f->path.dentry)
		path_put(&f->path);
	else
		iput(f->inode);
	kfree(f);
}

struct file *vfs_open_path(const struct path *p, int flags)
{
	struct inode *inode = p->dentry->inode;
	u32 mode = inode->mode;
	const struct file_ops *ops = inode->fops;
	bool writing = (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;
	struct file *f;
	int err;

	if (flags & O_PATH) {
		if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
			return ERR_PTR(-ENOTDIR);
		f = file_alloc(p, inode, flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC),
			       &path_only_ops);
		if (!f)
			return ERR_PTR(-ENOMEM);
		f->fmode = FMODE_PATH;
		return f;
	}
	if (S_ISLNK(mode))
		return ERR_PTR(-ELOOP);
	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return ERR_PTR(-ENOTDIR);
	if (S_ISDIR(mode) && (writing || (flags & (O_CREAT | O_TRUNC))))
		return ERR_PTR(-EISDIR);
	if (S_ISCHR(mode)) {
		ops = chrdev_ops(inode->rdev);
		if (!ops)
			return ERR_PTR(-ENXIO);
	} else if (S_ISFIFO(mode)) {
		ops = &fifo_ops;
	} else if (S_ISBLK(mode) || S_ISSOCK(mode)) {
		return ERR_PTR(-ENXIO);
	}
	if ((flags & O_TRUNC) && S_ISREG(mode) && inode->iops && inode->iops->setsize) {
		err = inode->iops->setsize(inode, 0);
		if (err)
			return ERR_PTR(err);
	}
	f = file_alloc(p, inode, flags, ops);
	if (!f)
		return ERR_PTR(-ENOMEM);
	if (ops && ops->open) {
		err = ops->open(inode, f);
		if (err) {
			f->ops = NULL; /* no release for an open that failed */
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

/* open(O_CREAT): find or create the last component, following symlinks unless told not to. */
static int open_create(int dirfd, const char *name, int flags, mode_t mode, struct path *out)
{
	struct parent_walk pw;
	int err;

	err = path_parentat(dirfd, name, 0, &pw);
	if (err)
		return err;
	for (;;) {
		struct dentry *d;

		if (pw.type != LAST_NORM || pw.trailing_slash) {
			err = -EISDIR;
			break;
		}
		err = lookup_child(&pw.parent, pw.last, pw.last_len, out);
		if (err == -ENOENT) {
			u32 umask = current_fs() ? current_fs()->umask : 022;

			err = vfs_create_child(&pw.parent, pw.last, pw.last_len,
					       S_IFREG | (mode & ~umask & S_IALLUGO), 0, NULL, &d);
			if (err == -EEXIST && !(flags & O_EXCL))
				continue; /* created by someone else meanwhile */
			if (!err) {
				out->mnt = pw.parent.mnt;
				if (out->mnt)
					mount_get(out->mnt);
				out->dentry = d;
			}
			break;
		}
		if (err)
			break;
		if (flags & O_EXCL) {
			path_put(out);
			err = -EEXIST;
			break;
		}
		if (S_ISLNK(out->dentry->inode->mode) && !(flags & O_PATH)) {
			if (flags & O_NOFOLLOW) {
				path_put(out);
				err = -ELOOP;
				break;
			}
			err = pw_follow_last(&pw, out->dentry);
			path_put(out);
			if (err)
				break;
			continue;
		}
		break;
	}
	pw_done(&pw);
	return err;
}

struct file *vfs_open(int dirfd, const char *path, int flags, mode_t mode)
{
	struct path p;
	struct file *f;
	int err;

	if (flags & __O_TMPFILE)
		return ERR_PTR(-EOPNOTSUPP);
	if ((flags & O_CREAT) && !(flags & O_PATH)) {
		err = open_create(dirfd, path, flags, mode, &p);
	} else {
		unsigned int lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;

		if (flags & O_DIRECTORY)
			lf |= LOOKUP_DIRECTORY;
		err = path_lookupat(dirfd, path, lf, &p);
	}
	if (err)
		return ERR_PTR(err);
	f = vfs_open_path(&p, flags);
	path_put(&p);
	return f;
}

static bool is_stream(struct file *f)
{
	return f->fmode & FMODE_STREAM;
}

/* Copy between @kp and the user vector of @b from offset @off on; bytes copied. */
static size_t vector_copy(const struct iobuf *b, size_t off, void *kp, size_t n, bool out)
{
	size_t done = 0;

	for (size_t i = 0; i < b->nseg && done < n; i++) {
		const struct iovec_user *v = &b->iov[i];
		size_t chunk, left;

		if (off >= v->len) {
			off -= v->len;
			continue;
		}
		chunk = MIN(n - done, (size_t)(v->len - off));
		left = out ? copy_to_user(v->base + off, (char *)kp + done, chunk)
			   : copy_from_user((char *)kp + done, v->base + off, chunk);
		done += chunk - left;
		if (left)
			break;
		off = 0;
	}
	return done;
}

size_t iobuf_out(const struct iobuf *b, size_t off, const void *src, size_t n)
{
	if (b->user && b->iov)
		return vector_copy(b, off, (void *)src, n, true);
	if (b->user)
		return n - copy_to_user(b->u + off, src, n);
	memcpy((char *)b->k + off, src, n);
	return n;
}

size_t iobuf_in(void *dst, const struct iobuf *b, size_t off, size_t n)
{
	if (b->user && b->iov)
		return vector_copy(b, off, dst, n, false);
	if (b->user)
		return n - copy_from_user(dst, b->u + off, n);
	memcpy(dst, (const char *)b->k + off, n);
	return n;
}

/* The op that moves @b's bytes: the iobuf one when the file has it, else the kernel-buffer one. */
static ssize_t call_op(struct file *f, const struct iobuf *b, size_t len, u64 *pos, bool wr)
{
	const struct file_ops *o = f->ops;

	if (wr)
		return o->write_iob ? o->write_iob(f, b, len, pos) : o->write(f, b->k, len, pos);
	return o->read_iob ? o->read_iob(f, b, len, pos) : o->read(f, b->k, len, pos);
}

static bool has_op(struct file *f, const struct iobuf *b, bool wr)
{
	const struct file_ops *o = f->ops;

	if (!o)
		return false;
	if (wr ? o->write_iob != NULL : o->read_iob != NULL)
		return true;
	return !b->user && (wr ? o->write != NULL : o->read != NULL);
}

/* A read or write after its mode checks: at *@pos, nowhere (streams) or at the file position. */
static ssize_t transfer(struct file *f, const struct iobuf *b, size_t len, u64 *pos, bool wr)
{
	u64 p;
	ssize_t r;

	if (!has_op(f, b, wr))
		return -EINVAL;
	len = MIN(len, MAX_RW_COUNT);
	if (pos)
		return call_op(f, b, len, pos, wr);
	if (is_stream(f)) {
		p = 0;
		return call_op(f, b, len, &p, wr);
	}
	spin_lock(&f->pos_lock);
	p = f->pos;
	spin_unlock(&f->pos_lock);
	r = call_op(f, b, len, &p, wr);
	if (r >= 0) {
		spin_lock(&f->pos_lock);
		f->pos = p;
		spin_unlock(&f->pos_lock);
	}
	return r;
}

ssize_t vfs_read_iob(struct file *f, const struct iobuf *b, size_t len, u64 *pos)
{
	if (!(f->fmode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	return transfer(f, b, len, pos, false);
}

ssize_t vfs_write_iob(struct file *f, const struct iobuf *b, size_t len, u64 *pos)
{
	if (!(f->fmode & FMODE_WRITE))
		return -EBADF;
	return transfer(f, b, len, pos, true);
}

ssize_t vfs_read(struct file *f, void *kbuf, size_t len, u64 *pos)
{
	struct iobuf b = {.k = kbuf};

	return vfs_read_iob(f, &b, len, pos);
}

ssize_t vfs_write(struct file *f, const void *kbuf, size_t len, u64 *pos)
{
	struct iobuf b = {.k = (void *)kbuf};

	return vfs_write_iob(f, &b, len, pos);
}

ssize_t kernel_read(struct file *f, void *kbuf, size_t len, u64 off)
{
	return vfs_read(f, kbuf, len, &off);
}

s64 vfs_lseek(struct file *f, s64 off, int whence)
{
	s64 base, size, npos;

	if (f->fmode & FMODE_PATH)
		return -EBADF;
	if (f->ops && f->ops->llseek)
		return f->ops->llseek(f, off, whence);
	if (is_stream(f) || S_ISFIFO(f->inode->mode))
		return -ESPIPE;
	spin_lock(&f->inode->lock);
	size = (s64)f->inode->size;
	spin_unlock(&f->inode->lock);
	spin_lock(&f->pos_lock);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (s64)f->pos;
		break;
	case SEEK_END:
		base = size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (off < 0 || off >= size) {
			spin_unlock(&f->pos_lock);
			return -ENXIO;
		}
		base = 0;
		if (whence == SEEK_HOLE)
			off = size;
		break;
	default:
		spin_unlock(&f->pos_lock);
		return -EINVAL;
	}
	if (S_ISDIR(f->inode->mode) && whence != SEEK_SET && whence != SEEK_CUR) {
		spin_unlock(&f->pos_lock);
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, off, &npos)) {
		spin_unlock(&f->pos_lock);
		return -EOVERFLOW;
	}
	if (npos < 0) {
		spin_unlock(&f->pos_lock);
		return -EINVAL;
	}
	f->pos = (u64)npos;
	spin_unlock(&f->pos_lock);
	return npos;
}

size_t vfs_ioctl_argsize(unsigned int cmd, int *dir)
{
	switch (cmd) {
	case TCGETS:
		*dir = 2;
		return sizeof(struct termios);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		*dir = 1;
		return sizeof(struct termios);
	case TIOCGWINSZ:
		*dir = 2;
		return sizeof(struct winsize);
	case TIOCSWINSZ:
		*dir = 1;
		return sizeof(struct winsize);
	case TIOCGPGRP:
	case TIOCGSID:
	case FIONREAD:
		*dir = 2;
		return sizeof(int);
	case TIOCSPGRP:
	case FIONBIO:
		*dir = 1;
		return sizeof(int);
	case RTC_RD_TIME:
		*dir = 2;
		return sizeof(struct rtc_time);
	case RTC_SET_TIME:
		*dir = 1;
		return sizeof(struct rtc_time);
	default:
		*dir = 0;
		return 0;
	}
}

long vfs_ioctl(struct file *f, unsigned int cmd, void *karg)
{
	if (f->fmode & FMODE_PATH)
		return -EBADF;
	if (cmd == FIONBIO) {
		spin_lock(&f->lock);
		if (*(int *)karg)
			f->flags |= O_NONBLOCK;
		else
			f->flags &= ~(u32)O_NONBLOCK;
		spin_unlock(&f->lock);
		return 0;
	}
	if (cmd == FIONREAD && S_ISREG(f->inode->mode)) {
		s64 n;

		spin_lock(&f->inode->lock);
		n = (s64)f->inode->size - (s64)f->pos;
		spin_unlock(&f->inode->lock);
		*(int *)karg = n > 0 ? (int)MIN(n, 0x7fffffff) : 0;
		return 0;
	}
	if (!f->ops || !f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, karg);
}

u32 vfs_readiness(struct file *f, struct wait_queue **wq)
{
	if (wq)
		*wq = NULL;
	if (f->fmode & FMODE_PATH)
		return POLLNVAL;
	if (!f->ops || !f->ops->readiness)
		return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
	return f->ops->readiness(f, wq);
}

int file_read_page(struct file *f, u64 off, void *kbuf)
{
	ssize_t n;

	if (f->ops && f->ops->read_page)
		return f->ops->read_page(f, off, kbuf);
	if (!f->ops || !f->ops->read)
		return -ENODEV;
	n = f->ops->read(f, kbuf, PAGE_SIZE, &off);
	if (n < 0)
		return (int)n;
	memset((char *)kbuf + n, 0, PAGE_SIZE - (size_t)n);
	return 0;
}

paddr_t file_shared_page(struct file *f, u64 off)
{
	if (f->ops && f->ops->shared_page)
		return f->ops->shared_page(f, off);
	return 0;
}
