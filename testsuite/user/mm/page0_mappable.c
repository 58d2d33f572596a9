/* page0_mappable - MAP_FIXED at address 0 works for root (some binaries load at 0): the page
 * reads zero, is writable, and unmaps. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

int main(void)
{
	errno = 0;
	long r = syscall(SYS_mmap, 0, PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (!ok(r == 0, "mmap(0, MAP_FIXED) returns 0"))
		diag("errno %d", errno);
	if (r == 0) {
		volatile char *z = (volatile char *)(long)r;
		__asm__("" : "+r"(z)); /* hide that z is NULL from the compiler */
		ok(z[0] == 0 && z[PG - 1] == 0, "page 0 reads zero");
		z[8] = 'z';
		ok(z[8] == 'z', "page 0 is writable");
		ok(syscall(SYS_munmap, 0, PG) == 0, "munmap page 0");
	}
	return done();
}
