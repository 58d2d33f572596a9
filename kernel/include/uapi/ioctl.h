/* Terminal and generic ioctl numbers and structures of the riscv64 Linux ABI (asm-generic). */
#ifndef KERNEL_INCLUDE_UAPI_IOCTL_H
#define KERNEL_INCLUDE_UAPI_IOCTL_H

#include "types.h"
#include "compiler.h"

#define TCGETS	   0x5401
#define TCSETS	   0x5402
#define TCSETSW	   0x5403
#define TCSETSF	   0x5404
#define TIOCSCTTY  0x540E
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define FIONBIO	   0x5421
#define TIOCNOTTY  0x5422
#define TIOCGSID   0x5429
#define FIONCLEX   0x5450
#define FIOCLEX	   0x5451

/* The generic encoding of newer ioctl numbers: direction, argument size, type, number. */
#define _IOC_WRITE	 1U /* user to kernel */
#define _IOC_READ	 2U /* kernel to user */
#define _IOC(d, t, n, s) (((d) << 30) | ((s) << 16) | ((t) << 8) | (n))

/* The real-time clock (/dev/rtc0): struct rtc_time as Linux's <linux/rtc.h>. */
struct rtc_time {
	s32 tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};
#define RTC_RD_TIME  _IOC(_IOC_READ, 'p', 0x09, sizeof(struct rtc_time))
#define RTC_SET_TIME _IOC(_IOC_WRITE, 'p', 0x0a, sizeof(struct rtc_time))

#define NCCS 19

/* The kernel's struct termios (what TCGETS copies out): 36 bytes. */
struct termios {
	u32 c_iflag;
	u32 c_oflag;
	u32 c_cflag;
	u32 c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize {
	u16 ws_row;
	u16 ws_col;
	u16 ws_xpixel;
	u16 ws_ypixel;
};

static_assert(sizeof(struct termios) == 36, "kernel termios is 36 bytes");
static_assert(sizeof(struct winsize) == 8, "winsize is 8 bytes");

/* c_cc indices */
#define VINTR  0
#define VQUIT  1
#define VERASE 2
#define VKILL  3
#define VEOF   4
#define VTIME  5
#define VMIN   6
#define VSTART 8
#define VSTOP  9
#define VSUSP  10
#define VEOL   11

/* c_lflag bits the console line discipline looks at */
#define ISIG   0000001
#define ICANON 0000002
#define ECHO   0000010
#define ECHOE  0000020
#define ECHOK  0000040
/* c_iflag */
#define ICRNL 0000400
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004

#endif
