/*
 * Signals as the riscv64 Linux ABI sees them: numbers, sigaction flags, siginfo, the alternate
 * stack, and the rt_sigframe a handler is entered with (asm-generic signal numbering; riscv64
 * sigcontext/ucontext). Written from the UAPI headers' field lists; the sizes and offsets are
 * pinned with static_assert below.
 */
#ifndef KERNEL_INCLUDE_UAPI_SIGNAL_H
#define KERNEL_INCLUDE_UAPI_SIGNAL_H

#include "types.h"

#define KNSIG 64 /* signals 1..64; a sigset is one u64, bit (sig - 1) */

#define SIGHUP	  1
#define SIGINT	  2
#define SIGQUIT	  3
#define SIGILL	  4
#define SIGTRAP	  5
#define SIGABRT	  6
#define SIGBUS	  7
#define SIGFPE	  8
#define SIGKILL	  9
#define SIGUSR1	  10
#define SIGSEGV	  11
#define SIGUSR2	  12
#define SIGPIPE	  13
#define SIGALRM	  14
#define SIGTERM	  15
#define SIGSTKFLT 16
#define SIGCHLD	  17
#define SIGCONT	  18
#define SIGSTOP	  19
#define SIGTSTP	  20
#define SIGTTIN	  21
#define SIGTTOU	  22
#define SIGURG	  23
#define SIGXCPU	  24
#define SIGXFSZ	  25
#define SIGVTALRM 26
#define SIGPROF	  27
#define SIGWINCH  28
#define SIGIO	  29
#define SIGPWR	  30
#define SIGSYS	  31
#define SIGRTMIN  32

/* sa_flags */
#define SA_NOCLDSTOP	  0x00000001
#define SA_NOCLDWAIT	  0x00000002
#define SA_SIGINFO	  0x00000004
#define SA_UNSUPPORTED	  0x00000400
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_ONSTACK	  0x08000000
#define SA_RESTART	  0x10000000
#define SA_NODEFER	  0x40000000
#define SA_RESETHAND	  0x80000000U

#define SIG_DFL 0UL
#define SIG_IGN 1UL

/* rt_sigprocmask how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sigaltstack */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ   2048

/* si_code values */
#define SI_USER	      0
#define SI_KERNEL     0x80
#define SI_QUEUE      (-1)
#define SI_TIMER      (-2)
#define SI_TKILL      (-6)
#define ILL_ILLOPC    1
#define SEGV_MAPERR   1
#define SEGV_ACCERR   2
#define BUS_ADRALN    1
#define BUS_ADRERR    2
#define TRAP_BRKPT    1
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* rt_sigaction's struct on riscv64: no restorer field (riscv has no SA_RESTORER). */
struct ksigaction {
	u64 handler;
	u64 flags;
	u64 mask;
};

/* siginfo_t: 128 bytes; the union starts at 16 on 64-bit targets. */
struct ksiginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int pad0;
	union {
		struct {
			int pid;
			u32 uid;
			u64 value; /* sigval, for SI_QUEUE */
		} kill;
		struct {
			int pid;
			u32 uid;
			int status;
			int pad;
			s64 utime, stime;
		} chld;
		struct {
			u64 addr;
		} fault;
		u8 raw[112];
	};
};

/* stack_t */
struct kstack {
	u64 ss_sp;
	int ss_flags;
	int pad;
	u64 ss_size;
};

/* struct sigcontext: pc and x1..x31 (user_regs_struct), then the FP union (q-ext size). */
struct ksigcontext {
	u64 pc;
	u64 x[31]; /* x[0] = ra (x1) ... x[30] = t6 (x31) */
	union {
		struct {
			u64 f[32];
			u32 fcsr;
		} d;
		struct {
			u64 f[64] __attribute__((aligned(16)));
			u32 fcsr;
			u32 reserved[3]; /* zero on delivery, must be zero on sigreturn */
		} q;
	} fp;
};

struct kucontext {
	u64 uc_flags;
	u64 uc_link;
	struct kstack uc_stack;
	u64 uc_sigmask;
	u8 unused[1024 / 8 - 8];
	struct ksigcontext uc_mcontext __attribute__((aligned(16)));
};

/* What a handler is entered with: sp = &frame, a1 = &frame->info, a2 = &frame->uc. */
struct rt_sigframe {
	struct ksiginfo info;
	struct kucontext uc;
};

struct kitimerval {
	s64 interval_sec, interval_usec;
	s64 value_sec, value_usec;
};

#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

_Static_assert(sizeof(struct ksiginfo) == 128, "siginfo_t is 128 bytes");
_Static_assert(sizeof(struct kstack) == 24, "stack_t is 24 bytes");
_Static_assert(__builtin_offsetof(struct kucontext, uc_sigmask) == 40, "uc_sigmask at 40");
_Static_assert(__builtin_offsetof(struct kucontext, uc_mcontext) == 176, "uc_mcontext at 176");
_Static_assert(sizeof(struct ksigcontext) == 256 + 528, "sigcontext size");
_Static_assert(sizeof(struct rt_sigframe) == 1088, "rt_sigframe size");
_Static_assert(__builtin_offsetof(struct ksiginfo, chld.status) == 24, "si_status at 24");
_Static_assert(__builtin_offsetof(struct ksiginfo, chld.utime) == 32, "si_utime at 32");

#endif
