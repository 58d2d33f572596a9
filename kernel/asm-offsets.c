/*
 * Offsets of struct fields used by assembly. Compiled to assembly only; scripts/gen_asm_offsets.sh
 * turns the "->NAME value" markers into build/gen/asm-offsets.h.
 */
#include "sched/cpu.h"
#include "task/task.h"
#include "trap/trapframe.h"

#define DEFINE(sym, val)      __asm__ __volatile__("\n.ascii \"->" #sym " %0\"" : : "i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, __builtin_offsetof(struct str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
	OFFSET(TASK_KSTACK_TOP, task, kstack_top);
	OFFSET(TASK_KSTACK_BOTTOM, task, kstack_bottom);
	OFFSET(TASK_USER_SP, task, user_sp);
	OFFSET(TASK_CPU, task, cpu);
	OFFSET(TASK_CTX, task, ctx);
	OFFSET(CPU_EMERG_SP, cpu, emerg_sp);
	OFFSET(CPU_IDLE, cpu, idle);
	OFFSET(CPU_BOOT_STAGE, cpu, boot_stage);
	DEFINE(TF_SIZE, sizeof(struct trapframe));
	OFFSET(TF_RA, trapframe, ra);
	OFFSET(TF_SP, trapframe, sp);
	OFFSET(TF_GP, trapframe, gp);
	OFFSET(TF_TP, trapframe, tp);
	OFFSET(TF_T0, trapframe, t0);
	OFFSET(TF_A0, trapframe, a0);
	OFFSET(TF_SEPC, trapframe, sepc);
	OFFSET(TF_SSTATUS, trapframe, sstatus);
	OFFSET(TF_SCAUSE, trapframe, scause);
	OFFSET(TF_STVAL, trapframe, stval);
	OFFSET(CTX_RA, context, ra);
	OFFSET(CTX_SP, context, sp);
	OFFSET(CTX_S0, context, s);
}
