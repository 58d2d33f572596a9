/*
 * struct board_desc: everything machine-specific, filled once at boot from the device tree
 * (board/fdt.c, through libfdt) and read-only afterwards. No other code parses the device tree.
 *
 * Locks: none; written by the boot hart before the other harts start, then immutable [I].
 */
#ifndef BOARD_BOARD_H
#define BOARD_BOARD_H

#include "types.h"

#define BOARD_MAX_MEM	   8
#define BOARD_MAX_RESV	   16
#define BOARD_MAX_HARTS	   8
#define BOARD_MAX_VIRTIO   8
#define BOARD_BOOTARGS_MAX 512
#define BOARD_ISA_MAX	   128

struct mem_range {
	paddr_t base;
	u64 size;
};

struct board_hart {
	u64 hartid;		 /* the "reg" of the cpu node */
	int plic_sctx;		 /* PLIC context of this hart's S-mode external irq, -1 if none */
	bool sstc;		 /* riscv,isa (or riscv,isa-extensions) names Sstc */
	char isa[BOARD_ISA_MAX]; /* riscv,isa string as found */
};

struct board_mmio {
	paddr_t base;
	u64 size;
	u32 irq; /* PLIC source number, 0 if none */
};

struct board_desc {
	char model[64];			     /* /model, or "" */
	struct mem_range mem[BOARD_MAX_MEM]; /* /memory@... reg ranges, sorted by base */
	int nmem;
	struct mem_range
		resv[BOARD_MAX_RESV]; /* /memreserve/ entries and /reserved-memory children */
	int nresv;
	char bootargs[BOARD_BOOTARGS_MAX]; /* /chosen/bootargs, "" if none */
	paddr_t initrd_start, initrd_end;  /* /chosen/linux,initrd-{start,end}; both 0 if none */
	u64 timebase;			   /* /cpus/timebase-frequency, Hz */
	struct board_hart harts[BOARD_MAX_HARTS]; /* usable harts only (okay status, MMU present) */
	int nharts;
	struct {
		struct board_mmio mmio;
		u32 reg_shift;	  /* register stride = 1 << reg_shift */
		u32 reg_io_width; /* 1 or 4 bytes per access */
		u32 clock;	  /* clock-frequency, 0 if absent */
		bool dw_apb;	  /* snps,dw-apb-uart (else ns16550a) */
	} uart;
	struct {
		struct board_mmio mmio;
		u32 ndev; /* riscv,ndev */
	} plic;
	struct board_mmio virtio[BOARD_MAX_VIRTIO]; /* virtio,mmio slots, sorted by base */
	int nvirtio;
	struct board_mmio
		sdhost; /* DesignWare MSHC (snps,dw-mshc / starfive,jh7110-mmc), size 0 if none */
	struct board_mmio
		test_finisher; /* QEMU's sifive,test finisher (exit codes), size 0 if none */
	struct board_mmio rtc; /* google,goldfish-rtc (QEMU virt), size 0 if none */
	paddr_t fdt_pa;	       /* where the device tree blob itself lies */
	u32 fdt_size;	       /* its totalsize */
	bool builtin_dtb;      /* true when the built-in board tree was used (a1 held none) */
};

extern struct board_desc board;

/*
 * board_parse_fdt - fill @bd from the flattened device tree at @fdt.
 * Context: boot, single hart, before any allocator. Pure: touches only @fdt and @bd.
 * Returns 0, or -EINVAL if @fdt is not a valid tree or lacks /memory, /cpus or the timebase.
 */
int board_parse_fdt(const void *fdt, struct board_desc *bd);

/* board_builtin_dtb - the device tree linked into the image for this BOARD, or NULL if none. */
const void *board_builtin_dtb(void);

/* board_fdt_valid - true if @p points at a device tree header (magic 0xd00dfeed, sane size). */
bool board_fdt_valid(const void *p);

#endif
