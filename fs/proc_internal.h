/*
 * Shared between the parts of /proc: fs/procfs.c (the root, the system-wide files, inode
 * making, reads) and fs/proc_pid.c (the /proc/<pid> directories).
 *
 * An inode's priv holds its kind in bits 0..7, the pid it belongs to in bits 8..31 and an fd
 * number in bits 32..62. Dentries here are not pinned: they are made by lookup and go away
 * with their last user, so every read looks the process up again.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include "fs/vfs.h"

enum proc_kind {
	P_ROOT,
	P_SELF,
	P_MEMINFO,
	P_MOUNTS,
	P_UPTIME,
	P_LOADAVG,
	P_VERSION,
	P_CPUINFO,
	P_STAT,
	P_PIDDIR,
	P_EXE,
	P_CWD,
	P_FDDIR,
	P_FDLINK,
	P_PID_STAT,
	P_PID_STATUS,
	P_PID_CMDLINE,
	P_PID_COMM,
	P_PID_MAPS,
};

#define PROC_KIND(i) ((enum proc_kind)((unsigned long)(i)->priv & 0xff))
#define PROC_PID(i)  ((int)(((unsigned long)(i)->priv >> 8) & 0xffffff))
#define PROC_FD(i)   ((int)(((unsigned long)(i)->priv >> 32) & 0x7fffffff))

/* The most a generated /proc file holds (longer text is cut). */
#define PROC_TEXT_MAX (4 * PAGE_SIZE)

/*
 * proc_inode - a new inode of @kind for process @pid (0 if none) and fd @fd, with the mode and
 * operations of its kind. Returns it or ERR_PTR(-ENOMEM).
 */
struct inode *proc_inode(struct super_block *sb, enum proc_kind kind, int pid, int fd);

/* proc_name_is - true if @name (@len bytes) is the string @s. */
bool proc_name_is(const char *name, size_t len, const char *s);

/* proc_parse_num - @name (@len bytes) as a decimal number, or -1 if it is not one. */
long proc_parse_num(const char *name, size_t len);

/* proc_file_path - the path of open file @f as /proc shows it, into @buf (PATH_MAX bytes). */
int proc_file_path(struct file *f, char *buf);

/* proc_pid_lookup / proc_pid_iterate - the inode_ops lookup and the file_ops iterate of a
 * /proc/<pid> directory or of its fd/ directory. */
struct inode *proc_pid_lookup(struct inode *dir, const char *name, size_t len);
int proc_pid_iterate(struct file *f, struct dir_context *ctx);

/* proc_pid_get_link - the target of /proc/<pid>/exe, cwd or fd/<n>; length or -Exxx. */
int proc_pid_get_link(struct inode *i, char *buf);

/*
 * proc_pid_text - the contents of a per-process file (stat, status, cmdline, comm, maps) into
 * @buf (@size bytes). Context: process, no spinlock held. Returns the length or -ESRCH (the
 * process is gone) or -ENOMEM.
 */
ssize_t proc_pid_text(struct inode *i, char *buf, size_t size);

#endif
