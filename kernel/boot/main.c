/* kmain: the boot hart's ordered initialisation, one log line per step. */
#include "board/board.h"
#include "boot/boot.h"
#include "boot/cmdline.h"
#include "drivers/irq/plic.h"
#include "drivers/rtc/goldfish.h"
#include "drivers/uart/ns16550.h"
#include "console.h"
#include "extable.h"
#include "fs/tty.h"
#include "fs/vfs.h"
#include "mm/frame.h"
#include "mm/kmap.h"
#include "mm/memlayout.h"
#include "mm/memrange.h"
#include "printk.h"
#include "riscv.h"
#include "sbi/sbi.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "string.h"
#include "syscall/syscall.h"
#include "task/proc.h"
#include "task/task.h"
#include "uapi/fcntl.h"
#include "testsuite/ktest/ktest.h"
#include "time/timer.h"
#include "trap/trap.h"
#include "vdso/vdso.h"

#define KESTREL_VERSION "0.1"

extern u64 boot_regs[3]; /* a0, a1, tp at entry (kernel/boot/entry.S) */
extern char boot_stack[], boot_stack_top[], _kernel_start[], _kernel_end[];

struct task boot_task = {
	.kstack_top = (unsigned long)boot_stack_top,
	.kstack_bottom = (unsigned long)boot_stack,
	.cpu = &cpus[0],
	.state = TASK_RUNNING,
	.name = "idle0",
};

static const char *const sbi_impls[] = {"BBL", "OpenSBI", "Xvisor", "KVM", "RustSBI", "Diosix"};

/* Pick the device tree: the firmware's (a1), else the board's built-in one. */
static const void *find_fdt(u64 *hartid)
{
	u64 a1 = boot_regs[1];
	u32 magic;

	*hartid = boot_regs[0];
	if (a1 && a1 < DIRECT_MAP_SIZE && !(a1 & 7) && !probe_read_u32(pa_to_kva(a1), &magic) &&
	    board_fdt_valid(pa_to_kva(a1)))
		return pa_to_kva(a1);
	/* U-Boot's go: a0/a1 are argc/argv and the hart id is in tp. */
	*hartid = boot_regs[2];
	return board_builtin_dtb();
}

static void print_banner(u64 hartid)
{
	unsigned long impl = sbi_impl_id;

	pr_info("Kestrel %s (riscv64) booting on hart %lu\n", KESTREL_VERSION, hartid);
	pr_info("sbi: spec %lu.%lu, %s %lu.%lu, dbcn %s, hsm %s, srst %s\n",
		(sbi_spec_version >> 24) & 0x7f, sbi_spec_version & 0xffffff,
		impl < ARRAY_SIZE(sbi_impls) ? sbi_impls[impl] : "unknown", sbi_impl_version >> 16,
		sbi_impl_version & 0xffff, sbi_probe(SBI_EXT_DBCN) ? "yes" : "no",
		sbi_probe(SBI_EXT_HSM) ? "yes" : "no", sbi_probe(SBI_EXT_SRST) ? "yes" : "no");
}

static void print_board(void)
{
	pr_info("dt: %s at %lx, %u bytes, model \"%s\"\n",
		board.builtin_dtb ? "built-in" : "from firmware", board.fdt_pa, board.fdt_size,
		board.model);
	for (int i = 0; i < board.nmem; i++)
		pr_info("memory: %lx-%lx (%lu MiB)\n", board.mem[i].base,
			board.mem[i].base + board.mem[i].size, board.mem[i].size >> 20);
	for (int i = 0; i < board.nresv; i++)
		pr_info("reserved: %lx-%lx\n", board.resv[i].base,
			board.resv[i].base + board.resv[i].size);
	pr_info("bootargs: \"%s\"\n", board.bootargs);
	if (board.initrd_end > board.initrd_start)
		pr_info("initrd: %lx-%lx (%lu bytes)\n", board.initrd_start, board.initrd_end,
			board.initrd_end - board.initrd_start);
	else
		pr_info("initrd: none\n");
	pr_info("timebase: %lu Hz, hz %u\n", board.timebase, hz);
	for (int i = 0; i < board.nharts; i++)
		pr_info("hart %lu: isa %s, plic context %d%s\n", board.harts[i].hartid,
			board.harts[i].isa, board.harts[i].plic_sctx,
			board.harts[i].sstc ? ", sstc" : "");
	pr_info("uart: %s at %lx irq %u, reg-shift %u, reg-io-width %u\n",
		board.uart.dw_apb ? "snps,dw-apb-uart" : "ns16550a", board.uart.mmio.base,
		board.uart.mmio.irq, board.uart.reg_shift, board.uart.reg_io_width);
	pr_info("plic: %lx, %u sources\n", board.plic.mmio.base, board.plic.ndev);
	for (int i = 0; i < board.nvirtio; i++)
		pr_info("virtio-mmio: %lx irq %u\n", board.virtio[i].base, board.virtio[i].irq);
	if (board.sdhost.size)
		pr_info("sd: %lx irq %u\n", board.sdhost.base, board.sdhost.irq);
}

static void reserve_and_add(paddr_t base, u64 size, struct mem_range *r, int *n, int max)
{
	if (memrange_subtract(r, n, max, ALIGN_DOWN(base, PAGE_SIZE),
			      ALIGN_UP(base + size, PAGE_SIZE) - ALIGN_DOWN(base, PAGE_SIZE)))
		panic("memory: too many holes");
}

/* Give the frame allocator RAM minus firmware, kernel image, device tree and initrd. */
static void memory_init(void)
{
	struct mem_range free[BOARD_MAX_MEM * 4];
	int n = board.nmem;
	int max = ARRAY_SIZE(free);

	memcpy(free, board.mem, (size_t)n * sizeof(free[0]));
	for (int i = 0; i < board.nresv; i++)
		reserve_and_add(board.resv[i].base, board.resv[i].size, free, &n, max);
	reserve_and_add(kva_to_pa(_kernel_start), (u64)(_kernel_end - _kernel_start), free, &n,
			max);
	reserve_and_add(board.fdt_pa, board.fdt_size, free, &n, max);
	if (board.initrd_end > board.initrd_start)
		reserve_and_add(board.initrd_start, board.initrd_end - board.initrd_start, free, &n,
				max);
	for (int i = 0; i < n; i++)
		if (free[i].base + free[i].size <= DIRECT_MAP_SIZE)
			frame_add_range(free[i].base, free[i].size);
	if (frame_init_done())
		panic("memory: no usable RAM");
	pr_info("frames: %lu free of %lu (%lu MiB)\n", frame_free_count(), frame_total_count(),
		frame_free_count() >> (20 - PAGE_SHIFT));
}

/* Runs on the boot CPU's guarded idle stack once memory is up. */
static void __attribute__((noreturn)) kmain_late(void)
{
	static char init_path[64];
	struct kstat st;
	char arg[32];
	int failures = 0;

	trap_init_cpu();
	plic_init();
	plic_init_cpu();
	if (uart_init())
		pr_warn("console: no UART, staying on the SBI console\n");
	sched_init();
	timer_init_cpu();
	local_irq_enable();
	pr_info("timer: %s, %u Hz tick\n", timer_mode_name(), hz);
	pr_info("smp: %d of %d harts online\n", smp_boot_secondaries(), board.nharts);
	pr_info("Kestrel: boot complete in %lu us\n", clock_ns() / 1000);
	if (cmdline_get("crash", arg, sizeof(arg)))
		selftest_crash(arg);
	if (cmdline_has("echo"))
		selftest_echo();
	vfs_init();
	console_set_input_wakeup(tty_input_wakeup);
	proc_hooks_init();
	strace_init();
	if (cmdline_has("ktest")) {
		failures = ktest_run_all(cmdline_get("ktest", arg, sizeof(arg)));
		power_off(failures != 0);
	}
	if (!cmdline_get("init", init_path, sizeof(init_path)))
		strlcpy(init_path, "/init", sizeof(init_path));
	if (vfs_stat(AT_FDCWD, init_path, 0, &st) == 0 && proc_start_init(init_path) == 0) {
		pr_info("init: starting %s\n", init_path);
		cpu_run_idle();
	}
	pr_info("Kestrel: no %s to run, powering off\n", init_path);
	power_off(false);
}

void kmain(void)
{
	const void *fdt;
	u64 hartid;
	unsigned long top, bottom;

	sbi_init();
	fdt = find_fdt(&hartid);
	cpus[0].id = 0;
	cpus[0].hartid = hartid;
	cpus[0].idle = &boot_task;
	cpus[0].plic_ctx = -1;
	print_banner(hartid);
	if (!fdt || board_parse_fdt(fdt, &board))
		panic("no usable device tree (a1 = %lx)", boot_regs[1]);
	board.fdt_pa = kva_to_pa(fdt);
	board.builtin_dtb = fdt == board_builtin_dtb();
	for (int i = 0; i < board.nharts; i++) {
		if (board.harts[i].hartid == hartid) {
			cpus[0].plic_ctx = board.harts[i].plic_sctx;
			cpus[0].sstc = board.harts[i].sstc;
		}
	}
	cmdline_init(board.bootargs);
	clock_init(board.timebase);
	print_board();
	memory_init();
	kmap_init();
	power_init();
	rtc_init();
	vdso_init();
	pr_info("paging: kernel page table on (W^X image, direct map, guarded stacks)\n");

	/* Move the boot CPU to a guarded stack; the BSS boot stack is not used again. */
	top = kstack_alloc(&bottom);
	if (!top || !(cpus[0].emerg_sp = (unsigned long)pa_to_kva(frame_alloc(0))))
		panic("no memory for the boot CPU's stacks");
	cpus[0].emerg_sp += PAGE_SIZE;
	boot_task.kstack_top = top;
	boot_task.kstack_bottom = bottom;
	__asm__ __volatile__("mv sp, %0\n\tmv s0, zero\n\tj kmain_late_trampoline"
			     :
			     : "r"(top)
			     : "memory");
	__builtin_unreachable();
}

/* Entered from kmain with sp already on the new stack. */
void kmain_late_trampoline(void) __attribute__((noreturn));
void kmain_late_trampoline(void)
{
	kmain_late();
}
