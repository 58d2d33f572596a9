/*
 * In-kernel tests of the VFS, ramfs, fd tables, pipes, devices and the initramfs unpacker.
 * Each test runs in a private namespace: a fresh tmpfs as root and cwd, and an empty fd table,
 * installed on the running task and torn down (every frame returned) at the end.
 */
#include "fs/cpio.h"
#include "fs/fdtable.h"
#include "fs/initramfs.h"
#include "fs/internal.h"
#include "fs/pipe.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "string.h"
#include "task/task.h"
#include "time/timer.h"
#include "testsuite/ktest/ktest.h"
#include "uapi/dirent.h"
#include "uapi/ioctl.h"

struct test_ns {
	struct fs_struct *saved_fs, *fs;
	struct files_struct *saved_files, *files;
	struct mount *root;
};

static bool ns_enter(struct test_ns *ns)
{
	struct super_block *sb = ramfs_create_sb("tmpfs", 01777);
	struct path root;

	if (!sb)
		return false;
	ns->root = mount_create(sb, "test");
	root.mnt = ns->root;
	root.dentry = ns->root->root;
	ns->fs = fs_create(&root);
	ns->files = files_create();
	ns->saved_fs = current->fs;
	ns->saved_files = current->files;
	current->fs = ns->fs;
	current->files = ns->files;
	return true;
}

static void ns_leave(struct test_ns *ns)
{
	current->fs = ns->saved_fs;
	current->files = ns->saved_files;
	files_put(ns->files);
	mount_detach_all(ns->root);
	fs_put(ns->fs);
	mount_put(ns->root);
}

static struct file *open_at(const char *path, int flags)
{
	return vfs_open(AT_FDCWD, path, flags, 0666);
}

/* Create @path holding @text. */
static int put_file(const char *path, const char *text)
{
	struct file *f = open_at(path, O_CREAT | O_WRONLY | O_TRUNC);
	ssize_t n;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	n = vfs_write(f, text, strlen(text), NULL);
	fput(f);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

KTEST(fs, create_write_read_stat)
{
	struct test_ns ns;
	struct kstat st, st2;
	char buf[32];
	struct file *f;

	KT_ASSERT(r, ns_enter(&ns));
	f = open_at("/f", O_CREAT | O_RDWR);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, vfs_write(f, "hello world", 11, NULL) == 11);
	KT_EXPECT(r, vfs_lseek(f, 0, SEEK_CUR) == 11);
	KT_EXPECT(r, vfs_lseek(f, 0, SEEK_SET) == 0);
	KT_EXPECT(r,
		  vfs_read(f, buf, sizeof(buf), NULL) == 11 && memcmp(buf, "hello world", 11) == 0);
	KT_EXPECT(r, vfs_read(f, buf, sizeof(buf), NULL) == 0);
	KT_EXPECT(r, vfs_fstat(f, &st) == 0 && st.size == 11 && st.mode == (S_IFREG | 0644) &&
			     st.nlink == 1 && st.blocks == 8);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/f", 0, &st2) == 0 && st2.ino == st.ino);
	/* across a page boundary, then a hole that reads as zeros */
	KT_EXPECT(r, vfs_write(f, "0123456789", 10, &(u64){4090}) == 10);
	KT_EXPECT(r, vfs_write(f, "z", 1, &(u64){3 * 4096}) == 1);
	KT_EXPECT(r, kernel_read(f, buf, 10, 4090) == 10 && memcmp(buf, "0123456789", 10) == 0);
	KT_EXPECT(r, kernel_read(f, buf, 4, 8192) == 4 && buf[0] == 0 && buf[3] == 0);
	KT_EXPECT(r, vfs_lseek(f, 0, SEEK_END) == 3 * 4096 + 1);
	KT_EXPECT(r, vfs_lseek(f, -1, SEEK_SET) == -EINVAL);
	KT_EXPECT(r, vfs_ftruncate(f, 5) == 0 && vfs_fstat(f, &st) == 0 && st.size == 5);
	KT_EXPECT(r, vfs_ftruncate(f, 20) == 0 && kernel_read(f, buf, 20, 0) == 20 && buf[5] == 0 &&
			     buf[19] == 0);
	fput(f);
	/* O_EXCL, O_APPEND, O_TRUNC, O_DIRECTORY */
	KT_EXPECT(r, PTR_ERR(open_at("/f", O_CREAT | O_EXCL | O_RDWR)) == -EEXIST);
	f = open_at("/f", O_WRONLY | O_APPEND);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, vfs_write(f, "!", 1, NULL) == 1);
	fput(f);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/f", 0, &st) == 0 && st.size == 21);
	f = open_at("/f", O_RDWR | O_TRUNC);
	KT_EXPECT(r, !IS_ERR(f) && vfs_fstat(f, &st) == 0 && st.size == 0);
	if (!IS_ERR(f)) {
		KT_EXPECT(r, vfs_read(f, buf, 1, NULL) == 0);
		fput(f);
	}
	KT_EXPECT(r, PTR_ERR(open_at("/f", O_RDONLY | O_DIRECTORY)) == -ENOTDIR);
	KT_EXPECT(r, PTR_ERR(open_at("/", O_RDWR)) == -EISDIR);
	f = open_at("/f", O_RDONLY);
	KT_EXPECT(r, !IS_ERR(f) && vfs_write(f, "x", 1, NULL) == -EBADF);
	if (!IS_ERR(f))
		fput(f);
	ns_leave(&ns);
}

KTEST(fs, path_walk_corners)
{
	struct test_ns ns;
	struct kstat a, b;
	char name[300], link[16], target[16];
	char *longpath;

	KT_ASSERT(r, ns_enter(&ns));
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a", 0755) == 0);
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a/b/", 0755) == 0);
	KT_EXPECT(r, put_file("/a/f", "x") == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/b/..", 0, &a) == 0 &&
			     vfs_stat(AT_FDCWD, "/a", 0, &b) == 0 && a.ino == b.ino);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/../..", 0, &a) == 0 &&
			     vfs_stat(AT_FDCWD, "/", 0, &b) == 0 && a.ino == b.ino);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "a/./b//", 0, &a) == 0 && S_ISDIR(a.mode));
	/* ENOTDIR / ENOENT / empty path */
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/f/", 0, &a) == -ENOTDIR);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/f/.", 0, &a) == -ENOTDIR);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/f/x", 0, &a) == -ENOTDIR);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/nope/x", 0, &a) == -ENOENT);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "", 0, &a) == -ENOENT);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "", AT_EMPTY_PATH, &a) == 0 && a.ino == b.ino);
	KT_EXPECT(r, PTR_ERR(open_at("", O_RDONLY)) == -ENOENT);
	KT_EXPECT(r, PTR_ERR(open_at("/new/", O_CREAT | O_RDWR)) == -EISDIR);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/", 0x8000, &a) == -EINVAL);
	/* ENAMETOOLONG: a 256-byte component, a path of PATH_MAX bytes */
	memset(name, 'n', 256);
	name[0] = '/';
	name[257] = '\0';
	name[256] = 'n';
	KT_EXPECT(r, vfs_stat(AT_FDCWD, name, 0, &a) == -ENAMETOOLONG);
	KT_EXPECT(r, PTR_ERR(open_at(name, O_CREAT | O_RDWR)) == -ENAMETOOLONG);
	longpath = kmalloc(PATH_MAX + 1);
	KT_ASSERT(r, longpath);
	for (int i = 0; i < PATH_MAX; i += 2)
		memcpy(longpath + i, "./", 2);
	longpath[PATH_MAX] = '\0';
	KT_EXPECT(r, vfs_stat(AT_FDCWD, longpath, 0, &a) == -ENAMETOOLONG);
	longpath[PATH_MAX - 1] = '\0';
	KT_EXPECT(r, vfs_stat(AT_FDCWD, longpath, 0, &a) == 0);
	kfree(longpath);
	/* symlinks: loop, chain of 40 ok and 41 too many, trailing slash, nofollow, dangling */
	KT_EXPECT(r, vfs_symlinkat("/l2", AT_FDCWD, "/l1") == 0);
	KT_EXPECT(r, vfs_symlinkat("/l1", AT_FDCWD, "/l2") == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/l1", 0, &a) == -ELOOP);
	KT_EXPECT(r, PTR_ERR(open_at("/l1", O_RDONLY)) == -ELOOP);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/l1", AT_SYMLINK_NOFOLLOW, &a) == 0 && S_ISLNK(a.mode) &&
			     a.size == 3);
	KT_EXPECT(r, vfs_symlinkat("a", AT_FDCWD, "/c0") == 0);
	for (int i = 1; i <= 41; i++) {
		snprintf(link, sizeof(link), "/c%d", i);
		snprintf(target, sizeof(target), "c%d", i - 1);
		KT_EXPECT(r, vfs_symlinkat(target, AT_FDCWD, link) == 0);
	}
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/c39", 0, &a) == 0 && S_ISDIR(a.mode));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/c40", 0, &a) == -ELOOP);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/c0/b", 0, &a) == 0 && S_ISDIR(a.mode));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/c0/", AT_SYMLINK_NOFOLLOW, &a) == 0 && S_ISDIR(a.mode));
	KT_EXPECT(r, PTR_ERR(open_at("/c0", O_RDONLY | O_NOFOLLOW)) == -ELOOP);
	KT_EXPECT(r, vfs_symlinkat("/a/made", AT_FDCWD, "/dangling") == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/dangling", 0, &a) == -ENOENT);
	KT_EXPECT(r, put_file("/dangling", "via link") == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/made", 0, &a) == 0 && a.size == 8);
	KT_EXPECT(r, vfs_readlinkat(AT_FDCWD, "/dangling", name, sizeof(name)) == 7 &&
			     memcmp(name, "/a/made", 7) == 0);
	KT_EXPECT(r, vfs_readlinkat(AT_FDCWD, "/a", name, sizeof(name)) == -EINVAL);
	KT_EXPECT(r, vfs_symlinkat("", AT_FDCWD, "/empty") == -ENOENT);
	ns_leave(&ns);
}

KTEST(fs, unlink_open_file_keeps_data)
{
	struct test_ns ns;
	struct kstat st;
	char buf[16];
	struct file *f;
	u64 before;

	KT_ASSERT(r, ns_enter(&ns));
	f = open_at("/g", O_CREAT | O_RDWR);
	KT_ASSERT(r, !IS_ERR(f));
	for (u64 page = 0; page < 3; page++) {
		u64 off = page * 4096;

		KT_EXPECT(r, vfs_write(f, "page", 4, &off) == 4 && off == page * 4096 + 4);
	}
	before = frame_free_count();
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/g", 0) == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/g", 0, &st) == -ENOENT);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/g", 0) == -ENOENT);
	KT_EXPECT(r, vfs_fstat(f, &st) == 0 && st.nlink == 0);
	KT_EXPECT(r, kernel_read(f, buf, 4, 8192) == 4 && memcmp(buf, "page", 4) == 0);
	KT_EXPECT(r, frame_free_count() == before);
	fput(f);
	KT_EXPECT(r, frame_free_count() >= before + 3);
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/d", 0755) == 0);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/d", 0) == -EISDIR);
	KT_EXPECT(r, put_file("/h", "h") == 0);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/h/", 0) == -ENOTDIR);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/h", AT_REMOVEDIR) == -ENOTDIR);
	ns_leave(&ns);
}

struct dent_seen {
	char names[8][8];
	u8 types[8];
	int n;
};

static void parse_dents(const char *buf, ssize_t len, struct dent_seen *s)
{
	for (ssize_t off = 0; off < len && s->n < 8;) {
		const struct linux_dirent64 *d = (const void *)(buf + off);

		strlcpy(s->names[s->n], d->d_name, sizeof(s->names[0]));
		s->types[s->n++] = d->d_type;
		off += d->d_reclen;
	}
}

static int find_dent(struct dent_seen *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->names[i], name) == 0)
			return s->types[i];
	return -1;
}

KTEST(fs, getdents64_lists_exact_entries)
{
	struct test_ns ns;
	struct dent_seen s = {0};
	char buf[512];
	struct file *f;
	ssize_t n;

	KT_ASSERT(r, ns_enter(&ns));
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/d", 0755) == 0);
	KT_EXPECT(r, put_file("/d/x", "") == 0);
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/d/y", 0700) == 0);
	KT_EXPECT(r, vfs_symlinkat("x", AT_FDCWD, "/d/z") == 0);
	KT_EXPECT(r, vfs_mknodat(AT_FDCWD, "/d/p", S_IFIFO | 0600, 0) == 0);
	f = open_at("/d", O_RDONLY | O_DIRECTORY);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, vfs_getdents64(f, buf, 20) == -EINVAL);
	n = vfs_getdents64(f, buf, 48); /* room for 2 records of 24 bytes */
	KT_EXPECT(r, n == 48);
	parse_dents(buf, n, &s);
	n = vfs_getdents64(f, buf, sizeof(buf));
	KT_EXPECT(r, n > 0);
	parse_dents(buf, n, &s);
	KT_EXPECT(r, vfs_getdents64(f, buf, sizeof(buf)) == 0);
	KT_EXPECT(r, s.n == 6);
	KT_EXPECT(r, find_dent(&s, ".") == DT_DIR && find_dent(&s, "..") == DT_DIR);
	KT_EXPECT(r, find_dent(&s, "x") == DT_REG && find_dent(&s, "y") == DT_DIR);
	KT_EXPECT(r, find_dent(&s, "z") == DT_LNK && find_dent(&s, "p") == DT_FIFO);
	KT_EXPECT(r, vfs_lseek(f, 0, SEEK_SET) == 0 && vfs_getdents64(f, buf, sizeof(buf)) > 0);
	fput(f);
	f = open_at("/d/x", O_RDONLY);
	KT_EXPECT(r, !IS_ERR(f) && vfs_getdents64(f, buf, sizeof(buf)) == -ENOTDIR);
	if (!IS_ERR(f))
		fput(f);
	ns_leave(&ns);
}

KTEST(fs, fd_dup_cloexec)
{
	struct test_ns ns;
	struct files_struct *fs, *copy;
	struct file *f, *g;

	KT_ASSERT(r, ns_enter(&ns));
	fs = ns.files;
	f = open_at("/f", O_CREAT | O_RDWR);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, fd_alloc(fs, f, 0, false) == 0);
	fget(f);
	KT_EXPECT(r, fd_alloc(fs, f, 0, true) == 1);
	KT_EXPECT(r, fd_get_cloexec(fs, 0) == 0 && fd_get_cloexec(fs, 1) == FD_CLOEXEC);
	KT_EXPECT(r, fd_dup3(fs, 0, 5, O_CLOEXEC) == 5 && fd_get_cloexec(fs, 5) == FD_CLOEXEC);
	KT_EXPECT(r, fd_dup3(fs, 0, 0, 0) == -EINVAL);
	KT_EXPECT(r, fd_dup3(fs, 0, 6, O_RDWR) == -EINVAL);
	KT_EXPECT(r, fd_dup3(fs, 3, 6, 0) == -EBADF);
	KT_EXPECT(r, fd_dup3(fs, 0, RLIMIT_NOFILE_DEFAULT, 0) == -EBADF);
	KT_EXPECT(r, fd_dup2(fs, 0, 0) == 0 && fd_dup2(fs, 3, 3) == -EBADF);
	KT_EXPECT(r, fd_dup2(fs, 0, 1) == 1 && fd_get_cloexec(fs, 1) == 0);
	fget(f);
	KT_EXPECT(r, fd_alloc(fs, f, 0, false) == 2);
	fget(f);
	KT_EXPECT(r, fd_alloc(fs, f, 100, false) == 100); /* grows the table */
	fget(f);
	KT_EXPECT(r, fd_alloc(fs, f, RLIMIT_NOFILE_DEFAULT, false) == -EINVAL);
	fput(f);
	g = fd_get(fs, 100);
	KT_EXPECT(r, g == f);
	fput(g);
	KT_EXPECT(r, fd_get(fs, 7) == NULL && fd_get(fs, -1) == NULL);
	copy = files_dup(fs);
	KT_ASSERT(r, copy);
	KT_EXPECT(r, files_count_open(copy) == 5 && fd_get_cloexec(copy, 5) == FD_CLOEXEC);
	files_close_on_exec(copy);
	KT_EXPECT(r, files_count_open(copy) == 4 && fd_get_cloexec(copy, 5) == -EBADF);
	files_put(copy);
	KT_EXPECT(r, fd_close(fs, 1) == 0 && fd_close(fs, 1) == -EBADF);
	fget(f);
	KT_EXPECT(r, fd_alloc(fs, f, 0, false) == 1); /* lowest free again */
	KT_EXPECT(r, fd_set_cloexec(fs, 100, true) == 0 && fd_set_cloexec(fs, 99, true) == -EBADF);
	ns_leave(&ns);
}

KTEST(fs, pipe_nonblocking)
{
	struct file *p[2];
	char *buf = kmalloc(PIPE_SIZE);
	struct kstat st;

	KT_ASSERT(r, buf);
	KT_ASSERT(r, pipe_create(p, O_NONBLOCK) == 0);
	KT_EXPECT(r, vfs_write(p[1], "abc", 3, NULL) == 3);
	KT_EXPECT(r, vfs_read(p[0], buf, 10, NULL) == 3 && memcmp(buf, "abc", 3) == 0);
	KT_EXPECT(r, vfs_read(p[0], buf, 10, NULL) == -EAGAIN);
	KT_EXPECT(r, vfs_read(p[1], buf, 1, NULL) == -EBADF);
	KT_EXPECT(r, vfs_lseek(p[0], 0, SEEK_SET) == -ESPIPE);
	KT_EXPECT(r, vfs_fstat(p[0], &st) == 0 && S_ISFIFO(st.mode));
	memset(buf, 'q', PIPE_SIZE);
	KT_EXPECT(r, vfs_write(p[1], buf, PIPE_SIZE - 100, NULL) == PIPE_SIZE - 100);
	/* up to PIPE_BUF bytes are all or nothing; larger writes may be partial */
	KT_EXPECT(r, vfs_write(p[1], buf, 200, NULL) == -EAGAIN);
	KT_EXPECT(r, vfs_write(p[1], buf, 8000, NULL) == 100);
	KT_EXPECT(r, (vfs_readiness(p[1], NULL) & POLLOUT) == 0);
	KT_EXPECT(r, vfs_readiness(p[0], NULL) & POLLIN);
	KT_EXPECT(r, vfs_read(p[0], buf, PIPE_SIZE, NULL) == PIPE_SIZE);
	KT_EXPECT(r, vfs_write(p[1], "end", 3, NULL) == 3);
	fput(p[1]);
	KT_EXPECT(r, vfs_read(p[0], buf, 10, NULL) == 3);
	KT_EXPECT(r, vfs_read(p[0], buf, 10, NULL) == 0); /* EOF: no writer */
	fput(p[0]);
	KT_ASSERT(r, pipe_create(p, 0) == 0);
	fput(p[0]);
	KT_EXPECT(r, vfs_write(p[1], "x", 1, NULL) == -EPIPE);
	KT_EXPECT(r, vfs_readiness(p[1], NULL) & POLLERR);
	fput(p[1]);
	KT_EXPECT(r, pipe_create(p, O_RDWR) == -EINVAL);
	kfree(buf);
}

KTEST(fs, rename_link_rmdir)
{
	struct test_ns ns;
	struct kstat st, st2;

	KT_ASSERT(r, ns_enter(&ns));
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a", 0755) == 0);
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a/sub", 0755) == 0);
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a", 0755) == -EEXIST);
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a/.", 0755) == -EEXIST);
	KT_EXPECT(r, put_file("/a/f", "one") == 0);
	KT_EXPECT(r, put_file("/g", "two") == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a", 0, &st) == 0 && st.nlink == 3 && st.size == 80);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/a", AT_REMOVEDIR) == -ENOTEMPTY);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/a/sub/.", AT_REMOVEDIR) == -EINVAL);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/a/sub/..", AT_REMOVEDIR) == -ENOTEMPTY);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/", AT_REMOVEDIR) == -EBUSY);
	/* hard link: same inode, nlink 2 */
	KT_EXPECT(r, vfs_linkat(AT_FDCWD, "/g", AT_FDCWD, "/a/g2", 0) == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/g2", 0, &st) == 0 &&
			     vfs_stat(AT_FDCWD, "/g", 0, &st2) == 0 && st.ino == st2.ino &&
			     st.nlink == 2);
	KT_EXPECT(r, vfs_linkat(AT_FDCWD, "/a", AT_FDCWD, "/a2", 0) == -EPERM);
	KT_EXPECT(r, vfs_linkat(AT_FDCWD, "/g", AT_FDCWD, "/a/f", 0) == -EEXIST);
	/* rename over a file replaces it; onto a dir is EISDIR; dir into itself EINVAL */
	KT_EXPECT(r, vfs_renameat2(AT_FDCWD, "/g", AT_FDCWD, "/a/f", 0) == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/g", 0, &st) == -ENOENT);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/f", 0, &st) == 0 && st.ino == st2.ino);
	KT_EXPECT(r, vfs_renameat2(AT_FDCWD, "/a/f", AT_FDCWD, "/a/sub", 0) == -EISDIR);
	KT_EXPECT(r, vfs_renameat2(AT_FDCWD, "/a", AT_FDCWD, "/a/sub/x", 0) == -EINVAL);
	KT_EXPECT(r, vfs_renameat2(AT_FDCWD, "/a/sub", AT_FDCWD, "/a/f", 0) == -ENOTDIR);
	KT_EXPECT(r,
		  vfs_renameat2(AT_FDCWD, "/a/f", AT_FDCWD, "/a/g2", RENAME_NOREPLACE) == -EEXIST);
	KT_EXPECT(r, vfs_renameat2(AT_FDCWD, "/a/sub", AT_FDCWD, "/top", 0) == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a", 0, &st) == 0 && st.nlink == 2);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/top/..", 0, &st) == 0 &&
			     vfs_stat(AT_FDCWD, "/", 0, &st2) == 0 && st.ino == st2.ino);
	KT_EXPECT(r, vfs_renameat2(AT_FDCWD, "/top", AT_FDCWD, "/a/f", RENAME_EXCHANGE) == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a/f", 0, &st) == 0 && S_ISDIR(st.mode));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/top", 0, &st) == 0 && S_ISREG(st.mode));
	KT_EXPECT(r, vfs_renameat2(AT_FDCWD, "/nope", AT_FDCWD, "/x", 0) == -ENOENT);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/a/f", AT_REMOVEDIR) == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/a", 0, &st) == 0 && st.nlink == 2);
	ns_leave(&ns);
}

KTEST(fs, chdir_getcwd_mounts)
{
	struct test_ns ns;
	struct super_block *sb;
	struct mount *m;
	struct path at;
	struct kstat st, st2;
	struct file *f;
	char buf[64];

	KT_ASSERT(r, ns_enter(&ns));
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a", 0755) == 0);
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/a/b", 0755) == 0);
	KT_EXPECT(r, vfs_chdir("/a/b") == 0);
	KT_EXPECT(r, vfs_getcwd(buf, sizeof(buf)) == 5 && strcmp(buf, "/a/b") == 0);
	KT_EXPECT(r, vfs_getcwd(buf, 4) == -ERANGE);
	KT_EXPECT(r, put_file("rel", "r") == 0 && vfs_stat(AT_FDCWD, "/a/b/rel", 0, &st) == 0);
	KT_EXPECT(r, vfs_chdir("..") == 0 && vfs_getcwd(buf, sizeof(buf)) == 3);
	KT_EXPECT(r, vfs_chdir("b/rel") == -ENOTDIR);
	/* dirfd-relative */
	f = open_at("/a", O_RDONLY | O_DIRECTORY);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, fd_alloc(ns.files, f, 3, false) == 3);
	KT_EXPECT(r, vfs_stat(3, "b/rel", 0, &st2) == 0 && st2.ino == st.ino);
	KT_EXPECT(r, vfs_stat(4, "b/rel", 0, &st2) == -EBADF);
	KT_EXPECT(r, vfs_stat(3, "/a", 0, &st2) == 0);
	/* a second tmpfs mounted on /mnt */
	KT_EXPECT(r, vfs_mkdirat(AT_FDCWD, "/mnt", 0755) == 0);
	sb = ramfs_create_sb("tmpfs", 01777);
	KT_ASSERT(r, sb);
	m = mount_create(sb, "tmpfs");
	KT_ASSERT(r, m);
	KT_ASSERT(r, path_lookupat(AT_FDCWD, "/mnt", LOOKUP_FOLLOW, &at) == 0);
	KT_EXPECT(r, mount_attach(m, &at) == 0);
	path_put(&at);
	KT_EXPECT(r, put_file("/mnt/inside", "in") == 0);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/mnt", 0, &st) == 0 && st.mode == (S_IFDIR | 01777));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/mnt/..", 0, &st) == 0 &&
			     vfs_stat(AT_FDCWD, "/", 0, &st2) == 0 && st.ino == st2.ino);
	KT_EXPECT(r, vfs_unlinkat(AT_FDCWD, "/mnt", AT_REMOVEDIR) == -EBUSY);
	KT_EXPECT(r, vfs_linkat(AT_FDCWD, "/mnt/inside", AT_FDCWD, "/x", 0) == -EXDEV);
	KT_EXPECT(r, vfs_chdir("/mnt") == 0 && vfs_getcwd(buf, sizeof(buf)) == 5);
	KT_ASSERT(r, path_lookupat(AT_FDCWD, "/mnt", LOOKUP_FOLLOW, &at) == 0);
	KT_EXPECT(r, vfs_umount(&at) == -EBUSY); /* it is the cwd */
	KT_EXPECT(r, vfs_chdir("/") == 0);
	KT_EXPECT(r, vfs_umount(&at) == 0);
	path_put(&at);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/mnt/inside", 0, &st) == -ENOENT);
	ns_leave(&ns);
}

KTEST(fs, device_nodes)
{
	struct test_ns ns;
	struct termios t;
	struct winsize ws = {1, 2, 3, 4};
	char buf[8] = "xxxxxxx";
	struct file *f;

	KT_ASSERT(r, ns_enter(&ns));
	KT_EXPECT(r, vfs_mknodat(AT_FDCWD, "/null", S_IFCHR | 0666, MKDEV(1, 3)) == 0);
	KT_EXPECT(r, vfs_mknodat(AT_FDCWD, "/zero", S_IFCHR | 0666, MKDEV(1, 5)) == 0);
	KT_EXPECT(r, vfs_mknodat(AT_FDCWD, "/console", S_IFCHR | 0600, MKDEV(5, 1)) == 0);
	KT_EXPECT(r, vfs_mknodat(AT_FDCWD, "/urandom", S_IFCHR | 0666, MKDEV(1, 9)) == 0);
	KT_EXPECT(r, vfs_mknodat(AT_FDCWD, "/bad", S_IFCHR | 0666, MKDEV(99, 1)) == 0);
	KT_EXPECT(r, vfs_mknodat(AT_FDCWD, "/d", S_IFDIR | 0666, 0) == -EPERM);
	f = open_at("/null", O_RDWR);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, vfs_write(f, "abc", 3, NULL) == 3 && vfs_read(f, buf, 8, NULL) == 0);
	KT_EXPECT(r, vfs_ioctl(f, TCGETS, &t) == -ENOTTY);
	KT_EXPECT(r, vfs_lseek(f, 100, SEEK_SET) == 0);
	fput(f);
	f = open_at("/zero", O_RDONLY);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, vfs_read(f, buf, 8, NULL) == 8 && buf[0] == 0 && buf[7] == 0);
	fput(f);
	f = open_at("/urandom", O_RDONLY);
	KT_ASSERT(r, !IS_ERR(f));
	{
		u64 a = 0, b = 0;

		KT_EXPECT(r, vfs_read(f, &a, 8, NULL) == 8 && vfs_read(f, &b, 8, NULL) == 8);
		KT_EXPECT(r, a != b);
	}
	fput(f);
	KT_EXPECT(r, PTR_ERR(open_at("/bad", O_RDONLY)) == -ENXIO);
	f = open_at("/console", O_RDWR | O_NONBLOCK);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, vfs_ioctl(f, TCGETS, &t) == 0 && (t.c_lflag & ICANON) && t.c_cc[VEOF] == 4);
	KT_EXPECT(r, vfs_ioctl(f, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 0 && ws.ws_col == 0);
	KT_EXPECT(r, vfs_lseek(f, 0, SEEK_CUR) == -ESPIPE);
	KT_EXPECT(r, vfs_write(f, "", 0, NULL) == 0);
	KT_EXPECT(r, vfs_ioctl(f, 0x1234, &t) == -ENOTTY);
	fput(f);
	ns_leave(&ns);
}

KTEST(fs, initramfs_unpack_small_archive)
{
	struct test_ns ns;
	size_t cap = 4096, off = 0;
	char *arch = kmalloc(cap), buf[16];
	struct kstat st;
	struct file *f;

	KT_ASSERT(r, arch);
	KT_ASSERT(r, ns_enter(&ns));
	KT_EXPECT(r, cpio_put(arch, cap, &off, ".", S_IFDIR | 0755, 0, 0, NULL, 0) == 0);
	KT_EXPECT(r, cpio_put(arch, cap, &off, "etc", S_IFDIR | 0700, 0, 0, NULL, 0) == 0);
	KT_EXPECT(r, cpio_put(arch, cap, &off, "etc/motd", S_IFREG | 0640, 0, 0, "hi!\n", 4) == 0);
	KT_EXPECT(r, cpio_put(arch, cap, &off, "etc/l", S_IFLNK | 0777, 0, 0, "motd", 4) == 0);
	KT_EXPECT(r, cpio_put(arch, cap, &off, "./null", S_IFCHR | 0666, 1, 3, NULL, 0) == 0);
	KT_EXPECT(r, cpio_put(arch, cap, &off, "fifo", S_IFIFO | 0620, 0, 0, NULL, 0) == 0);
	KT_EXPECT(r, cpio_put(arch, cap, &off, "bin/x", S_IFREG | 0755, 0, 0, "x", 1) == 0);
	KT_EXPECT(r, cpio_put_trailer(arch, cap, &off) == 0);
	/* bin/ is missing from the archive: that member fails, the others still unpack */
	KT_EXPECT(r, initramfs_unpack(arch, off) == -ENOENT);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/etc", 0, &st) == 0 && st.mode == (S_IFDIR | 0700));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/etc/motd", 0, &st) == 0 && st.mode == (S_IFREG | 0640) &&
			     st.size == 4);
	KT_EXPECT(r,
		  vfs_stat(AT_FDCWD, "/etc/l", AT_SYMLINK_NOFOLLOW, &st) == 0 && S_ISLNK(st.mode));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/null", 0, &st) == 0 && st.mode == (S_IFCHR | 0666) &&
			     st.rdev == MKDEV(1, 3));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/fifo", 0, &st) == 0 && st.mode == (S_IFIFO | 0620));
	f = open_at("/etc/l", O_RDONLY);
	KT_ASSERT(r, !IS_ERR(f));
	KT_EXPECT(r, vfs_read(f, buf, sizeof(buf), NULL) == 4 && memcmp(buf, "hi!\n", 4) == 0);
	fput(f);
	/* a corrupt archive is refused */
	arch[0] = 'X';
	KT_EXPECT(r, initramfs_unpack(arch, off) == -EINVAL);
	ns_leave(&ns);
	kfree(arch);
}

KTEST(fs, boot_namespace)
{
	struct kstat st;
	struct file *f;
	char buf[64];
	ssize_t n;

	KT_ASSERT(r, vfs_root_mount() != NULL);
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/dev/null", 0, &st) == 0 && st.rdev == MKDEV(1, 3));
	KT_EXPECT(r,
		  vfs_stat(AT_FDCWD, "/dev/console", 0, &st) == 0 && st.mode == (S_IFCHR | 0600));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/tmp", 0, &st) == 0 && st.mode == (S_IFDIR | 01777));
	KT_EXPECT(r, vfs_stat(AT_FDCWD, "/proc/meminfo", 0, &st) == 0 && S_ISREG(st.mode));
	f = open_at("/proc/meminfo", O_RDONLY);
	KT_ASSERT(r, !IS_ERR(f));
	n = vfs_read(f, buf, sizeof(buf) - 1, NULL);
	KT_EXPECT(r, n > 10 && memcmp(buf, "MemTotal:", 9) == 0);
	fput(f);
	n = vfs_readlinkat(AT_FDCWD, "/proc/self", buf, sizeof(buf));
	KT_EXPECT(r, n > 0);
}

/* Blocking pipe I/O between two kernel threads: 256 KiB through a 64 KiB ring, then EOF. */
struct pipe_job {
	struct file *end;
	volatile int done;
	volatile long total;
	volatile bool bad;
};

static void pipe_writer(void *arg)
{
	struct pipe_job *j = arg;
	char *buf = kmalloc(8192);

	for (int i = 0; buf && i < 32; i++) {
		memset(buf, 'a' + i % 26, 8192);
		if (vfs_write(j->end, buf, 8192, NULL) != 8192)
			j->bad = true;
		else
			j->total += 8192;
	}
	kfree(buf);
	fput(j->end); /* the reader then sees EOF */
	__atomic_store_n(&j->done, 1, __ATOMIC_SEQ_CST);
}

static void pipe_reader(void *arg)
{
	struct pipe_job *j = arg;
	char *buf = kmalloc(3000);
	ssize_t n;

	while (buf && (n = vfs_read(j->end, buf, 3000, NULL)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != 'a' + (int)((j->total + i) / 8192) % 26)
				j->bad = true;
		j->total += n;
	}
	kfree(buf);
	fput(j->end);
	__atomic_store_n(&j->done, 1, __ATOMIC_SEQ_CST);
}

KTEST(fs, pipe_blocking_between_threads)
{
	struct pipe_job w = {0}, rd = {0};
	struct file *p[2];
	u64 end;

	KT_ASSERT(r, pipe_create(p, 0) == 0);
	rd.end = p[0];
	w.end = p[1];
	KT_ASSERT(r, kthread_create(pipe_reader, &rd, "kt-pipe-r") != NULL);
	KT_ASSERT(r, kthread_create(pipe_writer, &w, "kt-pipe-w") != NULL);
	end = clock_ns() + 5000000000ULL;
	while ((!w.done || !rd.done) && clock_ns() < end)
		schedule();
	KT_EXPECT(r, w.done && rd.done);
	KT_EXPECT(r, !w.bad && !rd.bad);
	KT_EXPECT(r, w.total == 32 * 8192 && rd.total == 32 * 8192);
	/* Let the dead threads be reaped (maybe on other CPUs) before the leak check. */
	while (kthread_count() && clock_ns() < end)
		schedule();
	KT_EXPECT(r, kthread_count() == 0);
}
