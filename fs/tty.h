/* The console terminal behind /dev/console and /dev/tty. */
#ifndef FS_TTY_H
#define FS_TTY_H

/*
 * tty_input_wakeup - wake readers of the console: call after console_input() queued bytes.
 * Context: any, including the UART interrupt handler.
 */
void tty_input_wakeup(void);

#endif
