/*
 * The SUM windows of mm/uaccess.c: the only code that loads from or stores to user pages.
 * Each routine sets sstatus.SUM on entry and clears it on every exit (normal and fixup);
 * every instruction that touches user memory is listed with EXTABLE(insn, fixup), so a fault
 * that vm_fault() cannot resolve resumes at the fixup (kernel/trap/trap.c).
 * The callers (uaccess.c) have already checked the ranges with access_ok().
 *
 * Copies use aligned 8-byte words between byte heads and tails when source and destination
 * share their alignment, bytes otherwise. A word never crosses a page, so a fault leaves an
 * exact count of bytes not copied (the cursors advance only after each store).
 */
#include "errno.h"
#include "extable.h"
#include "riscv.h"

	.section .text

	.macro SUM_ON
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	.endm

	.macro SUM_OFF
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	.endm

/*
 * size_t uaccess_copy(void *dst, const void *src, size_t n)
 * One side is user memory, the other kernel memory. Returns bytes not copied.
 * a0 = dst cursor, a1 = src cursor, a3 = end of dst.
 */
	.globl uaccess_copy
uaccess_copy:
	SUM_ON
	add	a3, a0, a2
	xor	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, .Lcopy_bytes
.Lcopy_head:
	andi	t0, a0, 7
	beqz	t0, .Lcopy_words
	beq	a0, a3, .Lcopy_done
10:	lb	t1, 0(a1)
11:	sb	t1, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	j	.Lcopy_head
.Lcopy_words:
	sub	t0, a3, a0
	li	t2, 8
	bltu	t0, t2, .Lcopy_bytes
12:	ld	t1, 0(a1)
13:	sd	t1, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	j	.Lcopy_words
.Lcopy_bytes:
	beq	a0, a3, .Lcopy_done
14:	lb	t1, 0(a1)
15:	sb	t1, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	j	.Lcopy_bytes
.Lcopy_done:
	SUM_OFF
	li	a0, 0
	ret
.Lcopy_fault:
	SUM_OFF
	sub	a0, a3, a0
	ret
	EXTABLE(10b, .Lcopy_fault)
	EXTABLE(11b, .Lcopy_fault)
	EXTABLE(12b, .Lcopy_fault)
	EXTABLE(13b, .Lcopy_fault)
	EXTABLE(14b, .Lcopy_fault)
	EXTABLE(15b, .Lcopy_fault)

/*
 * size_t uaccess_clear(void *udst, size_t n): zero user bytes; returns bytes not cleared.
 */
	.globl uaccess_clear
uaccess_clear:
	SUM_ON
	add	a3, a0, a1
.Lclear_head:
	andi	t0, a0, 7
	beqz	t0, .Lclear_words
	beq	a0, a3, .Lclear_done
20:	sb	zero, 0(a0)
	addi	a0, a0, 1
	j	.Lclear_head
.Lclear_words:
	sub	t0, a3, a0
	li	t2, 8
	bltu	t0, t2, .Lclear_bytes
21:	sd	zero, 0(a0)
	addi	a0, a0, 8
	j	.Lclear_words
.Lclear_bytes:
	beq	a0, a3, .Lclear_done
22:	sb	zero, 0(a0)
	addi	a0, a0, 1
	j	.Lclear_bytes
.Lclear_done:
	SUM_OFF
	li	a0, 0
	ret
.Lclear_fault:
	SUM_OFF
	sub	a0, a3, a0
	ret
	EXTABLE(20b, .Lclear_fault)
	EXTABLE(21b, .Lclear_fault)
	EXTABLE(22b, .Lclear_fault)

/*
 * long uaccess_strncpy(char *dst, const char *usrc, long n), n > 0:
 * returns the length if a NUL was copied, n if none within n bytes, -EFAULT on a fault.
 */
	.globl uaccess_strncpy
uaccess_strncpy:
	SUM_ON
	li	t0, 0
.Lstr_loop:
	beq	t0, a2, .Lstr_full
	add	t1, a1, t0
30:	lbu	t2, 0(t1)
	add	t3, a0, t0
	sb	t2, 0(t3)
	beqz	t2, .Lstr_nul
	addi	t0, t0, 1
	j	.Lstr_loop
.Lstr_nul:
	SUM_OFF
	mv	a0, t0
	ret
.Lstr_full:
	SUM_OFF
	mv	a0, a2
	ret
.Lstr_fault:
	SUM_OFF
	li	a0, -EFAULT
	ret
	EXTABLE(30b, .Lstr_fault)

/* int uaccess_get_u32(u32 *val, const void *uaddr), aligned; 0 or -EFAULT */
	.globl uaccess_get_u32
uaccess_get_u32:
	SUM_ON
40:	lwu	t0, 0(a1)
	SUM_OFF
	sw	t0, 0(a0)
	li	a0, 0
	ret
.Lget_fault:
	SUM_OFF
	li	a0, -EFAULT
	ret
	EXTABLE(40b, .Lget_fault)

/* int uaccess_get_u64(u64 *val, const void *uaddr), aligned; 0 or -EFAULT */
	.globl uaccess_get_u64
uaccess_get_u64:
	SUM_ON
41:	ld	t0, 0(a1)
	SUM_OFF
	sd	t0, 0(a0)
	li	a0, 0
	ret
	EXTABLE(41b, .Lget_fault)

/* int uaccess_put_u32(void *uaddr, u32 val), aligned; 0 or -EFAULT */
	.globl uaccess_put_u32
uaccess_put_u32:
	SUM_ON
42:	sw	a1, 0(a0)
	SUM_OFF
	li	a0, 0
	ret
	EXTABLE(42b, .Lget_fault)

/* int uaccess_put_u64(void *uaddr, u64 val), aligned; 0 or -EFAULT */
	.globl uaccess_put_u64
uaccess_put_u64:
	SUM_ON
43:	sd	a1, 0(a0)
	SUM_OFF
	li	a0, 0
	ret
	EXTABLE(43b, .Lget_fault)

/*
 * int uaccess_cmpxchg_u32(u32 *oldval_out, void *uaddr, u32 oldval, u32 newval), aligned.
 * LR/SC loop; a fault on either (SC to a COW page, say) is resolved and the loop retried.
 */
	.globl uaccess_cmpxchg_u32
uaccess_cmpxchg_u32:
	SUM_ON
	addiw	a2, a2, 0
50:	lr.w.aqrl t0, (a1)
	bne	t0, a2, 2f
51:	sc.w.aqrl t1, a3, (a1)
	bnez	t1, 50b
2:	SUM_OFF
	sw	t0, 0(a0)
	li	a0, 0
	ret
	EXTABLE(50b, .Lget_fault)
	EXTABLE(51b, .Lget_fault)

/*
 * int uaccess_amo_u32(int op, void *uaddr, u32 arg, u32 *oldval_out), aligned, op 0..4
 * checked by the caller (set, add, or, andn, xor).
 */
	.globl uaccess_amo_u32
uaccess_amo_u32:
	SUM_ON
	li	t1, 1
	beqz	a0, .Lamo_set
	beq	a0, t1, .Lamo_add
	li	t1, 2
	beq	a0, t1, .Lamo_or
	li	t1, 3
	beq	a0, t1, .Lamo_andn
60:	amoxor.w.aqrl t0, a2, (a1)
	j	.Lamo_done
.Lamo_set:
61:	amoswap.w.aqrl t0, a2, (a1)
	j	.Lamo_done
.Lamo_add:
62:	amoadd.w.aqrl t0, a2, (a1)
	j	.Lamo_done
.Lamo_or:
63:	amoor.w.aqrl t0, a2, (a1)
	j	.Lamo_done
.Lamo_andn:
	not	a2, a2
64:	amoand.w.aqrl t0, a2, (a1)
.Lamo_done:
	SUM_OFF
	sw	t0, 0(a3)
	li	a0, 0
	ret
	EXTABLE(60b, .Lget_fault)
	EXTABLE(61b, .Lget_fault)
	EXTABLE(62b, .Lget_fault)
	EXTABLE(63b, .Lget_fault)
	EXTABLE(64b, .Lget_fault)
