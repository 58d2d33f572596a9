/* fd tables (struct files_struct) and root/cwd/umask (struct fs_struct). */
#include "fs/fdtable.h"
#include "fs/internal.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "refcount.h"
#include "sched/cpu.h"
#include "string.h"
#include "task/task.h"

#define FILES_MIN_SIZE 64
#define BITS_PER_LONG  64

struct fs_struct *boot_fs; /* [I] after vfs_init: the namespace of tasks that have none */

struct fs_struct *current_fs(void)
{
	struct task *t = current;

	return (t && t->fs) ? t->fs : boot_fs;
}

struct files_struct *current_files(void)
{
	struct task *t = current;

	return t ? t->files : NULL;
}

struct files_struct *files_create(void)
{
	struct files_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refcount = 1;
	spin_lock_init(&fs->lock, "files");
	return fs;
}

/* Make room for fd @need. Caller holds fs->lock (kmalloc never sleeps). 0 or -ENOMEM. */
static int grow_locked(struct files_struct *fs, int need)
{
	int size = fs->size ? fs->size : FILES_MIN_SIZE;
	struct file **fd;
	unsigned long *bits;

	while (size <= need)
		size *= 2;
	if (size == fs->size)
		return 0;
	fd = kzalloc((size_t)size * sizeof(*fd));
	bits = kzalloc((size_t)size / 8);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	if (fs->size) {
		memcpy(fd, fs->fd, (size_t)fs->size * sizeof(*fd));
		memcpy(bits, fs->cloexec, (size_t)fs->size / 8);
	}
	kfree(fs->fd);
	kfree(fs->cloexec);
	fs->fd = fd;
	fs->cloexec = bits;
	fs->size = size;
	return 0;
}

static void set_cloexec_locked(struct files_struct *fs, int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		fs->cloexec[fd / BITS_PER_LONG] |= bit;
	else
		fs->cloexec[fd / BITS_PER_LONG] &= ~bit;
}

static bool cloexec_locked(struct files_struct *fs, int fd)
{
	return fs->cloexec[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

/* True if @fd is an open fd of @fs. Caller holds fs->lock. */
static bool fd_open_locked(struct files_struct *fs, int fd)
{
	return fd >= 0 && fd < fs->size && fs->fd[fd];
}

/* Take open fd @fd out of @fs; returns its file (the table's reference). Caller holds fs->lock. */
static struct file *fd_take_locked(struct files_struct *fs, int fd)
{
	struct file *f = fs->fd[fd];

	fs->fd[fd] = NULL;
	set_cloexec_locked(fs, fd, false);
	if (fd < fs->next)
		fs->next = fd;
	return f;
}

struct files_struct *files_dup(struct files_struct *old)
{
	struct files_struct *fs = files_create();

	if (!fs)
		return NULL;
	spin_lock(&old->lock);
	if (old->size && grow_locked(fs, old->size - 1)) {
		spin_unlock(&old->lock);
		files_put(fs);
		return NULL;
	}
	for (int i = 0; i < old->size; i++) {
		fs->fd[i] = old->fd[i];
		if (fs->fd[i])
			fget(fs->fd[i]);
	}
	if (old->size)
		memcpy(fs->cloexec, old->cloexec, (size_t)old->size / 8);
	fs->next = old->next;
	spin_unlock(&old->lock);
	return fs;
}

void files_get(struct files_struct *fs)
{
	ref_get(&fs->refcount);
}

void files_put(struct files_struct *fs)
{
	if (!ref_put(&fs->refcount))
		return;
	for (int i = 0; i < fs->size; i++)
		if (fs->fd[i])
			fput(fs->fd[i]);
	kfree(fs->fd);
	kfree(fs->cloexec);
	kfree(fs);
}

int fd_alloc_limit(struct files_struct *fs, struct file *f, int min, bool cloexec, int limit)
{
	int fd;

	if (min < 0 || min >= limit)
		return -EINVAL;
	spin_lock(&fs->lock);
	for (fd = MAX(min, fs->next); fd < limit; fd++) {
		if (fd >= fs->size && grow_locked(fs, fd)) {
			spin_unlock(&fs->lock);
			return -ENOMEM;
		}
		if (!fs->fd[fd])
			break;
	}
	if (fd >= limit) {
		spin_unlock(&fs->lock);
		return -EMFILE;
	}
	fs->fd[fd] = f;
	set_cloexec_locked(fs, fd, cloexec);
	if (min <= fs->next)
		fs->next = fd + 1;
	spin_unlock(&fs->lock);
	return fd;
}

int fd_alloc(struct files_struct *fs, struct file *f, int min, bool cloexec)
{
	return fd_alloc_limit(fs, f, min, cloexec, RLIMIT_NOFILE_DEFAULT);
}

struct file *fd_get(struct files_struct *fs, int fd)
{
	struct file *f = NULL;

	spin_lock(&fs->lock);
	if (fd_open_locked(fs, fd)) {
		f = fs->fd[fd];
		fget(f);
	}
	spin_unlock(&fs->lock);
	return f;
}

int fd_close(struct files_struct *fs, int fd)
{
	struct file *f;

	spin_lock(&fs->lock);
	if (!fd_open_locked(fs, fd)) {
		spin_unlock(&fs->lock);
		return -EBADF;
	}
	f = fd_take_locked(fs, fd);
	spin_unlock(&fs->lock);
	fput(f);
	return 0;
}

int fd_dup3(struct files_struct *fs, int oldfd, int newfd, int flags)
{
	struct file *f, *prev;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd < 0 || newfd >= RLIMIT_NOFILE_DEFAULT)
		return -EBADF;
	spin_lock(&fs->lock);
	if (!fd_open_locked(fs, oldfd)) {
		spin_unlock(&fs->lock);
		return -EBADF;
	}
	if (newfd >= fs->size && grow_locked(fs, newfd)) {
		spin_unlock(&fs->lock);
		return -ENOMEM;
	}
	f = fs->fd[oldfd];
	fget(f);
	prev = fs->fd[newfd];
	fs->fd[newfd] = f;
	set_cloexec_locked(fs, newfd, flags & O_CLOEXEC);
	spin_unlock(&fs->lock);
	fput(prev);
	return newfd;
}

int fd_dup2(struct files_struct *fs, int oldfd, int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fd_get(fs, oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return fd_dup3(fs, oldfd, newfd, 0);
}

int fd_get_cloexec(struct files_struct *fs, int fd)
{
	int r = -EBADF;

	spin_lock(&fs->lock);
	if (fd_open_locked(fs, fd))
		r = cloexec_locked(fs, fd) ? FD_CLOEXEC : 0;
	spin_unlock(&fs->lock);
	return r;
}

int fd_set_cloexec(struct files_struct *fs, int fd, bool on)
{
	int r = -EBADF;

	spin_lock(&fs->lock);
	if (fd_open_locked(fs, fd)) {
		set_cloexec_locked(fs, fd, on);
		r = 0;
	}
	spin_unlock(&fs->lock);
	return r;
}

void files_close_on_exec(struct files_struct *fs)
{
	for (int fd = 0;; fd++) {
		struct file *f = NULL;

		spin_lock(&fs->lock);
		for (; fd < fs->size; fd++)
			if (fs->fd[fd] && cloexec_locked(fs, fd))
				break;
		if (fd < fs->size)
			f = fd_take_locked(fs, fd);
		spin_unlock(&fs->lock);
		if (!f)
			return;
		fput(f);
	}
}

int files_count_open(struct files_struct *fs)
{
	int n = 0;

	spin_lock(&fs->lock);
	for (int i = 0; i < fs->size; i++)
		n += fs->fd[i] != NULL;
	spin_unlock(&fs->lock);
	return n;
}

struct fs_struct *fs_create(const struct path *root)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refcount = 1;
	spin_lock_init(&fs->lock, "fs_struct");
	fs->root = *root;
	fs->cwd = *root;
	path_get(root);
	path_get(root);
	fs->umask = 022;
	return fs;
}

struct fs_struct *fs_dup(struct fs_struct *old)
{
	struct fs_struct *fs;
	struct path root;

	fs_get_root(old, &root);
	fs = fs_create(&root);
	path_put(&root);
	if (!fs)
		return NULL;
	path_put(&fs->cwd);
	fs_get_cwd(old, &fs->cwd);
	spin_lock(&old->lock);
	fs->umask = old->umask;
	spin_unlock(&old->lock);
	return fs;
}

void fs_get(struct fs_struct *fs)
{
	ref_get(&fs->refcount);
}

void fs_put(struct fs_struct *fs)
{
	if (!ref_put(&fs->refcount))
		return;
	path_put(&fs->root);
	path_put(&fs->cwd);
	kfree(fs);
}

/* A referenced copy of @fs's root (@root) or cwd into *@p. Takes fs->lock. */
static void fs_get_path(struct fs_struct *fs, bool root, struct path *p)
{
	spin_lock(&fs->lock);
	*p = root ? fs->root : fs->cwd;
	path_get(p);
	spin_unlock(&fs->lock);
}

void fs_get_root(struct fs_struct *fs, struct path *p)
{
	fs_get_path(fs, true, p);
}

void fs_get_cwd(struct fs_struct *fs, struct path *p)
{
	fs_get_path(fs, false, p);
}

u32 fs_umask(struct fs_struct *fs, u32 mask)
{
	u32 old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

/* Replace the cwd (@root false) or root of the current task by @p (reference moved). */
static void set_fs_path(struct path *p, bool root)
{
	struct fs_struct *fs = current_fs();
	struct path old;

	spin_lock(&fs->lock);
	if (root) {
		old = fs->root;
		fs->root = *p;
	} else {
		old = fs->cwd;
		fs->cwd = *p;
	}
	spin_unlock(&fs->lock);
	path_put(&old);
}

/* chdir (@root false) or chroot to the directory @path. 0 or the walk's errors. */
static int set_fs_path_at(const char *path, bool root)
{
	struct path p;
	int err = path_lookupat(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	set_fs_path(&p, root);
	return 0;
}

int vfs_chdir(const char *path)
{
	return set_fs_path_at(path, false);
}

int vfs_fchdir(struct file *f)
{
	struct path p = f->path;

	if (!p.dentry || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	path_get(&p);
	set_fs_path(&p, false);
	return 0;
}

int vfs_chroot(const char *path)
{
	return set_fs_path_at(path, true);
}

ssize_t vfs_getcwd(char *buf, size_t size)
{
	struct fs_struct *fs = current_fs();
	struct path root, cwd;
	char *tmp, *s;
	ssize_t len;

	if (!fs)
		return -ENOENT;
	tmp = kmalloc(PATH_MAX);
	if (!tmp)
		return -ENOMEM;
	fs_get_root(fs, &root);
	fs_get_cwd(fs, &cwd);
	if (cwd.dentry->flags & D_DEAD) {
		len = -ENOENT;
		goto out;
	}
	s = d_path(&cwd, &root, tmp, PATH_MAX);
	if (IS_ERR(s)) {
		len = PTR_ERR(s);
		goto out;
	}
	len = (ssize_t)strlen(s) + 1;
	if ((size_t)len > size)
		len = -ERANGE;
	else
		memcpy(buf, s, (size_t)len);
out:
	path_put(&cwd);
	path_put(&root);
	kfree(tmp);
	return len;
}
