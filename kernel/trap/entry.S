/*
 * Trap entry and exit. sscratch holds the current task while in user mode and 0 in the
 * kernel, so one csrrw tells where the trap came from (design.md section 3).
 *   from user:   switch to the task's kernel stack, frame at its top
 *   from kernel: frame pushed on the current stack; if that stack is about to run into its
 *                guard page, switch to the CPU's emergency stack so the overflow can be reported
 * The frame holds every register and sepc/sstatus/scause/stval. sstatus.SUM is cleared on
 * entry (user memory is reachable only inside mm/uaccess routines) and restored on exit.
 * Traps from user mode go to user_trap, the others to trap_handler.
 */
#include "asm-offsets.h"
#include "riscv.h"

#define REG(n) ((n) - 1) * 8

	.macro SAVE_GPRS
	sd	x1, REG(1)(sp)
	sd	x3, REG(3)(sp)
	.irp n, 5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, REG(\n)(sp)
	.endr
	.endm

	.macro RESTORE_GPRS
	ld	x1, REG(1)(sp)
	ld	x3, REG(3)(sp)
	.irp n, 5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, REG(\n)(sp)
	.endr
	.endm

	.section .text
	.balign 4
	.globl trap_entry
trap_entry:
	csrrw	tp, sscratch, tp
	bnez	tp, from_user

	/* From the kernel: tp (the task) is in sscratch. Borrow sscratch to free t0. */
	csrr	tp, sscratch
	csrw	sscratch, t0
	ld	t0, TASK_KSTACK_BOTTOM(tp)
	addi	t0, t0, TF_SIZE + 64
	bltu	sp, t0, stack_overflow
	csrr	t0, sscratch
	csrw	sscratch, tp
	sd	sp, TASK_USER_SP(tp)	/* scratch slot: the interrupted kernel sp */
	addi	sp, sp, -TF_SIZE
	j	save_frame

stack_overflow:
	ld	t0, TASK_CPU(tp)
	ld	t0, CPU_EMERG_SP(t0)
	sd	sp, TASK_USER_SP(tp)
	mv	sp, t0
	csrr	t0, sscratch
	csrw	sscratch, tp
	addi	sp, sp, -TF_SIZE
	j	save_frame

from_user:
	/* tp = task; sscratch = the user's tp. */
	sd	sp, TASK_USER_SP(tp)
	ld	sp, TASK_KSTACK_TOP(tp)
	addi	sp, sp, -TF_SIZE

save_frame:
	SAVE_GPRS
	ld	t0, TASK_USER_SP(tp)
	sd	t0, TF_SP(sp)
	csrrw	t0, sscratch, zero	/* the interrupted tp; sscratch = 0 while in the kernel */
	sd	t0, TF_TP(sp)
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	li	t1, SSTATUS_SUM
	csrrc	t0, sstatus, t1
	sd	t0, TF_SSTATUS(sp)
	andi	t2, t0, SSTATUS_SPP
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	li	t1, EXC_ECALL_U
	bne	t0, t1, 2f
	sd	zero, TF_STVAL(sp)	/* an ecall sets stval to 0 (privileged spec): not read */
	j	3f
2:	csrr	t0, stval
	sd	t0, TF_STVAL(sp)
3:	mv	a0, sp
	bnez	t2, 1f
	call	user_trap	/* from user mode: straight there, the common case */
	j	trap_return
1:	call	trap_handler

/*
 * trap_return: sp points at the frame to resume, interrupts are off (a trap taken between the
 * write of sepc and the sret would overwrite sepc). Every way here ensures it: user_trap and
 * task_first_user end in user_return_check, which returns with interrupts off; kernel traps
 * run with them off; return_to_user turns them off.
 */
	.globl trap_return
trap_return:
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	andi	t0, t0, SSTATUS_SPP
	bnez	t0, 1f
	/* Back to user: the task goes to sscratch, the user's tp comes back from the frame. */
	csrw	sscratch, tp
1:	RESTORE_GPRS
	ld	tp, TF_TP(sp)
	ld	sp, TF_SP(sp)
	sret
