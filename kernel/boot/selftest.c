/* Deliberate crashes for the boot tests of the panic path (boot argument crash=...). */
#include "boot/boot.h"
#include "board/board.h"
#include "console.h"
#include "mm/memlayout.h"
#include "riscv.h"
#include "time/timer.h"
#include "trap/irq.h"
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
	else if (!strcmp(what, "wild"))
		*(volatile int *)(IO_BASE + IO_SIZE - PAGE_SIZE) = 1; /* unmapped kernel address */
	else if (!strcmp(what, "panic"))
		panic("selftest: panic requested");
	pr_warn("selftest: unknown crash '%s'\n", what);
}

void selftest_echo(void)
{
	char line[64];
	size_t n = 0;
	u64 deadline = clock_ns() + 20ULL * 1000000000ULL;

	pr_info("selftest: type a line\n");
	while (n + 1 < sizeof(line) && clock_ns() < deadline) {
		int c = console_getc();

		if (c < 0) {
			wfi(); /* the UART's receive interrupt (or the tick) wakes us */
			continue;
		}
		if (c == '\r' || c == '\n')
			break;
		line[n++] = (char)c;
	}
	line[n] = '\0';
	pr_info("selftest: read '%s' (%lu uart interrupts)\n", line,
		board.uart.mmio.irq ? irq_count(board.uart.mmio.irq) : 0UL);
}
