/* The boot initramfs: a cpio newc archive unpacked into the root ramfs. */
#ifndef FS_INITRAMFS_H
#define FS_INITRAMFS_H

#include "types.h"

/*
 * initramfs_unpack - create every member of the newc archive @buf[0..@len) (directories,
 * regular files with hard links, symlinks, device nodes, fifos) under the current task's root,
 * with the archive's exact mode bits. Existing files are replaced, existing directories kept.
 * Context: process or boot (uses the boot namespace when the task has none), may sleep.
 * Returns 0, or the first error met (-EINVAL for a malformed archive, -ENOSPC, -ENOMEM, ...);
 * it goes on after a member fails.
 */
int initramfs_unpack(const void *buf, size_t len);

#endif
