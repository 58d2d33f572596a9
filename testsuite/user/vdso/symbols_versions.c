/* symbols_versions - the vDSO exports, as global functions with symbol version LINUX_4.15, the
 * six names Linux's riscv vDSO has and the C libraries look up: __vdso_rt_sigreturn,
 * __vdso_gettimeofday, __vdso_clock_gettime, __vdso_clock_getres, __vdso_getcpu,
 * __vdso_flush_icache. __vdso_rt_sigreturn is exactly "li a7, 139; ecall" (the sequence
 * unwinders recognise as the signal trampoline). */
#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "vdso_sym.h"

static const char *const names[] = {
	"__vdso_rt_sigreturn", "__vdso_gettimeofday", "__vdso_clock_gettime",
	"__vdso_clock_getres", "__vdso_getcpu",	      "__vdso_flush_icache",
};

int main(void)
{
	struct vdso_info vi;

	if (!ok(vdso_open(&vi), "vDSO found"))
		return done();
	ok(vi.versym && vi.verdef, "it has version tables (DT_VERSYM, DT_VERDEF)");
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *ver;
		void *p = vdso_sym(&vi, names[i], &ver);

		ok(p != NULL, "%s is a defined global function", names[i]);
		ok(ver && strcmp(ver, "LINUX_4.15") == 0, "%s has version LINUX_4.15", names[i]);
	}
	const uint32_t *insn = vdso_sym(&vi, "__vdso_rt_sigreturn", NULL);
	ok(insn && insn[0] == 0x08b00893 && insn[1] == 0x00000073,
	   "__vdso_rt_sigreturn is li a7, 139; ecall");
	ok(vdso_sym(&vi, "__vdso_no_such_function", NULL) == NULL, "an unknown name is not found");
	return done();
}
