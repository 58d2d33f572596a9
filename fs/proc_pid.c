/*
 * /proc/<pid>: stat, status, cmdline, comm, maps, and the links exe, cwd and fd/<n>, for every
 * process (zombies included, with what Linux still shows of them). The process is looked up
 * again at every read (kernel/task/proc_info.h): a snapshot under its locks, with references
 * on its address space, exe, fs and files, which are then read with no spinlock held.
 * Another process's memory (cmdline) is read through mm_read_remote().
 */
#include "fs/internal.h"
#include "fs/fdtable.h"
#include "fs/proc_internal.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "printk.h"
#include "string.h"
#include "task/exec.h"
#include "task/proc_info.h"

/* The entries of a /proc/<pid> directory, in readdir order. */
static const struct {
	const char *name;
	enum proc_kind kind;
	u32 type;
} pid_entries[] = {
	{"stat", P_PID_STAT, S_IFREG},
	{"status", P_PID_STATUS, S_IFREG},
	{"cmdline", P_PID_CMDLINE, S_IFREG},
	{"comm", P_PID_COMM, S_IFREG},
	{"maps", P_PID_MAPS, S_IFREG},
	{"exe", P_EXE, S_IFLNK},
	{"cwd", P_CWD, S_IFLNK},
	{"fd", P_FDDIR, S_IFDIR},
};

/* Does @pid have an open fd @fd? */
static bool pid_has_fd(int pid, int fd)
{
	struct proc_info pi;
	struct file *f = NULL;

	if (proc_info_get(pid, PI_FILES, &pi))
		return false;
	if (pi.files)
		f = fd_get(pi.files, fd);
	proc_info_put(&pi);
	if (f)
		fput(f);
	return f != NULL;
}

struct inode *proc_pid_lookup(struct inode *dir, const char *name, size_t len)
{
	int pid = PROC_PID(dir);
	long n;

	if (PROC_KIND(dir) == P_FDDIR) {
		n = proc_parse_num(name, len);
		if (n >= 0 && pid_has_fd(pid, (int)n))
			return proc_inode(dir->sb, P_FDLINK, pid, (int)n);
		return ERR_PTR(-ENOENT);
	}
	if (!proc_exists(pid))
		return ERR_PTR(-ENOENT);
	for (size_t k = 0; k < ARRAY_SIZE(pid_entries); k++)
		if (proc_name_is(name, len, pid_entries[k].name))
			return proc_inode(dir->sb, pid_entries[k].kind, pid, 0);
	return ERR_PTR(-ENOENT);
}

static int fd_iterate(int pid, struct dir_context *ctx)
{
	struct proc_info pi;
	char name[16];

	if (proc_info_get(pid, PI_FILES, &pi))
		return -ENOENT;
	for (; pi.files && ctx->pos - 2 < (u64)RLIMIT_NOFILE_DEFAULT; ctx->pos++) {
		struct file *f = fd_get(pi.files, (int)(ctx->pos - 2));
		int n;

		if (!f)
			continue;
		fput(f);
		n = snprintf(name, sizeof(name), "%d", (int)(ctx->pos - 2));
		if (!ctx->emit(ctx, name, (size_t)n, 1000 + ctx->pos, mode_to_dtype(S_IFLNK)))
			break;
	}
	proc_info_put(&pi);
	return 0;
}

int proc_pid_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;

	if (!dir_emit_dots(f, ctx))
		return 0;
	if (PROC_KIND(dir) == P_FDDIR)
		return fd_iterate(PROC_PID(dir), ctx);
	for (; ctx->pos - 2 < ARRAY_SIZE(pid_entries); ctx->pos++) {
		size_t k = ctx->pos - 2;

		if (!ctx->emit(ctx, pid_entries[k].name, strlen(pid_entries[k].name), 100 + k,
			       mode_to_dtype(pid_entries[k].type)))
			return 0;
	}
	return 0;
}

int proc_pid_get_link(struct inode *i, char *buf)
{
	struct proc_info pi;
	struct file *f = NULL;
	int n = -ENOENT;

	if (proc_info_get(PROC_PID(i), PI_EXE | PI_FS | PI_FILES, &pi))
		return -ENOENT;
	switch (PROC_KIND(i)) {
	case P_EXE:
		if (pi.exe)
			n = proc_file_path(pi.exe, buf);
		break;
	case P_CWD:
		if (pi.fs) {
			struct path cwd, root;
			char *s;

			fs_get_cwd(pi.fs, &cwd);
			fs_get_root(current_fs(), &root);
			s = d_path(&cwd, &root, buf, PATH_MAX);
			path_put(&root);
			path_put(&cwd);
			if (IS_ERR(s)) {
				n = (int)PTR_ERR(s);
				break;
			}
			n = (int)strlen(s);
			memmove(buf, s, (size_t)n + 1);
		}
		break;
	case P_FDLINK:
		f = pi.files ? fd_get(pi.files, PROC_FD(i)) : NULL;
		if (f) {
			n = proc_file_path(f, buf);
			fput(f);
		}
		break;
	default:
		n = -EINVAL;
	}
	proc_info_put(&pi);
	return n;
}

/* Append to @buf (@size bytes) at *@len; the length stops at the buffer's end. */
static void __attribute__((format(printf, 4, 5)))
add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len + 1 >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = MIN(*len + (size_t)n, size - 1);
}

static ssize_t stat_text(struct proc_info *pi, char *buf, size_t size)
{
	u64 vsize = 0, rss = 0;
	uaddr_t start_brk = 0, arg_start = 0, arg_end = 0;
	size_t len = 0;

	if (pi->mm) {
		mm_usage(pi->mm, &vsize, &rss);
		start_brk = pi->mm->start_brk;
		arg_start = pi->mm->arg_start;
		arg_end = pi->mm->arg_end;
	}
	/* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt */
	add(buf, size, &len, "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 ", pi->pid, pi->comm,
	    pi->state, pi->ppid, pi->pgid, pi->sid);
	/* utime stime cutime cstime priority nice num_threads itrealvalue starttime */
	add(buf, size, &len, "%lu %lu %lu %lu 20 0 %d 0 %lu ", (unsigned long)pi->utime,
	    (unsigned long)pi->stime, (unsigned long)pi->cutime, (unsigned long)pi->cstime,
	    pi->nr_threads, (unsigned long)pi->start_time);
	/* vsize rss rsslim startcode endcode startstack kstkesp kstkeip signal blocked
	 * sigignore sigcatch wchan nswap cnswap exit_signal processor rt_priority policy
	 * delayacct_blkio_ticks guest_time cguest_time */
	add(buf, size, &len, "%lu %lu 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 ",
	    (unsigned long)vsize, (unsigned long)rss);
	/* start_data end_data start_brk arg_start arg_end env_start env_end exit_code */
	add(buf, size, &len, "0 0 %lu %lu %lu 0 0 0\n", (unsigned long)start_brk,
	    (unsigned long)arg_start, (unsigned long)arg_end);
	return (ssize_t)len;
}

static const char *state_name(char state)
{
	switch (state) {
	case 'R':
		return "R (running)";
	case 'S':
		return "S (sleeping)";
	case 'T':
		return "T (stopped)";
	default:
		return "Z (zombie)";
	}
}

static ssize_t status_text(struct proc_info *pi, char *buf, size_t size)
{
	size_t len = 0;

	add(buf, size, &len,
	    "Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
	    "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t\n",
	    pi->comm, state_name(pi->state), pi->pid, pi->pid, pi->ppid);
	if (pi->mm) {
		u64 vsize, rss;

		mm_usage(pi->mm, &vsize, &rss);
		add(buf, size, &len,
		    "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n",
		    (unsigned long)(vsize >> 10), (unsigned long)(vsize >> 10),
		    (unsigned long)(rss * (PAGE_SIZE >> 10)),
		    (unsigned long)(rss * (PAGE_SIZE >> 10)));
	}
	add(buf, size, &len, "Threads:\t%d\n", pi->nr_threads);
	return (ssize_t)len;
}

static ssize_t cmdline_text(struct proc_info *pi, char *buf, size_t size)
{
	struct mm *mm = pi->mm;

	if (!mm || mm->arg_end <= mm->arg_start)
		return 0;
	return (ssize_t)mm_read_remote(mm, mm->arg_start, buf,
				       MIN(size, (size_t)(mm->arg_end - mm->arg_start)));
}

struct maps_walk {
	char *buf;
	size_t size, len;
	struct mm *mm;
	struct path root;
	char *path; /* PATH_MAX bytes for file names */
};

/* One line of /proc/<pid>/maps, the name padded to column 73 as Linux does. */
static void maps_one(const struct vma *v, void *arg)
{
	struct maps_walk *w = arg;
	const char *name = "";
	u64 ino = 0;
	size_t start = w->len;

	if (v->ops == &file_vm_ops) {
		struct file *f = v->file;
		char *s = f->path.mnt ? d_path(&f->path, &w->root, w->path, PATH_MAX) : NULL;

		name = s && !IS_ERR(s) ? s : f->path.dentry->name;
		ino = f->inode ? f->inode->ino : 0;
	} else if (v->start == w->mm->vdso_base) {
		name = "[vdso]";
	} else if (w->mm->vdso_base && v->end == w->mm->vdso_base && (v->flags & VM_SHARED)) {
		name = "[vvar]"; /* the vDSO's data page just below it */
	} else if (v->start <= w->mm->brk && v->end >= w->mm->start_brk) {
		name = "[heap]";
	} else if (v->flags & VM_GROWSDOWN) {
		name = "[stack]";
	}
	add(w->buf, w->size, &w->len, "%08lx-%08lx %c%c%c%c %08lx 00:00 %lu ",
	    (unsigned long)v->start, (unsigned long)v->end, v->flags & VM_READ ? 'r' : '-',
	    v->flags & VM_WRITE ? 'w' : '-', v->flags & VM_EXEC ? 'x' : '-',
	    v->flags & VM_SHARED ? 's' : 'p', (unsigned long)(v->ops ? v->pgoff : 0),
	    (unsigned long)ino);
	if (*name) {
		while (w->len - start < 73 && w->len + 1 < w->size)
			w->buf[w->len++] = ' ';
		add(w->buf, w->size, &w->len, "%s", name);
	} else if (w->len > start) {
		w->len--; /* no trailing space without a name, as Linux */
	}
	add(w->buf, w->size, &w->len, "\n");
}

static ssize_t maps_text(struct proc_info *pi, char *buf, size_t size)
{
	struct maps_walk w = {buf, size, 0, pi->mm, {0}, NULL};

	if (!pi->mm)
		return 0;
	w.path = kmalloc(PATH_MAX);
	if (!w.path)
		return -ENOMEM;
	fs_get_root(current_fs(), &w.root);
	mm_walk_vmas(pi->mm, maps_one, &w);
	path_put(&w.root);
	kfree(w.path);
	return (ssize_t)w.len;
}

ssize_t proc_pid_text(struct inode *i, char *buf, size_t size)
{
	struct proc_info pi;
	ssize_t n;

	if (proc_info_get(PROC_PID(i), PI_MM, &pi))
		return -ESRCH;
	switch (PROC_KIND(i)) {
	case P_PID_STAT:
		n = stat_text(&pi, buf, size);
		break;
	case P_PID_STATUS:
		n = status_text(&pi, buf, size);
		break;
	case P_PID_CMDLINE:
		n = cmdline_text(&pi, buf, size);
		break;
	case P_PID_COMM:
		n = snprintf(buf, size, "%s\n", pi.comm);
		break;
	case P_PID_MAPS:
		n = maps_text(&pi, buf, size);
		break;
	default:
		n = -EINVAL;
	}
	proc_info_put(&pi);
	return n;
}
