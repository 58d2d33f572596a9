/*
 * statfs(2) figures. Every super block carries its type's magic number and two counters kept
 * up to date by the VFS (inodes) and ramfs (data pages); the memory file systems (ramfs-based:
 * rootfs, tmpfs, devtmpfs) report a size of half the RAM, as tmpfs does by default, and as
 * many inodes.
 */
#include "fs/internal.h"
#include "mm/frame.h"
#include "string.h"

#define ST_VALID    0x20   /* f_flags is meaningful */
#define ST_RELATIME 0x1000 /* the default of mounts made by mount(2) */
#define NAME_MAX    255

void vfs_statfs(struct super_block *sb, struct mount *mnt, struct kstatfs *out)
{
	memset(out, 0, sizeof(*out));
	out->f_type = (s64)sb->magic;
	out->f_bsize = out->f_frsize = PAGE_SIZE;
	out->f_namelen = NAME_MAX;
	out->f_fsid[0] = (s32)sb->dev;
	if (sb->flags & SB_PINNED) {
		u64 size = frame_total_count() / 2;
		u64 used = __atomic_load_n(&sb->nr_pages, __ATOMIC_RELAXED);
		u64 inodes = __atomic_load_n(&sb->nr_inodes, __ATOMIC_RELAXED);

		out->f_blocks = out->f_files = size;
		out->f_bfree = out->f_bavail = used < size ? size - used : 0;
		out->f_ffree = inodes < size ? size - inodes : 0;
	}
	out->f_flags = ST_VALID;
	if (mnt && mnt->parent)
		out->f_flags |= ST_RELATIME;
}
