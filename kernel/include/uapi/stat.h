/*
 * File types, permission bits and struct stat as the riscv64 Linux ABI defines them (the
 * asm-generic layout, used by fstat/newfstatat), written from stat(2) and inode(7).
 */
#ifndef KERNEL_INCLUDE_UAPI_STAT_H
#define KERNEL_INCLUDE_UAPI_STAT_H

#include "types.h"
#include "compiler.h"

#define S_IFMT	 0170000
#define S_IFSOCK 0140000
#define S_IFLNK	 0120000
#define S_IFREG	 0100000
#define S_IFBLK	 0060000
#define S_IFDIR	 0040000
#define S_IFCHR	 0020000
#define S_IFIFO	 0010000
#define S_ISUID	 0004000
#define S_ISGID	 0002000
#define S_ISVTX	 0001000

#define S_IRWXU	  0700
#define S_IRUSR	  0400
#define S_IWUSR	  0200
#define S_IXUSR	  0100
#define S_IRWXG	  0070
#define S_IRWXO	  0007
#define S_IALLUGO 07777 /* every permission and mode bit a chmod may set */

#define S_ISLNK(m)  (((m)&S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m)&S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m)&S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m)&S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m)&S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)

/* Device numbers as the ABI encodes them in st_dev/st_rdev (Linux "new" encoding). */
#define MKDEV(ma, mi) ((u32)(((ma) << 20) | (mi))) /* kernel-internal dev_t */
#define MAJOR(d)      ((u32)(d) >> 20)
#define MINOR(d)      ((u32)(d)&0xfffff)
static inline u64 dev_encode(u32 dev)
{
	u32 ma = MAJOR(dev), mi = MINOR(dev);

	return (mi & 0xff) | ((u64)ma << 8) | ((u64)(mi & ~0xffu) << 12);
}
static inline u32 dev_decode(u64 d)
{
	u32 ma = (u32)((d & 0xfff00) >> 8);
	u32 mi = (u32)((d & 0xff) | ((d >> 12) & 0xfff00));

	return MKDEV(ma, mi);
}

/* struct stat of fstat(80) and newfstatat(79) on riscv64: 128 bytes. */
struct stat {
	u64 st_dev;
	u64 st_ino;
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid;
	u32 st_gid;
	u64 st_rdev;
	u64 __pad1;
	s64 st_size;
	s32 st_blksize;
	s32 __pad2;
	s64 st_blocks;
	s64 st_atime_sec;
	u64 st_atime_nsec;
	s64 st_mtime_sec;
	u64 st_mtime_nsec;
	s64 st_ctime_sec;
	u64 st_ctime_nsec;
	u32 __unused4;
	u32 __unused5;
};

static_assert(sizeof(struct stat) == 128, "struct stat is 128 bytes on riscv64");
static_assert(__builtin_offsetof(struct stat, st_rdev) == 32, "st_rdev offset");
static_assert(__builtin_offsetof(struct stat, st_size) == 48, "st_size offset");
static_assert(__builtin_offsetof(struct stat, st_atime_sec) == 72, "st_atime offset");

#endif
