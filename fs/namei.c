/*
 * Path walk. A walk keeps a stack of strings: the path given, then the bodies of the symlinks
 * being followed (each pushed where the link was met). Components are taken from the top
 * string; an exhausted body is popped. So nested and trailing symlinks need no recursion, and
 * MAXSYMLINKS (40) bounds the total number followed in one walk (ELOOP beyond).
 */
#include "fs/internal.h"
#include "fs/fdtable.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "string.h"

struct nameidata {
	struct path path; /* where the walk is (referenced) */
	struct path root; /* the task's root (referenced) */
	int nlinks;	  /* symlinks followed so far */
	int depth;	  /* index of the top string */
	struct {
		char *buf;     /* kmalloc'd link body; NULL for the caller's string */
		const char *p; /* next unread character */
	} st[MAXSYMLINKS + 1];
};

static void nd_free(struct nameidata *nd)
{
	for (int i = 0; i <= nd->depth; i++)
		kfree(nd->st[i].buf);
	path_put(&nd->path);
	path_put(&nd->root);
	kfree(nd);
}

/* Set the start of the walk of @name: the root, the cwd or @dirfd's directory. */
static struct nameidata *nd_start(int dirfd, const char *name, unsigned int flags, int *err)
{
	struct fs_struct *fs = current_fs();
	struct nameidata *nd;

	*err = 0;
	if (!fs) {
		*err = -ENOENT;
		return NULL;
	}
	if (strnlen(name, PATH_MAX) >= PATH_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	if (!name[0] && !(flags & LOOKUP_EMPTY)) {
		*err = -ENOENT;
		return NULL;
	}
	nd = kzalloc(sizeof(*nd));
	if (!nd) {
		*err = -ENOMEM;
		return NULL;
	}
	nd->st[0].p = name;
	fs_get_root(fs, &nd->root);
	if (name[0] == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
	} else if (dirfd == AT_FDCWD) {
		fs_get_cwd(fs, &nd->path);
	} else {
		struct files_struct *files = current_files();
		struct file *f = files ? fd_get(files, dirfd) : NULL;

		if (!f) {
			*err = -EBADF;
		} else if (!f->path.dentry || (name[0] && !S_ISDIR(f->inode->mode))) {
			*err = -ENOTDIR;
		} else {
			nd->path = f->path;
			path_get(&nd->path);
		}
		if (f)
			fput(f);
		if (*err) {
			nd_free(nd);
			return NULL;
		}
	}
	return nd;
}

/*
 * Take the next component. Returns false at the end of the whole path. *@last tells whether
 * nothing but slashes follows in any string; *@slash whether slashes follow it.
 */
static bool next_component(struct nameidata *nd, const char **comp, size_t *len, bool *last,
			   bool *slash)
{
	for (;;) {
		const char *p = nd->st[nd->depth].p, *q;

		while (*p == '/')
			p++;
		if (!*p) {
			nd->st[nd->depth].p = p;
			if (nd->depth == 0)
				return false;
			kfree(nd->st[nd->depth].buf);
			nd->st[nd->depth].buf = NULL;
			nd->depth--;
			continue;
		}
		for (q = p; *q && *q != '/'; q++)
			;
		nd->st[nd->depth].p = q;
		*comp = p;
		*len = (size_t)(q - p);
		*last = true;
		*slash = false;
		for (int lvl = nd->depth; lvl >= 0; lvl--) {
			const char *r = nd->st[lvl].p;

			while (*r == '/') {
				r++;
				*slash = true;
			}
			if (*r) {
				*last = false;
				break;
			}
		}
		return true;
	}
}

char *read_link(struct dentry *d, int *len)
{
	struct inode *inode = d->inode;
	char *buf;
	int n;

	if (!inode->iops || !inode->iops->get_link)
		return ERR_PTR(-EINVAL);
	buf = kmalloc(PATH_MAX);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	n = inode->iops->get_link(d, buf);
	if (n < 0) {
		kfree(buf);
		return ERR_PTR(n);
	}
	buf[MIN(n, PATH_MAX - 1)] = '\0';
	*len = n;
	return buf;
}

/* Continue the walk through the body of symlink @link (met in nd->path). */
static int nd_push_link(struct nameidata *nd, struct dentry *link)
{
	char *body;
	int len;

	if (++nd->nlinks > MAXSYMLINKS)
		return -ELOOP;
	body = read_link(link, &len);
	if (IS_ERR(body))
		return (int)PTR_ERR(body);
	if (len == 0) {
		kfree(body);
		return -ENOENT;
	}
	nd->depth++;
	nd->st[nd->depth].buf = body;
	nd->st[nd->depth].p = body;
	inode_touch(link->inode, 1);
	if (body[0] == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	return 0;
}

/* "..": up one level, not above the task's root, across mount roots. */
static void follow_dotdot(struct nameidata *nd)
{
	struct path t = nd->path;

	spin_lock(&dcache_lock);
	for (;;) {
		if (path_equal(&t, &nd->root))
			break;
		if (t.mnt && t.dentry == t.mnt->root) {
			if (!t.mnt->parent)
				break;
			t.dentry = t.mnt->mountpoint;
			t.mnt = t.mnt->parent;
			continue;
		}
		t.dentry = t.dentry->parent;
		break;
	}
	if (t.mnt)
		t.mnt->refcount++;
	t.dentry->refcount++;
	spin_unlock(&dcache_lock);
	path_put(&nd->path);
	nd->path = t;
	mount_follow_down(&nd->path);
}

int lookup_child(const struct path *dir, const char *name, size_t len, struct path *out)
{
	int err = lookup_child_raw(dir, name, len, out);

	if (!err)
		mount_follow_down(out);
	return err;
}

int lookup_child_raw(const struct path *dir, const char *name, size_t len, struct path *out)
{
	struct inode *dinode = dir->dentry->inode, *inode;
	struct dentry *c, *d;

	spin_lock(&dcache_lock);
	if (dir->dentry->flags & D_DEAD) {
		spin_unlock(&dcache_lock);
		return -ENOENT;
	}
	c = d_lookup_locked(dir->dentry, name, len);
	if (c)
		goto found;
	spin_unlock(&dcache_lock);
	if (!dinode->iops || !dinode->iops->lookup)
		return -ENOENT;
	inode = dinode->iops->lookup(dinode, name, len);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	d = dentry_alloc(dir->dentry, name, len);
	if (!d) {
		iput(inode);
		return -ENOMEM;
	}
	d->inode = inode;
	spin_lock(&dcache_lock);
	c = d_lookup_locked(dir->dentry, name, len);
	if (c) {
		/* another walk added it meanwhile: use that one */
		c->refcount++;
		if (dir->mnt)
			dir->mnt->refcount++;
		spin_unlock(&dcache_lock);
		dput(d);
		goto done;
	}
	d_add_locked(d);
	if (dir->mnt)
		dir->mnt->refcount++;
	spin_unlock(&dcache_lock);
	c = d;
	goto done;
found:
	c->refcount++;
	if (dir->mnt)
		dir->mnt->refcount++;
	spin_unlock(&dcache_lock);
done:
	out->mnt = dir->mnt;
	out->dentry = c;
	return 0;
}

/* Walk one component from nd->path. */
static int walk_one(struct nameidata *nd, const char *comp, size_t len, bool last, bool follow,
		    bool slash)
{
	struct path next;
	int err;

	if (!S_ISDIR(nd->path.dentry->inode->mode))
		return -ENOTDIR;
	if (len == 1 && comp[0] == '.')
		return 0;
	if (len == 2 && comp[0] == '.' && comp[1] == '.') {
		follow_dotdot(nd);
		return 0;
	}
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	err = lookup_child(&nd->path, comp, len, &next);
	if (err)
		return err;
	if (S_ISLNK(next.dentry->inode->mode) && (!last || follow || slash)) {
		err = nd_push_link(nd, next.dentry);
		path_put(&next);
		return err;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

int path_lookupat(int dirfd, const char *name, unsigned int flags, struct path *out)
{
	struct nameidata *nd;
	const char *comp;
	size_t len;
	bool last, slash = false, any_slash = false;
	int err;

	nd = nd_start(dirfd, name, flags, &err);
	if (!nd)
		return err;
	while (next_component(nd, &comp, &len, &last, &slash)) {
		err = walk_one(nd, comp, len, last, flags & LOOKUP_FOLLOW, slash);
		if (err)
			goto out;
		any_slash = last && slash;
	}
	if ((any_slash || (flags & LOOKUP_DIRECTORY)) && !S_ISDIR(nd->path.dentry->inode->mode)) {
		err = -ENOTDIR;
		goto out;
	}
	*out = nd->path;
	nd->path.dentry = NULL;
	nd->path.mnt = NULL;
out:
	nd_free(nd);
	return err;
}

/* Run the walk up to the last component and record it in @pw. */
static int parent_walk(struct parent_walk *pw)
{
	struct nameidata *nd = pw->nd;
	const char *comp;
	size_t len;
	bool last, slash;
	int err;

	for (;;) {
		if (!next_component(nd, &comp, &len, &last, &slash)) {
			pw->type = LAST_ROOT;
			pw->last = "/";
			pw->last_len = 1;
			pw->trailing_slash = false;
			break;
		}
		if (last) {
			pw->last = comp;
			pw->last_len = len;
			pw->trailing_slash = slash;
			pw->type = LAST_NORM;
			if (len == 1 && comp[0] == '.')
				pw->type = LAST_DOT;
			else if (len == 2 && comp[0] == '.' && comp[1] == '.')
				pw->type = LAST_DOTDOT;
			break;
		}
		err = walk_one(nd, comp, len, false, true, slash);
		if (err)
			return err;
	}
	if (!S_ISDIR(nd->path.dentry->inode->mode))
		return -ENOTDIR;
	if (pw->type == LAST_NORM && pw->last_len > NAME_MAX)
		return -ENAMETOOLONG;
	pw->parent = nd->path;
	return 0;
}

int path_parentat(int dirfd, const char *name, unsigned int flags, struct parent_walk *pw)
{
	int err;

	memset(pw, 0, sizeof(*pw));
	pw->nd = nd_start(dirfd, name, flags, &err);
	if (!pw->nd)
		return err;
	err = parent_walk(pw);
	if (err)
		pw_done(pw);
	return err;
}

int pw_follow_last(struct parent_walk *pw, struct dentry *link)
{
	int err = nd_push_link(pw->nd, link);

	if (!err)
		err = parent_walk(pw);
	return err;
}

void pw_done(struct parent_walk *pw)
{
	if (pw->nd)
		nd_free(pw->nd);
	pw->nd = NULL;
	pw->parent.mnt = NULL;
	pw->parent.dentry = NULL;
}
