/* getdents64(2): pack directory entries as struct linux_dirent64 records. */
#include "fs/internal.h"
#include "errno.h"
#include "string.h"
#include "uapi/dirent.h"

u32 mode_to_dtype(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return DT_REG;
	case S_IFDIR:
		return DT_DIR;
	case S_IFLNK:
		return DT_LNK;
	case S_IFCHR:
		return DT_CHR;
	case S_IFBLK:
		return DT_BLK;
	case S_IFIFO:
		return DT_FIFO;
	case S_IFSOCK:
		return DT_SOCK;
	default:
		return DT_UNKNOWN;
	}
}

bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *d = f->path.dentry;

	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, d->inode->ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		u64 ino;

		spin_lock(&dcache_lock);
		ino = d->parent->inode->ino;
		spin_unlock(&dcache_lock);
		if (!ctx->emit(ctx, "..", 2, ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

struct getdents_ctx {
	struct dir_context ctx;
	char *buf;
	size_t size, used;
	int err;
};

static bool getdents_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino, u32 dtype)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(__builtin_offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	struct linux_dirent64 *de;

	if (g->used + reclen > g->size) {
		if (g->used == 0)
			g->err = -EINVAL;
		return false;
	}
	de = (struct linux_dirent64 *)(g->buf + g->used);
	memset(de, 0, reclen);
	de->d_ino = ino;
	de->d_off = (s64)ctx->pos + 1;
	de->d_reclen = (u16)reclen;
	de->d_type = (u8)dtype;
	memcpy(de->d_name, name, len);
	g->used += reclen;
	return true;
}

ssize_t vfs_getdents64(struct file *f, void *kbuf, size_t size)
{
	struct getdents_ctx g = {.ctx = {.emit = getdents_emit}, .buf = kbuf, .size = size};
	int err;

	if (f->fmode & FMODE_PATH)
		return -EBADF;
	if (!S_ISDIR(f->inode->mode) || !f->ops || !f->ops->iterate)
		return -ENOTDIR;
	spin_lock(&f->pos_lock);
	g.ctx.pos = f->pos;
	spin_unlock(&f->pos_lock);
	if (f->path.dentry->flags & D_DEAD)
		return 0; /* a removed directory lists nothing */
	err = f->ops->iterate(f, &g.ctx);
	if (err)
		return err;
	if (g.err)
		return g.err;
	spin_lock(&f->pos_lock);
	f->pos = g.ctx.pos;
	spin_unlock(&f->pos_lock);
	inode_touch(f->inode, 1);
	return (ssize_t)g.used;
}
