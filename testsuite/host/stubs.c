/*
 * Host versions of the kernel services that mm/ and friends call: spinlocks (one thread, so a
 * lock is a checked flag), interrupt nesting, printk (to stdout as TAP comments) and panic
 * (message, then abort()). memset/memcpy and snprintf come from the host libc.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "types.h"
#include "printk.h"
#include "kernel/lock/spinlock.h"

int console_loglevel = LOGLEVEL_DEBUG + 1;
static int off_depth;

void spin_lock_init(spinlock_t *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->holder = NULL;
}

void spin_lock(spinlock_t *l)
{
	if (l->locked)
		panic("spin_lock: %s already held (recursion)", l->name);
	push_off();
	l->locked = 1;
}

void spin_unlock(spinlock_t *l)
{
	if (!l->locked)
		panic("spin_unlock: %s not held", l->name);
	l->locked = 0;
	pop_off();
}

bool spin_trylock(spinlock_t *l)
{
	if (l->locked)
		return false;
	push_off();
	l->locked = 1;
	return true;
}

bool spin_holding(spinlock_t *l)
{
	return l->locked != 0;
}

void push_off(void)
{
	off_depth++;
}

void pop_off(void)
{
	if (off_depth <= 0)
		panic("pop_off: not pushed");
	off_depth--;
}

void vprintk_level(int level, const char *fmt, va_list ap)
{
	if (level >= console_loglevel)
		return;
	fputs("# ", stdout);
	vprintf(fmt, ap);
	fflush(stdout);
}

void printk_level(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_level(level, fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("panic: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
