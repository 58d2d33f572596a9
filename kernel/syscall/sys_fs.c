/* Name-space system calls: stat, directories, links, cwd, permissions. */
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "string.h"
#include "syscall/getname.h"
#include "syscall_protos.h"
#include "task/task.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

#define AT_EMPTY_PATH_FLAG	 0x1000
#define AT_SYMLINK_NOFOLLOW_FLAG 0x100
#define AT_NO_AUTOMOUNT_FLAG	 0x800

static long copy_stat_out(uaddr_t statbuf, const struct kstat *k)
{
	struct stat st;

	kstat_to_stat(k, &st);
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_newfstatat(int dfd, uaddr_t path, uaddr_t statbuf, int flags)
{
	char *name;
	struct kstat k;
	long err;

	if (flags & ~(AT_EMPTY_PATH_FLAG | AT_SYMLINK_NOFOLLOW_FLAG | AT_NO_AUTOMOUNT_FLAG))
		return -EINVAL;
	name = getname(path);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_stat(dfd, name, flags, &k);
	putname(name);
	return err ? err : copy_stat_out(statbuf, &k);
}

long sys_fstat(int fd, uaddr_t statbuf)
{
	struct file *f = fd_get(current->files, fd);
	struct kstat k;
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fstat(f, &k);
	fput(f);
	return err ? err : copy_stat_out(statbuf, &k);
}

long sys_getdents64(int fd, uaddr_t dirent, u32 count)
{
	struct file *f = fd_get(current->files, fd);
	size_t size = MIN((size_t)count, (size_t)65536);
	void *kbuf;
	long n;

	if (!f)
		return -EBADF;
	kbuf = kmalloc(size ? size : 1);
	if (!kbuf) {
		fput(f);
		return -ENOMEM;
	}
	n = vfs_getdents64(f, kbuf, size);
	if (n > 0 && copy_to_user(dirent, kbuf, (size_t)n))
		n = -EFAULT;
	kfree(kbuf);
	fput(f);
	return n;
}

/* Run @op on one user path name. */
#define WITH_NAME(upath, expr)                                                                     \
	({                                                                                         \
		char *name = getname(upath);                                                       \
		long __r;                                                                          \
		if (IS_ERR(name))                                                                  \
			__r = PTR_ERR(name);                                                       \
		else                                                                               \
			__r = (expr);                                                              \
		putname(name);                                                                     \
		__r;                                                                               \
	})

/* Run @expr on two user path names, @oname (read first) and @name. */
#define WITH_NAMES(uopath, upath, expr)                                                            \
	({                                                                                         \
		char *oname = getname(uopath);                                                     \
		long __rr = IS_ERR(oname) ? PTR_ERR(oname) : WITH_NAME(upath, expr);               \
		putname(oname);                                                                    \
		__rr;                                                                              \
	})

long sys_mkdirat(int dfd, uaddr_t path, mode_t mode)
{
	return WITH_NAME(path, vfs_mkdirat(dfd, name, mode));
}

long sys_mknodat(int dfd, uaddr_t path, mode_t mode, u32 dev)
{
	return WITH_NAME(path, vfs_mknodat(dfd, name, mode, dev));
}

long sys_unlinkat(int dfd, uaddr_t path, int flags)
{
	return WITH_NAME(path, vfs_unlinkat(dfd, name, flags));
}

static long statfs_out(struct super_block *sb, struct mount *mnt, uaddr_t buf)
{
	struct kstatfs st;

	vfs_statfs(sb, mnt, &st);
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long statfs_name(const char *name, uaddr_t buf)
{
	struct path p;
	long err = path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = statfs_out(p.dentry->inode->sb, p.mnt, buf);
	path_put(&p);
	return err;
}

long sys_statfs(uaddr_t path, uaddr_t buf)
{
	return WITH_NAME(path, statfs_name(name, buf));
}

long sys_fstatfs(int fd, uaddr_t buf)
{
	struct file *f = fd_get(current->files, fd);
	long err;

	if (!f)
		return -EBADF;
	err = statfs_out(f->inode->sb, f->path.mnt, buf);
	fput(f);
	return err;
}

long sys_chdir(uaddr_t path)
{
	return WITH_NAME(path, vfs_chdir(name));
}

long sys_chroot(uaddr_t path)
{
	return WITH_NAME(path, vfs_chroot(name));
}

long sys_fchdir(int fd)
{
	struct file *f = fd_get(current->files, fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fchdir(f);
	fput(f);
	return err;
}

long sys_getcwd(uaddr_t buf, size_t size)
{
	char *k = kmalloc(PATH_MAX);
	ssize_t n;

	if (!k)
		return -ENOMEM;
	n = vfs_getcwd(k, MIN(size, (size_t)PATH_MAX));
	if (n > 0 && copy_to_user(buf, k, (size_t)n))
		n = -EFAULT;
	kfree(k);
	return n;
}

long sys_readlinkat(int dfd, uaddr_t path, uaddr_t buf, int bufsiz)
{
	char *k;
	long n;

	if (bufsiz <= 0)
		return -EINVAL;
	k = kmalloc(PATH_MAX);
	if (!k)
		return -ENOMEM;
	n = WITH_NAME(path, vfs_readlinkat(dfd, name, k, MIN((size_t)bufsiz, (size_t)PATH_MAX)));
	if (n > 0 && copy_to_user(buf, k, (size_t)n))
		n = -EFAULT;
	kfree(k);
	return n;
}

long sys_symlinkat(uaddr_t target, int dfd, uaddr_t path)
{
	return WITH_NAMES(target, path, vfs_symlinkat(oname, dfd, name));
}

long sys_linkat(int odfd, uaddr_t opath, int ndfd, uaddr_t npath, int flags)
{
	return WITH_NAMES(opath, npath, vfs_linkat(odfd, oname, ndfd, name, flags));
}

long sys_renameat2(int odfd, uaddr_t opath, int ndfd, uaddr_t npath, u32 flags)
{
	return WITH_NAMES(opath, npath, vfs_renameat2(odfd, oname, ndfd, name, flags));
}

long sys_faccessat(int dfd, uaddr_t path, int mode)
{
	return WITH_NAME(path, vfs_faccessat(dfd, name, mode, 0));
}

long sys_faccessat2(int dfd, uaddr_t path, int mode, int flags)
{
	return WITH_NAME(path, vfs_faccessat(dfd, name, mode, flags));
}

long sys_fchmodat(int dfd, uaddr_t path, mode_t mode)
{
	return WITH_NAME(path, vfs_fchmodat(dfd, name, mode, 0));
}

long sys_fchmod(int fd, mode_t mode)
{
	struct file *f = fd_get(current->files, fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fchmodat(fd, "", mode, AT_EMPTY_PATH_FLAG);
	fput(f);
	return err;
}

long sys_truncate(uaddr_t path, off_t length)
{
	return WITH_NAME(path, vfs_truncate(name, length));
}

long sys_ftruncate(int fd, off_t length)
{
	struct file *f = fd_get(current->files, fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_ftruncate(f, length);
	fput(f);
	return err;
}

long sys_umask(int mask)
{
	return fs_umask(current->fs, (u32)mask & 0777);
}

long sys_sync(void)
{
	return 0; /* in-memory file systems have nothing to write back */
}

long sys_fsync(int fd)
{
	struct file *f = fd_get(current->files, fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

long sys_utimensat(int dfd, uaddr_t path, uaddr_t times, int flags)
{
	struct kstat k;

	/* Timestamps are not settable yet: check that the file exists, as Linux would first. */
	if (!path)
		return 0;
	return WITH_NAME(path, vfs_stat(dfd, name, flags, &k));
}
