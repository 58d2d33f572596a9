/* Secondary harts: started through SBI HSM, they set up their CPU and wait in the idle loop. */
#include "board/board.h"
#include "boot/boot.h"
#include "drivers/irq/plic.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/kmap.h"
#include "printk.h"
#include "sched/sched.h"
#include "riscv.h"
#include "sbi/sbi.h"
#include "string.h"
#include "task/task.h"
#include "time/timer.h"
#include "trap/trap.h"

extern char secondary_entry[];

void smp_secondary_main(unsigned long hartid, struct cpu *c)
{
	c->boot_stage = 4;
	trap_init_cpu();
	c->boot_stage = 5;
	plic_init_cpu();
	c->boot_stage = 6;
	timer_init_cpu();
	c->boot_stage = 7;
	sched_cpu_online(c);
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	cpu_run_idle();
}

/* Give CPU @c an idle task with a guarded stack and an emergency stack. Returns 0 or -ENOMEM. */
static int cpu_prepare(struct cpu *c, const struct board_hart *h, int id)
{
	struct task *idle = kzalloc(sizeof(*idle));
	paddr_t emerg = frame_alloc(0);
	unsigned long bottom;

	if (!idle || !emerg)
		goto out_free;
	idle->kstack_top = kstack_alloc(&bottom);
	if (!idle->kstack_top)
		goto out_free;
	idle->kstack_bottom = bottom;
	idle->cpu = c;
	idle->state = TASK_RUNNING;
	snprintf(idle->name, sizeof(idle->name), "idle%d", id);
	c->id = id;
	c->hartid = h->hartid;
	c->idle = idle;
	c->plic_ctx = h->plic_sctx;
	c->sstc = h->sstc;
	c->emerg_sp = (unsigned long)pa_to_kva(emerg) + PAGE_SIZE;
	return 0;

out_free:
	if (emerg)
		frame_free(emerg, 0);
	kfree(idle);
	return -12;
}

int smp_boot_secondaries(void)
{
	u64 wait = 20 * timebase_hz; /* generous: QEMU's harts may share a busy host core */

	if (!sbi_probe(SBI_EXT_HSM))
		return ncpus;
	for (int i = 0; i < board.nharts && ncpus < NCPU; i++) {
		const struct board_hart *h = &board.harts[i];
		struct cpu *c = &cpus[ncpus];
		u64 start;
		int err;

		if (h->hartid == cpus[0].hartid)
			continue;
		if (cpu_prepare(c, h, ncpus)) {
			pr_warn("smp: no memory for hart %lu\n", h->hartid);
			break;
		}
		err = sbi_hart_start(h->hartid, kva_to_pa(secondary_entry), (unsigned long)c);
		if (err) {
			pr_warn("smp: hart %lu did not start (%d)\n", h->hartid, err);
			continue;
		}
		start = rdtime();
		while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE) && rdtime() - start < wait)
			cpu_relax();
		if (!c->online) {
			pr_warn("smp: hart %lu started but never came online (hsm state %ld, "
				"start-up stage %d)\n",
				h->hartid, sbi_hart_status(h->hartid), c->boot_stage);
			continue;
		}
		ncpus++;
	}
	return ncpus;
}
