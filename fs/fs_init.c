/* Boot-time set-up of the file system namespace. */
#include "fs/fdtable.h"
#include "fs/initramfs.h"
#include "fs/internal.h"
#include "board/board.h"
#include "errno.h"
#include "mm/memlayout.h"
#include "printk.h"

extern struct fs_struct *boot_fs;
static struct mount *root_mount; /* [I] after vfs_init */

struct mount *vfs_root_mount(void)
{
	return root_mount;
}

/* Mount a fresh @sb on directory @path (made if missing) of the boot namespace. */
static void mount_at(const char *path, struct super_block *sb, const char *source)
{
	struct mount *m;
	struct path at;
	int err;

	if (!sb)
		panic("vfs: no memory for %s", path);
	m = mount_create(sb, source);
	if (!m)
		panic("vfs: no memory for %s", path);
	err = vfs_mkdirat(AT_FDCWD, path, 0755);
	if (err && err != -EEXIST)
		panic("vfs: mkdir %s: %d", path, err);
	err = path_lookupat(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &at);
	if (err)
		panic("vfs: lookup %s: %d", path, err);
	err = mount_attach(m, &at);
	path_put(&at);
	if (err)
		panic("vfs: mount %s: %d", path, err);
}

void vfs_init(void)
{
	struct super_block *sb = ramfs_create_sb("rootfs", 0755);
	struct path root;

	if (!sb)
		panic("vfs: no memory for the root");
	root_mount = mount_create(sb, "rootfs");
	if (!root_mount)
		panic("vfs: no memory for the root");
	mount_attach(root_mount, NULL);
	root.mnt = root_mount;
	root.dentry = root_mount->root;
	boot_fs = fs_create(&root);
	if (!boot_fs)
		panic("vfs: no memory for the root");
	mount_at("/dev", devfs_create_sb(), "devtmpfs");
	mount_at("/proc", procfs_create_sb(), "proc");
	mount_at("/tmp", ramfs_create_sb("tmpfs", 01777), "tmpfs");
	pr_info("vfs: rootfs at /, devtmpfs at /dev, proc at /proc, tmpfs at /tmp\n");
	if (board.initrd_end > board.initrd_start) {
		int err = initramfs_unpack(pa_to_kva(board.initrd_start),
					   board.initrd_end - board.initrd_start);

		pr_info("initramfs: %lu bytes unpacked%s\n",
			(unsigned long)(board.initrd_end - board.initrd_start),
			err ? " with errors" : "");
	}
}
