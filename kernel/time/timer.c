/* Time CSR clocks and the per-CPU periodic tick (SBI TIME or Sstc's stimecmp). */
#include "time/timer.h"
#include "time/tickconv.h"
#include "extable.h"
#include "printk.h"
#include "riscv.h"
#include "sbi/sbi.h"
#include "sched/cpu.h"
#include "vdso/vdso.h"

unsigned int hz = CONFIG_HZ;
u64 timebase_hz = 10000000;

/* Called on every tick after it is counted (the scheduler hooks in here). */
void (*tick_hook)(bool from_user);

void clock_init(u64 timebase)
{
	if (timebase)
		timebase_hz = timebase;
}

u64 clock_ns(void)
{
	return ticks_to_ns(rdtime(), timebase_hz); /* the vDSO computes the same */
}

static u64 realtime_offset; /* [I] epoch ns at clock_ns() == 0 */

u64 clock_realtime_ns(void)
{
	return realtime_offset + clock_ns();
}

u64 clock_realtime_offset(void)
{
	return realtime_offset;
}

void clock_set_realtime(u64 ns)
{
	realtime_offset = ns - clock_ns();
	vdso_update_time();
}

static void program_next(void)
{
	u64 next = rdtime() + timebase_hz / hz;

	if (this_cpu()->sstc)
		csr_write(0x14d, next); /* stimecmp */
	else
		sbi_set_timer(next);
}

void timer_init_cpu(void)
{
	struct cpu *c = this_cpu();

	if (c->sstc && !probe_csr_stimecmp())
		c->sstc = false;
	csr_write(scounteren, SCOUNTEREN_TM); /* user space reads the time CSR (the vDSO) */
	program_next();
	csr_set(sie, SIE_STIE);
}

void timer_interrupt(bool from_user)
{
	this_cpu()->timer_ticks++;
	program_next();
	if (tick_hook)
		tick_hook(from_user);
}

const char *timer_mode_name(void)
{
	return this_cpu()->sstc ? "sstc" : "sbi";
}
