/* Clocks and the periodic tick. */
#ifndef KERNEL_TIME_TIMER_H
#define KERNEL_TIME_TIMER_H

#include "types.h"

#ifndef CONFIG_HZ
#define CONFIG_HZ 100
#endif

extern unsigned int hz; /* [I] ticks per second (CONFIG_HZ, or boot argument hz=) */
extern u64 timebase_hz; /* [I] frequency of the time CSR */

/* clock_init - take the timebase from the board description. Context: boot hart, once. */
void clock_init(u64 timebase);

/* clock_ns - nanoseconds since the time CSR started (monotonic). Context: any. */
u64 clock_ns(void);

/* clock_realtime_ns - nanoseconds since the epoch (the RTC read at boot, plus clock_ns()). */
u64 clock_realtime_ns(void);

/* clock_realtime_offset - clock_realtime_ns() minus clock_ns() (mod 2^64), for the vDSO. */
u64 clock_realtime_offset(void);

/*
 * clock_set_realtime - the RTC says the epoch time is @ns now; publishes the new offset to the
 * vDSO. Context: boot.
 */
void clock_set_realtime(u64 ns);

/*
 * timer_init_cpu - choose Sstc (when the device tree names it and stimecmp does not trap) or
 * the SBI TIME extension on this hart, and program the first tick. Context: the CPU itself.
 */
void timer_init_cpu(void);

/* timer_interrupt - the tick (count it, as user time if @from_user, and program the next one),
 * or a deadline of timer_request(). */
void timer_interrupt(bool from_user);

/* tick_hook - called on every tick after it is counted; set by the scheduler. */
extern void (*tick_hook)(bool from_user);

/*
 * timer_request - make this CPU's timer interrupt come no later than clock_ns() value
 * @deadline_ns (precise timed sleeps instead of the next tick). Such an interrupt is not a
 * tick: it calls deadline_hook instead of tick_hook. Context: interrupts off.
 */
void timer_request(u64 deadline_ns);

/* deadline_hook - called on a timer interrupt that is not a tick; set by the scheduler. */
extern void (*deadline_hook)(void);

/* timer_mode_name - "sstc" or "sbi" for this CPU. */
const char *timer_mode_name(void);

#endif
