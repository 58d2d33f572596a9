/*
 * The kernel log: every printk message, whatever the console level, kept in a ring as the
 * lines syslog(2) hands out ("<level>text", as the reference Linux, built without
 * PRINTK_TIME, gives them), oldest dropped first when full.
 * Readers: syslog's READ (destructive, from the last read on) and READ_ALL (what is kept).
 *
 * Locks: log_lock (interrupts off) protects the ring and its counters; it is taken inside
 * printk from any context (the scheduler's locks may be held), so nothing under it sleeps,
 * prints or wakes anyone: a READ that finds nothing looks again every 100 ms.
 */
#include "lib/klog.h"
#include "errno.h"
#include "lock/spinlock.h"
#include "printk.h"
#include "sched/wait.h"
#include "string.h"

static spinlock_t log_lock = SPINLOCK_INIT("klog");
static char log_buf[KLOG_SIZE]; /* [log_lock] byte i at log_buf[i % KLOG_SIZE] */
static u64 log_head;		/* [log_lock] bytes ever written */
static u64 log_first;		/* [log_lock] oldest byte kept (a line start or log_head) */
static u64 log_read;		/* [log_lock] where READ goes on (>= log_first) */
static struct wait_queue log_wait = WAIT_QUEUE_INIT(log_wait); /* READ sleeps here */

#define READ_POLL_NS (100 * 1000 * 1000ULL)

/* Drop the oldest lines until @n more bytes fit. Holds log_lock. */
static void make_room(size_t n)
{
	while (log_head + n - log_first > KLOG_SIZE) {
		while (log_first < log_head && log_buf[log_first % KLOG_SIZE] != '\n')
			log_first++;
		if (log_first < log_head)
			log_first++; /* past the newline: the next line starts */
	}
	if (log_read < log_first)
		log_read = log_first;
}

void klog_store(int level, const char *text, size_t len)
{
	char prefix[8];
	int plen = snprintf(prefix, sizeof(prefix), "<%d>", level & 7);
	bool nl = len && text[len - 1] == '\n';

	if (len + (size_t)plen + 1 > KLOG_SIZE / 2)
		len = KLOG_SIZE / 2 - (size_t)plen - 1;
	spin_lock(&log_lock);
	make_room((size_t)plen + len + !nl);
	for (int i = 0; i < plen; i++)
		log_buf[log_head++ % KLOG_SIZE] = prefix[i];
	for (size_t i = 0; i < len; i++)
		log_buf[log_head++ % KLOG_SIZE] = text[i];
	if (!nl)
		log_buf[log_head++ % KLOG_SIZE] = '\n';
	spin_unlock(&log_lock);
}

size_t klog_copy_all(char *out, size_t size, bool clear)
{
	u64 from;
	size_t n;

	spin_lock(&log_lock);
	from = log_first;
	if (log_head - from > size) {
		/* Only the newest part fits: start it at a line. */
		from = log_head - size;
		while (from < log_head && log_buf[(from - 1) % KLOG_SIZE] != '\n')
			from++;
	}
	n = (size_t)(log_head - from);
	for (size_t i = 0; i < n; i++)
		out[i] = log_buf[(from + i) % KLOG_SIZE];
	if (clear)
		log_first = log_read = log_head;
	spin_unlock(&log_lock);
	return n;
}

void klog_clear(void)
{
	spin_lock(&log_lock);
	log_first = log_read = log_head;
	spin_unlock(&log_lock);
}

size_t klog_unread(void)
{
	size_t n;

	spin_lock(&log_lock);
	n = (size_t)(log_head - log_read);
	spin_unlock(&log_lock);
	return n;
}

static bool have_unread(void *arg)
{
	(void)arg;
	return klog_unread() > 0;
}

long klog_take(char *out, size_t size)
{
	size_t n;

	for (;;) {
		int err = wait_event(&log_wait, have_unread, NULL, READ_POLL_NS);

		if (!err)
			break;
		if (err != -ETIMEDOUT)
			return -ERESTARTSYS;
	}
	spin_lock(&log_lock);
	n = (size_t)MIN((u64)size, log_head - log_read);
	for (size_t i = 0; i < n; i++)
		out[i] = log_buf[(log_read + i) % KLOG_SIZE];
	log_read += n;
	spin_unlock(&log_lock);
	return (long)n;
}
