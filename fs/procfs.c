/*
 * /proc: the root directory, the system-wide files (self, meminfo, mounts, uptime, loadavg,
 * version, cpuinfo, stat), inode making and reads. The per-process directories are in
 * fs/proc_pid.c. Every read generates the whole text again and returns the part at the file
 * position; nothing is cached.
 *
 * Load averages are not tracked: /proc/loadavg reads 0.00 for all three, followed by the
 * real running/total counts and the highest pid in use (Linux: the last pid handed out).
 */
#include "fs/internal.h"
#include "fs/fdtable.h"
#include "fs/proc_internal.h"
#include "fs/procfs.h"
#include "board/board.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "sched/cpu.h"
#include "string.h"
#include "task/proc_info.h"
#include "task/proc.h"
#include "task/task.h"
#include "time/timer.h"

static int default_pid(void)
{
	return current->tid;
}

int (*procfs_current_pid)(void) = default_pid;

static const struct inode_ops proc_root_iops, proc_pid_iops, proc_link_iops;
static const struct file_ops proc_root_fops, proc_pid_fops, proc_file_fops;

/* The root's fixed entries, in readdir order; "self" is the only link. */
static const struct {
	const char *name;
	enum proc_kind kind;
} root_entries[] = {
	{"self", P_SELF},	{"meminfo", P_MEMINFO}, {"mounts", P_MOUNTS},
	{"uptime", P_UPTIME},	{"loadavg", P_LOADAVG}, {"version", P_VERSION},
	{"cpuinfo", P_CPUINFO}, {"stat", P_STAT},
};

struct inode *proc_inode(struct super_block *sb, enum proc_kind kind, int pid, int fd)
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
	case P_SELF:
	case P_EXE:
	case P_CWD:
	case P_FDLINK:
		mode = S_IFLNK | 0777;
		break;
	default:
		mode = S_IFREG | 0444;
	}
	i = inode_alloc(sb, mode);
	if (!i)
		return ERR_PTR(-ENOMEM);
	i->priv = (void *)(((unsigned long)fd << 32) | ((unsigned long)pid << 8) | kind);
	if (S_ISDIR(mode)) {
		i->iops = kind == P_ROOT ? &proc_root_iops : &proc_pid_iops;
		i->fops = kind == P_ROOT ? &proc_root_fops : &proc_pid_fops;
		i->nlink = 2;
	} else if (S_ISLNK(mode)) {
		i->iops = &proc_link_iops;
		i->size = 64;
	} else {
		i->fops = &proc_file_fops;
	}
	return i;
}

bool proc_name_is(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(name, s, len) == 0;
}

long proc_parse_num(const char *name, size_t len)
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

static struct inode *proc_root_lookup(struct inode *dir, const char *name, size_t len)
{
	long n;

	for (size_t k = 0; k < ARRAY_SIZE(root_entries); k++)
		if (proc_name_is(name, len, root_entries[k].name))
			return proc_inode(dir->sb, root_entries[k].kind, 0, 0);
	n = proc_parse_num(name, len);
	if (n > 0 && proc_exists((int)n))
		return proc_inode(dir->sb, P_PIDDIR, (int)n, 0);
	return ERR_PTR(-ENOENT);
}

int proc_file_path(struct file *f, char *buf)
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

	if (PROC_KIND(i) == P_SELF)
		return snprintf(buf, PATH_MAX, "%d", procfs_current_pid());
	return proc_pid_get_link(i, buf);
}

/* Append to a text buffer; the length stops at the buffer's end. */
struct text {
	char *buf;
	size_t size, len;
};

static void __attribute__((format(printf, 2, 3))) tprintf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len + 1 >= t->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len = MIN(t->len + (size_t)n, t->size - 1);
}

static void meminfo_text(struct text *t)
{
	u64 total = frame_total_count() * (PAGE_SIZE / 1024);
	u64 free = frame_free_count() * (PAGE_SIZE / 1024);

	tprintf(t,
		"MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
		"MemAvailable:   %8lu kB\nBuffers:               0 kB\n"
		"Cached:                0 kB\nSwapTotal:             0 kB\n"
		"SwapFree:              0 kB\n",
		(unsigned long)total, (unsigned long)free, (unsigned long)free);
}

/* Ticks of the tick rate in USER_HZ units. */
static u64 to_user_hz(u64 ticks)
{
	return ticks * USER_HZ / hz;
}

static void uptime_text(struct text *t)
{
	u64 up = clock_ns() / 10000000UL, idle = 0; /* hundredths of a second */

	for (int c = 0; c < ncpus; c++)
		idle += to_user_hz(READ_ONCE(cpus[c].idle_ticks));
	tprintf(t, "%lu.%02lu %lu.%02lu\n", (unsigned long)(up / 100), (unsigned long)(up % 100),
		(unsigned long)(idle / 100), (unsigned long)(idle % 100));
}

static void loadavg_text(struct text *t)
{
	int total, running, last;

	proc_counts(&total, &running, &last);
	tprintf(t, "0.00 0.00 0.00 %d/%d %d\n", running, total, last);
}

static const char *hart_isa(u64 hartid)
{
	for (int h = 0; h < board.nharts; h++)
		if (board.harts[h].hartid == hartid)
			return board.harts[h].isa;
	return "rv64imafdc";
}

static void cpuinfo_text(struct text *t)
{
	for (int c = 0; c < ncpus; c++)
		tprintf(t, "processor\t: %d\nhart\t\t: %lu\nisa\t\t: %s\nmmu\t\t: sv39\n\n", c,
			(unsigned long)cpus[c].hartid, hart_isa(cpus[c].hartid));
}

static void cpu_line(struct text *t, const char *name, u64 user, u64 sys, u64 idle)
{
	tprintf(t, "%s %lu 0 %lu %lu 0 0 0 0 0 0\n", name, (unsigned long)to_user_hz(user),
		(unsigned long)to_user_hz(sys), (unsigned long)to_user_hz(idle));
}

static void stat_text(struct text *t)
{
	u64 user = 0, sys = 0, idle = 0;
	int total, running, last;
	char name[16];

	for (int c = 0; c < ncpus; c++) {
		user += READ_ONCE(cpus[c].user_ticks);
		sys += READ_ONCE(cpus[c].sys_ticks);
		idle += READ_ONCE(cpus[c].idle_ticks);
	}
	cpu_line(t, "cpu ", user, sys, idle);
	for (int c = 0; c < ncpus; c++) {
		snprintf(name, sizeof(name), "cpu%d", c);
		cpu_line(t, name, READ_ONCE(cpus[c].user_ticks), READ_ONCE(cpus[c].sys_ticks),
			 READ_ONCE(cpus[c].idle_ticks));
	}
	proc_counts(&total, &running, &last);
	tprintf(t,
		"intr 0\nctxt 0\nbtime %lu\nprocesses %lu\nprocs_running %d\n"
		"procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		(unsigned long)((clock_realtime_ns() - clock_ns()) / 1000000000UL),
		(unsigned long)__atomic_load_n(&proc_forks, __ATOMIC_RELAXED), running);
}

/* The whole text of @i into @buf (@size bytes); its length or -Exxx. */
static ssize_t proc_text(struct inode *i, char *buf, size_t size)
{
	struct text t = {buf, size, 0};
	struct path root;

	switch (PROC_KIND(i)) {
	case P_MEMINFO:
		meminfo_text(&t);
		break;
	case P_MOUNTS:
		fs_get_root(current_fs(), &root);
		t.len = vfs_mounts_text(buf, size, &root);
		path_put(&root);
		break;
	case P_UPTIME:
		uptime_text(&t);
		break;
	case P_LOADAVG:
		loadavg_text(&t);
		break;
	case P_VERSION:
		tprintf(&t, "Linux version 6.1.0-kestrel (kestrel@kestrel) (gcc) #1 SMP\n");
		break;
	case P_CPUINFO:
		cpuinfo_text(&t);
		break;
	case P_STAT:
		stat_text(&t);
		break;
	default:
		return proc_pid_text(i, buf, size);
	}
	return (ssize_t)t.len;
}

static ssize_t proc_file_read(struct file *f, void *kbuf, size_t len, u64 *pos)
{
	char *text = kmalloc(PROC_TEXT_MAX);
	ssize_t n;

	if (!text)
		return -ENOMEM;
	n = proc_text(f->inode, text, PROC_TEXT_MAX);
	if (n < 0 || *pos >= (u64)n) {
		kfree(text);
		return n < 0 ? n : 0;
	}
	len = MIN(len, (size_t)n - (size_t)*pos);
	memcpy(kbuf, text + *pos, len);
	*pos += len;
	kfree(text);
	return (ssize_t)len;
}

static int proc_root_iterate(struct file *f, struct dir_context *ctx)
{
	const u64 base = 2 + ARRAY_SIZE(root_entries); /* pid P sits at position base + P */
	char name[16];

	if (!dir_emit_dots(f, ctx))
		return 0;
	for (; ctx->pos < base; ctx->pos++) {
		size_t k = ctx->pos - 2;
		u32 type = root_entries[k].kind == P_SELF ? S_IFLNK : S_IFREG;

		if (!ctx->emit(ctx, root_entries[k].name, strlen(root_entries[k].name), 100 + k,
			       mode_to_dtype(type)))
			return 0;
	}
	for (;;) {
		int pid = proc_next_pid((int)(ctx->pos - base) - 1);
		int n;

		if (pid <= 0)
			return 0;
		n = snprintf(name, sizeof(name), "%d", pid);
		if (!ctx->emit(ctx, name, (size_t)n, 1000 + (u64)pid, mode_to_dtype(S_IFDIR)))
			return 0;
		ctx->pos = base + (u64)pid + 1;
	}
}

static const struct inode_ops proc_root_iops = {.lookup = proc_root_lookup};
static const struct inode_ops proc_pid_iops = {.lookup = proc_pid_lookup};
static const struct inode_ops proc_link_iops = {.get_link = proc_get_link};
static const struct file_ops proc_root_fops = {.iterate = proc_root_iterate};
static const struct file_ops proc_pid_fops = {.iterate = proc_pid_iterate};
static const struct file_ops proc_file_fops = {.read = proc_file_read};

struct super_block *procfs_create_sb(void)
{
	struct super_block *sb = sb_alloc("proc", NULL, 0, 0555, &proc_root_iops, &proc_root_fops);

	if (sb) {
		sb->root->inode->priv = (void *)(unsigned long)P_ROOT;
		sb->magic = 0x9fa0; /* PROC_SUPER_MAGIC */
	}
	return sb;
}
