/* 16550-compatible UART (QEMU's ns16550a, the VisionFive2's DesignWare APB UART). */
#ifndef DRIVERS_UART_NS16550_H
#define DRIVERS_UART_NS16550_H

/*
 * uart_init - map the board's UART, enable its receive interrupt through the PLIC and make it
 * the console. The firmware already set the line (baud rate, 8N1); it is left as it is.
 * Context: boot hart, after plic_init. Returns 0 or -ENODEV when the board has no UART.
 */
int uart_init(void);

#endif
