/* Anonymous pipes (pipe2) and named pipes (fifos); see fs/pipe.c. */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include "fs/vfs.h"

#define PIPE_BUF  4096	/* writes up to this size are atomic */
#define PIPE_SIZE 65536 /* ring capacity (the Linux default) */

/*
 * pipe_create - a new pipe: @files[0] the read end, @files[1] the write end (one reference
 * each). @flags may hold O_NONBLOCK (set on both ends) and O_CLOEXEC (ignored here: the
 * caller marks the fds). Context: process. Returns 0, -EINVAL (other flags), -ENOMEM.
 */
int pipe_create(struct file *files[2], int flags);

#endif
