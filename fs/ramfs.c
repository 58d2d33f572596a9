/*
 * ramfs/tmpfs: the dentry tree is the directory structure (SB_PINNED), regular file data lives
 * in whole frames listed in a per-inode page array (so mmap can share them by reference count),
 * symlink bodies in a kmalloc'd string. Namespace operations run under dcache_lock and take
 * inode->lock inside it; data operations take only inode->lock.
 */
#include "fs/internal.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "string.h"

/* Data of a regular file. Locks: [i] inode->lock. */
struct ramfs_data {
	u64 cap;	/* [i] slots in pages[] */
	paddr_t *pages; /* [i] 0 = hole */
};

static const struct inode_ops ramfs_dir_iops, ramfs_file_iops, ramfs_symlink_iops;
static const struct file_ops ramfs_dir_fops;

/* A zeroed page of file data for @inode, counted for statfs; 0 if no memory. */
static paddr_t data_page_new(struct inode *inode)
{
	paddr_t pa = frame_alloc_zeroed(0);

	if (pa)
		__atomic_add_fetch(&inode->sb->nr_pages, 1, __ATOMIC_RELAXED);
	return pa;
}

/* The file lets go of its page @pa (a mapping may still hold it). */
static void data_page_drop(struct inode *inode, paddr_t pa)
{
	__atomic_sub_fetch(&inode->sb->nr_pages, 1, __ATOMIC_RELAXED);
	page_put(pa_to_page(pa));
}

static void ramfs_evict(struct inode *inode)
{
	struct ramfs_data *data = inode->priv;

	if (S_ISREG(inode->mode) && data) {
		for (u64 i = 0; i < data->cap; i++)
			if (data->pages[i])
				data_page_drop(inode, data->pages[i]);
		kfree(data->pages);
		kfree(data);
	} else if (S_ISLNK(inode->mode)) {
		kfree(inode->priv);
	} else if (S_ISFIFO(inode->mode)) {
		pipe_inode_free(inode);
	}
	inode->priv = NULL;
}

static const struct super_ops ramfs_sops = {.evict = ramfs_evict};

struct super_block *ramfs_create_sb(const char *fstype, u32 root_mode)
{
	struct super_block *sb = sb_alloc(fstype, &ramfs_sops, SB_PINNED, root_mode,
					  &ramfs_dir_iops, &ramfs_dir_fops);

	if (sb) {
		sb->root->inode->size = 2 * RAMFS_DIRENT_SIZE;
		sb->magic = 0x01021994; /* TMPFS_MAGIC: Linux's rootfs and devtmpfs are tmpfs too */
	}
	return sb;
}

/* Directory bookkeeping when an entry comes (+1) or goes (-1); @subdir: it is a directory. */
static void dir_account(struct inode *dir, int delta, bool subdir)
{
	struct ktimespec now = vfs_now();

	spin_lock(&dir->lock);
	dir->size += (u64)(s64)(delta * RAMFS_DIRENT_SIZE);
	if (subdir)
		dir->nlink += (u32)delta;
	dir->mtime = dir->ctime = now;
	spin_unlock(&dir->lock);
}

static struct inode *ramfs_new_inode(struct inode *dir, u32 mode)
{
	struct inode *i = inode_alloc(dir->sb, mode);

	if (!i)
		return NULL;
	if (S_ISDIR(mode)) {
		i->iops = &ramfs_dir_iops;
		i->fops = &ramfs_dir_fops;
		i->nlink = 2;
		i->size = 2 * RAMFS_DIRENT_SIZE;
	} else if (S_ISREG(mode)) {
		i->iops = &ramfs_file_iops;
		i->fops = &ramfs_file_ops;
	} else if (S_ISLNK(mode)) {
		i->iops = &ramfs_symlink_iops;
	}
	return i;
}

static int ramfs_create(struct inode *dir, struct dentry *d, u32 mode, u32 rdev)
{
	struct inode *i = ramfs_new_inode(dir, mode);

	if (!i)
		return -ENOSPC;
	i->rdev = rdev;
	d->inode = i;
	dir_account(dir, 1, false);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *d, u32 mode)
{
	struct inode *i = ramfs_new_inode(dir, mode);

	if (!i)
		return -ENOSPC;
	d->inode = i;
	dir_account(dir, 1, true);
	return 0;
}

static int ramfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	size_t n = strlen(target);
	struct inode *i = ramfs_new_inode(dir, S_IFLNK | 0777);

	if (!i)
		return -ENOSPC;
	i->priv = kmalloc(n + 1);
	if (!i->priv) {
		iput(i);
		return -ENOSPC;
	}
	memcpy(i->priv, target, n + 1);
	i->size = n;
	d->inode = i;
	dir_account(dir, 1, false);
	return 0;
}

static int ramfs_link(struct inode *old, struct inode *dir, struct dentry *d)
{
	spin_lock(&old->lock);
	old->nlink++;
	old->ctime = vfs_now();
	spin_unlock(&old->lock);
	iget(old);
	d->inode = old;
	dir_account(dir, 1, false);
	return 0;
}

static void drop_nlink(struct inode *i, bool all)
{
	spin_lock(&i->lock);
	if (all)
		i->nlink = 0;
	else if (i->nlink)
		i->nlink--;
	i->ctime = vfs_now();
	spin_unlock(&i->lock);
}

static int ramfs_unlink(struct inode *dir, struct dentry *d)
{
	drop_nlink(d->inode, false);
	dir_account(dir, -1, false);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *d)
{
	drop_nlink(d->inode, true);
	dir_account(dir, -1, true);
	return 0;
}

static int ramfs_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
			struct dentry *nd, unsigned int flags)
{
	bool odir_is = S_ISDIR(od->inode->mode);

	if (flags & RENAME_EXCHANGE) {
		bool ndir_is = S_ISDIR(nd->inode->mode);

		if (odir != ndir && odir_is != ndir_is) {
			spin_lock(&odir->lock);
			odir->nlink += odir_is ? (u32)-1 : 1u;
			spin_unlock(&odir->lock);
			spin_lock(&ndir->lock);
			ndir->nlink += odir_is ? 1u : (u32)-1;
			spin_unlock(&ndir->lock);
		}
		dir_account(odir, 0, false);
		dir_account(ndir, 0, false);
		return 0;
	}
	if (nd) {
		bool victim_dir = S_ISDIR(nd->inode->mode);

		drop_nlink(nd->inode, victim_dir);
		dir_account(ndir, -1, victim_dir);
	}
	dir_account(odir, -1, odir_is);
	dir_account(ndir, 1, odir_is);
	inode_touch(od->inode, 4);
	return 0;
}

static int ramfs_get_link(struct dentry *d, char *buf)
{
	struct inode *i = d->inode;
	size_t n = MIN((size_t)i->size, (size_t)PATH_MAX - 1);

	memcpy(buf, i->priv, n);
	buf[n] = '\0';
	return (int)n;
}

/* Make pages[] hold index @idx. Caller holds inode->lock. */
static int ensure_slot(struct inode *inode, u64 idx)
{
	struct ramfs_data *d = inode->priv;
	u64 cap;
	paddr_t *np;

	if (!d) {
		d = kzalloc(sizeof(*d));
		if (!d)
			return -ENOSPC;
		inode->priv = d;
	}
	if (idx < d->cap)
		return 0;
	cap = d->cap ? d->cap : 4;
	while (cap <= idx)
		cap *= 2;
	np = kzalloc(cap * sizeof(*np));
	if (!np)
		return -ENOSPC;
	if (d->cap)
		memcpy(np, d->pages, d->cap * sizeof(*np));
	kfree(d->pages);
	d->pages = np;
	d->cap = cap;
	return 0;
}

static paddr_t page_at(struct inode *inode, u64 idx)
{
	struct ramfs_data *d = inode->priv;

	return (d && idx < d->cap) ? d->pages[idx] : 0;
}

static ssize_t ramfs_read(struct file *f, void *kbuf, size_t len, u64 *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;
	u64 p = *pos;

	spin_lock(&inode->lock);
	if (p >= inode->size) {
		spin_unlock(&inode->lock);
		return 0;
	}
	len = (size_t)MIN((u64)len, inode->size - p);
	while (done < len) {
		u64 off = p & (PAGE_SIZE - 1);
		size_t n = (size_t)MIN((u64)(len - done), PAGE_SIZE - off);
		paddr_t pa = page_at(inode, p >> PAGE_SHIFT);

		if (pa)
			memcpy((char *)kbuf + done, (char *)pa_to_kva(pa) + off, n);
		else
			memset((char *)kbuf + done, 0, n);
		done += n;
		p += n;
	}
	spin_unlock(&inode->lock);
	*pos = p;
	return (ssize_t)done;
}

static ssize_t ramfs_write(struct file *f, const void *kbuf, size_t len, u64 *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;
	u64 p;
	int err = 0;

	spin_lock(&inode->lock);
	p = (f->flags & O_APPEND) ? inode->size : *pos;
	if (p >= FS_MAX_FILE_SIZE) {
		spin_unlock(&inode->lock);
		return len ? -EFBIG : 0;
	}
	len = (size_t)MIN((u64)len, FS_MAX_FILE_SIZE - p);
	while (done < len) {
		u64 off = p & (PAGE_SIZE - 1), idx = p >> PAGE_SHIFT;
		size_t n = (size_t)MIN((u64)(len - done), PAGE_SIZE - off);
		struct ramfs_data *d;

		err = ensure_slot(inode, idx);
		if (err)
			break;
		d = inode->priv;
		if (!d->pages[idx]) {
			d->pages[idx] = data_page_new(inode);
			if (!d->pages[idx]) {
				err = -ENOSPC;
				break;
			}
		}
		memcpy((char *)pa_to_kva(d->pages[idx]) + off, (const char *)kbuf + done, n);
		done += n;
		p += n;
	}
	if (p > inode->size)
		inode->size = p;
	if (done)
		inode->mtime = inode->ctime = vfs_now();
	spin_unlock(&inode->lock);
	*pos = p;
	return done ? (ssize_t)done : err;
}

static int ramfs_setsize(struct inode *inode, u64 size)
{
	struct ramfs_data *d;

	spin_lock(&inode->lock);
	d = inode->priv;
	if (size < inode->size && d) {
		u64 keep = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

		for (u64 i = keep; i < d->cap; i++) {
			if (d->pages[i])
				data_page_drop(inode, d->pages[i]);
			d->pages[i] = 0;
		}
		/* the kept part of the last page must read as zeros if the file grows again */
		if ((size & (PAGE_SIZE - 1)) && keep - 1 < d->cap && d->pages[keep - 1])
			memset((char *)pa_to_kva(d->pages[keep - 1]) + (size & (PAGE_SIZE - 1)), 0,
			       PAGE_SIZE - (size & (PAGE_SIZE - 1)));
	}
	inode->size = size;
	inode->mtime = inode->ctime = vfs_now();
	spin_unlock(&inode->lock);
	return 0;
}

static paddr_t ramfs_shared_page(struct file *f, u64 off)
{
	struct inode *inode = f->inode;
	u64 idx = off >> PAGE_SHIFT;
	struct ramfs_data *d;
	paddr_t pa = 0;

	spin_lock(&inode->lock);
	if (ensure_slot(inode, idx))
		goto out;
	d = inode->priv;
	if (!d->pages[idx])
		d->pages[idx] = data_page_new(inode);
	pa = d->pages[idx];
	if (pa)
		page_get(pa_to_page(pa));
out:
	spin_unlock(&inode->lock);
	return pa;
}

static int ramfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->path.dentry, *c;
	u64 i = 2;

	if (!dir_emit_dots(f, ctx))
		return 0;
	spin_lock(&dcache_lock);
	list_for_each_entry (c, &dir->children, sibling) {
		if (i++ < ctx->pos)
			continue;
		if (!ctx->emit(ctx, c->name, c->namelen, c->inode->ino,
			       mode_to_dtype(c->inode->mode)))
			break;
		ctx->pos++;
	}
	spin_unlock(&dcache_lock);
	return 0;
}

static const struct inode_ops ramfs_dir_iops = {
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
};

static const struct inode_ops ramfs_file_iops = {.setsize = ramfs_setsize};
static const struct inode_ops ramfs_symlink_iops = {.get_link = ramfs_get_link};
static const struct file_ops ramfs_dir_fops = {.iterate = ramfs_iterate};

const struct file_ops ramfs_file_ops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.shared_page = ramfs_shared_page,
};
