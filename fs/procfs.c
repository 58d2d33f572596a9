/*
 * A small /proc: self (link to the caller's pid), <pid>/exe, <pid>/fd/<n> (links), meminfo and
 * mounts. Only the calling process's own pid directory resolves. Dentries here are not pinned:
 * they are made by lookup and go away with their last user.
 */
#include "fs/internal.h"
#include "fs/fdtable.h"
#include "fs/procfs.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "sched/cpu.h"
#include "string.h"
#include "task/task.h"

enum proc_kind { P_ROOT, P_SELF, P_MEMINFO, P_MOUNTS, P_PIDDIR, P_EXE, P_FDDIR, P_FDLINK };

/* inode->priv holds the kind in bits 0..7 and the fd number above */
#define KIND(i) ((enum proc_kind)((unsigned long)(i)->priv & 0xff))
#define ARG(i)	((int)((unsigned long)(i)->priv >> 8))

static int default_pid(void)
{
	return current->tid;
}

int (*procfs_current_pid)(void) = default_pid;
struct file *(*procfs_current_exe)(void);

static const struct inode_ops proc_dir_iops, proc_link_iops;
static const struct file_ops proc_dir_fops, proc_file_fops;

static struct inode *proc_inode(struct super_block *sb, enum proc_kind kind, int arg)
{
	u32 mode;
	struct inode *i;

	switch (kind) {
	case P_ROOT:
	case P_PIDDIR:
		mode = S_IFDIR | 0555;
		break;
	case P_FDDIR:
		mode = S_IFDIR | 0500;
		break;
	case P_MEMINFO:
	case P_MOUNTS:
		mode = S_IFREG | 0444;
		break;
	default:
		mode = S_IFLNK | 0777;
	}
	i = inode_alloc(sb, mode);
	if (!i)
		return ERR_PTR(-ENOMEM);
	i->priv = (void *)(((unsigned long)arg << 8) | kind);
	if (S_ISDIR(mode)) {
		i->iops = &proc_dir_iops;
		i->fops = &proc_dir_fops;
		i->nlink = 2;
	} else if (S_ISLNK(mode)) {
		i->iops = &proc_link_iops;
		i->size = 64;
	} else {
		i->fops = &proc_file_fops;
	}
	return i;
}

static bool name_is(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(name, s, len) == 0;
}

/* Parse a decimal number of exactly @len digits; -1 if not one. */
static long parse_num(const char *name, size_t len)
{
	long v = 0;

	if (len == 0 || len > 9)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return v;
}

static struct inode *proc_lookup(struct inode *dir, const char *name, size_t len)
{
	long n;

	switch (KIND(dir)) {
	case P_ROOT:
		if (name_is(name, len, "self"))
			return proc_inode(dir->sb, P_SELF, 0);
		if (name_is(name, len, "meminfo"))
			return proc_inode(dir->sb, P_MEMINFO, 0);
		if (name_is(name, len, "mounts"))
			return proc_inode(dir->sb, P_MOUNTS, 0);
		n = parse_num(name, len);
		if (n >= 0 && n == procfs_current_pid())
			return proc_inode(dir->sb, P_PIDDIR, (int)n);
		break;
	case P_PIDDIR:
		if (name_is(name, len, "exe"))
			return proc_inode(dir->sb, P_EXE, 0);
		if (name_is(name, len, "fd"))
			return proc_inode(dir->sb, P_FDDIR, 0);
		break;
	case P_FDDIR: {
		struct files_struct *files = current_files();
		struct file *f;

		n = parse_num(name, len);
		if (n < 0 || !files)
			break;
		f = fd_get(files, (int)n);
		if (!f)
			break;
		fput(f);
		return proc_inode(dir->sb, P_FDLINK, (int)n);
	}
	default:
		break;
	}
	return ERR_PTR(-ENOENT);
}

/* The path of open file @f as /proc shows it. */
static int file_link_text(struct file *f, char *buf)
{
	struct fs_struct *fs = current_fs();
	struct path root;
	char *s;
	int n;

	if (!f->path.mnt) /* pipes and other anonymous files: their name only */
		return snprintf(buf, PATH_MAX, "%s", f->path.dentry->name);
	fs_get_root(fs, &root);
	s = d_path(&f->path, &root, buf, PATH_MAX);
	path_put(&root);
	if (IS_ERR(s))
		return (int)PTR_ERR(s);
	n = (int)strlen(s);
	memmove(buf, s, (size_t)n + 1);
	return n;
}

static int proc_get_link(struct dentry *d, char *buf)
{
	struct inode *i = d->inode;
	struct file *f;
	int n;

	switch (KIND(i)) {
	case P_SELF:
		return snprintf(buf, PATH_MAX, "%d", procfs_current_pid());
	case P_EXE:
		f = procfs_current_exe ? procfs_current_exe() : NULL;
		break;
	case P_FDLINK:
		f = current_files() ? fd_get(current_files(), ARG(i)) : NULL;
		break;
	default:
		return -EINVAL;
	}
	if (!f)
		return -ENOENT;
	n = file_link_text(f, buf);
	fput(f);
	return n;
}

static size_t meminfo_text(char *buf, size_t size)
{
	u64 total = frame_total_count() * (PAGE_SIZE / 1024);
	u64 free = frame_free_count() * (PAGE_SIZE / 1024);
	int n = snprintf(buf, size,
			 "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
			 "MemAvailable:   %8lu kB\nBuffers:               0 kB\n"
			 "Cached:                0 kB\nSwapTotal:             0 kB\n"
			 "SwapFree:              0 kB\n",
			 (unsigned long)total, (unsigned long)free, (unsigned long)free);

	return n < 0 ? 0 : MIN((size_t)n, size - 1);
}

static ssize_t proc_file_read(struct file *f, void *kbuf, size_t len, u64 *pos)
{
	char *text = kmalloc(PAGE_SIZE);
	size_t n;

	if (!text)
		return -ENOMEM;
	if (KIND(f->inode) == P_MEMINFO) {
		n = meminfo_text(text, PAGE_SIZE);
	} else {
		struct path root;

		fs_get_root(current_fs(), &root);
		n = vfs_mounts_text(text, PAGE_SIZE, &root);
		path_put(&root);
	}
	if (*pos >= n) {
		kfree(text);
		return 0;
	}
	len = MIN(len, n - (size_t)*pos);
	memcpy(kbuf, text + *pos, len);
	*pos += len;
	kfree(text);
	return (ssize_t)len;
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	char name[16];
	u64 idx;

	if (!dir_emit_dots(f, ctx))
		return 0;
	if (KIND(dir) == P_FDDIR) {
		struct files_struct *files = current_files();

		for (; files && ctx->pos - 2 < (u64)RLIMIT_NOFILE_DEFAULT; ctx->pos++) {
			struct file *fl = fd_get(files, (int)(ctx->pos - 2));
			int n;

			if (!fl)
				continue;
			fput(fl);
			n = snprintf(name, sizeof(name), "%d", (int)(ctx->pos - 2));
			if (!ctx->emit(ctx, name, (size_t)n, 1000 + ctx->pos,
				       mode_to_dtype(S_IFLNK)))
				return 0;
		}
		return 0;
	}
	static const char *const root_names[] = {"self", "meminfo", "mounts"};
	static const char *const pid_names[] = {"exe", "fd"};
	const char *const *names = KIND(dir) == P_ROOT ? root_names : pid_names;
	size_t count = KIND(dir) == P_ROOT ? ARRAY_SIZE(root_names) : ARRAY_SIZE(pid_names);

	for (idx = ctx->pos - 2; idx < count; idx++, ctx->pos++) {
		u32 type = (KIND(dir) == P_ROOT && idx == 0) || (KIND(dir) != P_ROOT && idx == 0)
				   ? S_IFLNK
				   : (KIND(dir) == P_ROOT ? S_IFREG : S_IFDIR);

		if (!ctx->emit(ctx, names[idx], strlen(names[idx]), 100 + idx, mode_to_dtype(type)))
			return 0;
	}
	if (KIND(dir) == P_ROOT && idx == count) {
		int n = snprintf(name, sizeof(name), "%d", procfs_current_pid());

		if (!ctx->emit(ctx, name, (size_t)n, 200, mode_to_dtype(S_IFDIR)))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_ops proc_dir_iops = {.lookup = proc_lookup};
static const struct inode_ops proc_link_iops = {.get_link = proc_get_link};
static const struct file_ops proc_dir_fops = {.iterate = proc_iterate};
static const struct file_ops proc_file_fops = {.read = proc_file_read};

struct super_block *procfs_create_sb(void)
{
	struct super_block *sb = sb_alloc("proc", NULL, 0, 0555, &proc_dir_iops, &proc_dir_fops);

	if (sb) {
		sb->root->inode->priv = (void *)(unsigned long)P_ROOT;
		sb->magic = 0x9fa0; /* PROC_SUPER_MAGIC */
	}
	return sb;
}
