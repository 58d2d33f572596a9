/* Thread groups: allocation, the first process, and task address-space switching. */
#include "task/proc.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "uapi/fcntl.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "printk.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "signal/signal.h"
#include "string.h"
#include "task/exec.h"
#include "task/pidfd.h"
#include "task/task.h"
#include "time/timer.h"

struct proc *init_proc;
u64 proc_forks;

/* Linux's initial limits (include/asm-generic/resource.h), as pid 1 gets them. */
static const struct rlimit64 init_rlimits[RLIM_NLIMITS] = {
	[0] = {RLIM_INFINITY, RLIM_INFINITY},  /* CPU */
	[1] = {RLIM_INFINITY, RLIM_INFINITY},  /* FSIZE */
	[2] = {RLIM_INFINITY, RLIM_INFINITY},  /* DATA */
	[3] = {8UL << 20, RLIM_INFINITY},      /* STACK */
	[4] = {0, RLIM_INFINITY},	       /* CORE */
	[5] = {RLIM_INFINITY, RLIM_INFINITY},  /* RSS */
	[6] = {3776, 3776},		       /* NPROC (from memory, as 512 MiB Linux) */
	[7] = {1024, 4096},		       /* NOFILE */
	[8] = {8UL << 20, 8UL << 20},	       /* MEMLOCK */
	[9] = {RLIM_INFINITY, RLIM_INFINITY},  /* AS */
	[10] = {RLIM_INFINITY, RLIM_INFINITY}, /* LOCKS */
	[11] = {3776, 3776},		       /* SIGPENDING */
	[12] = {819200, 819200},	       /* MSGQUEUE */
	[13] = {0, 0},			       /* NICE */
	[14] = {0, 0},			       /* RTPRIO */
	[15] = {RLIM_INFINITY, RLIM_INFINITY}, /* RTTIME */
};

int proc_nofile(struct proc *p)
{
	u64 cur = READ_ONCE(p->rlim[RLIMIT_NOFILE].cur);

	return cur > 65536 ? 65536 : (int)cur;
}

void proc_set_subreaper(struct proc *p, bool on)
{
	spin_lock(&tasklist_lock);
	p->child_subreaper = on;
	spin_unlock(&tasklist_lock);
}

bool proc_is_subreaper(struct proc *p)
{
	bool on;

	spin_lock(&tasklist_lock);
	on = p->child_subreaper;
	spin_unlock(&tasklist_lock);
	return on;
}

void proc_set_exe(struct proc *p, struct file *f)
{
	struct file *old;

	fget(f);
	spin_lock(&p->lock);
	old = p->exe_file;
	p->exe_file = f;
	spin_unlock(&p->lock);
	if (old)
		fput(old);
}

/* /proc/self: the calling process. */
static int current_pid(void)
{
	return current->proc ? current->proc->pid : current->tid;
}

void proc_hooks_init(void)
{
	procfs_current_pid = current_pid;
}

struct proc *proc_alloc(int pid)
{
	struct proc *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	memcpy(p->rlim, init_rlimits, sizeof(p->rlim));
	spin_lock_init(&p->lock, "proc");
	p->pid = pid;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->threads);
	wait_queue_init(&p->child_exit, "child_exit");
	wait_queue_init(&p->thread_exit, "thread_exit");
	p->exit_signal = 17; /* SIGCHLD */
	p->start_ns = clock_ns();
	__atomic_fetch_add(&proc_forks, 1, __ATOMIC_RELAXED);
	p->pidref = pidref_alloc(p);
	if (!p->pidref) {
		kfree(p);
		return NULL;
	}
	p->pidref->pid = pid;
	return p;
}

void proc_free(struct proc *p)
{
	pidref_release(p);
	if (p->exe_file)
		fput(p->exe_file);
	kfree(p);
}

void task_switch_mm(struct task *t)
{
	mm_activate(t->mm);
}

/* pid 1 starts as a kernel task that execs the init program, then returns to user mode. */
/* fds 0, 1 and 2 of init are /dev/console, as Linux gives them. */
static void open_console(void)
{
	struct file *f = vfs_open(AT_FDCWD, "/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_warn("init: no /dev/console (%ld)\n", PTR_ERR(f));
		return;
	}
	if (fd_alloc(current->files, f, 0, false) != 0) {
		fput(f);
		return;
	}
	fd_dup3(current->files, 0, 1, 0);
	fd_dup3(current->files, 0, 2, 0);
}

static void init_main(void *arg)
{
	const char *path = arg;
	const char *argv[] = {path, NULL};
	const char *envp[] = {"HOME=/", "TERM=linux", NULL};
	int err;

	open_console();
	err = kernel_execve(path, argv, envp);

	if (err)
		panic("init: cannot run %s: %d", path, err);
	return_to_user();
}

int proc_start_init(const char *path)
{
	struct task *t = task_alloc();
	struct mount *root = vfs_root_mount();
	struct path rootpath;
	struct proc *p;

	if (!t)
		return -ENOMEM;
	if (!root) {
		task_free(t);
		return -ENOENT;
	}
	rootpath.mnt = root;
	rootpath.dentry = root->root;
	p = proc_alloc(1);
	t->files = files_create();
	t->fs = fs_create(&rootpath);
	if (!p || !t->files || !t->fs || signal_init_first(t, p))
		goto out_free;
	if (tid_alloc(t) != 1)
		panic("init: pid 1 taken");
	t->tid = 1;
	t->proc = p;
	p->pgid = p->sid = 0; /* as Linux: pid 1 starts in session 0, group 0 */
	p->nr_threads = 1;
	list_add_tail(&t->group_link, &p->threads);
	strlcpy(t->name, "init", sizeof(t->name));
	init_proc = p;
	/* Runs init_main(path) in the kernel first (task_first_entry), with no user frame yet. */
	t->ctx.ra = (u64)task_first_entry;
	t->ctx.sp = (u64)t->tf;
	t->ctx.s[0] = (u64)init_main;
	t->ctx.s[1] = (u64)path;
	sched_enqueue_new(t);
	return 0;

out_free:
	if (t->files)
		files_put(t->files);
	if (t->fs)
		fs_put(t->fs);
	if (p)
		proc_free(p);
	task_free(t);
	return -ENOMEM;
}
