/*
 * The virtual file system: super blocks, inodes, the dentry tree, mounts, open files, and the
 * API the rest of the kernel (exec, mm, the syscall layer) uses. fs/README.md has the lock order.
 *
 * Buffers passed to vfs_* are kernel buffers; the syscall layer copies to and from user memory.
 * Paths are kernel strings (NUL-terminated, at most PATH_MAX bytes with the NUL).
 * Permission checks are not made: every task runs as root (uid 0), as on the reference system.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include "types.h"
#include "compiler.h"
#include "list.h"
#include "lock/spinlock.h"
#include "uapi/stat.h"
#include "uapi/fcntl.h"

#define PATH_MAX	      4096
#define NAME_MAX	      255
#define MAXSYMLINKS	      40
#define RLIMIT_NOFILE_DEFAULT 1024 /* soft and hard default of RLIMIT_NOFILE */
#define FS_MAX_FILE_SIZE      (1ULL << 40)

struct inode;
struct dentry;
struct file;
struct super_block;
struct mount;
struct dir_context;
struct wait_queue;

struct ktimespec {
	s64 sec;
	s64 nsec;
};

/* What stat reports (converted to struct stat by kstat_to_stat). */
struct kstat {
	u64 dev, ino;
	u32 mode, nlink, uid, gid;
	u64 rdev;
	s64 size;
	u32 blksize;
	u64 blocks; /* 512-byte units */
	struct ktimespec atime, mtime, ctime;
};

/* Super block operations. */
struct super_ops {
	void (*evict)(struct inode *inode); /* free fs-private data of an unreferenced inode */
};

#define SB_PINNED 0x1 /* the dentry tree is the file system (ramfs): dentries stay until unlinked */

/*
 * Locks: [I] immutable after creation; [a] atomic access only.
 */
struct super_block {
	const char *fstype;	     /* [I] "ramfs", "tmpfs", "devtmpfs", "proc", "pipefs" */
	const struct super_ops *ops; /* [I] */
	u32 dev;		     /* [I] st_dev (kernel dev_t: anonymous 0:N) */
	u32 flags;		     /* [I] SB_* */
	u32 refcount;		     /* [a] one per inode and one per mount */
	u64 next_ino;		     /* [a] inode number allocator */
	u64 magic;		     /* [I] statfs f_type (Linux's *_MAGIC of the type) */
	u64 nr_inodes;		     /* [a] live inodes (statfs f_files - f_ffree) */
	u64 nr_pages;		     /* [a] pages of file data (statfs f_blocks - f_bfree) */
	struct dentry *root;	     /* [I] */
	void *priv;		     /* [I] fs-private */
};

/* Inode operations on directories, symlinks and (setsize) regular files. Called with
 * dcache_lock held for the namespace operations (create..rename): they must not sleep. */
struct inode_ops {
	/* lookup - find @name in @dir when the dentry tree does not know it; NULL for ramfs.
	 * Called without locks; returns a referenced inode or ERR_PTR(-ENOENT/...). */
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	/* create a regular file, device node, fifo or socket (@mode has the type) */
	int (*create)(struct inode *dir, struct dentry *d, u32 mode, u32 rdev);
	int (*mkdir)(struct inode *dir, struct dentry *d, u32 mode);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	int (*link)(struct inode *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	/* rename - move @od in @odir to @nd's name in @ndir; @nd may be positive (replace). */
	int (*rename)(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd,
		      unsigned int flags);
	/* get_link - the target of a symlink into @buf (PATH_MAX bytes); returns length or -E. */
	int (*get_link)(struct dentry *d, char *buf);
	/* setsize - truncate or extend a regular file. Called without dcache_lock. */
	int (*setsize)(struct inode *inode, u64 size);
};

/* One segment of a user I/O vector (struct iovec of readv/writev), as copied in. */
struct iovec_user {
	u64 base;
	u64 len;
};

/*
 * struct iobuf - where the bytes of a transfer are: kernel memory, user memory, or the user
 * memory of an I/O vector taken as one run (readv/writev), reached with the fault-safe copies
 * (a page fault may sleep there: no spinlock may be held across them).
 */
struct iobuf {
	bool user;
	union {
		void *k;
		uaddr_t u;
	};
	const struct iovec_user *iov; /* user: not NULL for a vector of nseg segments */
	size_t nseg;
};

/*
 * iobuf_out / iobuf_in - copy @n bytes to @b at offset @off from @src, or from @b at @off to
 * @dst. Returns the bytes copied: fewer than @n only when user memory faulted.
 * Context: process; no spinlock held when @b is user memory.
 */
size_t iobuf_out(const struct iobuf *b, size_t off, const void *src, size_t n);
size_t iobuf_in(void *dst, const struct iobuf *b, size_t off, size_t n);

/* Open-file operations. All may sleep unless said otherwise; none is called with a lock held. */
struct file_ops {
	int (*open)(struct inode *inode, struct file *f);
	ssize_t (*read)(struct file *f, void *kbuf, size_t len, u64 *pos);
	ssize_t (*write)(struct file *f, const void *kbuf, size_t len, u64 *pos);
	/*
	 * read_iob / write_iob - instead of read / write, for streams whose data cannot be put
	 * back (pipes, the tty): the op copies to or from user memory itself and takes only
	 * what arrived, so a fault loses nothing. Return as read / write, or -EFAULT when
	 * nothing was transferred because of a fault.
	 */
	ssize_t (*read_iob)(struct file *f, const struct iobuf *b, size_t len, u64 *pos);
	ssize_t (*write_iob)(struct file *f, const struct iobuf *b, size_t len, u64 *pos);
	/* llseek - NULL means the default (regular-file semantics on inode->size). */
	s64 (*llseek)(struct file *f, s64 off, int whence);
	/* ioctl - @karg is a kernel copy of the argument (see vfs_ioctl_argsize). */
	long (*ioctl)(struct file *f, unsigned int cmd, void *karg);
	/* iterate - emit directory entries from ctx->pos on (fs/readdir.c). */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/* readiness - POLLIN/POLLOUT/POLLHUP/POLLERR bits now; *wq (if not NULL) gets the
	 * wait queue to sleep on for a change. NULL means always readable and writable. */
	u32 (*readiness)(struct file *f, struct wait_queue **wq);
	/* read_page/shared_page - mmap helpers (see file_read_page/file_shared_page). */
	int (*read_page)(struct file *f, u64 off, void *kbuf);
	paddr_t (*shared_page)(struct file *f, u64 off);
	void (*release)(struct inode *inode, struct file *f);
	unsigned int flags; /* FOP_* */
};

/* The write op ignores the data (/dev/null, /dev/zero): write(2) never reads the user buffer. */
#define FOP_WRITE_DISCARDS 0x1

#define POLLIN	   0x001
#define POLLPRI	   0x002
#define POLLOUT	   0x004
#define POLLERR	   0x008
#define POLLHUP	   0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100

/*
 * Locks: [I] immutable after creation; [a] atomic; [i] inode->lock.
 * An inode lives while referenced: by each dentry naming it and each user (iget/iput).
 */
struct inode {
	spinlock_t lock;
	u32 refcount;			      /* [a] */
	u32 mode;			      /* [i] type [I] and permission bits */
	u32 nlink;			      /* [i] */
	u32 uid, gid;			      /* [i] */
	u64 size;			      /* [i] */
	struct ktimespec atime, mtime, ctime; /* [i] */
	u64 ino;			      /* [I] */
	u32 rdev;			      /* [I] device nodes: kernel dev_t */
	struct super_block *sb;		      /* [I] */
	const struct inode_ops *iops;	      /* [I] */
	const struct file_ops *fops;	      /* [I] */
	void *priv;			      /* fs-private: ramfs data, symlink body, pipe */
};

#define D_PINNED 0x1 /* holds a reference on itself: part of a SB_PINNED tree */
#define D_DEAD	 0x2 /* unlinked or removed from its directory */
#define D_INTREE 0x4 /* on its parent's children list */

/*
 * A name in the tree. Locks: [D] dcache_lock; [I] immutable. A dentry references its parent
 * (while it has one) and its inode (for its whole life).
 */
struct dentry {
	u32 refcount;		   /* [D] */
	u32 flags;		   /* [D] D_* */
	u32 mounted;		   /* [D] mounts whose mountpoint this is */
	u32 namelen;		   /* [D] */
	char *name;		   /* [D] replaced by rename */
	struct dentry *parent;	   /* [D] the root is its own parent */
	struct list_head children; /* [D] */
	struct list_head sibling;  /* [D] on parent->children */
	struct inode *inode;	   /* [I] once instantiated; NULL only while being created */
	struct super_block *sb;	   /* [I] */
};

/* A mounted file system. Locks: [D] dcache_lock; [I] immutable. */
struct mount {
	u32 refcount;		   /* [D] one for being attached, one per path referencing it */
	bool attached;		   /* [D] on mount_list */
	struct super_block *sb;	   /* [I] */
	struct dentry *root;	   /* [I] referenced */
	struct mount *parent;	   /* [D] NULL for a namespace root; referenced */
	struct dentry *mountpoint; /* [D] referenced */
	struct list_head list;	   /* [D] on mount_list */
	char source[32];	   /* [I] what /proc/mounts prints as device */
};

struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

#define FMODE_READ   0x1
#define FMODE_WRITE  0x2
#define FMODE_STREAM 0x4 /* no position: pipes, ttys (pos ignored, ESPIPE on lseek) */
#define FMODE_PATH   0x8 /* O_PATH: no I/O */

/*
 * An open file description. Locks: [a] atomic; [p] pos_lock; [I] immutable; [f] f->lock.
 */
struct file {
	u32 refcount;	 /* [a] */
	u32 fmode;	 /* [I] FMODE_* */
	u32 flags;	 /* [f] O_* status flags as given (O_APPEND/O_NONBLOCK change) */
	spinlock_t lock; /* protects flags */
	spinlock_t pos_lock;
	u64 pos;		    /* [p] */
	struct path path;	    /* [I] referenced (mnt may be NULL for pipes) */
	struct inode *inode;	    /* [I] path.dentry->inode */
	const struct file_ops *ops; /* [I] */
	void *priv;		    /* driver data */
};

/* Directory iteration: the fs calls emit() for each entry from ctx->pos on. */
struct dir_context {
	/* returns false when the buffer is full (the entry was not taken) */
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len, u64 ino, u32 dtype);
	u64 pos; /* the fs advances it past each entry taken */
};

/* Global dentry/mount lock (see fs/README.md). */
extern spinlock_t dcache_lock;

/* ---- inodes and super blocks (fs/dcache.c) ---- */

/*
 * inode_alloc - a new inode of @sb with one reference, @mode and a fresh ino; times now.
 * Context: any, no sleep. Returns NULL on no memory.
 */
struct inode *inode_alloc(struct super_block *sb, u32 mode);
/* iget - take one more reference on @inode. Context: any. */
void iget(struct inode *inode);
/* iput - drop one reference; the last evicts the inode (sb->ops->evict) and frees it. Any. */
void iput(struct inode *inode);
/* inode_touch - set the given times (1 = atime, 2 = mtime, 4 = ctime) to now; takes i->lock. */
void inode_touch(struct inode *inode, int which);
/* vfs_now - the time stamps are taken from (monotonic since boot until a real-time clock). */
struct ktimespec vfs_now(void);

/*
 * sb_alloc - a new super block with a root directory inode of @root_mode and the root dentry.
 * Context: any. Returns the sb (refcount held by the root dentry's inode) or NULL.
 */
struct super_block *sb_alloc(const char *fstype, const struct super_ops *ops, u32 flags,
			     u32 root_mode, const struct inode_ops *dir_iops,
			     const struct file_ops *dir_fops);

/* sb_put - drop a super block reference (inodes and the mount hold them). Context: any. */
void sb_put(struct super_block *sb);

/* ---- dentries (fs/dcache.c) ---- */

/* dget - one more reference on @d. Context: any; takes dcache_lock. */
void dget(struct dentry *d);
/* dput - drop one reference; an unpinned dentry that reaches 0 leaves the tree and is freed,
 * then its parent is put. Context: any, no fs lock held. NULL is ignored. */
void dput(struct dentry *d);
/* dentry_alloc - a negative dentry @name (copied) under @parent, not yet in the tree, one ref
 * (and one on @parent). Returns NULL on no memory. */
struct dentry *dentry_alloc(struct dentry *parent, const char *name, size_t len);
/* d_lookup_locked - the child @name of @parent, or NULL. Caller holds dcache_lock; no ref taken. */
struct dentry *d_lookup_locked(struct dentry *parent, const char *name, size_t len);
/* d_add_locked - put @d (instantiated) on its parent's list; pins it on SB_PINNED file systems.
 * Caller holds dcache_lock. */
void d_add_locked(struct dentry *d);
/* d_drop_locked - take @d out of the tree (unlink/rmdir): marks it dead and drops the pin
 * (the caller holds its own reference, so @d is not freed). Caller holds dcache_lock. */
void d_drop_locked(struct dentry *d);
/* d_path - the path of @p as seen from @root, built at the end of @buf; returns a pointer into
 * @buf or ERR_PTR(-ENAMETOOLONG). A path outside @root is printed from its namespace root.
 * d_path_locked - the same with dcache_lock held by the caller. */
char *d_path(const struct path *p, const struct path *root, char *buf, size_t size);
char *d_path_locked(const struct path *p, const struct path *root, char *buf, size_t size);

/* ---- paths and mounts (fs/mount.c) ---- */

void path_get(const struct path *p);
void path_put(struct path *p);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}
/* mount_create - a detached mount of @sb (taking over the caller's sb reference). NULL on ENOMEM. */
struct mount *mount_create(struct super_block *sb, const char *source);
/* mount_get/mount_put - references; the last put of a detached mount unmounts its tree. */
void mount_get(struct mount *m);
void mount_put(struct mount *m);
/* mount_attach - mount @m (detached, reference given) on directory @at, or list it as the
 * namespace root when @at is NULL (it then stays for good). Returns 0 or -ENOTDIR. */
int mount_attach(struct mount *m, const struct path *at);
/* vfs_umount - detach the mount whose root is @p; -EINVAL if @p is not a mount root, -EBUSY if
 * it is in use (files, cwd, child mounts). Context: process. */
int vfs_umount(const struct path *p);
/* mount_detach_all - detach every mount below @root (namespace teardown in tests). */
void mount_detach_all(struct mount *root);
/* mount_follow_down - if something is mounted on @p, move @p to its root (references moved). */
void mount_follow_down(struct path *p);
/* vfs_mounts_text - /proc/mounts text (mount points seen from @root) into @buf; the length. */
size_t vfs_mounts_text(char *buf, size_t size, const struct path *root);

/* ---- path walk (fs/namei.c) ---- */

#define LOOKUP_FOLLOW	 0x1 /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2 /* the result must be a directory */
#define LOOKUP_EMPTY	 0x4 /* "" means the start directory (AT_EMPTY_PATH) */

/*
 * path_lookupat - resolve @name relative to @dirfd (AT_FDCWD = cwd) of the current task into
 * @out (referenced). Context: process, may sleep, no locks.
 * Returns 0, -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EBADF (dirfd).
 */
int path_lookupat(int dirfd, const char *name, unsigned int flags, struct path *out);

/* ---- files (fs/file.c) ---- */

/* file_alloc - an open file on @p (referenced by the file) with @ops; refcount 1. */
struct file *file_alloc(const struct path *p, struct inode *inode, int flags,
			const struct file_ops *ops);
/* fget - one more reference on @f. Context: any. */
void fget(struct file *f);
/* fput - drop one; the last calls ops->release and frees. Context: process (may sleep). */
void fput(struct file *f);

/*
 * vfs_open - open @path relative to @dirfd with O_* @flags; @mode (minus the umask) for O_CREAT.
 * Context: process, may sleep. Returns a referenced file or ERR_PTR(-ENOENT, -EEXIST, -EISDIR,
 * -ENOTDIR, -ELOOP, -ENAMETOOLONG, -ENXIO, -ENOMEM, -ENOSPC, -EINVAL, -EOPNOTSUPP, -EBADF).
 */
struct file *vfs_open(int dirfd, const char *path, int flags, mode_t mode);
/* vfs_open_path - open an already resolved @p (exec, /proc links). Same returns. */
struct file *vfs_open_path(const struct path *p, int flags);

/* statfs(2) as riscv64 Linux lays it out (asm-generic struct statfs, 120 bytes). */
struct kstatfs {
	s64 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	s32 f_fsid[2];
	s64 f_namelen, f_frsize, f_flags;
	s64 f_spare[4];
};

/*
 * vfs_statfs - the figures of file system @sb mounted at @mnt (NULL: an internal one such as
 * pipefs) into *@out (fs/statfs.c): type magic, 4 KiB blocks, for memory file systems a size
 * of half the RAM (tmpfs's default) with what their files and inodes use, the ST_* flags.
 * Context: any; no lock needed.
 */
void vfs_statfs(struct super_block *sb, struct mount *mnt, struct kstatfs *out);

/*
 * vfs_read / vfs_write - transfer at @*pos (advanced), or at the file position when @pos is
 * NULL (updated; O_APPEND writes go to the end). Context: process, may sleep (pipes, tty).
 * Returns bytes done, or -EBADF (mode), -EISDIR, -EINVAL, -EAGAIN, -EPIPE, -EINTR, -ENOSPC,
 * -EFBIG.
 */
ssize_t vfs_read(struct file *f, void *kbuf, size_t len, u64 *pos);
ssize_t vfs_write(struct file *f, const void *kbuf, size_t len, u64 *pos);
/*
 * vfs_read_iob / vfs_write_iob - the same on an iobuf; user memory only for files whose ops
 * have read_iob / write_iob (else -EINVAL), with -EFAULT as in file_ops.read_iob.
 */
ssize_t vfs_read_iob(struct file *f, const struct iobuf *b, size_t len, u64 *pos);
ssize_t vfs_write_iob(struct file *f, const struct iobuf *b, size_t len, u64 *pos);
/* kernel_read - read at @off without touching the file position (ELF loader). */
ssize_t kernel_read(struct file *f, void *kbuf, size_t len, u64 off);
/* vfs_lseek - lseek(2): new position or -EINVAL, -ESPIPE, -EOVERFLOW. */
s64 vfs_lseek(struct file *f, s64 off, int whence);
/* vfs_ioctl_argsize - bytes to copy in (*dir bit 1) / out (bit 2) for @cmd; 0 if by value. */
size_t vfs_ioctl_argsize(unsigned int cmd, int *dir);
/* vfs_ioctl - ioctl(2) on @f with @karg a kernel copy; -ENOTTY if the file has none. */
long vfs_ioctl(struct file *f, unsigned int cmd, void *karg);
/* vfs_readiness - poll bits of @f (see file_ops.readiness). */
u32 vfs_readiness(struct file *f, struct wait_queue **wq);
/* file_read_page - fill @kbuf with the 4 KiB page at @off (zeros past EOF). 0 or -EIO/-ENODEV. */
int file_read_page(struct file *f, u64 off, void *kbuf);
/* file_shared_page - the page-cache frame at @off with a reference for the caller (page_put),
 * allocated if a hole; 0 if the file cannot share pages (mm then copies) or no memory. */
paddr_t file_shared_page(struct file *f, u64 off);

/* ---- stat and names (fs/stat.c, fs/fsops.c) ---- */

void vfs_getattr(struct inode *inode, struct kstat *st);
/* vfs_stat - stat/lstat/fstatat: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. 0 or the walk errors. */
int vfs_stat(int dirfd, const char *path, int flags, struct kstat *st);
int vfs_fstat(struct file *f, struct kstat *st);
void kstat_to_stat(const struct kstat *k, struct stat *st);

/* The *at operations: 0 or -errno exactly as the Linux syscalls of the same name. */
int vfs_mkdirat(int dirfd, const char *path, mode_t mode);
int vfs_mknodat(int dirfd, const char *path, mode_t mode, u32 dev);
int vfs_symlinkat(const char *target, int dirfd, const char *path);
int vfs_linkat(int odirfd, const char *opath, int ndirfd, const char *npath, int flags);
int vfs_unlinkat(int dirfd, const char *path, int flags);
int vfs_renameat2(int odirfd, const char *opath, int ndirfd, const char *npath, unsigned int flags);
/* vfs_readlinkat - copy the target into @buf (not NUL-terminated); length or -EINVAL etc. */
ssize_t vfs_readlinkat(int dirfd, const char *path, char *buf, size_t size);
int vfs_truncate(const char *path, s64 len);
int vfs_ftruncate(struct file *f, s64 len);
int vfs_fchmodat(int dirfd, const char *path, mode_t mode, int flags);
int vfs_faccessat(int dirfd, const char *path, int mode, int flags);
/* vfs_getdents64 - pack linux_dirent64 records into @kbuf; bytes or -ENOTDIR/-EINVAL. */
ssize_t vfs_getdents64(struct file *f, void *kbuf, size_t size);

/* ---- chdir and getcwd (fs/fs_struct.c) ---- */
int vfs_chdir(const char *path);
int vfs_fchdir(struct file *f);
int vfs_chroot(const char *path);
/* vfs_getcwd - the cwd path with its NUL into @buf; length with NUL, -ERANGE, -ENOENT (removed). */
ssize_t vfs_getcwd(char *buf, size_t size);

/* ---- set-up (fs/fs_init.c) ---- */
/* vfs_init - mount the root ramfs, /dev, /proc, /tmp, then unpack the initramfs if the board
 * has one. Context: boot, once, after kmalloc and before the first user task. */
void vfs_init(void);
/* vfs_root_mount - the root mount of the boot namespace (NULL before vfs_init). */
struct mount *vfs_root_mount(void);

#endif
