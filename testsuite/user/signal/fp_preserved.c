/* fp_preserved - every FP register and fcsr (rounding mode) the program had when a signal
 * arrived is back after a handler that overwrites them all: rt_sigreturn restores the FP state
 * from the frame. The signal is sent with a raw ecall so no library code runs in between. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

static volatile int ran;

static void clobber(int sig)
{
	(void)sig;
	ran = 1;
	__asm__ volatile("fsrmi 3\n"
#define Z(n) "fmv.d.x f" #n ", zero\n"
			 Z(0) Z(1) Z(2) Z(3) Z(4) Z(5) Z(6) Z(7) Z(10) Z(11) Z(12) Z(13) Z(14) Z(15)
				 Z(16) Z(17) Z(28) Z(29) Z(30) Z(31)
			 :
			 :
			 : "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f10", "f11", "f12",
			   "f13", "f14", "f15", "f16", "f17", "f28", "f29", "f30", "f31");
}

int main(void)
{
	unsigned long in[20], out[20], frm = 0;
	static const int regs[20] = {0,	 1,  2,	 3,  4,	 5,  6,	 7,  10, 11,
				     12, 13, 14, 15, 16, 17, 28, 29, 30, 31};
	long pid = getpid();

	signal(SIGUSR1, clobber);
	for (int i = 0; i < 20; i++)
		in[i] = 0x4000000000000000UL + (unsigned long)i * 0x1111;
	register long a0 __asm__("a0") = pid;
	register long a1 __asm__("a1") = SIGUSR1;
	register long a7 __asm__("a7") = SYS_kill;
	register unsigned long *pin __asm__("t0") = in;
	register unsigned long *pout __asm__("t1") = out;
	__asm__ volatile(
#define L(n, k) "fld f" #n ", " #k "*8(t0)\n"
#define S(n, k) "fsd f" #n ", " #k "*8(t1)\n"
		"fsrmi 2\n" L(0, 0) L(1, 1) L(2, 2) L(3, 3) L(4, 4) L(5, 5) L(6, 6) L(7, 7) L(10, 8)
			L(11, 9) L(12, 10) L(13, 11) L(14, 12) L(15, 13) L(16, 14) L(17, 15)
				L(28, 16) L(29, 17) L(30, 18) L(31, 19) "ecall\n" S(0, 0) S(1, 1)
					S(2, 2) S(3, 3) S(4, 4) S(5, 5) S(6, 6) S(7, 7) S(10, 8)
						S(11, 9) S(12, 10) S(13, 11) S(14, 12) S(15, 13)
							S(16, 14) S(17, 15) S(28, 16) S(29, 17)
								S(30, 18) S(31, 19) "frrm %[frm]\n"
										    "fsrmi 0\n"
		: "+r"(a0), [frm] "=&r"(frm)
		: "r"(a1), "r"(a7), "r"(pin), "r"(pout)
		: "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f10", "f11", "f12",
		  "f13", "f14", "f15", "f16", "f17", "f28", "f29", "f30", "f31");
	ok(a0 == 0, "kill returned 0");
	ok(ran == 1, "the handler ran");
	int same = 1;
	for (int i = 0; i < 20; i++)
		if (in[i] != out[i]) {
			same = 0;
			diag("f%d differs", regs[i]);
		}
	ok(same, "every caller-saved FP register survived the handler");
	ok(frm == 2, "the rounding mode (fcsr.frm) survived");
	return done();
}
