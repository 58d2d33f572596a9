/*
 * The kernel console: where printk's text goes. Early on it is the SBI console; once the UART
 * driver is up it registers itself. Input arrives through console_input() from the driver's
 * interrupt handler into a ring that readers drain.
 */
#ifndef KERNEL_INCLUDE_CONSOLE_H
#define KERNEL_INCLUDE_CONSOLE_H

#include "types.h"

struct console_driver {
	const char *name;
	void (*write)(const char *s, size_t len); /* may be called with interrupts off */
};

/* console_set_driver - route console output to @drv from now on. Context: boot. */
void console_set_driver(const struct console_driver *drv);

/* console_write - write raw bytes ("\n" becomes "\r\n"). Context: any; takes the console lock. */
void console_write(const char *s, size_t len);

/* console_panic_mode - make console_write ignore its lock (the panicking CPU only writes). */
void console_panic_mode(void);

/* console_input - queue one received byte. Context: interrupt handler. */
void console_input(char c);

/* console_set_input_wakeup - call @fn after each received byte is queued (wakes tty readers). */
void console_set_input_wakeup(void (*fn)(void));

/* console_getc - take one queued input byte, or -1 if none. Context: any. */
int console_getc(void);

#endif
