/*
 * TEMPORARY, until the vDSO is merged: delete this file (and its line in kernel/build.mk) then.
 *
 * A weak vdso_sigreturn() that says "no vDSO", and a stand-in return trampoline: on the first
 * signal delivered in an address space, one page holding `li a7, 139; ecall` (rt_sigreturn) is
 * mapped read+exec at a fixed address in the gap between the stack and the mmap area (nothing
 * is placed there without MAP_FIXED). fork copies it with the rest of the address space; exec
 * drops it, and the next delivery maps it again.
 */
#include "errno.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "riscv.h"
#include "signal/signal.h"
#include "uapi/mman.h"
#include "vdso/vdso.h"

uaddr_t sigreturn_tramp_fallback(struct mm *mm);

#define TRAMP_ADDR (MM_STACK_TOP - (64UL << 20))

__attribute__((weak)) uaddr_t vdso_sigreturn(struct mm *mm)
{
	return 0;
}

/* sigreturn_tramp_fallback - the stand-in trampoline's address in @mm (mapped if needed), or 0. */
uaddr_t sigreturn_tramp_fallback(struct mm *mm)
{
	static const u32 code[2] = {
		0x08b00893, /* li a7, 139 (addi a7, zero, 139) */
		0x00000073, /* ecall */
	};
	u64 perm = 0;

	if (mm_translate(mm, TRAMP_ADDR, &perm) && (perm & (1UL << 3)))
		return TRAMP_ADDR;
	if (mm_map_region(mm, TRAMP_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, NULL, NULL, 0, 0))
		return 0;
	if (copy_to_user(TRAMP_ADDR, code, sizeof(code)) ||
	    mm_mprotect(mm, TRAMP_ADDR, PAGE_SIZE, PROT_READ | PROT_EXEC))
		return 0;
	return TRAMP_ADDR;
}
