/*
 * What /proc/<pid> shows of a process: a snapshot taken under the process locks, with
 * references on the parts that are read later without them (address space, exe, fs, files).
 */
#ifndef KERNEL_TASK_PROC_INFO_H
#define KERNEL_TASK_PROC_INFO_H

#include "types.h"

struct mm;
struct file;
struct fs_struct;
struct files_struct;

#define USER_HZ 100

struct proc_info {
	int pid, ppid, pgid, sid;
	int nr_threads;
	char state;			  /* R, S, T or Z as Linux prints it */
	char comm[16];			  /* NUL-terminated */
	u64 utime, stime, cutime, cstime; /* clock ticks (USER_HZ) */
	u64 start_time;			  /* clock ticks (USER_HZ) after boot */
	struct mm *mm;			  /* referenced, or NULL (zombie, kernel) */
	struct file *exe;		  /* referenced, or NULL; only if asked */
	struct fs_struct *fs;		  /* referenced, or NULL; only if asked */
	struct files_struct *files;	  /* referenced, or NULL; only if asked */
};

/* What proc_info_get() should take references on besides the snapshot fields. */
#define PI_MM	 0x1
#define PI_EXE	 0x2
#define PI_FS	 0x4
#define PI_FILES 0x8

/*
 * proc_info_get - fill @pi for the process @pid (a thread-group id; zombies included) with
 * references on the parts named by @want (PI_*). Context: process, no spinlock held (takes
 * tasklist_lock and the proc's lock). Returns 0 or -ENOENT (no such process).
 */
int proc_info_get(int pid, unsigned int want, struct proc_info *pi);

/* proc_info_put - drop the references proc_info_get() took. Context: no spinlock held. */
void proc_info_put(struct proc_info *pi);

/* proc_exists - true if @pid names a process (live or zombie). Takes tasklist_lock. */
bool proc_exists(int pid);

/* proc_next_pid - the smallest process id above @after, or 0 if none. Takes tasklist_lock. */
int proc_next_pid(int after);

/*
 * proc_counts - *@total processes (zombies included), *@running tasks running or runnable,
 * *@last the highest pid in use. Takes tasklist_lock.
 */
void proc_counts(int *total, int *running, int *last);

#endif
