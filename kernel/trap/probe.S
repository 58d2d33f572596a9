/* Fault-tolerant probes; each risky instruction is listed in the exception table. */
#include "errno.h"
#include "extable.h"

	.section .text
/* int probe_read_u32(const void *addr, u32 *val) */
	.globl probe_read_u32
probe_read_u32:
1:	lwu	t0, 0(a0)
	sw	t0, 0(a1)
	li	a0, 0
	ret
2:	li	a0, -EFAULT
	ret
	EXTABLE(1b, 2b)

/* bool probe_csr_stimecmp(void): csr 0x14d is stimecmp (Sstc). */
	.globl probe_csr_stimecmp
probe_csr_stimecmp:
3:	csrr	t0, 0x14d
	li	a0, 1
	ret
4:	li	a0, 0
	ret
	EXTABLE(3b, 4b)
