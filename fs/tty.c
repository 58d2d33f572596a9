/*
 * The console terminal (/dev/console, /dev/tty): a small line discipline over the console input
 * ring. In canonical mode (the default, as on the reference Linux serial console) a read
 * returns at most one line, with echo, erase (DEL/^H), kill (^U) and end-of-file (^D); with
 * ICANON off it returns whatever bytes are there (VMIN 1, VTIME 0). Output goes through
 * console_write, which adds the CR of ONLCR. ISIG characters are passed through until signals
 * exist.
 *
 * Locks: tty_lock protects the line buffer and the termios; it nests inside the wait queue
 * lock (the readiness check runs as a wait_event condition) and outside console locks.
 * tty_read_mutex is held by the reader copying ready bytes to user memory (no spinlock then).
 */
#include "fs/internal.h"
#include "fs/tty.h"
#include "console.h"
#include "errno.h"
#include "lock/mutex.h"
#include "sched/wait.h"
#include "string.h"
#include "uapi/ioctl.h"
#include "uapi/signal.h"

#define TTY_LINE_MAX 4096

static spinlock_t tty_lock = SPINLOCK_INIT("tty");
static struct mutex tty_read_mutex = MUTEX_INIT(tty_read_mutex); /* the reader copying out */
static struct wait_queue tty_wq = WAIT_QUEUE_INIT(tty_wq);
static char line[TTY_LINE_MAX];	   /* [tty_lock] cooked input not yet read */
static size_t line_len;		   /* [tty_lock] */
static size_t line_ready;	   /* [tty_lock] bytes that complete lines (readable) */
static bool eof_mark;		   /* [tty_lock] a ^D ended the last ready part */
static struct winsize tty_winsize; /* [tty_lock] 0x0 as a serial console reports */

/* The reference Linux serial console's settings (TCGETS there): ICRNL|IXON, OPOST|ONLCR,
 * B38400|CS8|CREAD|HUPCL|CLOCAL, ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN. */
static struct termios tty_termios = {
	/* [tty_lock] */
	.c_iflag = 02400,
	.c_oflag = 05,
	.c_cflag = 06275,
	.c_lflag = 0105073,
	.c_line = 0,
	.c_cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0},
};

static void echo(const char *s, size_t n)
{
	if (tty_termios.c_lflag & ECHO)
		console_write(s, n);
}

/* Take one input byte into the line buffer. Caller holds tty_lock. */
static void tty_input_char(char c)
{
	const u8 *cc = tty_termios.c_cc;

	if (c == '\r' && (tty_termios.c_iflag & ICRNL))
		c = '\n';
	if (!(tty_termios.c_lflag & ICANON)) {
		if (line_len < TTY_LINE_MAX)
			line[line_len++] = c;
		line_ready = line_len;
		echo(&c, 1);
		return;
	}
	if ((u8)c == cc[VERASE] || c == '\b') {
		if (line_len > line_ready) {
			line_len--;
			echo("\b \b", 3);
		}
		return;
	}
	if ((u8)c == cc[VKILL]) {
		while (line_len > line_ready) {
			line_len--;
			echo("\b \b", 3);
		}
		return;
	}
	if ((u8)c == cc[VEOF]) {
		/* ^D ends a partial line without a newline; on an empty line it is end-of-file */
		if (line_len > line_ready)
			line_ready = line_len;
		else
			eof_mark = true;
		return;
	}
	if (line_len < TTY_LINE_MAX - 1 || c == '\n')
		line[line_len++] = c;
	echo(&c, 1);
	if (c == '\n')
		line_ready = line_len;
}

/* Drain the console ring into the line buffer; true if a read can complete. */
static bool tty_pump_locked(void)
{
	int c;

	while (!line_ready && !eof_mark && (c = console_getc()) >= 0)
		tty_input_char((char)c);
	return line_ready || eof_mark;
}

static bool tty_readable(void *arg)
{
	bool r;

	spin_lock(&tty_lock);
	r = tty_pump_locked();
	spin_unlock(&tty_lock);
	return r;
}

void tty_input_wakeup(void)
{
	wake_up_all(&tty_wq);
}

/*
 * Hand the first @n ready bytes to @b: copied with only tty_read_mutex held (input appends and
 * erases past line_ready, other readers wait), then taken off the line unless a fault stopped
 * the copy. Bytes taken, or -EFAULT.
 */
static ssize_t tty_take(const struct iobuf *b, size_t n)
{
	if (iobuf_out(b, 0, line, n) < n)
		return -EFAULT;
	spin_lock(&tty_lock);
	n = MIN(n, line_ready); /* a TCSETSF flush may have come meanwhile */
	memmove(line, line + n, line_len - n);
	line_len -= n;
	line_ready -= n;
	spin_unlock(&tty_lock);
	return (ssize_t)n;
}

static ssize_t tty_read(struct file *f, const struct iobuf *b, size_t len, u64 *pos)
{
	for (;;) {
		ssize_t n;
		int err;

		/* A background group may not read; through /dev/console Linux does not check. */
		err = f->inode->rdev == MKDEV(5, 1) ? 0 : tty_job_check(SIGTTIN);
		if (err)
			return err;
		mutex_lock(&tty_read_mutex);
		spin_lock(&tty_lock);
		if (tty_pump_locked()) {
			if (!line_ready) {
				eof_mark = false; /* this read reports the end of file */
				spin_unlock(&tty_lock);
				mutex_unlock(&tty_read_mutex);
				return 0;
			}
			n = (ssize_t)MIN(len, line_ready);
			spin_unlock(&tty_lock);
			n = tty_take(b, (size_t)n);
			mutex_unlock(&tty_read_mutex);
			return n;
		}
		spin_unlock(&tty_lock);
		mutex_unlock(&tty_read_mutex);
		if (len == 0)
			return 0;
		if (READ_ONCE(f->flags) & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event(&tty_wq, tty_readable, NULL, 0);
		if (err)
			return err == -EINTR ? -ERESTARTSYS : err;
	}
}

static ssize_t tty_write(struct file *f, const void *kbuf, size_t len, u64 *pos)
{
	console_write(kbuf, len);
	return (ssize_t)len;
}

static s64 tty_llseek(struct file *f, s64 off, int whence)
{
	return -ESPIPE;
}

static long tty_ioctl(struct file *f, unsigned int cmd, void *karg)
{
	long r = 0;

	if (tty_job_ioctl(cmd, karg, &r))
		return r;
	if (cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF) {
		r = tty_job_check(SIGTTOU); /* a background group may not change the settings */
		if (r)
			return r;
	}

	spin_lock(&tty_lock);
	switch (cmd) {
	case TCGETS:
		memcpy(karg, &tty_termios, sizeof(tty_termios));
		break;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		memcpy(&tty_termios, karg, sizeof(tty_termios));
		if (cmd == TCSETSF)
			line_len = line_ready = 0;
		break;
	case TIOCGWINSZ:
		memcpy(karg, &tty_winsize, sizeof(tty_winsize));
		break;
	case TIOCSWINSZ:
		memcpy(&tty_winsize, karg, sizeof(tty_winsize));
		break;
	case FIONREAD:
		tty_pump_locked();
		*(int *)karg = (int)line_ready;
		break;
	default:
		r = -ENOTTY;
	}
	spin_unlock(&tty_lock);
	return r;
}

static u32 tty_readiness(struct file *f, struct wait_queue **wq)
{
	u32 mask = POLLOUT | POLLWRNORM;

	if (wq)
		*wq = &tty_wq;
	if (tty_readable(NULL))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static int tty_open(struct inode *inode, struct file *f)
{
	f->fmode |= FMODE_STREAM;
	return tty_job_open(inode->rdev, (int)f->flags);
}

const struct file_ops tty_console_ops = {
	.open = tty_open,
	.read_iob = tty_read,
	.write = tty_write,
	.llseek = tty_llseek,
	.ioctl = tty_ioctl,
	.readiness = tty_readiness,
};
