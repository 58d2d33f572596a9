/* child_sp - the child's stack pointer (cases 80 and 81 of clone3-cases.md). Legacy clone with
 * CLONE_VM and newsp = X - 16, where the two words at X - 16 hold magic values: the child's
 * first loads from 0(sp) and 8(sp) see them and its sp is X - 16 exactly (no rounding, no
 * room reserved). With stack 0 and no CLONE_VM (legacy clone and clone3), the child's sp is
 * the parent's sp at the ecall, captured in the same asm block; the child checks it itself
 * and also sends it through a pipe. */
#define _GNU_SOURCE
#include "clone_test.h"

static volatile unsigned long out[3];
static unsigned long stk[2048] __attribute__((aligned(16)));

/* Legacy clone, CLONE_VM: the child stores 0(sp), 8(sp) and sp into out[] and exits. */
static long clone_sp_probe(void *sp)
{
	register long a0 __asm__("a0") = CLONE_VM | SIGCHLD;
	register long a1 __asm__("a1") = (long)sp;
	register long a2 __asm__("a2") = 0;
	register long a3 __asm__("a3") = 0;
	register long a4 __asm__("a4") = 0;
	register long a7 __asm__("a7") = 220;
	register long s1 __asm__("s1") = (long)out;
	__asm__ __volatile__("ecall\n\t"
			     "bnez a0, 1f\n\t"
			     "ld t0, 0(sp)\n\t"
			     "sd t0, 0(s1)\n\t"
			     "ld t0, 8(sp)\n\t"
			     "sd t0, 8(s1)\n\t"
			     "sd sp, 16(s1)\n\t"
			     "li a0, 0\n\t"
			     "li a7, 93\n\t"
			     "ecall\n"
			     "1:"
			     : "+r"(a0), "+r"(a7)
			     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(s1)
			     : "memory", "t0");
	return a0;
}

/* A clone (legacy when @args is NULL, else clone3) with no stack; *@before is sp at the
 * ecall and *@after sp right after it, in whichever task returns. */
static long clone_sp_inherit(struct c3_args *args, unsigned long *before, unsigned long *after)
{
	register long a0 __asm__("a0") = args ? (long)args : SIGCHLD;
	register long a1 __asm__("a1") = args ? 88 : 0;
	register long a2 __asm__("a2") = 0;
	register long a3 __asm__("a3") = 0;
	register long a4 __asm__("a4") = 0;
	register long a7 __asm__("a7") = args ? 435 : 220;
	unsigned long b, c;
	__asm__ __volatile__("mv %2, sp\n\t"
			     "ecall\n\t"
			     "mv %3, sp"
			     : "+r"(a0), "+r"(a7), "=&r"(b), "=&r"(c)
			     : "r"(a1), "r"(a2), "r"(a3), "r"(a4)
			     : "memory");
	*before = b;
	*after = c;
	return a0;
}

static void inherit_case(struct c3_args *args, const char *what)
{
	unsigned long before = 0, after = 0, got = 0;
	int p[2];
	if (pipe(p) != 0) {
		ok(0, "81 %s: pipe", what);
		return;
	}
	long pid = clone_sp_inherit(args, &before, &after);
	if (pid == 0) {
		if (write(p[1], &after, sizeof(after)) != sizeof(after))
			_exit(2);
		_exit(after == before ? 0 : 1);
	}
	ok(pid > 0 && read(p[0], &got, sizeof(got)) == sizeof(got) && got == before,
	   "81 %s: the child's sp (through a pipe) == the parent's sp at the ecall", what);
	ok(reap(pid) == 0, "81 %s: the child saw the same sp", what);
	ok(after == before, "81 %s: the parent's sp unchanged", what);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	struct c3_args a;
	unsigned long *x = &stk[1024];

	quiet_signals();
	/* 80 */
	x[-2] = 0x0123456789abcdefUL;
	x[-1] = 0xfedcba9876543210UL;
	long pid = clone_sp_probe(x - 2);
	ok(pid > 0 && reap(pid) == 0, "80 legacy clone VM with newsp = X - 16: child exited");
	ok(out[0] == 0x0123456789abcdefUL && out[1] == 0xfedcba9876543210UL,
	   "80 the child read the magic words at 0(sp) and 8(sp)");
	ok(out[2] == (unsigned long)(x - 2), "80 the child's sp == X - 16 exactly");
	/* 80 with an sp that is not 16-byte aligned: still exact. */
	x[-3] = 0x1111222233334444UL;
	x[-2] = 0x5555666677778888UL;
	pid = clone_sp_probe(x - 3);
	ok(pid > 0 && reap(pid) == 0 && out[0] == 0x1111222233334444UL &&
		   out[1] == 0x5555666677778888UL && out[2] == (unsigned long)(x - 3),
	   "80 an 8-byte aligned newsp is used as given");

	/* 81 */
	inherit_case(NULL, "legacy clone, newsp 0");
	a0_init(&a);
	inherit_case(&a, "clone3, stack 0");
	ok(no_child(), "no children left");
	return done();
}
