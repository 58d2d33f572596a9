/* The kernel log ring behind syslog(2) and dmesg (klog.c). */
#ifndef KERNEL_LIB_KLOG_H
#define KERNEL_LIB_KLOG_H

#include "types.h"

#define KLOG_SIZE (64 * 1024)

/*
 * klog_store - append one printk message of @level (its text, @len bytes) as a log line with
 * the syslog prefix "<level>". Context: any (interrupts, traps, early boot).
 */
void klog_store(int level, const char *text, size_t len);

/*
 * klog_copy_all - the kept log (the newest @size bytes at most, starting at a line) into @out;
 * with @clear the log is emptied after. Returns the bytes copied. Context: any.
 */
size_t klog_copy_all(char *out, size_t size, bool clear);

/* klog_clear - forget what is kept (syslog CLEAR). Context: any. */
void klog_clear(void);

/* klog_unread - bytes that READ has not taken yet (syslog SIZE_UNREAD). Context: any. */
size_t klog_unread(void);

/*
 * klog_take - syslog READ: wait until there are unread bytes, then take up to @size of them
 * into @out. Returns the count, or -ERESTARTSYS if a signal came first. Context: process.
 */
long klog_take(char *out, size_t size);

#endif
