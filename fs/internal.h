/* Interfaces shared between the files of fs/ only. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include "fs/vfs.h"

/* ramfs/tmpfs (fs/ramfs.c) */
/* ramfs_create_sb - a new empty ramfs; @fstype "ramfs", "tmpfs" or "devtmpfs"; root @mode. */
struct super_block *ramfs_create_sb(const char *fstype, u32 root_mode);
extern const struct file_ops ramfs_file_ops;
/* ramfs_dir_entries - directories report 20 bytes per entry as size (tmpfs does). */
#define RAMFS_DIRENT_SIZE 20

/* Character devices (fs/devfs.c): the file_ops for device @rdev, or NULL (ENXIO). */
const struct file_ops *chrdev_ops(u32 rdev);
/* devfs_create_sb - a devtmpfs with null, zero, full, random, urandom, tty, console. */
struct super_block *devfs_create_sb(void);

/* Console tty (fs/tty.c) */
extern const struct file_ops tty_console_ops;

/* Pipes (fs/pipe.c) */
/* fifo_open - open hook for S_IFIFO inodes (named pipes). */
extern const struct file_ops fifo_ops;
void pipe_inode_free(struct inode *inode);

/* procfs (fs/procfs.c) */
struct super_block *procfs_create_sb(void);

/* fs/readdir.c: emit "." and ".." for positions 0 and 1; false when full. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx);
u32 mode_to_dtype(u32 mode);

/* fs/namei.c: resolve the parent of @name; nd internals are opaque to callers. */
enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };
struct nameidata;
struct parent_walk {
	struct path parent; /* referenced */
	const char *last;   /* points into @name or a link body kept until pw_done */
	size_t last_len;
	enum last_type type;
	bool trailing_slash;
	struct nameidata *nd; /* owns the link bodies */
};
int path_parentat(int dirfd, const char *name, unsigned int flags, struct parent_walk *pw);
/* pw_follow_last - the last component is a symlink @link: continue the walk through its body
 * (counts toward MAXSYMLINKS); pw gets the new parent and last. */
int pw_follow_last(struct parent_walk *pw, struct dentry *link);
void pw_done(struct parent_walk *pw);
/* lookup_child - the child @name of directory @dir into @out (referenced, mounts crossed):
 * 0 or -ENOENT/-ENOMEM. lookup_child_raw - the same without crossing mounts. */
int lookup_child(const struct path *dir, const char *name, size_t len, struct path *out);
int lookup_child_raw(const struct path *dir, const char *name, size_t len, struct path *out);
/* vfs_create_child - create @name in @dir through the fs (regular/device/fifo from @mode's type,
 * a directory, or a symlink to @target); *@out gets the new dentry referenced if @out. Returns
 * 0, -EEXIST, -ENOENT (dir removed), -EPERM (fs cannot), -ENOMEM, -ENOSPC. */
int vfs_create_child(const struct path *dir, const char *name, size_t len, u32 mode, u32 rdev,
		     const char *target, struct dentry **out);
/* read_link - the body of symlink @d into a kmalloc'd PATH_MAX buffer; ERR_PTR on error. */
char *read_link(struct dentry *d, int *len);

#endif
