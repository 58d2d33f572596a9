/*
 * Exception table: pairs (instruction, fixup). A kernel-mode fault at a listed instruction
 * resumes at its fixup instead of panicking. Used by the user-copy routines (mm/uaccess) and by
 * probes of things that may not exist (a CSR, a device-tree pointer).
 */
#ifndef KERNEL_INCLUDE_EXTABLE_H
#define KERNEL_INCLUDE_EXTABLE_H

#ifdef __ASSEMBLER__
#define EXTABLE(insn, fixup)                                                                       \
	.pushsection __ex_table, "a";                                                              \
	.balign 8;                                                                                 \
	.dword insn, fixup;                                                                        \
	.popsection
#else
#include "types.h"

struct extable_entry {
	unsigned long insn, fixup;
};

/* extable_fixup - the fixup address for a fault at @pc, or 0 if @pc is not listed. */
unsigned long extable_fixup(unsigned long pc);

/*
 * probe_read_u32 - read the 32-bit word at kernel address @addr without dying if it faults.
 * Returns 0 and stores the value, or -EFAULT. Context: any.
 */
int probe_read_u32(const void *addr, u32 *val);

/* probe_csr_stimecmp - true if reading the stimecmp CSR does not trap on this hart. */
bool probe_csr_stimecmp(void);
#endif

#endif
