/* execve: ELF64 loading (static, PIE, with an interpreter), the initial user stack. */
#ifndef KERNEL_TASK_EXEC_H
#define KERNEL_TASK_EXEC_H

#include "types.h"

#define EXEC_ARG_MAX (256 * 1024) /* bytes of argument and environment strings */

/*
 * kernel_execve - replace the current task's program with @path (kernel strings @argv, @envp,
 * NULL-terminated). On success the task's trap frame starts the new program; the caller returns
 * to user mode. Context: process context of a task with a proc.
 * Returns 0, or -ENOENT, -EACCES, -ENOEXEC, -E2BIG, -ENOMEM, -ELOOP ... with the old program
 * untouched. A failure after the old address space is gone ends the process (as SIGSEGV).
 */
int kernel_execve(const char *path, const char *const *argv, const char *const *envp);

/* sys_execve's core: the same with user pointers. */
long do_execve_user(uaddr_t path, uaddr_t argv, uaddr_t envp);

/* file_vm_ops - how mm reaches the pages of a struct file (ELF segments, mmap of files). */
struct vm_file_ops;
extern const struct vm_file_ops file_vm_ops;

/*
 * return_to_user - leave the kernel through the current task's trap frame (interrupts go off
 * first). Never returns.
 */
void return_to_user(void) __attribute__((noreturn));

#endif
