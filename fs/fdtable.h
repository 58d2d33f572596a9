/*
 * Per-task file state: the fd table (struct files_struct, shared under CLONE_FILES) and the
 * root/cwd/umask (struct fs_struct, shared under CLONE_FS). Both are reference counted.
 */
#ifndef FS_FDTABLE_H
#define FS_FDTABLE_H

#include "fs/vfs.h"

/*
 * Locks: [a] atomic; [F] files->lock. The file pointers in fd[] each hold one reference.
 * The table grows (doubling, starting at 64) up to the fd limit.
 */
struct files_struct {
	u32 refcount; /* [a] */
	spinlock_t lock;
	int size;		/* [F] slots in fd[] */
	int next;		/* [F] no free slot below this */
	struct file **fd;	/* [F] */
	unsigned long *cloexec; /* [F] bitmap, size bits */
};

/* Locks: [a] atomic; [S] fs->lock (root and cwd references are swapped under it). */
struct fs_struct {
	u32 refcount; /* [a] */
	spinlock_t lock;
	struct path root; /* [S] */
	struct path cwd;  /* [S] */
	u32 umask;	  /* [S] */
};

/* files_create - an empty table. Context: any. NULL on no memory. */
struct files_struct *files_create(void);
/* files_dup - a copy of @old for fork: same files (each fget), same close-on-exec bits. */
struct files_struct *files_dup(struct files_struct *old);
void files_get(struct files_struct *fs);
/* files_put - drop a reference; the last closes every fd. Context: process. */
void files_put(struct files_struct *fs);

/*
 * fd_alloc - install @f (the caller's reference moves to the table) at the lowest free fd >=
 * @min below RLIMIT_NOFILE_DEFAULT. Context: process, no locks. Returns the fd, -EMFILE if
 * none is free, -EINVAL if @min is out of range (F_DUPFD), -ENOMEM.
 */
int fd_alloc(struct files_struct *fs, struct file *f, int min, bool cloexec);
/* fd_alloc_limit - fd_alloc() with an explicit fd limit (the task's RLIMIT_NOFILE). */
int fd_alloc_limit(struct files_struct *fs, struct file *f, int min, bool cloexec, int limit);
/* fd_get - the file at @fd with a reference for the caller (fput), or NULL (caller: EBADF). */
struct file *fd_get(struct files_struct *fs, int fd);
/* fd_close - close @fd. Returns 0 or -EBADF. */
int fd_close(struct files_struct *fs, int fd);
/*
 * fd_dup3 - dup3(@oldfd, @newfd, @flags) (O_CLOEXEC only). Returns @newfd, -EBADF (oldfd bad,
 * newfd out of range), -EINVAL (same fds, bad flags). The file formerly at @newfd is closed.
 * fd_dup2 - dup2: like dup3 but equal fds return @newfd when valid.
 */
int fd_dup3(struct files_struct *fs, int oldfd, int newfd, int flags);
int fd_dup2(struct files_struct *fs, int oldfd, int newfd);
/* fd_get_cloexec/fd_set_cloexec - F_GETFD/F_SETFD. -EBADF if @fd is not open. */
int fd_get_cloexec(struct files_struct *fs, int fd);
int fd_set_cloexec(struct files_struct *fs, int fd, bool on);
/* files_close_on_exec - close every fd marked close-on-exec (execve). Context: process. */
void files_close_on_exec(struct files_struct *fs);
/* files_count_open - number of open fds (tests, /proc). */
int files_count_open(struct files_struct *fs);

/* fs_create - root and cwd at @root (referenced), umask 022. NULL on no memory. */
struct fs_struct *fs_create(const struct path *root);
/* fs_dup - a copy (fork without CLONE_FS). */
struct fs_struct *fs_dup(struct fs_struct *old);
void fs_get(struct fs_struct *fs);
void fs_put(struct fs_struct *fs);
/* fs_get_root/fs_get_cwd - referenced copies (path_put them). */
void fs_get_root(struct fs_struct *fs, struct path *p);
void fs_get_cwd(struct fs_struct *fs, struct path *p);
/* fs_umask - umask(2): set @mask & 0777, return the old one. */
u32 fs_umask(struct fs_struct *fs, u32 mask);

/* current_fs/current_files - the current task's, or the boot namespace's when it has none. */
struct fs_struct *current_fs(void);
struct files_struct *current_files(void);

#endif
