/*
 * swtch(struct task *prev, struct task *next): save the callee-saved registers of the running
 * task into prev->ctx, make next current (tp) and resume it where it last called swtch, or at
 * its start routine.
 */
#include "asm-offsets.h"

	.section .text
	.globl swtch
swtch:
	sd	ra, (TASK_CTX + CTX_RA)(a0)
	sd	sp, (TASK_CTX + CTX_SP)(a0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\n, (TASK_CTX + CTX_S0 + \n * 8)(a0)
	.endr
	mv	tp, a1
	ld	ra, (TASK_CTX + CTX_RA)(a1)
	ld	sp, (TASK_CTX + CTX_SP)(a1)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\n, (TASK_CTX + CTX_S0 + \n * 8)(a1)
	.endr
	ret

/* First run of a kernel task: s0 = function, s1 = argument (set by its creator). */
	.globl task_first_entry
task_first_entry:
	call	sched_first_run
	mv	a0, s1
	jalr	s0
	call	task_exit_kernel

/* First run of a user task made by fork/clone: resume its trap frame (s1 = the frame). */
	.globl task_first_user
task_first_user:
	call	sched_first_run
	call	clone_child_first_run
	call	user_return_check
	mv	sp, s1
	j	trap_return

/*
 * fp_save(struct fpstate *) / fp_restore(const struct fpstate *): the user's f0-f31 and fcsr.
 * The kernel itself never uses floating point (it is built for rv64imac); sstatus.FS is set
 * around the accesses so that they do not trap.
 */
	.option push
	.option arch, +d
	.globl fp_save
fp_save:
	li	t1, 0x2000		/* SSTATUS_FS_INITIAL */
	csrrs	t2, sstatus, t1
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (\n * 8)(a0)
	.endr
	frcsr	t0
	sd	t0, (32 * 8)(a0)
	csrw	sstatus, t2
	ret

	.globl fp_restore
fp_restore:
	li	t1, 0x2000
	csrrs	t2, sstatus, t1
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, (\n * 8)(a0)
	.endr
	ld	t0, (32 * 8)(a0)
	fscsr	t0
	csrw	sstatus, t2
	ret
	.option pop
