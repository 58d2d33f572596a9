/* panic(), register dumps and the frame-pointer backtrace with symbol names. */
#include "boot/boot.h"
#include "console.h"
#include "lib/ksyms.h"
#include "printk.h"
#include "riscv.h"
#include "sbi/sbi.h"
#include "sched/cpu.h"
#include "task/task.h"

volatile int panicking;

const char *ksym_lookup(unsigned long addr, unsigned long *offset)
{
	unsigned long lo = 0, hi = ksyms_count;

	if (!ksyms_count || addr < ksyms_addrs[0])
		return NULL;
	while (hi - lo > 1) {
		unsigned long mid = (lo + hi) / 2;

		if (ksyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - ksyms_addrs[lo];
	return ksyms_names + ksyms_offs[lo];
}

/* Return addresses are looked up one byte back, so a call at a function's end names it. */
static void print_symbol(const char *prefix, unsigned long addr, bool ret_addr)
{
	unsigned long off = 0;
	const char *name = ksym_lookup(addr - ret_addr, &off);

	off += ret_addr;
	if (name)
		printk_level(LOGLEVEL_EMERG, "%s%016lx %s+0x%lx\n", prefix, addr, name, off);
	else
		printk_level(LOGLEVEL_EMERG, "%s%016lx ?\n", prefix, addr);
}

static bool kernel_text(unsigned long pc)
{
	extern char _stext[], _etext[];

	return pc >= (unsigned long)_stext && pc < (unsigned long)_etext;
}

void backtrace_from(unsigned long fp, unsigned long pc)
{
	struct task *t = current;
	unsigned long lo = t ? t->kstack_bottom : 0, hi = t ? t->kstack_top : 0;

	printk_level(LOGLEVEL_EMERG, "Backtrace:\n");
	if (pc)
		print_symbol("  ", pc, false);
	for (int depth = 0; depth < 32; depth++) {
		unsigned long ra, next;

		/* riscv frame record: fp-8 holds ra, fp-16 the caller's fp. */
		if (fp & 7 || fp < lo + 16 || fp > hi)
			break;
		ra = ((unsigned long *)fp)[-1];
		next = ((unsigned long *)fp)[-2];
		if (!kernel_text(ra))
			break;
		print_symbol("  ", ra, true);
		if (next <= fp)
			break;
		fp = next;
	}
}

void backtrace(void)
{
	backtrace_from((unsigned long)__builtin_frame_address(0), 0);
}

void dump_trapframe(const struct trapframe *tf)
{
	static const char *const names[] = {"ra", "sp",	 "gp",	"tp", "t0", "t1", "t2", "s0",
					    "s1", "a0",	 "a1",	"a2", "a3", "a4", "a5", "a6",
					    "a7", "s2",	 "s3",	"s4", "s5", "s6", "s7", "s8",
					    "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
	const u64 *r = &tf->ra;

	printk_level(LOGLEVEL_EMERG, "sepc %016lx sstatus %016lx scause %016lx stval %016lx\n",
		     tf->sepc, tf->sstatus, tf->scause, tf->stval);
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		printk_level(LOGLEVEL_EMERG, "%3s %016lx%s", names[i], r[i],
			     i % 4 == 3 ? "\n" : "  ");
	printk_level(LOGLEVEL_EMERG, "\n");
}

static void panic_header(void)
{
	struct task *t = current;

	local_irq_disable();
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST)) {
		/* Another CPU is already panicking: let it speak. */
		for (;;)
			wfi();
	}
	console_panic_mode();
	printk_level(LOGLEVEL_EMERG, "\nKernel panic on hart %lu (cpu %d, tid %d): ",
		     t && t->cpu ? t->cpu->hartid : 0UL, t && t->cpu ? t->cpu->id : -1,
		     t ? t->tid : -1);
}

static __noreturn void panic_finish(void)
{
	printk_level(LOGLEVEL_EMERG, "---[ end Kernel panic: powering off with failure ]---\n");
	power_off(true);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	panic_header();
	va_start(ap, fmt);
	vprintk_level(LOGLEVEL_EMERG, fmt, ap);
	va_end(ap);
	printk_level(LOGLEVEL_EMERG, "\n");
	backtrace();
	panic_finish();
}

void panic_trap(const struct trapframe *tf, const char *fmt, ...)
{
	va_list ap;

	panic_header();
	va_start(ap, fmt);
	vprintk_level(LOGLEVEL_EMERG, fmt, ap);
	va_end(ap);
	printk_level(LOGLEVEL_EMERG, "\n");
	dump_trapframe(tf);
	backtrace_from(tf->s0, tf->sepc);
	panic_finish();
}
