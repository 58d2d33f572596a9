/* RISC-V CSR accessors, status bits and fences (privileged spec 1.12, S-mode view). */
#ifndef KERNEL_INCLUDE_RISCV_H
#define KERNEL_INCLUDE_RISCV_H

#define SSTATUS_SIE	   (1UL << 1)
#define SSTATUS_SPIE	   (1UL << 5)
#define SSTATUS_SPP	   (1UL << 8)
#define SSTATUS_FS	   (3UL << 13)
#define SSTATUS_FS_INITIAL (1UL << 13)
#define SSTATUS_FS_CLEAN   (2UL << 13)
#define SSTATUS_FS_DIRTY   (3UL << 13)
#define SSTATUS_SUM	   (1UL << 18)
#define SSTATUS_MXR	   (1UL << 19)

#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIE_SEIE (1UL << 9)

#define IRQ_S_SOFT  1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT   9
#define SCAUSE_INTR (1UL << 63)

#define EXC_INST_MISALIGNED  0
#define EXC_INST_ACCESS	     1
#define EXC_ILLEGAL_INST     2
#define EXC_BREAKPOINT	     3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_ACCESS	     5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS     7
#define EXC_ECALL_U	     8
#define EXC_ECALL_S	     9
#define EXC_INST_PAGE_FAULT  12
#define EXC_LOAD_PAGE_FAULT  13
#define EXC_STORE_PAGE_FAULT 15

#define SATP_MODE_SV39 (8UL << 60)

#define SCOUNTEREN_TM (1UL << 1) /* user mode may read the time CSR */

#ifndef __ASSEMBLER__
#include "types.h"

#define csr_read(csr)                                                                              \
	({                                                                                         \
		unsigned long __v;                                                                 \
		__asm__ __volatile__("csrr %0, " #csr : "=r"(__v) : : "memory");                   \
		__v;                                                                               \
	})
#define csr_write(csr, val)                                                                        \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ __volatile__("csrw " #csr ", %0" : : "rK"(__v) : "memory");                \
	})
#define csr_set(csr, val)                                                                          \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ __volatile__("csrs " #csr ", %0" : : "rK"(__v) : "memory");                \
	})
#define csr_clear(csr, val)                                                                        \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ __volatile__("csrc " #csr ", %0" : : "rK"(__v) : "memory");                \
	})
#define csr_read_clear(csr, val)                                                                   \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ __volatile__("csrrc %0, " #csr ", %1" : "=r"(__v) : "rK"(__v) : "memory"); \
		__v;                                                                               \
	})

static inline void local_irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

static inline void local_irq_disable(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

/* Disables interrupts and returns the previous sstatus.SIE bit. */
static inline unsigned long local_irq_save(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

static inline void local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

static inline bool irqs_enabled(void)
{
	return csr_read(sstatus) & SSTATUS_SIE;
}

static inline void sfence_vma_all(void)
{
	__asm__ __volatile__("sfence.vma" : : : "memory");
}

static inline void sfence_vma_addr(unsigned long va)
{
	__asm__ __volatile__("sfence.vma %0" : : "r"(va) : "memory");
}

static inline void fence_i(void)
{
	__asm__ __volatile__("fence.i" : : : "memory");
}

static inline void wfi(void)
{
	__asm__ __volatile__("wfi" : : : "memory");
}

/*
 * cpu_relax - in a spin-wait loop: the Zihintpause "pause" hint (encoded as a FENCE that every
 * hart accepts), so a hart sharing its core, or an emulated one, lets the others run.
 */
static inline void cpu_relax(void)
{
	__asm__ __volatile__(".word 0x0100000f" : : : "memory");
}

static inline u64 rdtime(void)
{
	u64 t;
	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

#endif /* __ASSEMBLER__ */
#endif
