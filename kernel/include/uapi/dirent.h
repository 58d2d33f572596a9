/* getdents64(2) record layout and d_type values of the Linux ABI. */
#ifndef KERNEL_INCLUDE_UAPI_DIRENT_H
#define KERNEL_INCLUDE_UAPI_DIRENT_H

#include "types.h"
#include "compiler.h"

#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12

/* One record; d_reclen is the header plus the NUL-terminated name, rounded up to 8. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off; /* opaque: the position of the next record */
	u16 d_reclen;
	u8 d_type;
	char d_name[];
};

static_assert(__builtin_offsetof(struct linux_dirent64, d_name) == 19, "dirent64 header");

#endif
