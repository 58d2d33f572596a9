/*
 * The vDSO: a small ELF shared object built with the kernel, mapped into every process at exec
 * (announced with AT_SYSINFO_EHDR) together with a read-only data page the kernel keeps up to
 * date. It holds __vdso_rt_sigreturn (Linux on riscv returns from signal handlers through it)
 * and the clock fast paths (__vdso_clock_gettime, __vdso_gettimeofday, __vdso_clock_getres).
 */
#ifndef KERNEL_VDSO_VDSO_H
#define KERNEL_VDSO_VDSO_H

#include "types.h"

struct mm;

/* vdso_init - prepare the vDSO pages and the data page. Context: boot, once, after kmalloc. */
void vdso_init(void);

/*
 * vdso_map - map the vDSO (its text and the data page) into @mm, which exec is building;
 * records where in mm->vdso_base. Context: exec. Returns 0, or -ENOMEM.
 */
int vdso_map(struct mm *mm);

/* vdso_sigreturn - the user address of __vdso_rt_sigreturn in @mm, or 0 if no vDSO is mapped. */
uaddr_t vdso_sigreturn(struct mm *mm);

/* vdso_update_time - publish the clock parameters (timebase, realtime offset) to the data page. */
void vdso_update_time(void);

#endif
