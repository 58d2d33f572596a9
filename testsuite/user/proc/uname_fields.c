/* uname_fields - uname reports sysname "Linux" and machine "riscv64" (the other fields differ
 * between kernels and are only checked for being NUL-terminated). */
#define _GNU_SOURCE
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	struct utsname u;

	memset(&u, 0xff, sizeof(u));
	ok(uname(&u) == 0, "uname() == 0");
	ok(strcmp(u.sysname, "Linux") == 0, "sysname == \"Linux\"");
	ok(strcmp(u.machine, "riscv64") == 0, "machine == \"riscv64\"");
	ok(memchr(u.release, 0, sizeof(u.release)) != NULL, "release is NUL-terminated");
	ok(memchr(u.version, 0, sizeof(u.version)) != NULL, "version is NUL-terminated");
	ok(memchr(u.nodename, 0, sizeof(u.nodename)) != NULL, "nodename is NUL-terminated");
	ok(memchr(u.domainname, 0, sizeof(u.domainname)) != NULL, "domainname is NUL-terminated");
	ok(u.release[0] >= '1' && u.release[0] <= '9', "release starts with a digit");
	errno = 0;
	ok(syscall(SYS_uname, (void *)8) == -1 && errno == EFAULT, "uname(bad pointer): EFAULT");
	return done();
}
