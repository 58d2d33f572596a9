kernel-src += drivers/irq/plic.c drivers/uart/ns16550.c drivers/rtc/goldfish.c
