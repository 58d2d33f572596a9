/*
 * Pipes: a 64 KiB ring with two wait queues. Readers sleep while it is empty and a writer
 * exists; writers sleep while it lacks room (all of a write of up to PIPE_BUF bytes must fit
 * at once, so such writes are never split). With no writers left a read returns 0 (EOF); with
 * no readers left a write fails with -EPIPE and SIGPIPE. Anonymous pipes live on inodes of an
 * internal "pipefs"; named pipes (fifos) keep the ring in their inode's priv, created at first
 * open.
 *
 * Bytes go straight between the ring and user memory: a reader copies out of the ring before
 * it moves the tail, a writer into the free part before it moves the head, so a fault takes or
 * leaves nothing (Linux's pipes do the same) and no bounce buffer is needed.
 *
 * Locks: pipe->lock protects the counters and the counts; it nests inside the wait queue locks
 * (conditions run under them) and is never held across a sleep or a user copy. rd_mutex (wr_mutex)
 * is held by the one reader (writer) copying: the bytes between tail and head belong to it,
 * since writers fill only past head, and the free part to the one writer.
 */
#include "fs/internal.h"
#include "fs/pipe.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "printk.h"
#include "lock/mutex.h"
#include "sched/wait.h"
#include "signal/signal.h"
#include "string.h"

struct pipe {
	spinlock_t lock;
	struct mutex rd_mutex, wr_mutex;
	struct wait_queue rwait, wwait;
	char *buf;	/* PIPE_SIZE bytes: [rd_mutex] from tail to head, [wr_mutex] the rest */
	u32 head, tail; /* [lock] free-running write and read counters */
	u32 readers, writers; /* [lock] open ends */
	u32 nwriters_seen;    /* [lock] fifo: writers that ever opened (open wake-up) */
	u32 nreaders_seen;    /* [lock] */
};

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->buf = kmalloc(PIPE_SIZE);
	if (!p->buf) {
		kfree(p);
		return NULL;
	}
	spin_lock_init(&p->lock, "pipe");
	mutex_init(&p->rd_mutex, "pipe_read");
	mutex_init(&p->wr_mutex, "pipe_write");
	wait_queue_init(&p->rwait, "pipe_read");
	wait_queue_init(&p->wwait, "pipe_write");
	return p;
}

static void pipe_free(struct pipe *p)
{
	if (p) {
		kfree(p->buf);
		kfree(p);
	}
}

void pipe_inode_free(struct inode *inode)
{
	pipe_free(inode->priv);
}

static bool can_read(void *arg)
{
	struct pipe *p = arg;
	bool r;

	spin_lock(&p->lock);
	r = p->head != p->tail || p->writers == 0;
	spin_unlock(&p->lock);
	return r;
}

/*
 * Copy @n bytes between the ring from counter @at on and @b from offset @off on (@out: ring to
 * @b); false if user memory faulted. Caller holds rd_mutex (@out) or wr_mutex for those bytes.
 */
static bool ring_copy(struct pipe *p, u32 at, const struct iobuf *b, size_t off, size_t n, bool out)
{
	for (size_t done = 0; done < n;) {
		u32 i = (at + (u32)done) % PIPE_SIZE;
		size_t chunk = MIN(n - done, (size_t)(PIPE_SIZE - i)), got;

		got = out ? iobuf_out(b, off + done, p->buf + i, chunk)
			  : iobuf_in(p->buf + i, b, off + done, chunk);
		if (got < chunk)
			return false;
		done += chunk;
	}
	return true;
}

static ssize_t pipe_read(struct file *f, const struct iobuf *b, size_t len, u64 *pos)
{
	struct pipe *p = f->inode->priv;

	if (len == 0)
		return 0;
	for (;;) {
		u32 count, tail, writers;
		int err;

		mutex_lock(&p->rd_mutex);
		spin_lock(&p->lock);
		count = p->head - p->tail;
		tail = p->tail;
		writers = p->writers;
		spin_unlock(&p->lock);
		if (count) {
			size_t n = MIN(len, (size_t)count);

			if (!ring_copy(p, tail, b, 0, n, true)) {
				mutex_unlock(&p->rd_mutex);
				return -EFAULT; /* nothing taken */
			}
			spin_lock(&p->lock);
			p->tail += (u32)n;
			spin_unlock(&p->lock);
			mutex_unlock(&p->rd_mutex);
			wake_up_all(&p->wwait);
			return (ssize_t)n;
		}
		mutex_unlock(&p->rd_mutex);
		if (writers == 0)
			return 0;
		if (READ_ONCE(f->flags) & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event(&p->rwait, can_read, p, 0);
		if (err)
			return err == -EINTR ? -ERESTARTSYS : err;
	}
}

struct write_wait {
	struct pipe *p;
	size_t need;
};

static bool can_write(void *arg)
{
	struct write_wait *w = arg;
	struct pipe *p = w->p;
	bool r;

	spin_lock(&p->lock);
	r = PIPE_SIZE - (p->head - p->tail) >= w->need || p->readers == 0;
	spin_unlock(&p->lock);
	return r;
}

static ssize_t pipe_write(struct file *f, const struct iobuf *b, size_t len, u64 *pos)
{
	struct pipe *p = f->inode->priv;
	size_t done = 0;

	if (len == 0)
		return 0;
	for (;;) {
		struct write_wait w = {p, (len - done <= PIPE_BUF) ? len - done : 1};
		size_t space, n = 0;
		u32 head, readers;
		int err;

		mutex_lock(&p->wr_mutex);
		spin_lock(&p->lock);
		readers = p->readers;
		head = p->head;
		space = PIPE_SIZE - (p->head - p->tail);
		spin_unlock(&p->lock);
		if (readers == 0) {
			mutex_unlock(&p->wr_mutex);
			send_sig_self(SIGPIPE);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (space >= w.need) {
			n = MIN(space, len - done);
			if (!ring_copy(p, head, b, done, n, false)) {
				mutex_unlock(&p->wr_mutex);
				return done ? (ssize_t)done : -EFAULT; /* nothing of this part */
			}
			spin_lock(&p->lock);
			p->head += (u32)n;
			spin_unlock(&p->lock);
			done += n;
		}
		mutex_unlock(&p->wr_mutex);
		if (n)
			wake_up_all(&p->rwait);
		if (done == len)
			return (ssize_t)done;
		if (READ_ONCE(f->flags) & O_NONBLOCK)
			return done ? (ssize_t)done : -EAGAIN;
		err = wait_event(&p->wwait, can_write, &w, 0);
		if (err)
			return done ? (ssize_t)done : err == -EINTR ? -ERESTARTSYS : err;
	}
}

static u32 pipe_readiness(struct file *f, struct wait_queue **wq)
{
	struct pipe *p = f->inode->priv;
	u32 mask = 0;

	spin_lock(&p->lock);
	if (f->fmode & FMODE_READ) {
		if (p->head != p->tail)
			mask |= POLLIN | POLLRDNORM;
		if (p->writers == 0 && p->nwriters_seen)
			mask |= POLLHUP;
	}
	if (f->fmode & FMODE_WRITE) {
		if (PIPE_SIZE - (p->head - p->tail) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	if (wq)
		*wq = (f->fmode & FMODE_READ) ? &p->rwait : &p->wwait;
	return mask;
}

static void pipe_release(struct inode *inode, struct file *f)
{
	struct pipe *p = inode->priv;

	spin_lock(&p->lock);
	if (f->fmode & FMODE_READ)
		p->readers--;
	if (f->fmode & FMODE_WRITE)
		p->writers--;
	spin_unlock(&p->lock);
	wake_up_all(&p->rwait);
	wake_up_all(&p->wwait);
}

static s64 pipe_llseek(struct file *f, s64 off, int whence)
{
	return -ESPIPE;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, void *karg)
{
	struct pipe *p = f->inode->priv;

	if (cmd != 0x541B) /* FIONREAD */
		return -ENOTTY;
	spin_lock(&p->lock);
	*(int *)karg = (int)(p->head - p->tail);
	spin_unlock(&p->lock);
	return 0;
}

static const struct file_ops pipe_ops = {
	.read_iob = pipe_read,
	.write_iob = pipe_write,
	.llseek = pipe_llseek,
	.ioctl = pipe_ioctl,
	.readiness = pipe_readiness,
	.release = pipe_release,
};

/* ---- anonymous pipes ---- */

/*
 * The pipefs super block, its root inode and dentry are static (made at first use, never
 * freed), so pipes cost nothing beyond their own inode, dentry and ring.
 */
static spinlock_t pipefs_lock = SPINLOCK_INIT("pipefs");
static const struct super_ops pipefs_sops = {.evict = pipe_inode_free};
static struct super_block pipefs_sb;
static struct inode pipefs_root_inode;
static struct dentry pipefs_root;
static bool pipefs_ready; /* [pipefs_lock] */

static struct super_block *get_pipefs(void)
{
	spin_lock(&pipefs_lock);
	if (!pipefs_ready) {
		pipefs_sb.fstype = "pipefs";
		pipefs_sb.magic = 0x50495045; /* PIPEFS_MAGIC */
		pipefs_sb.ops = &pipefs_sops;
		pipefs_sb.dev = MKDEV(0, 0xfff);
		pipefs_sb.refcount = 1;
		pipefs_sb.root = &pipefs_root;
		spin_lock_init(&pipefs_root_inode.lock, "pipefs_root");
		pipefs_root_inode.refcount = 1;
		pipefs_root_inode.mode = S_IFDIR | 0700;
		pipefs_root_inode.nlink = 2;
		pipefs_root_inode.sb = &pipefs_sb;
		pipefs_root.refcount = 1;
		pipefs_root.parent = &pipefs_root;
		pipefs_root.name = "pipe:";
		pipefs_root.namelen = 5;
		INIT_LIST_HEAD(&pipefs_root.children);
		INIT_LIST_HEAD(&pipefs_root.sibling);
		pipefs_root.inode = &pipefs_root_inode;
		pipefs_root.sb = &pipefs_sb;
		pipefs_ready = true;
	}
	spin_unlock(&pipefs_lock);
	return &pipefs_sb;
}

int pipe_create(struct file *files[2], int flags)
{
	struct super_block *sb;
	struct inode *inode;
	struct dentry *d;
	struct path path;
	char name[32];
	int n;

	if (flags & ~(O_NONBLOCK | O_CLOEXEC | O_DIRECT))
		return -EINVAL;
	sb = get_pipefs();
	inode = inode_alloc(sb, S_IFIFO | 0600);
	if (!inode)
		return -ENOMEM;
	inode->priv = pipe_alloc();
	if (!inode->priv)
		goto out_inode;
	n = snprintf(name, sizeof(name), "pipe:[%lu]", (unsigned long)inode->ino);
	d = dentry_alloc(sb->root, name, (size_t)n);
	if (!d)
		goto out_inode;
	d->inode = inode; /* the dentry owns the inode reference now */
	path.mnt = NULL;
	path.dentry = d;
	files[0] = file_alloc(&path, inode, O_RDONLY | (flags & O_NONBLOCK), &pipe_ops);
	files[1] = file_alloc(&path, inode, O_WRONLY | (flags & O_NONBLOCK), &pipe_ops);
	dput(d);
	if (!files[0] || !files[1]) {
		if (files[0])
			files[0]->ops = NULL;
		if (files[1])
			files[1]->ops = NULL;
		fput(files[0]);
		fput(files[1]);
		return -ENOMEM;
	}
	/* Linux's pipe ends carry no O_LARGEFILE: F_GETFL shows O_RDONLY / O_WRONLY alone. */
	files[0]->flags &= ~(u32)O_LARGEFILE;
	files[1]->flags &= ~(u32)O_LARGEFILE;
	files[0]->fmode |= FMODE_STREAM;
	files[1]->fmode |= FMODE_STREAM;
	((struct pipe *)inode->priv)->readers = 1;
	((struct pipe *)inode->priv)->writers = 1;
	((struct pipe *)inode->priv)->nwriters_seen = 1;
	((struct pipe *)inode->priv)->nreaders_seen = 1;
	return 0;

out_inode:
	iput(inode);
	return -ENOMEM;
}

/* ---- named pipes ---- */

struct fifo_wait {
	struct pipe *p;
	bool for_writer; /* waiting for a writer to appear (else a reader) */
	u32 seen;
};

static bool fifo_partner(void *arg)
{
	struct fifo_wait *w = arg;
	bool r;

	spin_lock(&w->p->lock);
	r = w->for_writer ? w->p->nwriters_seen != w->seen : w->p->nreaders_seen != w->seen;
	spin_unlock(&w->p->lock);
	return r;
}

static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe *p, *fresh = NULL;
	struct fifo_wait w;
	bool rd = f->fmode & FMODE_READ, wr = f->fmode & FMODE_WRITE;
	bool nonblock = f->flags & O_NONBLOCK, wait;

	if (!inode->priv) {
		fresh = pipe_alloc();
		if (!fresh)
			return -ENOMEM;
	}
	spin_lock(&inode->lock);
	if (!inode->priv) {
		inode->priv = fresh;
		fresh = NULL;
	}
	p = inode->priv;
	spin_unlock(&inode->lock);
	pipe_free(fresh);
	f->ops = &pipe_ops;
	f->fmode |= FMODE_STREAM;
	spin_lock(&p->lock);
	if (wr && !rd && nonblock && p->readers == 0) {
		spin_unlock(&p->lock);
		return -ENXIO;
	}
	if (rd) {
		p->readers++;
		p->nreaders_seen++;
	}
	if (wr) {
		p->writers++;
		p->nwriters_seen++;
	}
	w.p = p;
	w.for_writer = rd && !wr;
	w.seen = w.for_writer ? p->nwriters_seen : p->nreaders_seen;
	/* a lone reader waits for a writer and a lone writer for a reader, unless O_NONBLOCK */
	wait = !nonblock && ((rd && !wr && p->writers == 0) || (wr && !rd && p->readers == 0));
	spin_unlock(&p->lock);
	wake_up_all(&p->rwait);
	wake_up_all(&p->wwait);
	if (wait) {
		int err = wait_event(w.for_writer ? &p->rwait : &p->wwait, fifo_partner, &w, 0);

		if (err) {
			pipe_release(inode, f);
			return err;
		}
	}
	return 0;
}

const struct file_ops fifo_ops = {.open = fifo_open};
