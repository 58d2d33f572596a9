/*
 * dtb.S - the built-in device tree of this BOARD, linked into the image.
 *
 * board/build.mk compiles board/<board>/*.dts with dtc and passes the blob's path as
 * KESTREL_DTB_PATH (a string). board_builtin_dtb() (board/fdt.c) returns _builtin_dtb_start.
 * The blob is 8-byte aligned, as the devicetree specification asks. Also assembled for the host
 * unit tests, so only generic GNU as directives are used.
 */
#ifndef KESTREL_DTB_PATH
#error "KESTREL_DTB_PATH must name the .dtb to include"
#endif

	.section .rodata.builtin_dtb, "a"
	.balign 8
	.globl _builtin_dtb_start
_builtin_dtb_start:
	.incbin KESTREL_DTB_PATH
	.globl _builtin_dtb_end
_builtin_dtb_end:
	.balign 8

#if defined(__linux__) && defined(__ELF__)
	/* Host test builds: this object needs no executable stack. */
	.section .note.GNU-stack, "", @progbits
#endif
