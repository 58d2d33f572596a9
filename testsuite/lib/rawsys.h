/*
 * rawsys.h - system calls without the C library, for tests whose answer the library would hide
 * or whose callers share the library's thread state (children of a raw clone).
 */
#ifndef TESTSUITE_LIB_RAWSYS_H
#define TESTSUITE_LIB_RAWSYS_H

/* raw_sys6 - system call @n with six arguments; returns the kernel's a0 (-errno on failure). */
static inline long raw_sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;
	register long a7 __asm__("a7") = n;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
			 : "memory");
	return a0;
}

#endif
