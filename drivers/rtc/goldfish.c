/*
 * The goldfish RTC: a 64-bit count of nanoseconds since the epoch in two 32-bit registers.
 * Reading TIME_LOW latches the high half, so TIME_LOW is read first. QEMU starts it from the
 * host clock (-rtc base=utc). Only read at boot; nothing else uses it.
 */
#include "drivers/rtc/goldfish.h"
#include "board/board.h"
#include "errno.h"
#include "mm/kmap.h"
#include "printk.h"
#include "time/timer.h"

#define RTC_TIME_LOW  0x00
#define RTC_TIME_HIGH 0x04

int rtc_init(void)
{
	volatile u32 *regs;
	u64 lo, hi, ns;

	if (!board.rtc.size)
		return -ENODEV;
	regs = ioremap(board.rtc.base, board.rtc.size);
	lo = regs[RTC_TIME_LOW / 4];
	hi = regs[RTC_TIME_HIGH / 4];
	ns = hi << 32 | lo;
	clock_set_realtime(ns);
	pr_info("rtc: goldfish at %lx, %lu s since the epoch\n", board.rtc.base, ns / 1000000000);
	return 0;
}
