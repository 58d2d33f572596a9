/*
 * Powering off. SBI SRST does it everywhere; under QEMU, a failure is also reported through the
 * sifive,test finisher when the device tree has one, because OpenSBI 1.1 turns every SRST
 * shutdown into a clean exit whatever its reason.
 */
#include "board/board.h"
#include "boot/boot.h"
#include "mm/kmap.h"
#include "mm/memlayout.h"
#include "sbi/sbi.h"

#define FINISHER_FAIL 0x3333

static volatile u32 *finisher; /* [I] after power_init */

void power_init(void)
{
	if (board.test_finisher.size)
		finisher = ioremap(board.test_finisher.base, board.test_finisher.size);
}

void power_off(bool failure)
{
	if (failure && finisher)
		*finisher = FINISHER_FAIL | (1U << 16); /* QEMU exits with status 1 */
	sbi_shutdown(failure);
}
