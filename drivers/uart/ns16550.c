/*
 * 16550 UART: transmit by polling LSR.THRE, receive by interrupt into the console input ring.
 * Register stride (reg-shift) and access width (reg-io-width) come from the device tree.
 * The DesignWare variant raises a "busy detect" interrupt (IIR = 7) cleared by reading USR.
 */
#include "drivers/uart/ns16550.h"
#include "board/board.h"
#include "console.h"
#include "errno.h"
#include "mm/kmap.h"
#include "printk.h"
#include "trap/irq.h"

#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_IER 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_USR 31 /* DesignWare: UART status */

#define IER_RDI	   0x01
#define LSR_DR	   0x01
#define LSR_THRE   0x20
#define IIR_NO_INT 0x01
#define IIR_BUSY   0x07

/* Locks: [I] after uart_init; register access is serialised by the console lock. */
static volatile u8 *base;
static unsigned int shift, width;

static u32 uart_in(unsigned int reg)
{
	volatile u8 *p = base + (reg << shift);

	return width == 4 ? *(volatile u32 *)p : *p;
}

static void uart_out(unsigned int reg, u32 v)
{
	volatile u8 *p = base + (reg << shift);

	if (width == 4)
		*(volatile u32 *)p = v;
	else
		*p = (u8)v;
}

static void uart_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		while (!(uart_in(UART_LSR) & LSR_THRE))
			;
		uart_out(UART_THR, (u8)s[i]);
	}
}

static void uart_irq(unsigned int irq, void *arg)
{
	u32 iir = uart_in(UART_IIR) & 0x0f;

	if (iir == IIR_BUSY && board.uart.dw_apb)
		(void)uart_in(UART_USR);
	while (uart_in(UART_LSR) & LSR_DR)
		console_input((char)uart_in(UART_RBR));
}

static const struct console_driver uart_console = {"uart", uart_write};

int uart_init(void)
{
	if (!board.uart.mmio.size)
		return -ENODEV;
	shift = board.uart.reg_shift;
	width = board.uart.reg_io_width == 4 ? 4 : 1;
	base = ioremap(board.uart.mmio.base, board.uart.mmio.size);
	uart_out(UART_FCR, 0x07); /* FIFOs on and cleared */
	while (uart_in(UART_LSR) & LSR_DR)
		(void)uart_in(UART_RBR);
	if (board.uart.mmio.irq && irq_register(board.uart.mmio.irq, uart_irq, NULL) == 0)
		uart_out(UART_IER, IER_RDI);
	console_set_driver(&uart_console);
	return 0;
}
