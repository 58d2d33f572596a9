/*
 * kernel_clone: validate, then copy one resource per flag with an unwind ladder, then a commit
 * point after which nothing fails, then make the child runnable.
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
#include "task/proc.h"
#include "task/task.h"

void task_first_user(void);

#define CLONE_SUPPORTED                                                                            \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID |    \
	 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_PTRACE |               \
	 CLONE_UNTRACED | CLONE_IO)

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

void clone_child_first_run(void)
{
	struct task *t = current;

	if (t->set_child_tid) {
		/* In the child's own address space; a failure is ignored, as Linux does. */
		(void)put_user_u32(t->set_child_tid, (u32)t->tid);
		t->set_child_tid = 0;
	}
}

long kernel_clone(struct kclone_args *args)
{
	struct task *parent = current, *child;
	struct proc *pp = parent->proc, *cp;
	struct vfork_done vd;
	u64 flags = args->flags;
	int tid, err;

	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL;
	if (args->exit_signal < 0 || args->exit_signal > 64)
		return -EINVAL;

	child = task_alloc();
	if (!child)
		return -ENOMEM;
	tid = tid_alloc(child);
	if (!tid) {
		err = -EAGAIN;
		goto out_task;
	}
	cp = proc_alloc(tid);
	if (!cp) {
		err = -ENOMEM;
		goto out_tid;
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
	if (flags & CLONE_PARENT_SETTID) {
		/* Written before the child can run; a bad pointer is ignored, as Linux does. */
		(void)put_user_u32(args->parent_tid, (u32)tid);
	}

	/* Committed: nothing below may fail. */
	child->tid = tid;
	child->proc = cp;
	strlcpy(child->name, parent->name, sizeof(child->name));
	*child->tf = *parent->tf;
	child->tf->a0 = 0;
	if (args->stack)
		child->tf->sp = args->stack + args->stack_size;
	if (flags & CLONE_SETTLS)
		child->tf->tp = args->tls;
	fp_save(&child->fp); /* the parent's live FP registers */
	if (flags & CLONE_CHILD_SETTID)
		child->set_child_tid = args->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = args->child_tid;
	child->ctx.ra = (u64)task_first_user;
	child->ctx.sp = (u64)child->tf;
	child->ctx.s[1] = (u64)child->tf;
	cp->exit_signal = args->exit_signal;
	cp->nr_threads = 1;
	list_add_tail(&child->group_link, &cp->threads);
	memcpy(cp->exe, pp->exe, sizeof(cp->exe));
	memcpy(cp->rlim, pp->rlim, sizeof(cp->rlim));
	if (pp->exe_file)
		proc_set_exe(cp, pp->exe_file);
	if (flags & CLONE_VFORK) {
		wait_queue_init(&vd.wq, "vfork");
		vd.done = false;
		child->vfork = &vd;
	}
	spin_lock(&tasklist_lock);
	cp->parent = pp;
	cp->ppid = pp->pid;
	cp->pgid = pp->pgid;
	cp->sid = pp->sid;
	list_add_tail(&cp->sibling, &pp->children);
	spin_unlock(&tasklist_lock);
	sched_enqueue_new(child);
	if (flags & CLONE_VFORK)
		vfork_wait(&vd);
	return tid;

out_fs:
	fs_put(child->fs);
out_files:
	files_put(child->files);
out_mm:
	mm_put(child->mm);
out_proc:
	proc_free(cp);
out_tid:
	tid_free(tid);
out_task:
	task_free(child);
	return err;
}
