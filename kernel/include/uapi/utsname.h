/*
 * struct new_utsname: what uname(2) fills on riscv64 Linux (six NUL-terminated fields of 65
 * bytes, 390 bytes in all), written from the uname(2) manual page.
 */
#ifndef KERNEL_INCLUDE_UAPI_UTSNAME_H
#define KERNEL_INCLUDE_UAPI_UTSNAME_H

#define UTSNAME_LEN 65

struct new_utsname {
	char sysname[UTSNAME_LEN];
	char nodename[UTSNAME_LEN];
	char release[UTSNAME_LEN];
	char version[UTSNAME_LEN];
	char machine[UTSNAME_LEN];
	char domainname[UTSNAME_LEN];
};

_Static_assert(sizeof(struct new_utsname) == 390, "struct new_utsname is 390 bytes");

#endif
