/* auxv_sysinfo_ehdr - the auxiliary vector has AT_SYSINFO_EHDR, and it points at the ELF header
 * of the vDSO: page aligned, ELF64 little-endian, ET_DYN, EM_RISCV, with a PT_LOAD and a
 * PT_DYNAMIC, and the dynamic section names the shared object linux-vdso.so.1. */
#include <elf.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>

#include "tap.h"
#include "vdso_sym.h"

int main(void)
{
	uintptr_t at = getauxval(AT_SYSINFO_EHDR);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)at;
	struct vdso_info vi;
	int load = 0, dynamic = 0;

	if (!ok(at != 0, "AT_SYSINFO_EHDR is present"))
		return done();
	ok(at % 4096 == 0, "it is page aligned");
	ok(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0, "it points at the ELF magic");
	ok(eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_ident[EI_DATA] == ELFDATA2LSB,
	   "ELF64, little-endian");
	ok(eh->e_type == ET_DYN, "e_type is ET_DYN");
	ok(eh->e_machine == EM_RISCV, "e_machine is EM_RISCV");
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(at + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		load |= ph[i].p_type == PT_LOAD;
		dynamic |= ph[i].p_type == PT_DYNAMIC;
	}
	ok(load && dynamic, "it has a PT_LOAD and a PT_DYNAMIC");
	ok(vdso_open(&vi), "its symbol, string and hash tables are found");
	ok(vi.soname && strcmp(vi.soname, "linux-vdso.so.1") == 0, "DT_SONAME is linux-vdso.so.1");
	return done();
}
