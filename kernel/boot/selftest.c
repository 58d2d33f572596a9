/* Deliberate crashes for the boot tests of the panic path (boot argument crash=...). */
#include "boot/boot.h"
#include "printk.h"
#include "string.h"

/* Each frame pins 512 bytes; the guard page below the stack ends it. */
static int __attribute__((noinline)) recurse(volatile int depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth >= 0)
		return recurse(depth + 1) + pad[0];
	return pad[0];
}

static volatile unsigned long bad_address = 8;

static void __attribute__((noinline)) crash_null(void)
{
	*(volatile int *)bad_address = 1;
}

void selftest_crash(const char *what)
{
	pr_info("selftest: crashing on purpose (%s)\n", what);
	if (!strcmp(what, "stack"))
		recurse(0);
	else if (!strcmp(what, "null"))
		crash_null();
	else if (!strcmp(what, "panic"))
		panic("selftest: panic requested");
	pr_warn("selftest: unknown crash '%s'\n", what);
}
