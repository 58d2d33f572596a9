/* The console terminal behind /dev/console and /dev/tty. */
#ifndef FS_TTY_H
#define FS_TTY_H

#include "types.h"
#include "uapi/stat.h"

/*
 * tty_input_wakeup - wake readers of the console: call after console_input() queued bytes.
 * Context: any, including the UART interrupt handler.
 */
void tty_input_wakeup(void);

struct proc;

#define TTY_DEV_CTTY   MKDEV(5, 0)  /* /dev/tty: the caller's controlling terminal */
#define TTY_DEV_SERIAL MKDEV(4, 64) /* /dev/ttyS0: the console's UART, can become one */

/* ---- the console as a controlling terminal (tty_job.c) ---- */

/*
 * tty_job_open - an open of the console as @rdev with O_* @flags: /dev/tty without a
 * controlling terminal is -ENXIO; /dev/ttyS0 opened by a session leader that has none (and
 * not O_NOCTTY) makes the console its controlling terminal if no session has it. 0 or -ENXIO.
 * Context: process; takes tasklist_lock.
 */
int tty_job_open(u32 rdev, int flags);

/*
 * tty_job_check - may the caller read (@sig SIGTTIN) or change the settings (SIGTTOU)? 0 if the
 * console is not its controlling terminal or it is in the foreground group; else -EIO (it
 * ignores or blocks @sig, SIGTTIN only; or its group is orphaned) or -ERESTARTSYS after @sig
 * went to its group. Context: process; takes tasklist_lock.
 */
int tty_job_check(int sig);

/*
 * tty_job_ioctl - TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP and TIOCGSID, as Linux answers
 * them (ENOTTY when the console is not the caller's controlling terminal; TIOCSPGRP: EINVAL,
 * ESRCH, EPERM for a group of another session). Returns false for other commands; else true
 * with the result in *@ret. @karg: the kernel copy of the int argument (TIOCSCTTY: the value).
 * Context: process; takes tasklist_lock.
 */
bool tty_job_ioctl(unsigned int cmd, void *karg, long *ret);

/*
 * tty_leader_exit - session leader @p exits: if the console is its controlling terminal, the
 * foreground group gets SIGHUP and the session loses it. Context: [T] held.
 */
void tty_leader_exit(struct proc *p);

#endif
