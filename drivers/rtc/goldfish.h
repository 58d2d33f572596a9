/* The goldfish real-time clock of QEMU's virt machine ("google,goldfish-rtc"). */
#ifndef DRIVERS_RTC_GOLDFISH_H
#define DRIVERS_RTC_GOLDFISH_H

/*
 * rtc_init - if the board has a goldfish RTC, read the date from it and set CLOCK_REALTIME
 * (clock_set_realtime). Boards without one (the VisionFive2) keep realtime at the epoch.
 * Context: boot hart, after kmap_init (ioremap). Returns 0, or -ENODEV when there is no RTC.
 */
int rtc_init(void);

#endif
