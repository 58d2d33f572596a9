/*
 * cpio "newc" archives (magic 070701, or 070702 with checksums): the initramfs format.
 * Each entry is a 110-byte ASCII header of 8-digit hex fields, the NUL-terminated name padded
 * to a multiple of 4 (counted from the header start), then the data padded to 4. The entry
 * named "TRAILER!!!" ends an archive; zero padding may follow and further archives may be
 * concatenated. Pure code: host-tested (testsuite/host/cpio_test.c).
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include "types.h"

#define CPIO_HDR_LEN 110

struct cpio_entry {
	const char *name; /* NUL-terminated inside the archive */
	size_t namelen;	  /* without the NUL */
	u32 ino, mode, uid, gid, nlink, mtime;
	u32 devmajor, devminor, rdevmajor, rdevminor;
	const void *data; /* file contents or symlink target (not NUL-terminated) */
	size_t size;
};

/*
 * cpio_next - parse the entry at *@off of @buf[0..@len) into @e and advance *@off past it.
 * Zero padding between archives is skipped. Context: any; pure.
 * Returns 1 for an entry, 0 at the end (a trailer followed by nothing but padding, or the end
 * of the buffer at an entry boundary), -EINVAL for a bad magic, field, or size overrun.
 * The trailer entry itself is not returned; parsing resumes after it for a following archive.
 */
int cpio_next(const void *buf, size_t len, size_t *off, struct cpio_entry *e);

/*
 * cpio_put - append one entry (@name, @mode, @rdev major/minor, @data of @size) to @buf at
 * *@off (capacity @cap); cpio_put_trailer - append the trailer. Used to build archives in tests.
 * Returns 0, or -ENOSPC if it does not fit.
 */
int cpio_put(void *buf, size_t cap, size_t *off, const char *name, u32 mode, u32 rmajor, u32 rminor,
	     const void *data, size_t size);
int cpio_put_trailer(void *buf, size_t cap, size_t *off);

#endif
