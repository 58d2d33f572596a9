/* Hooks /proc needs from the process code (fs/procfs.c). */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

struct file;

/*
 * procfs_current_pid - the calling task's pid (thread-group id) as /proc/self names it.
 * Default: current->tid. The process code replaces it once struct proc exists.
 * Context: process.
 */
extern int (*procfs_current_pid)(void);

/*
 * procfs_current_exe - the file the calling process last exec'd, with a reference for the
 * caller (fput), or NULL. /proc/self/exe reads its path. NULL pointer (the default): no exe.
 * Context: process.
 */
extern struct file *(*procfs_current_exe)(void);

#endif
