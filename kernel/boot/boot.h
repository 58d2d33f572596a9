/* Boot-time entry points shared between kernel/boot files. */
#ifndef KERNEL_BOOT_BOOT_H
#define KERNEL_BOOT_BOOT_H

#include "sched/cpu.h"
#include "types.h"

/* kmain - the boot hart's C entry, on the boot stack, paging on. Never returns. */
void kmain(void) __attribute__((noreturn));

/*
 * smp_boot_secondaries - start every other usable hart through SBI HSM and wait (up to five
 * seconds each) until it runs its idle loop. Context: boot hart, after traps, PLIC and timer.
 * Returns the number of CPUs online.
 */
int smp_boot_secondaries(void);

/* smp_secondary_main - C entry of a secondary hart (from kernel/boot/entry.S). */
void smp_secondary_main(unsigned long hartid, struct cpu *c) __attribute__((noreturn));

/* selftest_crash - deliberately crash the kernel as @what says ("stack", "null"), for the
 * boot tests that check the panic path. Returns if @what is unknown. */
void selftest_crash(const char *what);

/* power_init - map what power_off needs (after the kernel page table is on). Boot hart. */
void power_init(void);

/*
 * power_off - turn the machine off; with @failure, QEMU exits non-zero. Context: any.
 * Never returns.
 */
void power_off(bool failure) __attribute__((noreturn));

/* selftest_echo - read one line of console input (interrupt-driven) and print it back. */
void selftest_echo(void);

#endif
