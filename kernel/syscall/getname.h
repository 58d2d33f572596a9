/* Copying path names in from user space, shared by the file system calls. */
#ifndef KERNEL_SYSCALL_GETNAME_H
#define KERNEL_SYSCALL_GETNAME_H

#include "types.h"

/*
 * getname - a kernel copy of the NUL-terminated path at @upath (kfree it with putname).
 * Returns the copy, or ERR_PTR(-EFAULT), ERR_PTR(-ENAMETOOLONG) (PATH_MAX reached),
 * ERR_PTR(-ENOMEM). An empty name is returned as "" (the callers decide: ENOENT unless
 * AT_EMPTY_PATH). Context: process context.
 */
char *getname(uaddr_t upath);

/* putname - free a name from getname (NULL and error pointers are ignored). */
void putname(char *name);

#endif
