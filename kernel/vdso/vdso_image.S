/*
 * vdso_image.S - the vDSO shared object (build/vdso/vdso.so, made by kernel/vdso/build.mk),
 * linked into the kernel image, page aligned. vdso_init() copies it into frames of its own.
 */
#ifndef VDSO_SO_PATH
#error "VDSO_SO_PATH must name the vDSO to include"
#endif

	.section .rodata.vdso_image, "a"
	.balign 4096
	.globl vdso_image_start
vdso_image_start:
	.incbin VDSO_SO_PATH
	.globl vdso_image_end
vdso_image_end:
	.balign 4096
