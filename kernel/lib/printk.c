/* printk and the console layer under it. */
#include "console.h"
#include "lib/klog.h"
#include "lock/spinlock.h"
#include "printk.h"
#include "sbi/sbi.h"
#include "string.h"

int console_loglevel = LOGLEVEL_DEBUG; /* print everything below DEBUG */

static void sbi_console_out(const char *s, size_t len)
{
	sbi_console_write(s, len);
}

static const struct console_driver sbi_console = {"sbi", sbi_console_out};
static const struct console_driver *console_drv = &sbi_console;
static spinlock_t console_lock = SPINLOCK_INIT("console");
static bool panic_mode;

/*
 * Locks: [c] console_lock. The input ring is written by the UART interrupt handler and read by
 * console_getc, both under input_lock.
 */
#define INPUT_RING 256
static spinlock_t input_lock = SPINLOCK_INIT("console_input");
static char input_ring[INPUT_RING];	    /* [input_lock] */
static unsigned int input_head, input_tail; /* [input_lock] */

void console_set_driver(const struct console_driver *drv)
{
	console_drv = drv;
}

void console_panic_mode(void)
{
	panic_mode = true;
}

static void console_write_locked(const char *s, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		if (i > start)
			console_drv->write(s + start, i - start);
		console_drv->write("\r\n", 2);
		start = i + 1;
	}
	if (len > start)
		console_drv->write(s + start, len - start);
}

void console_write(const char *s, size_t len)
{
	if (panic_mode) {
		console_write_locked(s, len);
		return;
	}
	spin_lock(&console_lock);
	console_write_locked(s, len);
	spin_unlock(&console_lock);
}

static void (*input_wakeup)(void); /* [I] set at boot */

void console_set_input_wakeup(void (*fn)(void))
{
	input_wakeup = fn;
}

void console_input(char c)
{
	spin_lock(&input_lock);
	if (input_head - input_tail < INPUT_RING)
		input_ring[input_head++ % INPUT_RING] = c;
	spin_unlock(&input_lock);
	if (input_wakeup)
		input_wakeup();
}

int console_getc(void)
{
	int c = -1;

	spin_lock(&input_lock);
	if (input_tail != input_head)
		c = (unsigned char)input_ring[input_tail++ % INPUT_RING];
	spin_unlock(&input_lock);
	return c;
}

void vprintk_level(int level, const char *fmt, va_list ap)
{
	char buf[512];
	int n;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (!panic_mode)
		klog_store(level, buf, (size_t)n); /* dmesg has every level */
	if (level < console_loglevel)
		console_write(buf, (size_t)n);
}

void printk_level(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_level(level, fmt, ap);
	va_end(ap);
}
