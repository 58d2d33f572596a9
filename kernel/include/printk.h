/* Kernel log output, panics and assertions. */
#ifndef KERNEL_INCLUDE_PRINTK_H
#define KERNEL_INCLUDE_PRINTK_H

#include "compiler.h"
#include "types.h"
#include <stdarg.h>

#define LOGLEVEL_EMERG	 0
#define LOGLEVEL_ERR	 3
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_NOTICE	 5
#define LOGLEVEL_INFO	 6
#define LOGLEVEL_DEBUG	 7

/* Messages with a level numerically below this are printed (boot argument loglevel=N). */
extern int console_loglevel;

/*
 * printk_level - print a formatted message at @level to the console.
 * Context: any, including interrupt and trap handlers; takes the console lock with interrupts off.
 */
void printk_level(int level, const char *fmt, ...) __printf(2, 3);
void vprintk_level(int level, const char *fmt, va_list ap);

#define printk(...)    printk_level(LOGLEVEL_INFO, __VA_ARGS__)
#define pr_err(...)    printk_level(LOGLEVEL_ERR, __VA_ARGS__)
#define pr_warn(...)   printk_level(LOGLEVEL_WARNING, __VA_ARGS__)
#define pr_notice(...) printk_level(LOGLEVEL_NOTICE, __VA_ARGS__)
#define pr_info(...)   printk_level(LOGLEVEL_INFO, __VA_ARGS__)
#ifdef DEBUG
#define pr_debug(...) printk_level(LOGLEVEL_DEBUG, __VA_ARGS__)
#else
#define pr_debug(...) ((void)0)
#endif

/* snprintf/vsnprintf with the kernel's format set (%d %i %u %x %lx %p %s %c %%, widths, 0 and - flags). */
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/*
 * panic - print the message, the current hart and a backtrace, then power the machine off with a
 * failure reason (QEMU exits non-zero). Context: any. Never returns.
 */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define KASSERT(cond)                                                                              \
	do {                                                                                       \
		if (unlikely(!(cond)))                                                             \
			panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__);         \
	} while (0)

#define WARN_ONCE(cond, ...)                                                                       \
	({                                                                                         \
		static bool __warned;                                                              \
		bool __c = !!(cond);                                                               \
		if (unlikely(__c) && !__warned) {                                                  \
			__warned = true;                                                           \
			pr_warn(__VA_ARGS__);                                                      \
		}                                                                                  \
		__c;                                                                               \
	})

#endif
