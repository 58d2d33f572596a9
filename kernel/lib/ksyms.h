/*
 * Kernel symbol table for backtraces, generated from the linked image by scripts/gen_ksyms.sh
 * (a second link pass puts it in .rodata; text addresses do not move between the passes).
 */
#ifndef KERNEL_LIB_KSYMS_H
#define KERNEL_LIB_KSYMS_H

#include "trap/trapframe.h"
#include "types.h"

extern const unsigned long ksyms_count;
extern const unsigned long ksyms_addrs[];
extern const unsigned int ksyms_offs[];
extern const char ksyms_names[];

/* ksym_lookup - name of the text symbol containing @addr (offset in *@offset), or NULL. */
const char *ksym_lookup(unsigned long addr, unsigned long *offset);

/* backtrace / backtrace_from - print the frame-pointer chain (from @fp, after @pc if non-zero). */
void backtrace(void);
void backtrace_from(unsigned long fp, unsigned long pc);

/* dump_trapframe - print every register of @tf. Context: any. */
void dump_trapframe(const struct trapframe *tf);

/* panic_trap - panic with the registers of @tf and a backtrace from its frame. Never returns. */
void panic_trap(const struct trapframe *tf, const char *fmt, ...) __attribute__((noreturn))
__attribute__((format(printf, 2, 3)));

extern volatile int panicking;

#endif
