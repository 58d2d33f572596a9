/* brk_exact - the raw brk syscall: brk(0) returns the current break; growing by an odd number of
 * bytes returns exactly the new value; the memory between the old and new break is zero and
 * writable; shrinking returns the new value and pages wholly above it are dropped (regrown they
 * read zero); a break below the start or beyond user space fails, returning the old break. */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

#define PG 4096UL

static uintptr_t sys_brk(uintptr_t a)
{
	return (uintptr_t)syscall(SYS_brk, a);
}

static int all_zero(const volatile unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	uintptr_t cur = sys_brk(0);
	const uintptr_t grow = 3 * PG + 12345; /* odd */

	ok(cur != 0 && cur != (uintptr_t)-1, "brk(0) returns the current break");
	ok(sys_brk(0) == cur, "brk(0) again: unchanged");
	ok(sys_brk(cur + grow) == cur + grow,
	   "grow by an odd count: returns exactly the new break");
	ok(sys_brk(0) == cur + grow, "brk(0) reports the new break");
	volatile unsigned char *p = (volatile unsigned char *)cur;
	ok(all_zero(p, grow), "new memory reads zero");
	for (size_t i = 0; i < grow; i++)
		p[i] = (unsigned char)(i * 7 + 1);
	size_t bad = 0;
	for (size_t i = 0; i < grow; i++)
		bad += p[i] != (unsigned char)(i * 7 + 1);
	ok(bad == 0, "new memory is writable and keeps what was written");

	/* Shrink to one page (rounded) above cur, then grow again. */
	ok(sys_brk(cur + 100) == cur + 100, "shrink: returns exactly the new break");
	ok(sys_brk(cur + grow) == cur + grow, "grow again");
	uintptr_t lo = (cur + 100 + PG - 1) & ~(PG - 1);
	ok(all_zero((volatile unsigned char *)lo, cur + grow - lo),
	   "pages wholly above the shrunken break read zero after regrowing");
	bad = 0;
	for (uintptr_t a = cur; a < cur + 100; a++)
		bad += p[a - cur] != (unsigned char)((a - cur) * 7 + 1);
	ok(bad == 0, "bytes below the shrunken break are kept");

	uintptr_t now = sys_brk(0);
	ok(sys_brk(PG) == now, "brk below the start fails: returns the old break");
	ok(sys_brk(1) == now, "brk(1) fails: returns the old break");
	ok(sys_brk(0x4000000000UL + PG) == now,
	   "brk beyond user space fails: returns the old break");
	ok(sys_brk((uintptr_t)&now) == now, "brk into the stack fails: returns the old break");
	ok(sys_brk(cur) == cur, "back to the original break");
	return done();
}
