/* Hooks /proc needs from the process code (fs/procfs.c). */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

/*
 * procfs_current_pid - the calling task's pid (thread-group id) as /proc/self names it.
 * Default: current->tid. The process code replaces it once struct proc exists.
 * Context: process.
 */
extern int (*procfs_current_pid)(void);

#endif
