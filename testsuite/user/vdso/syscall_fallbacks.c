/* syscall_fallbacks - the vDSO functions that are system calls: __vdso_getcpu fills the CPU
 * (below 64) and node 0 and returns 0; __vdso_flush_icache returns 0 for flags 0 and
 * SYS_RISCV_FLUSH_ICACHE_LOCAL (1) and -EINVAL for an unknown flag; the riscv_flush_icache
 * system call (259) answers the same. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"
#include "vdso_sym.h"

typedef long (*getcpu_fn)(unsigned int *, unsigned int *, void *);
typedef long (*flush_fn)(void *, void *, unsigned long);

int main(void)
{
	struct vdso_info vi;
	unsigned int cpu = ~0U, node = ~0U;

	if (!ok(vdso_open(&vi), "vDSO found"))
		return done();
	getcpu_fn getcpu = (getcpu_fn)vdso_sym(&vi, "__vdso_getcpu", NULL);
	flush_fn flush = (flush_fn)vdso_sym(&vi, "__vdso_flush_icache", NULL);
	if (!ok(getcpu && flush, "__vdso_getcpu and __vdso_flush_icache found"))
		return done();
	ok(getcpu(&cpu, &node, NULL) == 0 && cpu < 64 && node == 0, "getcpu: cpu < 64, node 0");
	ok(getcpu(NULL, NULL, NULL) == 0, "getcpu with NULL pointers returns 0");
	ok(flush(NULL, NULL, 0) == 0, "flush_icache flags 0 returns 0");
	ok(flush(NULL, NULL, 1) == 0, "flush_icache LOCAL returns 0");
	ok(flush(NULL, NULL, 2) == -EINVAL, "flush_icache unknown flag returns -EINVAL");
	ok(syscall(259, 0, 0, 0) == 0, "syscall 259 flags 0 returns 0");
	errno = 0;
	ok(syscall(259, 0, 0, 4) == -1 && errno == EINVAL, "syscall 259 unknown flag: EINVAL");
	return done();
}
