/*
 * kernel_clone: the checks of clone3.md section 3 from step 15 on, then one copy per resource
 * with a goto unwind ladder, then a commit point after which nothing fails, then the child is
 * made visible and runnable. The argument copying (steps 1 to 14) is in clone_args.c.
 *
 * Locks: the child is private to this function until the commit point; it is linked into its
 * thread group (proc->lock) and the process tree (tasklist_lock) there, with both held, so a
 * reader never sees a half-built task.
 */
#include "task/clone.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "sched/sched.h"
#include "signal/signal.h"
#include "string.h"
#include "task/exit.h"
#include "task/pidfd.h"
#include "task/proc.h"
#include "task/task.h"

void task_first_user(void);

/* Steps 15 to 23 and the namespace policy of step 28 (clone3.md section 11). */
static int clone_check_flags(const struct kclone_args *a)
{
	u64 f = a->flags;

	if ((f & CLONE_PIDFD) && (f & CLONE_PARENT_SETTID) && a->pidfd == a->parent_tid)
		return -EINVAL;
	if ((f & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((f & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((f & CLONE_THREAD) && !(f & CLONE_SIGHAND))
		return -EINVAL;
	if ((f & CLONE_SIGHAND) && !(f & CLONE_VM))
		return -EINVAL;
	if ((f & CLONE_PARENT) && current->proc == init_proc)
		return -EINVAL;
	if ((f & CLONE_THREAD) && (f & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	/* PIDFD with THREAD: Linux 6.1-6.8 (policy until thread pidfds exist). */
	if ((f & CLONE_PIDFD) && (f & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	/* No namespaces: EPERM for the unprivileged, EINVAL otherwise; everyone is euid 0. */
	if (f & (CLONE_NS_FLAGS | CLONE_NEWTIME))
		return -EINVAL;
	return 0;
}

static int copy_mm(struct task *child, struct task *parent, u64 flags)
{
	if (flags & CLONE_VM) {
		mm_get(parent->mm);
		child->mm = parent->mm;
		return 0;
	}
	child->mm = mm_dup(parent->mm);
	return child->mm ? 0 : -ENOMEM;
}

static int copy_files(struct task *child, struct task *parent, u64 flags)
{
	if (flags & CLONE_FILES) {
		files_get(parent->files);
		child->files = parent->files;
		return 0;
	}
	child->files = files_dup(parent->files);
	return child->files ? 0 : -ENOMEM;
}

static int copy_fs(struct task *child, struct task *parent, u64 flags)
{
	if (flags & CLONE_FS) {
		fs_get(parent->fs);
		child->fs = parent->fs;
		return 0;
	}
	child->fs = fs_dup(parent->fs);
	return child->fs ? 0 : -ENOMEM;
}

/* Step 30: the child's tid, chosen by set_tid (one pid namespace: 0 or 1 entries) or free. */
static int clone_alloc_tid(struct task *child, const struct kclone_args *a)
{
	int tid;

	if (a->set_tid_size > 1)
		return -EINVAL;
	if (a->set_tid_size == 1) {
		tid = a->set_tid[0];
		if (tid < 1 || tid >= PID_MAX)
			return -EINVAL;
		/* Privilege (CAP_CHECKPOINT_RESTORE) would be checked here: everyone is root. */
		return tid_alloc_at(child, tid);
	}
	tid = tid_alloc(child);
	return tid ? tid : -EAGAIN; /* the allocator's "none left" is EAGAIN, as Linux */
}

/* Step 31: a pidfd in the caller's table, its number stored at @a->pidfd. fd or -Exxx. */
static int clone_install_pidfd(struct proc *cp, const struct kclone_args *a)
{
	struct file *f = pidfd_create(cp, 0);
	int fd;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	fd = fd_alloc_limit(current->files, f, 0, true, proc_nofile(current->proc));
	if (fd < 0) {
		fput(f);
		return fd;
	}
	if (put_user_u32(a->pidfd, (u32)fd)) {
		fd_close(current->files, fd);
		return -EFAULT;
	}
	return fd;
}

/* The child's registers: the caller's, but a0 = 0, and sp and tp when given (section 7.4). */
static void clone_setup_regs(struct task *child, struct task *parent, const struct kclone_args *a)
{
	*child->tf = *parent->tf;
	child->tf->a0 = 0;
	if (a->stack)
		child->tf->sp = a->stack;
	if (a->flags & CLONE_SETTLS)
		child->tf->tp = a->tls;
	fp_save(&child->fp); /* the parent's live FP registers */
	child->ctx.ra = (u64)task_first_user;
	child->ctx.sp = (u64)child->tf;
	child->ctx.s[1] = (u64)child->tf;
}

/* Link @child (tid @tid) into its group, and a new @cp into the tree. [T] and [P] taken. */
static void clone_make_visible(struct task *child, struct proc *cp, const struct kclone_args *a)
{
	struct task *parent = current;
	struct proc *pp = parent->proc, *gp;

	spin_lock(&tasklist_lock);
	if (cp) {
		/* PARENT: a sibling of the caller, with the caller's leader's exit signal. */
		gp = (a->flags & CLONE_PARENT) ? pp->parent : pp;
		cp->parent = gp;
		cp->ppid = gp->pid;
		cp->creator_tid = (a->flags & CLONE_PARENT) ? 0 : parent->tid;
		cp->pgid = pp->pgid;
		cp->sid = pp->sid;
		cp->tty = pp->tty;
		cp->exit_signal = (a->flags & CLONE_PARENT) ? pp->exit_signal : a->exit_signal;
		/* The exit signal stands while the parent runs the program that chose it. */
		cp->parent_exec_id =
			(a->flags & CLONE_PARENT) ? pp->parent_exec_id : pp->self_exec_id;
		cp->pidref->pid = cp->pid;
		cp->nr_threads = 1;
		list_add_tail(&child->group_link, &cp->threads);
		list_add_tail(&cp->sibling, &gp->children);
		child->proc = cp;
	} else {
		spin_lock(&pp->lock);
		list_add_tail(&child->group_link, &pp->threads);
		pp->nr_threads++;
		spin_unlock(&pp->lock);
		child->proc = pp;
	}
	spin_unlock(&tasklist_lock);
}

long kernel_clone(struct kclone_args *args)
{
	struct task *parent = current, *child;
	struct proc *pp = parent->proc, *cp = NULL;
	struct vfork_done vd;
	u64 flags = args->flags;
	int tid, err;

	err = clone_check_flags(args);
	if (err)
		return err;
	if (task_signal_pending(parent))
		return -ERESTARTNOINTR; /* step 24: take the signal first, then clone again */

	child = task_alloc();
	if (!child)
		return -ENOMEM;
	if (!(flags & CLONE_THREAD)) {
		cp = proc_alloc(0);
		if (!cp) {
			err = -ENOMEM;
			goto out_task;
		}
	}
	err = copy_mm(child, parent, flags);
	if (err)
		goto out_proc;
	err = copy_files(child, parent, flags);
	if (err)
		goto out_mm;
	err = copy_fs(child, parent, flags);
	if (err)
		goto out_files;
	err = copy_sighand(child, cp, parent, flags);
	if (err)
		goto out_fs;
	tid = clone_alloc_tid(child, args);
	if (tid < 0) {
		err = tid;
		goto out_sighand;
	}
	if (cp) {
		cp->pid = tid;
		memcpy(cp->rlim, pp->rlim, sizeof(cp->rlim));
		if (pp->exe_file)
			proc_set_exe(cp, pp->exe_file);
	}
	if (flags & CLONE_PIDFD) {
		err = clone_install_pidfd(cp, args);
		if (err < 0)
			goto out_tid;
	}

	/* Committed: nothing below may fail. */
	child->tid = tid;
	strlcpy(child->name, parent->name, sizeof(child->name));
	child->cpus_allowed = parent->cpus_allowed; /* affinity is inherited, as Linux does */
	clone_setup_regs(child, parent, args);
	if (flags & CLONE_CHILD_SETTID)
		child->set_child_tid = args->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = args->child_tid;
	if (flags & CLONE_VFORK) {
		wait_queue_init(&vd.wq, "vfork");
		vd.done = false;
		child->vfork = &vd;
	}
	clone_make_visible(child, cp, args);
	if (flags & CLONE_PARENT_SETTID) {
		/* Before the child can run; a bad pointer is ignored, as Linux does. */
		(void)put_user_u32(args->parent_tid, (u32)tid);
	}
	sched_enqueue_new(child);
	if (flags & CLONE_VFORK)
		vfork_wait(&vd, child);
	return tid;

out_tid:
	tid_free(tid);
out_sighand:
	signal_undo_clone(child);
out_fs:
	fs_put(child->fs);
out_files:
	files_put(child->files);
out_mm:
	mm_put(child->mm);
out_proc:
	if (cp)
		proc_free(cp);
out_task:
	task_free(child);
	return err;
}

void clone_child_first_run(void)
{
	struct task *t = current;

	if (t->set_child_tid) {
		/* In the child's own address space; a failure is ignored, as Linux does. */
		(void)put_user_u32(t->set_child_tid, (u32)t->tid);
		t->set_child_tid = 0;
	}
}
