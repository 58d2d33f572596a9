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
void (*deadline_hook)(void);

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

/* Per CPU [-]: the time CSR value of the next tick, and what the timer is set to fire at. */
static u64 next_tick[NCPU];
static u64 next_event[NCPU];

static void program(u64 when)
{
	next_event[this_cpu()->id] = when;
	if (this_cpu()->sstc)
		csr_write(0x14d, when); /* stimecmp */
	else
		sbi_set_timer(when);
}

void timer_init_cpu(void)
{
	struct cpu *c = this_cpu();

	if (c->sstc && !probe_csr_stimecmp())
		c->sstc = false;
	csr_write(scounteren, SCOUNTEREN_TM); /* user space reads the time CSR (the vDSO) */
	next_tick[c->id] = rdtime() + timebase_hz / hz;
	program(next_tick[c->id]);
	csr_set(sie, SIE_STIE);
}

void timer_interrupt(bool from_user)
{
	struct cpu *c = this_cpu();
	u64 now = rdtime();
	bool tick = now >= next_tick[c->id];

	if (tick) {
		c->timer_ticks++;
		next_tick[c->id] = now + timebase_hz / hz;
	}
	program(next_tick[c->id]);
	if (tick && tick_hook)
		tick_hook(from_user);
	else if (!tick && deadline_hook)
		deadline_hook();
}

void timer_request(u64 deadline_ns)
{
	u64 when = deadline_ns / 1000000000ULL * timebase_hz +
		   (deadline_ns % 1000000000ULL * timebase_hz + 999999999ULL) / 1000000000ULL;

	if (when < next_event[this_cpu()->id])
		program(when);
}

const char *timer_mode_name(void)
{
	return this_cpu()->sstc ? "sstc" : "sbi";
}
