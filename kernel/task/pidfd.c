/*
 * pidfds: anonymous files on a static "anon_inode" super block (the pipe pattern: file_alloc
 * with a NULL path), whose readiness hook reports POLLIN once the whole thread group has
 * exited, and the pidfd_open, pidfd_send_signal and pidfd_getfd system calls.
 */
#include "task/pidfd.h"
#include "printk.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "sched/cpu.h"
#include "signal/signal.h"
#include "string.h"
#include "task/proc.h"
#include "task/task.h"
#include "uapi/fcntl.h"

static spinlock_t anon_lock = SPINLOCK_INIT("anon_inode");
static struct super_block anon_sb;
static struct inode *anon_inode; /* [anon_lock] made at first use, never freed */

static void pidref_put(struct pidref *ref)
{
	if (ref && __atomic_sub_fetch(&ref->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(ref);
}

struct pidref *pidref_alloc(struct proc *p)
{
	struct pidref *ref = kzalloc(sizeof(*ref));

	if (!ref)
		return NULL;
	ref->refcount = 1;
	ref->proc = p;
	wait_queue_init(&ref->wq, "pidfd");
	return ref;
}

void pidref_release(struct proc *p)
{
	struct pidref *ref = p->pidref;

	if (!ref)
		return;
	spin_lock(&tasklist_lock);
	ref->proc = NULL;
	p->pidref = NULL;
	spin_unlock(&tasklist_lock);
	wake_up_all(&ref->wq);
	pidref_put(ref);
}

struct pidref *pidref_get_locked(struct proc *p)
{
	struct pidref *ref = p->pidref;

	assert_held(&tasklist_lock);
	if (ref)
		__atomic_fetch_add(&ref->refcount, 1, __ATOMIC_ACQ_REL);
	return ref;
}

void pidfd_notify_exit(struct pidref *ref)
{
	if (!ref)
		return;
	wake_up_all(&ref->wq);
	pidref_put(ref);
}

static u32 pidfd_readiness(struct file *f, struct wait_queue **wq)
{
	struct pidref *ref = f->priv;
	u32 mask = 0;

	spin_lock(&tasklist_lock);
	if (!ref->proc)
		mask = POLLIN | POLLRDNORM | POLLHUP;
	else if (ref->proc->zombie)
		mask = POLLIN | POLLRDNORM;
	spin_unlock(&tasklist_lock);
	if (wq)
		*wq = &ref->wq;
	return mask;
}

static void pidfd_release(struct inode *inode, struct file *f)
{
	pidref_put(f->priv);
}

static const struct file_ops pidfd_ops = {
	.readiness = pidfd_readiness,
	.release = pidfd_release,
};

static struct inode *get_anon_inode(void)
{
	struct inode *i;

	spin_lock(&anon_lock);
	if (!anon_sb.fstype) {
		anon_sb.fstype = "anon_inodefs";
		anon_sb.magic = 0x09041934; /* ANON_INODE_FS_MAGIC */
		anon_sb.dev = MKDEV(0, 0xffe);
		anon_sb.refcount = 1;
	}
	i = anon_inode;
	spin_unlock(&anon_lock);
	if (i)
		return i;
	i = inode_alloc(&anon_sb, 0600); /* Linux's anon inode has no file type bits */
	if (!i)
		return NULL;
	spin_lock(&anon_lock);
	if (anon_inode) {
		spin_unlock(&anon_lock);
		iput(i);
		return anon_inode;
	}
	anon_inode = i; /* the reference taken here is never dropped */
	spin_unlock(&anon_lock);
	return i;
}

/* A pidfd file on @ref, taking over the caller's reference to it. ERR_PTR(-ENOMEM). */
static struct file *pidfd_file(struct pidref *ref, int flags)
{
	struct inode *inode = get_anon_inode();
	struct file *f =
		inode ? file_alloc(NULL, inode, O_RDWR | (flags & O_NONBLOCK), &pidfd_ops) : NULL;

	if (!f) {
		pidref_put(ref);
		return ERR_PTR(-ENOMEM);
	}
	f->priv = ref;
	f->fmode |= FMODE_STREAM;
	return f;
}

struct file *pidfd_create(struct proc *p, int flags)
{
	__atomic_add_fetch(&p->pidref->refcount, 1, __ATOMIC_RELAXED);
	return pidfd_file(p->pidref, flags);
}

/* The pidref behind @fd with a file reference in *@fp (fput it), or NULL (not a pidfd). */
static struct pidref *pidfd_get(int fd, struct file **fp)
{
	struct file *f = fd_get(current->files, fd);

	if (!f)
		return NULL;
	if (f->ops != &pidfd_ops) {
		fput(f);
		return NULL;
	}
	*fp = f;
	return f->priv;
}

int pidfd_target(int fd, u32 *fflags)
{
	struct file *f;
	struct pidref *ref = pidfd_get(fd, &f);
	int pid;

	if (!ref)
		return -EBADF;
	spin_lock(&tasklist_lock);
	pid = ref->pid;
	spin_unlock(&tasklist_lock);
	if (fflags)
		*fflags = READ_ONCE(f->flags);
	fput(f);
	return pid;
}

long do_pidfd_open(int pid, u32 flags)
{
	struct pidref *ref = NULL;
	struct task *t;
	struct proc *p;
	struct file *f;
	long ret = 0;

	if (flags & ~(u32)O_NONBLOCK)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	t = task_by_tid(pid);
	p = proc_find(pid);
	if (t && t->proc && t->proc->pid != pid) {
		ret = -EINVAL; /* a thread that is not a group leader (no thread pidfds yet) */
	} else if (!p || !p->pidref) {
		ret = -ESRCH;
	} else {
		ref = p->pidref;
		__atomic_add_fetch(&ref->refcount, 1, __ATOMIC_RELAXED);
	}
	spin_unlock(&tasklist_lock);
	if (ret)
		return ret;
	f = pidfd_file(ref, (int)flags);
	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = fd_alloc_limit(current->files, f, 0, true, proc_nofile(current->proc));
	if (ret < 0)
		fput(f);
	return ret;
}

long do_pidfd_send_signal(int pidfd, int sig, uaddr_t uinfo, u32 flags)
{
	struct ksiginfo info;
	struct pidref *ref;
	struct file *f;
	long ret = 0;

	if (flags)
		return -EINVAL;
	if (sig < 0 || sig > KNSIG)
		return -EINVAL;
	ref = pidfd_get(pidfd, &f);
	if (!ref)
		return -EBADF;
	memset(&info, 0, sizeof(info));
	if (uinfo) {
		if (copy_from_user(&info, uinfo, sizeof(info))) {
			ret = -EFAULT;
			goto out;
		}
		if (info.si_signo != sig) {
			ret = -EINVAL;
			goto out;
		}
	} else {
		info.si_signo = sig;
		info.si_code = SI_USER;
		info.kill.pid = current->proc->pid;
		info.kill.uid = 0;
	}
	spin_lock(&tasklist_lock);
	if (!ref->proc || ref->proc->zombie)
		ret = -ESRCH;
	else if (uinfo && ref->proc != current->proc &&
		 (info.si_code >= 0 || info.si_code == SI_TKILL))
		ret = -EPERM; /* only the kernel may claim kill() or a kernel origin for others */
	else if (sig)
		ret = send_signal_proc(ref->proc, sig, &info);
	spin_unlock(&tasklist_lock);
out:
	fput(f);
	return ret;
}

long do_pidfd_getfd(int pidfd, int targetfd, u32 flags)
{
	struct files_struct *files = NULL;
	struct file *f, *target = NULL;
	struct pidref *ref;
	struct task *t;
	long ret;

	if (flags)
		return -EINVAL;
	ref = pidfd_get(pidfd, &f);
	if (!ref)
		return -EBADF;
	spin_lock(&tasklist_lock);
	if (ref->proc && !ref->proc->zombie) {
		spin_lock(&ref->proc->lock);
		list_for_each_entry (t, &ref->proc->threads, group_link) {
			if (t->files) {
				files = t->files;
				files_get(files);
				break;
			}
		}
		spin_unlock(&ref->proc->lock);
	}
	spin_unlock(&tasklist_lock);
	fput(f);
	if (!files)
		return -ESRCH;
	target = fd_get(files, targetfd);
	files_put(files);
	if (!target)
		return -EBADF;
	ret = fd_alloc_limit(current->files, target, 0, true, proc_nofile(current->proc));
	if (ret < 0)
		fput(target);
	return ret;
}
