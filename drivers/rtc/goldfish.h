/* The goldfish real-time clock of QEMU's virt machine ("google,goldfish-rtc"). */
#ifndef DRIVERS_RTC_GOLDFISH_H
#define DRIVERS_RTC_GOLDFISH_H

#include "types.h"

struct file_ops;

/*
 * rtc_init - if the board has a goldfish RTC, read the date from it and set CLOCK_REALTIME
 * (clock_set_realtime). Boards without one (the VisionFive2) keep realtime at the epoch.
 * Context: boot hart, after kmap_init (ioremap). Returns 0, or -ENODEV when there is no RTC.
 */
int rtc_init(void);

/* rtc_present - true if rtc_init found an RTC (devfs then makes /dev/rtc0). Context: any. */
bool rtc_present(void);

/* The operations of /dev/rtc0 (254:0): RTC_RD_TIME, RTC_SET_TIME; one opener (EBUSY). */
extern const struct file_ops rtc_file_ops;

#endif
