/* Inodes, super blocks and the dentry tree. */
#include "fs/vfs.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "string.h"
#include "time/timer.h"

spinlock_t dcache_lock = SPINLOCK_INIT("dcache");

static u32 next_anon_dev = 1; /* [a] minor numbers of anonymous devices (major 0) */

struct ktimespec vfs_now(void)
{
	u64 ns = clock_ns();
	struct ktimespec t = {(s64)(ns / 1000000000ULL), (s64)(ns % 1000000000ULL)};

	return t;
}

struct inode *inode_alloc(struct super_block *sb, u32 mode)
{
	struct inode *i = kzalloc(sizeof(*i));

	if (!i)
		return NULL;
	spin_lock_init(&i->lock, "inode");
	i->refcount = 1;
	i->mode = mode;
	i->nlink = 1;
	i->sb = sb;
	i->ino = __atomic_add_fetch(&sb->next_ino, 1, __ATOMIC_RELAXED);
	i->atime = i->mtime = i->ctime = vfs_now();
	__atomic_add_fetch(&sb->refcount, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&sb->nr_inodes, 1, __ATOMIC_RELAXED);
	return i;
}

void iget(struct inode *inode)
{
	__atomic_add_fetch(&inode->refcount, 1, __ATOMIC_RELAXED);
}

void sb_put(struct super_block *sb)
{
	if (__atomic_sub_fetch(&sb->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sb);
}

void iput(struct inode *inode)
{
	struct super_block *sb;

	if (!inode)
		return;
	KASSERT(inode->refcount > 0);
	if (__atomic_sub_fetch(&inode->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	sb = inode->sb;
	if (sb->ops && sb->ops->evict)
		sb->ops->evict(inode);
	kfree(inode);
	__atomic_sub_fetch(&sb->nr_inodes, 1, __ATOMIC_RELAXED);
	sb_put(sb);
}

void inode_touch(struct inode *inode, int which)
{
	struct ktimespec now = vfs_now();

	spin_lock(&inode->lock);
	if (which & 1)
		inode->atime = now;
	if (which & 2)
		inode->mtime = now;
	if (which & 4)
		inode->ctime = now;
	spin_unlock(&inode->lock);
}

struct super_block *sb_alloc(const char *fstype, const struct super_ops *ops, u32 flags,
			     u32 root_mode, const struct inode_ops *dir_iops,
			     const struct file_ops *dir_fops)
{
	struct super_block *sb = kzalloc(sizeof(*sb));
	struct inode *root;
	struct dentry *d;

	if (!sb)
		return NULL;
	sb->fstype = fstype;
	sb->ops = ops;
	sb->flags = flags;
	sb->refcount = 1; /* the caller's, handed to the first mount */
	sb->dev = MKDEV(0, __atomic_add_fetch(&next_anon_dev, 1, __ATOMIC_RELAXED));
	root = inode_alloc(sb, S_IFDIR | (root_mode & S_IALLUGO));
	if (!root)
		goto out_sb;
	root->nlink = 2;
	root->iops = dir_iops;
	root->fops = dir_fops;
	d = kzalloc(sizeof(*d));
	if (!d)
		goto out_root;
	d->name = kmalloc(2);
	if (!d->name)
		goto out_dentry;
	strlcpy(d->name, "/", 2);
	d->namelen = 1;
	d->refcount = 1; /* held by the super block until sb teardown */
	d->parent = d;
	INIT_LIST_HEAD(&d->children);
	INIT_LIST_HEAD(&d->sibling);
	d->inode = root;
	d->sb = sb;
	sb->root = d;
	return sb;

out_dentry:
	kfree(d);
out_root:
	iput(root);
out_sb:
	sb_put(sb);
	return NULL;
}

void dget(struct dentry *d)
{
	spin_lock(&dcache_lock);
	d->refcount++;
	spin_unlock(&dcache_lock);
}

void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent = NULL;

		spin_lock(&dcache_lock);
		KASSERT(d->refcount > 0);
		if (--d->refcount > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		if (d->flags & D_INTREE) {
			list_del(&d->sibling);
			d->flags &= ~D_INTREE;
		}
		if (d->parent != d)
			parent = d->parent;
		spin_unlock(&dcache_lock);
		iput(d->inode);
		kfree(d->name);
		kfree(d);
		d = parent;
	}
}

struct dentry *dentry_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->name = kmalloc(len + 1);
	if (!d->name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->namelen = (u32)len;
	d->refcount = 1;
	INIT_LIST_HEAD(&d->children);
	INIT_LIST_HEAD(&d->sibling);
	d->sb = parent->sb;
	dget(parent);
	d->parent = parent;
	return d;
}

struct dentry *d_lookup_locked(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *c;

	assert_held(&dcache_lock);
	list_for_each_entry (c, &parent->children, sibling)
		if (c->namelen == len && memcmp(c->name, name, len) == 0)
			return c;
	return NULL;
}

void d_add_locked(struct dentry *d)
{
	assert_held(&dcache_lock);
	list_add_tail(&d->sibling, &d->parent->children);
	d->flags |= D_INTREE;
	if (d->sb->flags & SB_PINNED) {
		d->flags |= D_PINNED;
		d->refcount++;
	}
}

void d_drop_locked(struct dentry *d)
{
	bool pinned = d->flags & D_PINNED;

	assert_held(&dcache_lock);
	if (d->flags & D_INTREE) {
		list_del(&d->sibling);
		d->flags &= ~D_INTREE;
	}
	d->flags |= D_DEAD;
	d->flags &= ~D_PINNED;
	if (pinned) {
		/* the pin is never the last reference here: the caller holds one too */
		KASSERT(d->refcount > 1);
		d->refcount--;
	}
}

/* Prepend @s (@len bytes) at *@pp, not below @buf. */
static bool prepend(char **pp, char *buf, const char *s, size_t len)
{
	if ((size_t)(*pp - buf) < len)
		return false;
	*pp -= len;
	memcpy(*pp, s, len);
	return true;
}

char *d_path_locked(const struct path *p, const struct path *root, char *buf, size_t size)
{
	struct mount *m = p->mnt;
	struct dentry *d = p->dentry;
	char *end = buf + size;
	char *s = end;

	assert_held(&dcache_lock);
	if (!prepend(&s, buf, "", 1))
		return ERR_PTR(-ENAMETOOLONG);
	while (!(m == root->mnt && d == root->dentry)) {
		if (m && d == m->root) {
			if (!m->parent)
				break; /* outside the task's root */
			d = m->mountpoint;
			m = m->parent;
			continue;
		}
		if (d->parent == d)
			break;
		if (!prepend(&s, buf, d->name, d->namelen) || !prepend(&s, buf, "/", 1))
			return ERR_PTR(-ENAMETOOLONG);
		d = d->parent;
	}
	if (s == end - 1 && !prepend(&s, buf, "/", 1))
		return ERR_PTR(-ENAMETOOLONG);
	return s;
}

char *d_path(const struct path *p, const struct path *root, char *buf, size_t size)
{
	char *s;

	spin_lock(&dcache_lock);
	s = d_path_locked(p, root, buf, size);
	spin_unlock(&dcache_lock);
	return s;
}
