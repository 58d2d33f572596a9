/* Unpack a cpio newc archive into the current task's root (the boot initramfs). */
#include "fs/cpio.h"
#include "fs/fdtable.h"
#include "fs/internal.h"
#include "fs/initramfs.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "string.h"

/* Names already unpacked with nlink > 1, to turn later ones into hard links. */
struct link_seen {
	struct link_seen *next;
	u32 ino, major, minor;
	char name[];
};

static const char *find_link(struct link_seen *l, const struct cpio_entry *e)
{
	for (; l; l = l->next)
		if (l->ino == e->ino && l->major == e->devmajor && l->minor == e->devminor)
			return l->name;
	return NULL;
}

static void remember_link(struct link_seen **head, const struct cpio_entry *e, const char *path)
{
	size_t n = strlen(path) + 1;
	struct link_seen *l = kmalloc(sizeof(*l) + n);

	if (!l)
		return;
	l->ino = e->ino;
	l->major = e->devmajor;
	l->minor = e->devminor;
	memcpy(l->name, path, n);
	l->next = *head;
	*head = l;
}

static int unpack_file(const struct cpio_entry *e, const char *path, struct link_seen **links)
{
	const char *first = e->nlink > 1 ? find_link(*links, e) : NULL;
	struct file *f;
	ssize_t n = 0;
	int err;

	if (first) {
		err = vfs_linkat(AT_FDCWD, first, AT_FDCWD, path, 0);
		if (err)
			return err;
		if (!e->size)
			return 0;
	} else {
		vfs_unlinkat(AT_FDCWD, path, 0); /* a later archive replaces a file */
	}
	f = vfs_open(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & S_IALLUGO);
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	if (e->size)
		n = vfs_write(f, e->data, e->size, NULL);
	fput(f);
	if (n < 0)
		return (int)n;
	if ((size_t)n != e->size)
		return -ENOSPC;
	if (e->nlink > 1 && !first)
		remember_link(links, e, path);
	return 0;
}

static int unpack_entry(const struct cpio_entry *e, char *path, struct link_seen **links)
{
	const char *name = e->name;
	u32 type = e->mode & S_IFMT;
	int err;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	if (!name[0] || strcmp(name, ".") == 0)
		return vfs_fchmodat(AT_FDCWD, "/", e->mode & S_IALLUGO, 0);
	if (strlen(name) + 2 > PATH_MAX)
		return -ENAMETOOLONG;
	path[0] = '/';
	strlcpy(path + 1, name, PATH_MAX - 1);
	switch (type) {
	case S_IFDIR:
		err = vfs_mkdirat(AT_FDCWD, path, e->mode & S_IALLUGO);
		if (err == -EEXIST)
			err = 0;
		break;
	case S_IFREG:
		err = unpack_file(e, path, links);
		break;
	case S_IFLNK: {
		char *target = kmalloc(e->size + 1);

		if (!target)
			return -ENOMEM;
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		vfs_unlinkat(AT_FDCWD, path, 0);
		err = vfs_symlinkat(target, AT_FDCWD, path);
		kfree(target);
		return err;
	}
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		vfs_unlinkat(AT_FDCWD, path, 0);
		err = vfs_mknodat(AT_FDCWD, path, e->mode, MKDEV(e->rdevmajor, e->rdevminor));
		break;
	default:
		return -EINVAL;
	}
	if (!err) /* exact mode bits: the umask does not apply to archive members */
		err = vfs_fchmodat(AT_FDCWD, path, e->mode & S_IALLUGO, AT_SYMLINK_NOFOLLOW);
	return err;
}

int initramfs_unpack(const void *buf, size_t len)
{
	struct link_seen *links = NULL;
	struct cpio_entry e;
	size_t off = 0;
	char *path;
	int r, err = 0, count = 0;

	path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	while ((r = cpio_next(buf, len, &off, &e)) > 0) {
		int er = unpack_entry(&e, path, &links);

		if (er) {
			pr_warn("initramfs: %s: error %d\n", e.name, er);
			if (!err)
				err = er;
		}
		count++;
	}
	if (r < 0) {
		pr_warn("initramfs: bad archive at offset %lu\n", (unsigned long)off);
		err = r;
	}
	while (links) {
		struct link_seen *next = links->next;

		kfree(links);
		links = next;
	}
	kfree(path);
	pr_debug("initramfs: %d entries\n", count);
	return err;
}
