/* Basic scalar types of the kernel. Host unit tests include this header too. */
#ifndef KERNEL_INCLUDE_TYPES_H
#define KERNEL_INCLUDE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef KESTREL_HOST_TEST
typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
#endif

typedef u64 paddr_t; /* physical address */
typedef u64 vaddr_t; /* kernel virtual address as an integer */
typedef u64 uaddr_t; /* user virtual address: never dereferenced, only passed to mm/uaccess.c */

#endif
