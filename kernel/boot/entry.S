/*
 * Kernel entry from the firmware, MMU off, at physical 0x80200000.
 *   OpenSBI:   a0 = hart id, a1 = device tree (physical)
 *   U-Boot go: a0 = argc, a1 = argv, tp = hart id
 * Steps: park traps, pick one boot hart, keep the entry registers, clear BSS, turn on an early
 * Sv39 table of gigapages (identity for the image's gigabyte, plus the direct map), jump to the
 * linked (virtual) addresses and call kmain on the boot stack.
 */
#include "mm/memlayout.h"
#include "asm-offsets.h"
#include "riscv.h"

#define EARLY_PTE_FLAGS 0xcf /* V R W X A D */
#define EARLY_DIRECT_GIB 16

	.section .text.entry, "ax"
	.globl _start
_start:
	/* While booting, a trap parks the hart here: it helps a debugger more than a reset. */
	lla	t0, early_park
	csrw	stvec, t0
	csrw	sie, zero
	csrw	sip, zero
	/* Hart lottery: the first hart through boots; anyone else parks. */
	lla	t0, boot_lottery
	li	t1, 1
	amoadd.w t1, t1, (t0)
	bnez	t1, early_park
	lla	t0, boot_regs
	sd	a0, 0(t0)
	sd	a1, 8(t0)
	sd	tp, 16(t0)
	/* Clear BSS. */
	lla	t0, _sbss
	lla	t1, _ebss
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	early_paging_on
	lla	sp, boot_stack_top
	lla	tp, boot_task
	lla	t0, trap_entry
	csrw	stvec, t0
	call	kmain
	j	early_park

/*
 * early_paging_on: fill early_pgd and switch to it, then return to the caller's address moved
 * into the direct map. Clobbers t0-t4. The identity entry lets the instruction after the satp
 * write be fetched; it stays in early_pgd, which secondary harts use the same way.
 */
early_paging_on:
	lla	t0, early_pgd
	/* identity gigapage for the one holding the image */
	lla	t1, _start
	srli	t1, t1, 30
	slli	t2, t1, 3
	add	t2, t0, t2
	slli	t3, t1, 28
	ori	t3, t3, EARLY_PTE_FLAGS
	sd	t3, 0(t2)
	/* direct map: PAGE_OFFSET + n GiB -> n GiB */
	li	t1, 0
	li	t4, EARLY_DIRECT_GIB
	li	t2, 256 * 8
	add	t2, t0, t2
3:	slli	t3, t1, 28
	ori	t3, t3, EARLY_PTE_FLAGS
	sd	t3, 0(t2)
	addi	t2, t2, 8
	addi	t1, t1, 1
	blt	t1, t4, 3b
	/* fallthrough */
early_satp_on:
	lla	t0, early_pgd
	srli	t0, t0, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	li	t1, PAGE_OFFSET
	add	ra, ra, t1
	ret

/*
 * Secondary harts, started through SBI HSM: a0 = hart id, a1 = its struct cpu (virtual).
 * They turn on early_pgd (already filled), move to the direct map and enter smp_secondary_main
 * on their idle task's stack.
 */
	.globl secondary_entry
secondary_entry:
	lla	t0, early_park
	csrw	stvec, t0
	csrw	sie, zero
	mv	s0, a0
	mv	s1, a1
	call	early_satp_on
	li	t0, 1
	sw	t0, CPU_BOOT_STAGE(s1)
	/* Now in the direct map: switch to the kernel page table, where the stacks are. */
	ld	t0, kernel_satp
	sfence.vma
	csrw	satp, t0
	sfence.vma
	li	t0, 2
	sw	t0, CPU_BOOT_STAGE(s1)
	ld	tp, CPU_IDLE(s1)
	ld	sp, TASK_KSTACK_TOP(tp)
	lla	t0, trap_entry
	csrw	stvec, t0
	li	t0, 3
	sw	t0, CPU_BOOT_STAGE(s1)
	mv	a0, s0
	mv	a1, s1
	call	smp_secondary_main
	j	early_park

	.balign 4
early_park:
	wfi
	j	early_park

	.section .data
	.balign 8
boot_lottery:
	.word 0
	.balign 8
	.globl boot_regs
boot_regs:
	.dword 0, 0, 0		/* a0, a1, tp at entry */

	.section .bss
	.balign 4096
	.globl early_pgd
early_pgd:
	.space 4096
	.globl boot_stack
boot_stack:
	.space 16384
	.globl boot_stack_top
boot_stack_top:
