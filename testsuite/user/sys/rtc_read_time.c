/* rtc_read_time - /dev/rtc0 as Linux's rtc-dev: a character device 254:0; RTC_RD_TIME gives
 * the UTC date of the clock, within two seconds of time(), with Linux's 1-based tm_yday
 * (gmtime's is 0-based); a second open while it is open is
 * EBUSY, and after close it opens again; an unknown ioctl is ENOTTY; RTC_SET_TIME with a month
 * of 12 is EINVAL; a bad pointer is EFAULT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/rtc.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	struct rtc_time rt = {0}, bad;
	struct stat st;
	struct tm tm;
	time_t now;
	long diff;

	ok(stat("/dev/rtc0", &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 254 &&
		   minor(st.st_rdev) == 0,
	   "/dev/rtc0 is the character device 254:0");
	int fd = open("/dev/rtc0", O_RDONLY);
	ok(fd >= 0, "open");
	ok(ioctl(fd, RTC_RD_TIME, &rt) == 0, "RTC_RD_TIME");
	now = time(NULL);
	tm = (struct tm){.tm_sec = rt.tm_sec,
			 .tm_min = rt.tm_min,
			 .tm_hour = rt.tm_hour,
			 .tm_mday = rt.tm_mday,
			 .tm_mon = rt.tm_mon,
			 .tm_year = rt.tm_year};
	diff = (long)(timegm(&tm) - now);
	ok(diff >= -2 && diff <= 2, "the clock's date is within 2 s of time()");
	ok(rt.tm_year >= 120 && rt.tm_mon >= 0 && rt.tm_mon <= 11 && rt.tm_mday >= 1 &&
		   rt.tm_mday <= 31 && rt.tm_hour <= 23 && rt.tm_min <= 59 && rt.tm_sec <= 59,
	   "fields in range");
	gmtime_r(&now, &tm);
	ok(rt.tm_wday == tm.tm_wday || diff != 0, "weekday as gmtime's");
	ok(rt.tm_yday == tm.tm_yday + 1 || diff != 0, "day of the year: gmtime's plus one (%d)",
	   rt.tm_yday - tm.tm_yday);
	errno = 0;
	ok(open("/dev/rtc0", O_RDONLY) == -1 && errno == EBUSY, "a second open: EBUSY");
	errno = 0;
	ok(ioctl(fd, _IO('p', 0x7f)) == -1 && errno == ENOTTY, "an unknown ioctl: ENOTTY");
	bad = rt;
	bad.tm_mon = 12;
	errno = 0;
	ok(ioctl(fd, RTC_SET_TIME, &bad) == -1 && errno == EINVAL, "RTC_SET_TIME month 12: EINVAL");
	errno = 0;
	ok(ioctl(fd, RTC_RD_TIME, (void *)8) == -1 && errno == EFAULT, "bad pointer: EFAULT");
	close(fd);
	fd = open("/dev/rtc0", O_RDONLY);
	ok(fd >= 0, "after close it opens again");
	close(fd);
	return done();
}
