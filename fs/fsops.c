/* Name operations: mkdir, mknod, symlink, link, unlink, rmdir, rename, readlink, truncate. */
#include "fs/internal.h"
#include "fs/fdtable.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "string.h"

static u32 cur_umask(void)
{
	struct fs_struct *fs = current_fs();

	return fs ? fs->umask : 022;
}

/*
 * Begin making @name in @dir: a new dentry for it, returned with dcache_lock held once @dir is
 * known to be alive and @name free; else ERR_PTR(-ENOMEM, -ENOENT (dir removed) or -EEXIST)
 * with nothing held. new_child_done() ends it.
 */
static struct dentry *new_child_start(const struct path *dir, const char *name, size_t len)
{
	struct dentry *d = dentry_alloc(dir->dentry, name, len);
	int err = 0;

	if (!d)
		return ERR_PTR(-ENOMEM);
	spin_lock(&dcache_lock);
	if (dir->dentry->flags & D_DEAD)
		err = -ENOENT;
	else if (d_lookup_locked(dir->dentry, name, len))
		err = -EEXIST;
	if (!err)
		return d;
	spin_unlock(&dcache_lock);
	dput(d);
	return ERR_PTR(err);
}

/*
 * End new_child_start(): if @err is 0, @d (which the fs has filled) joins the tree; drops
 * dcache_lock; the reference to @d goes to *@out on success if @out, else it is put.
 * Returns @err.
 */
static int new_child_done(struct dentry *d, int err, struct dentry **out)
{
	if (!err)
		d_add_locked(d);
	spin_unlock(&dcache_lock);
	if (err || !out)
		dput(d);
	else
		*out = d;
	return err;
}

int vfs_create_child(const struct path *dir, const char *name, size_t len, u32 mode, u32 rdev,
		     const char *target, struct dentry **out)
{
	struct inode *di = dir->dentry->inode;
	const struct inode_ops *ops = di->iops;
	struct dentry *d = new_child_start(dir, name, len);
	int err;

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (!ops)
		err = -EPERM;
	else if (S_ISDIR(mode))
		err = ops->mkdir ? ops->mkdir(di, d, mode) : -EPERM;
	else if (S_ISLNK(mode))
		err = ops->symlink ? ops->symlink(di, d, target) : -EPERM;
	else
		err = ops->create ? ops->create(di, d, mode, rdev) : -EPERM;
	return new_child_done(d, err, out);
}

/* The parent of a name to be made: 0 (pw_done it), -EEXIST for "/", "." or "..", or the
 * errors of path_parentat. */
static int new_name_parent(int dirfd, const char *path, struct parent_walk *pw)
{
	int err = path_parentat(dirfd, path, 0, pw);

	if (!err && pw->type != LAST_NORM) {
		pw_done(pw);
		err = -EEXIST;
	}
	return err;
}

/* Shared tail of mkdir/mknod/symlink: create the last component of @path. */
static int create_at(int dirfd, const char *path, u32 mode, u32 rdev, const char *target)
{
	struct parent_walk pw;
	struct path existing;
	int err;

	err = new_name_parent(dirfd, path, &pw);
	if (err)
		return err;
	if (pw.trailing_slash && !S_ISDIR(mode)) {
		/* "name/" can only make a directory: EEXIST if taken, else ENOENT */
		err = lookup_child_raw(&pw.parent, pw.last, pw.last_len, &existing);
		if (!err) {
			path_put(&existing);
			err = -EEXIST;
		} else if (err == -ENOENT) {
			err = -ENOENT;
		}
		goto out;
	}
	err = vfs_create_child(&pw.parent, pw.last, pw.last_len, mode, rdev, target, NULL);
out:
	pw_done(&pw);
	return err;
}

int vfs_mkdirat(int dirfd, const char *path, mode_t mode)
{
	return create_at(dirfd, path,
			 S_IFDIR | (mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX) & ~cur_umask()),
			 0, NULL);
}

int vfs_mknodat(int dirfd, const char *path, mode_t mode, u32 dev)
{
	u32 type = mode & S_IFMT;

	if (type == 0)
		type = S_IFREG;
	if (type == S_IFDIR)
		return -EPERM;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO &&
	    type != S_IFSOCK)
		return -EINVAL;
	return create_at(dirfd, path, type | (mode & S_IALLUGO & ~cur_umask()),
			 (type == S_IFCHR || type == S_IFBLK) ? dev : 0, NULL);
}

int vfs_symlinkat(const char *target, int dirfd, const char *path)
{
	size_t n = strnlen(target, PATH_MAX);

	if (n == 0)
		return -ENOENT;
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	return create_at(dirfd, path, S_IFLNK | 0777, 0, target);
}

int vfs_linkat(int odirfd, const char *opath, int ndirfd, const char *npath, int flags)
{
	struct parent_walk pw;
	struct path old;
	struct dentry *d;
	struct inode *di;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookupat(odirfd, opath,
			    ((flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0) |
				    ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0),
			    &old);
	if (err)
		return err;
	if (S_ISDIR(old.dentry->inode->mode)) {
		err = -EPERM;
		goto out_old;
	}
	err = new_name_parent(ndirfd, npath, &pw);
	if (err)
		goto out_old;
	if (pw.parent.mnt != old.mnt) {
		err = -EXDEV;
		goto out_pw;
	}
	di = pw.parent.dentry->inode;
	d = new_child_start(&pw.parent, pw.last, pw.last_len);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		goto out_pw;
	}
	if (pw.trailing_slash)
		err = -ENOENT;
	else if (old.dentry->inode->nlink == 0)
		err = -ENOENT;
	else if (!di->iops || !di->iops->link)
		err = -EPERM;
	else
		err = di->iops->link(old.dentry->inode, di, d);
	new_child_done(d, err, NULL);
out_pw:
	pw_done(&pw);
out_old:
	path_put(&old);
	return err;
}

/*
 * rmdir (@dir) or unlink of @pw's last component: Linux's checks in Linux's order (the victim's
 * type first, under dcache_lock), then the fs's rmdir or unlink; the dentry leaves the tree.
 */
static int remove_child(struct parent_walk *pw, bool dir)
{
	struct inode *di = pw->parent.dentry->inode;
	int (*remove)(struct inode *, struct dentry *) = NULL;
	struct path v;
	int err;

	if (pw->type != LAST_NORM) {
		if (!dir)
			return -EISDIR;
		if (pw->type == LAST_DOT)
			return -EINVAL;
		return pw->type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY; /* "..", or "/" */
	}
	if (di->iops)
		remove = dir ? di->iops->rmdir : di->iops->unlink;
	err = lookup_child_raw(&pw->parent, pw->last, pw->last_len, &v);
	if (err)
		return err;
	spin_lock(&dcache_lock);
	if (S_ISDIR(v.dentry->inode->mode) != dir)
		err = dir ? -ENOTDIR : -EISDIR;
	else if (!dir && pw->trailing_slash)
		err = -ENOTDIR;
	else if (!(v.dentry->flags & D_INTREE))
		err = -ENOENT;
	else if (v.dentry->mounted)
		err = -EBUSY;
	else if (dir && !list_empty(&v.dentry->children))
		err = -ENOTEMPTY;
	else if (!remove)
		err = -EPERM;
	else
		err = remove(di, v.dentry);
	if (!err)
		d_drop_locked(v.dentry);
	spin_unlock(&dcache_lock);
	path_put(&v);
	return err;
}

int vfs_unlinkat(int dirfd, const char *path, int flags)
{
	struct parent_walk pw;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = path_parentat(dirfd, path, 0, &pw);
	if (err)
		return err;
	err = remove_child(&pw, flags & AT_REMOVEDIR);
	pw_done(&pw);
	return err;
}

ssize_t vfs_readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	struct path p;
	char *body;
	int len, err;

	if ((ssize_t)size <= 0)
		return -EINVAL;
	err = path_lookupat(dirfd, path, LOOKUP_EMPTY, &p);
	if (err)
		return err;
	if (!S_ISLNK(p.dentry->inode->mode)) {
		path_put(&p);
		return -EINVAL;
	}
	body = read_link(p.dentry, &len);
	if (!IS_ERR(body))
		inode_touch(p.dentry->inode, 1);
	path_put(&p);
	if (IS_ERR(body))
		return PTR_ERR(body);
	len = (int)MIN((size_t)len, size);
	memcpy(buf, body, (size_t)len);
	kfree(body);
	return len;
}

static int do_truncate(struct inode *inode, s64 len)
{
	if (len < 0)
		return -EINVAL;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if ((u64)len > FS_MAX_FILE_SIZE)
		return -EFBIG;
	if (!inode->iops || !inode->iops->setsize)
		return -EPERM;
	return inode->iops->setsize(inode, (u64)len);
}

int vfs_truncate(const char *path, s64 len)
{
	struct path p;
	int err = path_lookupat(AT_FDCWD, path, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = do_truncate(p.dentry->inode, len);
	path_put(&p);
	return err;
}

int vfs_ftruncate(struct file *f, s64 len)
{
	if (f->fmode & FMODE_PATH)
		return -EBADF;
	if (!(f->fmode & FMODE_WRITE) || !S_ISREG(f->inode->mode))
		return -EINVAL;
	return do_truncate(f->inode, len);
}

/* The walk flags of an *at call's AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH. */
static unsigned int at_lookup_flags(int flags)
{
	return ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
	       ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
}

int vfs_fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	struct path p;
	struct inode *inode;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookupat(dirfd, path, at_lookup_flags(flags), &p);
	if (err)
		return err;
	inode = p.dentry->inode;
	if (S_ISLNK(inode->mode)) {
		err = -EOPNOTSUPP;
	} else {
		spin_lock(&inode->lock);
		inode->mode = (inode->mode & S_IFMT) | (mode & S_IALLUGO);
		spin_unlock(&inode->lock);
		inode_touch(inode, 4);
	}
	path_put(&p);
	return err;
}

int vfs_faccessat(int dirfd, const char *path, int mode, int flags)
{
	struct path p;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookupat(dirfd, path, at_lookup_flags(flags), &p);
	if (err)
		return err;
	/* root may do anything, except run a file with no execute bit at all */
	if ((mode & X_OK) && !S_ISDIR(p.dentry->inode->mode) && !(p.dentry->inode->mode & 0111))
		err = -EACCES;
	path_put(&p);
	return err;
}

void vfs_getattr(struct inode *inode, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	spin_lock(&inode->lock);
	st->dev = inode->sb->dev;
	st->ino = inode->ino;
	st->mode = inode->mode;
	st->nlink = inode->nlink;
	st->uid = inode->uid;
	st->gid = inode->gid;
	st->rdev = inode->rdev;
	st->size = (s64)inode->size;
	st->blksize = 4096;
	st->blocks = S_ISREG(inode->mode) ? ALIGN_UP(inode->size, 4096) / 512 : 0;
	st->atime = inode->atime;
	st->mtime = inode->mtime;
	st->ctime = inode->ctime;
	spin_unlock(&inode->lock);
}

int vfs_stat(int dirfd, const char *path, int flags, struct kstat *st)
{
	struct path p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	err = path_lookupat(dirfd, path, at_lookup_flags(flags), &p);
	if (err)
		return err;
	vfs_getattr(p.dentry->inode, st);
	path_put(&p);
	return 0;
}

int vfs_fstat(struct file *f, struct kstat *st)
{
	vfs_getattr(f->inode, st);
	return 0;
}

void kstat_to_stat(const struct kstat *k, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = dev_encode((u32)k->dev);
	st->st_ino = k->ino;
	st->st_mode = k->mode;
	st->st_nlink = k->nlink;
	st->st_uid = k->uid;
	st->st_gid = k->gid;
	st->st_rdev = dev_encode((u32)k->rdev);
	st->st_size = k->size;
	st->st_blksize = (s32)k->blksize;
	st->st_blocks = (s64)k->blocks;
	st->st_atime_sec = k->atime.sec;
	st->st_atime_nsec = (u64)k->atime.nsec;
	st->st_mtime_sec = k->mtime.sec;
	st->st_mtime_nsec = (u64)k->mtime.nsec;
	st->st_ctime_sec = k->ctime.sec;
	st->st_ctime_nsec = (u64)k->ctime.nsec;
}
