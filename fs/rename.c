/* renameat2(2): move or exchange names, with Linux's checks in Linux's order. */
#include "fs/internal.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "string.h"

/* True if @d is @anc or lies below it. Caller holds dcache_lock. */
static bool is_below_locked(struct dentry *d, struct dentry *anc)
{
	for (;;) {
		if (d == anc)
			return true;
		if (d->parent == d)
			return false;
		d = d->parent;
	}
}

/* Checks and the tree update, all under dcache_lock. @nname is a preallocated copy of the new
 * name; on success *@old_name gets the buffer to free (the replaced name). */
static int rename_locked(struct dentry *od, struct dentry *ndir, const char *nlast, size_t nlen,
			 unsigned int flags, char *nname, char **free_name, struct dentry **victim,
			 struct dentry **old_parent)
{
	struct dentry *odir = od->parent;
	struct dentry *nd = d_lookup_locked(ndir, nlast, nlen);
	struct inode *oi = odir->inode, *ni = ndir->inode;
	bool odir_is = S_ISDIR(od->inode->mode);
	int err;

	if (!(od->flags & D_INTREE))
		return -ENOENT;
	if (ndir->flags & D_DEAD)
		return -ENOENT;
	if ((flags & RENAME_EXCHANGE) && !nd)
		return -ENOENT;
	if (nd == od)
		return 0;
	if (nd && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (odir_is && is_below_locked(ndir, od))
		return -EINVAL;
	if (nd && (flags & RENAME_EXCHANGE) && S_ISDIR(nd->inode->mode) &&
	    is_below_locked(odir, nd))
		return -EINVAL;
	if (nd && !(flags & RENAME_EXCHANGE)) {
		if (nd->inode == od->inode)
			return 0; /* two links to one file: nothing to do */
		if (odir_is && !S_ISDIR(nd->inode->mode))
			return -ENOTDIR;
		if (!odir_is && S_ISDIR(nd->inode->mode))
			return -EISDIR;
		if (odir_is && !list_empty(&nd->children))
			return -ENOTEMPTY;
	}
	if (od->mounted || (nd && nd->mounted))
		return -EBUSY;
	if (!oi->iops || !oi->iops->rename)
		return -EPERM;
	err = oi->iops->rename(oi, od, ni, nd, flags);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE) {
		char *tn = od->name;
		u32 tl = od->namelen;
		struct dentry *tp = od->parent;

		list_del(&od->sibling);
		list_del(&nd->sibling);
		od->name = nd->name;
		od->namelen = nd->namelen;
		od->parent = nd->parent;
		nd->name = tn;
		nd->namelen = tl;
		nd->parent = tp;
		list_add_tail(&od->sibling, &od->parent->children);
		list_add_tail(&nd->sibling, &nd->parent->children);
		return 0;
	}
	if (nd) {
		nd->refcount++; /* the caller puts it after unlocking */
		d_drop_locked(nd);
		*victim = nd;
	}
	list_del(&od->sibling);
	*free_name = od->name;
	memcpy(nname, nlast, nlen);
	nname[nlen] = '\0';
	od->name = nname;
	od->namelen = (u32)nlen;
	if (od->parent != ndir) {
		ndir->refcount++;
		*old_parent = od->parent; /* its reference is put by the caller */
		od->parent = ndir;
	}
	list_add_tail(&od->sibling, &ndir->children);
	return 0;
}

int vfs_renameat2(int odirfd, const char *opath, int ndirfd, const char *npath, unsigned int flags)
{
	struct parent_walk opw, npw;
	struct dentry *victim = NULL, *old_parent = NULL;
	struct path old;
	char *nname = NULL, *free_name = NULL;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	err = path_parentat(odirfd, opath, 0, &opw);
	if (err)
		return err;
	err = path_parentat(ndirfd, npath, 0, &npw);
	if (err)
		goto out_opw;
	if (opw.parent.mnt != npw.parent.mnt) {
		err = -EXDEV;
		goto out_npw;
	}
	if (opw.type != LAST_NORM || npw.type != LAST_NORM) {
		err = -EBUSY;
		goto out_npw;
	}
	err = lookup_child_raw(&opw.parent, opw.last, opw.last_len, &old);
	if (err)
		goto out_npw;
	if (!S_ISDIR(old.dentry->inode->mode) && (opw.trailing_slash || npw.trailing_slash) &&
	    !(flags & RENAME_EXCHANGE)) {
		err = -ENOTDIR;
		goto out_old;
	}
	nname = kmalloc(npw.last_len + 1);
	if (!nname) {
		err = -ENOMEM;
		goto out_old;
	}
	spin_lock(&dcache_lock);
	err = rename_locked(old.dentry, npw.parent.dentry, npw.last, npw.last_len, flags, nname,
			    &free_name, &victim, &old_parent);
	spin_unlock(&dcache_lock);
	if (free_name)
		kfree(free_name);
	else
		kfree(nname);
	dput(victim);
	dput(old_parent);
out_old:
	path_put(&old);
out_npw:
	pw_done(&npw);
out_opw:
	pw_done(&opw);
	return err;
}
