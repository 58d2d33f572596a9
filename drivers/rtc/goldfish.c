/*
 * The goldfish RTC: a 64-bit count of nanoseconds since the epoch in two 32-bit registers.
 * Reading TIME_LOW latches the high half, so TIME_LOW is read first; a write of TIME_HIGH then
 * TIME_LOW sets it. QEMU starts it from the host clock (-rtc base=utc). Read at boot to set
 * CLOCK_REALTIME, and reachable as /dev/rtc0 (254:0, as on the reference Linux): RTC_RD_TIME
 * and RTC_SET_TIME in UTC, one opener at a time (EBUSY otherwise), as Linux's rtc-dev.
 *
 * Locks: rtc_busy is atomic; the registers are only touched by the single opener.
 */
#include "drivers/rtc/goldfish.h"
#include "board/board.h"
#include "errno.h"
#include "fs/vfs.h"
#include "mm/kmap.h"
#include "printk.h"
#include "time/timer.h"
#include "uapi/ioctl.h"

#define RTC_TIME_LOW  0x00
#define RTC_TIME_HIGH 0x04

#define NS_PER_S     1000000000UL
#define SECS_PER_DAY 86400

static volatile u32 *rtc_regs; /* [I] after rtc_init; NULL without an RTC */
static u32 rtc_busy;	       /* [a] /dev/rtc0 is open */

static u64 rtc_read_ns(void)
{
	u64 lo = rtc_regs[RTC_TIME_LOW / 4];
	u64 hi = rtc_regs[RTC_TIME_HIGH / 4];

	return hi << 32 | lo;
}

int rtc_init(void)
{
	u64 ns;

	if (!board.rtc.size)
		return -ENODEV;
	rtc_regs = ioremap(board.rtc.base, board.rtc.size);
	ns = rtc_read_ns();
	clock_set_realtime(ns);
	pr_info("rtc: goldfish at %lx, %lu s since the epoch\n", board.rtc.base, ns / NS_PER_S);
	return 0;
}

bool rtc_present(void)
{
	return rtc_regs != NULL;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (@m 1-12). */
static s64 days_from_civil(s64 y, unsigned int m, unsigned int d)
{
	s64 era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (s64)doe - 719468;
}

static bool leap(s64 y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned int month_days(s64 y, unsigned int m0)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return days[m0] + (m0 == 1 && leap(y));
}

/* The UTC calendar time of @secs since the epoch. */
static void secs_to_tm(u64 secs, struct rtc_time *tm)
{
	s64 days = (s64)(secs / SECS_PER_DAY), y = 1970;
	unsigned int rem = (unsigned int)(secs % SECS_PER_DAY), m = 0;

	tm->tm_hour = (s32)(rem / 3600);
	tm->tm_min = (s32)(rem / 60 % 60);
	tm->tm_sec = (s32)(rem % 60);
	tm->tm_wday = (s32)((4 + days) % 7); /* 1970-01-01 was a Thursday */
	while (days >= (leap(y) ? 366 : 365))
		days -= leap(y) ? 366 : 365, y++;
	tm->tm_yday = (s32)days + 1; /* 1-based, as Linux's rtc_time64_to_tm gives it */
	while (days >= month_days(y, m))
		days -= month_days(y, m), m++;
	tm->tm_year = (s32)(y - 1900);
	tm->tm_mon = (s32)m;
	tm->tm_mday = (s32)days + 1;
	tm->tm_isdst = 0;
}

/* Seconds since the epoch of @tm, or -EINVAL if it is no valid date from 1970 on. */
static s64 tm_to_secs(const struct rtc_time *tm)
{
	s64 y = (s64)tm->tm_year + 1900;

	if (tm->tm_year < 70 || tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1 ||
	    (unsigned int)tm->tm_mday > month_days(y, (unsigned int)tm->tm_mon) ||
	    tm->tm_hour < 0 || tm->tm_hour > 23 || tm->tm_min < 0 || tm->tm_min > 59 ||
	    tm->tm_sec < 0 || tm->tm_sec > 59)
		return -EINVAL;
	return days_from_civil(y, (unsigned int)tm->tm_mon + 1, (unsigned int)tm->tm_mday) *
		       SECS_PER_DAY +
	       tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

static int rtc_open(struct inode *inode, struct file *f)
{
	if (!rtc_regs)
		return -ENODEV;
	if (__atomic_exchange_n(&rtc_busy, 1, __ATOMIC_ACQUIRE))
		return -EBUSY;
	return 0;
}

static void rtc_release(struct inode *inode, struct file *f)
{
	__atomic_store_n(&rtc_busy, 0, __ATOMIC_RELEASE);
}

static long rtc_ioctl(struct file *f, unsigned int cmd, void *karg)
{
	s64 secs;
	u64 ns;

	switch (cmd) {
	case RTC_RD_TIME:
		secs_to_tm(rtc_read_ns() / NS_PER_S, karg);
		return 0;
	case RTC_SET_TIME:
		secs = tm_to_secs(karg);
		if (secs < 0)
			return -EINVAL;
		ns = (u64)secs * NS_PER_S;
		rtc_regs[RTC_TIME_HIGH / 4] = (u32)(ns >> 32);
		rtc_regs[RTC_TIME_LOW / 4] = (u32)ns;
		return 0;
	default:
		return -ENOTTY;
	}
}

const struct file_ops rtc_file_ops = {
	.open = rtc_open,
	.ioctl = rtc_ioctl,
	.release = rtc_release,
};
