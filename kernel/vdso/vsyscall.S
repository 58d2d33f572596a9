/*
 * The vDSO functions that are plain system calls: __vdso_rt_sigreturn (where a signal handler
 * returns to: the kernel puts its address in ra of the handler's frame), __vdso_getcpu and
 * __vdso_flush_icache. User-space code of the vDSO, never linked into the kernel.
 *
 * __vdso_rt_sigreturn is exactly "li a7, 139; ecall" as two 4-byte instructions, the sequence
 * unwinders (libgcc, gdb) recognise as Linux's signal trampoline when they find no unwind
 * entry for it; so it has none, and the nop before it keeps the address just below it (where
 * an unwinder looks up a return address) outside every other function's entry.
 */
#define NR_getcpu		168
#define NR_rt_sigreturn		139
#define NR_riscv_flush_icache	259

	.option norvc

	.section .text.sigreturn, "ax", @progbits
	.balign 4
	nop
	.globl __vdso_rt_sigreturn
	.type __vdso_rt_sigreturn, @function
__vdso_rt_sigreturn:
	li	a7, NR_rt_sigreturn
	ecall
	.size __vdso_rt_sigreturn, . - __vdso_rt_sigreturn

	.text
	.balign 4
	.globl __vdso_getcpu
	.type __vdso_getcpu, @function
__vdso_getcpu:
	.cfi_startproc
	li	a7, NR_getcpu
	ecall
	ret
	.cfi_endproc
	.size __vdso_getcpu, . - __vdso_getcpu

	.balign 4
	.globl __vdso_flush_icache
	.type __vdso_flush_icache, @function
__vdso_flush_icache:
	.cfi_startproc
	li	a7, NR_riscv_flush_icache
	ecall
	ret
	.cfi_endproc
	.size __vdso_flush_icache, . - __vdso_flush_icache
