/* Paths, the mount table, mounting and unmounting. */
#include "fs/vfs.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "string.h"

static LIST_HEAD(mount_list); /* [D] attached mounts, in mount order */

void path_get(const struct path *p)
{
	spin_lock(&dcache_lock);
	if (p->mnt)
		p->mnt->refcount++;
	p->dentry->refcount++;
	spin_unlock(&dcache_lock);
}

void path_put(struct path *p)
{
	if (!p->dentry)
		return;
	dput(p->dentry);
	if (p->mnt)
		mount_put(p->mnt);
	p->dentry = NULL;
	p->mnt = NULL;
}

struct mount *mount_create(struct super_block *sb, const char *source)
{
	struct mount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->refcount = 1;
	m->sb = sb;
	m->root = sb->root; /* the root dentry's first reference moves to the mount */
	INIT_LIST_HEAD(&m->list);
	strlcpy(m->source, source, sizeof(m->source));
	return m;
}

void mount_get(struct mount *m)
{
	spin_lock(&dcache_lock);
	m->refcount++;
	spin_unlock(&dcache_lock);
}

/* Take every dentry of @root's tree out of it, dropping the pins (sb teardown). */
static void tree_kill(struct dentry *root)
{
	for (;;) {
		struct dentry *d = root;
		bool pinned;

		spin_lock(&dcache_lock);
		while (!list_empty(&d->children))
			d = list_first_entry(&d->children, struct dentry, sibling);
		if (d == root) {
			spin_unlock(&dcache_lock);
			return;
		}
		list_del(&d->sibling);
		pinned = d->flags & D_PINNED;
		d->flags = (d->flags & ~(D_INTREE | D_PINNED)) | D_DEAD;
		spin_unlock(&dcache_lock);
		if (pinned)
			dput(d);
	}
}

void mount_put(struct mount *m)
{
	struct super_block *sb;

	spin_lock(&dcache_lock);
	KASSERT(m->refcount > 0);
	if (--m->refcount > 0) {
		spin_unlock(&dcache_lock);
		return;
	}
	KASSERT(!m->attached);
	spin_unlock(&dcache_lock);
	sb = m->sb;
	tree_kill(m->root);
	dput(m->root);
	kfree(m);
	sb_put(sb);
}

int mount_attach(struct mount *m, const struct path *at)
{
	if (!at) {
		/* a namespace root: listed in the table, never detached by vfs_umount */
		spin_lock(&dcache_lock);
		m->attached = true;
		m->refcount++; /* vfs_umount sees it as busy */
		list_add_tail(&m->list, &mount_list);
		spin_unlock(&dcache_lock);
		return 0;
	}
	if (!S_ISDIR(at->dentry->inode->mode))
		return -ENOTDIR;
	spin_lock(&dcache_lock);
	if (at->mnt)
		at->mnt->refcount++;
	at->dentry->refcount++;
	at->dentry->mounted++;
	m->parent = at->mnt;
	m->mountpoint = at->dentry;
	m->attached = true;
	list_add_tail(&m->list, &mount_list);
	spin_unlock(&dcache_lock);
	return 0;
}

static bool has_children_locked(struct mount *m)
{
	struct mount *c;

	list_for_each_entry (c, &mount_list, list)
		if (c->parent == m)
			return true;
	return false;
}

/* Detach @m; returns its parent and mountpoint for the caller to put after unlocking. */
static void detach_locked(struct mount *m, struct path *old)
{
	list_del(&m->list);
	m->attached = false;
	m->mountpoint->mounted--;
	old->mnt = m->parent;
	old->dentry = m->mountpoint;
	m->parent = NULL;
	m->mountpoint = NULL;
	KASSERT(m->refcount > 1);
	m->refcount--;
}

int vfs_umount(const struct path *p)
{
	struct mount *m = p->mnt;
	struct path old;

	spin_lock(&dcache_lock);
	if (!m || p->dentry != m->root || !m->attached) {
		spin_unlock(&dcache_lock);
		return -EINVAL;
	}
	/* The attachment and the caller's path are the only references a free mount has. */
	if (has_children_locked(m) || m->refcount > 2) {
		spin_unlock(&dcache_lock);
		return -EBUSY;
	}
	detach_locked(m, &old);
	spin_unlock(&dcache_lock);
	path_put(&old);
	return 0;
}

static bool below_locked(struct mount *m, struct mount *root)
{
	for (m = m->parent; m; m = m->parent)
		if (m == root)
			return true;
	return false;
}

void mount_detach_all(struct mount *root)
{
	for (;;) {
		struct mount *m, *victim = NULL;
		struct path old;

		spin_lock(&dcache_lock);
		list_for_each_entry (m, &mount_list, list)
			if (below_locked(m, root) && !has_children_locked(m)) {
				victim = m;
				break;
			}
		if (!victim) {
			spin_unlock(&dcache_lock);
			return;
		}
		victim->refcount++; /* keep it while its parent is put */
		detach_locked(victim, &old);
		spin_unlock(&dcache_lock);
		path_put(&old);
		mount_put(victim);
	}
}

void mount_follow_down(struct path *p)
{
	spin_lock(&dcache_lock);
	while (p->dentry->mounted) {
		struct mount *m, *found = NULL;

		list_for_each_entry (m, &mount_list, list)
			if (m->parent == p->mnt && m->mountpoint == p->dentry)
				found = m; /* the last one mounted hides the others */
		if (!found)
			break;
		/* The old path is the child's mountpoint and parent: never the last references. */
		p->dentry->refcount--;
		if (p->mnt)
			p->mnt->refcount--;
		found->refcount++;
		found->root->refcount++;
		p->mnt = found;
		p->dentry = found->root;
	}
	spin_unlock(&dcache_lock);
}

size_t vfs_mounts_text(char *buf, size_t size, const struct path *root)
{
	struct mount *m;
	size_t n = 0;
	char *tmp = kmalloc(PATH_MAX);

	if (!tmp || size == 0) {
		kfree(tmp);
		return 0;
	}
	buf[0] = '\0';
	spin_lock(&dcache_lock);
	list_for_each_entry (m, &mount_list, list) {
		struct path p = {m, m->root};
		char *s = d_path_locked(&p, root, tmp, PATH_MAX);
		int w;

		if (IS_ERR(s))
			continue;
		w = snprintf(buf + n, size - n, "%s %s %s rw 0 0\n", m->source, s, m->sb->fstype);
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
	}
	spin_unlock(&dcache_lock);
	kfree(tmp);
	return n;
}
