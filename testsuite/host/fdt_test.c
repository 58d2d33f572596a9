/*
 * Host tests of board/fdt.c: device-tree discovery through libfdt.
 *
 * Trees under test:
 *   - QEMU's own virt tree, dumped when the test runs (-machine virt,dumpdtb=...) for 1 and 4 harts;
 *     a plain dump has no /reserved-memory: OpenSBI adds its own region (mmode_resv*) at boot;
 *   - board/visionfive2/vf2.dts, compiled with dtc when the test runs;
 *   - the built-in qemu-virt tree linked in through board/dtb.S (board_builtin_dtb());
 *   - small trees written here with libfdt's sequential-write API, for the corner cases;
 *   - corrupt blobs, which must give -EINVAL.
 * Run from the repository root (make host-test / make host-test-fdt); argv[1] may name the
 * directory for the generated blobs (default build/host/fdt).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/board.h"
#include "errno.h"
#include "htest.h"

#include <libfdt.h>

static const char *outdir = "build/host/fdt";
static struct board_desc bd;

/* Read a whole file into a malloc'ed buffer (8-byte aligned); NULL on failure. */
static void *load_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		if (len)
			*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* Run @cmd through the shell; true if it exited 0. */
static bool run(const char *cmd)
{
	int rc = system(cmd);

	if (rc != 0)
		printf("# command failed (%d): %s\n", rc, cmd);
	return rc == 0;
}

/* Dump QEMU's virt tree for @smp harts and 1 GiB; returns the blob or NULL. */
static void *qemu_dtb(int smp, size_t *len)
{
	char path[256], cmd[512];

	snprintf(path, sizeof(path), "%s/virt-smp%d.dtb", outdir, smp);
	snprintf(cmd, sizeof(cmd),
		 "qemu-system-riscv64 -machine virt,dumpdtb=%s -smp %d -m 1G -bios default "
		 "-nographic >/dev/null 2>&1",
		 path, smp);
	if (!run(cmd))
		return NULL;
	return load_file(path, len);
}

/* Compile board/visionfive2/vf2.dts; returns the blob or NULL. */
static void *vf2_dtb(size_t *len)
{
	char path[256], cmd[512];

	snprintf(path, sizeof(path), "%s/vf2.dtb", outdir);
	snprintf(cmd, sizeof(cmd), "dtc -I dts -O dtb -o %s board/visionfive2/vf2.dts", path);
	if (!run(cmd))
		return NULL;
	return load_file(path, len);
}

/* Checks shared by both QEMU dumps. */
static void check_qemu_common(const void *fdt, size_t len, int smp)
{
	CHECK(fdt != NULL);
	if (!fdt)
		return;
	CHECK(board_fdt_valid(fdt));
	CHECK(board_parse_fdt(fdt, &bd) == 0);
	CHECK(!strcmp(bd.model, "riscv-virtio,qemu"));
	/* QEMU writes out its whole buffer (1 MiB); the blob is the header's totalsize. */
	CHECK(bd.fdt_size == fdt_totalsize(fdt) && bd.fdt_size > 0x100 && bd.fdt_size <= len);
	CHECK(bd.fdt_pa == (paddr_t)(uintptr_t)fdt);
	CHECK(!bd.builtin_dtb);
	CHECK(bd.nmem == 1);
	CHECK(bd.mem[0].base == 0x80000000 && bd.mem[0].size == 0x40000000);
	/* OpenSBI's own region is added by OpenSBI when it boots, not by QEMU. */
	CHECK(bd.nresv == 0);
	CHECK(bd.timebase == 10000000);
	CHECK_MSG(bd.nharts == smp, "nharts %d", bd.nharts);
	for (int h = 0; h < bd.nharts; h++) {
		CHECK(bd.harts[h].hartid == (u64)h);
		CHECK_MSG(bd.harts[h].plic_sctx == 2 * h + 1, "hart %d sctx %d", h,
			  bd.harts[h].plic_sctx);
		CHECK(!strncmp(bd.harts[h].isa, "rv64", 4));
		CHECK(bd.harts[h].sstc); /* QEMU's default rv64 CPU has had Sstc since 7.1 */
	}
	CHECK(bd.uart.mmio.base == 0x10000000 && bd.uart.mmio.irq == 10);
	CHECK(!bd.uart.dw_apb && bd.uart.reg_shift == 0 && bd.uart.reg_io_width == 1);
	CHECK(bd.uart.clock == 3686400);
	CHECK(bd.plic.mmio.base == 0xc000000 && bd.plic.mmio.size != 0);
	/* QEMU 7.2 says 96 (0x60); later versions say 95. */
	CHECK_MSG(bd.plic.ndev == 95 || bd.plic.ndev == 96, "ndev %u", bd.plic.ndev);
	CHECK(bd.nvirtio == 8);
	for (int i = 0; i < bd.nvirtio; i++)
		CHECK(bd.virtio[i].base == 0x10001000 + 0x1000 * (u64)i &&
		      bd.virtio[i].size == 0x1000 && bd.virtio[i].irq == (u32)i + 1);
	CHECK(bd.sdhost.size == 0);
	CHECK(bd.rtc.base == 0x101000 && bd.rtc.size == 0x1000);
	CHECK(bd.bootargs[0] == '\0' && bd.initrd_start == 0 && bd.initrd_end == 0);
}

static void qemu_virt_smp1(void)
{
	size_t len = 0;
	void *fdt = qemu_dtb(1, &len);

	check_qemu_common(fdt, len, 1);
	free(fdt);
}

static void qemu_virt_smp4(void)
{
	size_t len = 0;
	void *fdt = qemu_dtb(4, &len);

	check_qemu_common(fdt, len, 4);
	free(fdt);
}

static void visionfive2_tree(void)
{
	size_t len = 0;
	void *fdt = vf2_dtb(&len);

	CHECK(fdt != NULL);
	if (!fdt)
		return;
	CHECK(board_parse_fdt(fdt, &bd) == 0);
	CHECK(bd.nmem == 1 && bd.mem[0].base == 0x40000000 && bd.mem[0].size == 0x100000000);
	CHECK(bd.nresv == 1 && bd.resv[0].base == 0x40000000 && bd.resv[0].size == 0x200000);
	CHECK(bd.timebase == 4000000);
	CHECK(bd.rtc.size == 0);
	/* Hart 0 (S7) has no MMU: only the four U74 harts. */
	CHECK_MSG(bd.nharts == 4, "nharts %d", bd.nharts);
	for (int i = 0; i < bd.nharts; i++) {
		u64 h = (u64)i + 1;

		CHECK(bd.harts[i].hartid == h);
		CHECK_MSG(bd.harts[i].plic_sctx == (int)(2 * h), "hart %d sctx %d", (int)h,
			  bd.harts[i].plic_sctx);
		CHECK(!bd.harts[i].sstc);
		CHECK(!strcmp(bd.harts[i].isa, "rv64imafdc_zba_zbb"));
	}
	CHECK(bd.uart.mmio.base == 0x10000000 && bd.uart.mmio.irq == 32);
	CHECK(bd.uart.dw_apb && bd.uart.reg_shift == 2 && bd.uart.reg_io_width == 4);
	CHECK(bd.uart.clock == 24000000);
	CHECK(bd.plic.mmio.base == 0x0c000000 && bd.plic.ndev == 136);
	CHECK(bd.sdhost.base == 0x16020000 && bd.sdhost.irq == 75 && bd.sdhost.size != 0);
	CHECK(bd.nvirtio == 0);
	free(fdt);
}

static void builtin_tree(void)
{
	const void *fdt = board_builtin_dtb();

	CHECK(fdt != NULL);
	if (!fdt)
		return;
	CHECK(board_fdt_valid(fdt));
	CHECK(board_parse_fdt(fdt, &bd) == 0);
	CHECK(bd.builtin_dtb);
	CHECK(bd.nmem == 1 && bd.mem[0].base == 0x80000000 && bd.mem[0].size == 0x40000000);
	CHECK(bd.nresv == 1 && bd.resv[0].base == 0x80000000 && bd.resv[0].size == 0x200000);
	CHECK(bd.nharts == 1 && bd.harts[0].plic_sctx == 1 && !bd.harts[0].sstc);
	CHECK(bd.timebase == 10000000);
	CHECK(bd.uart.mmio.base == 0x10000000 && bd.uart.mmio.irq == 10);
	CHECK(bd.plic.ndev == 95);
	CHECK(bd.nvirtio == 8 && bd.virtio[0].base == 0x10001000 && bd.virtio[0].irq == 1);
}

/* Write a big-endian cell array property. */
static void prop_cells(void *t, const char *name, const u32 *v, int n)
{
	fdt32_t c[16];

	for (int i = 0; i < n; i++)
		c[i] = cpu_to_fdt32(v[i]);
	fdt_property(t, name, c, n * 4);
}

#define CELLS(t, name, ...)                                                                        \
	do {                                                                                       \
		const u32 v_[] = {__VA_ARGS__};                                                    \
		prop_cells(t, name, v_, (int)(sizeof(v_) / sizeof(v_[0])));                        \
	} while (0)

/* A cpu node with an interrupt controller whose phandle is @ph. */
static void cpu_node(void *t, int id, const char *status, const char *mmu, u32 ph)
{
	char name[16];

	snprintf(name, sizeof(name), "cpu@%d", id);
	fdt_begin_node(t, name);
	fdt_property_string(t, "device_type", "cpu");
	CELLS(t, "reg", (u32)id);
	if (status)
		fdt_property_string(t, "status", status);
	if (mmu)
		fdt_property_string(t, "mmu-type", mmu);
	if (id == 2) {
		/* No riscv,isa: base and extension list only (newer bindings). */
		fdt_property_string(t, "riscv,isa-base", "rv64i");
		fdt_property(t, "riscv,isa-extensions", "i\0m\0a\0sstc", 11);
		fdt_property_u64(t, "timebase-frequency", 25000000);
	} else {
		fdt_property_string(t, "riscv,isa", "rv64imac_zicsr_SSTC_zba");
	}
	fdt_begin_node(t, "interrupt-controller");
	fdt_property_u32(t, "#interrupt-cells", 1);
	fdt_property(t, "interrupt-controller", "", 0);
	fdt_property_u32(t, "phandle", ph);
	fdt_end_node(t);
	fdt_end_node(t);
}

/* A device node at @base (one address and one size cell) with one interrupt. */
static void dev_node(void *t, const char *name, const char *compat, u32 base, u32 irq,
		     const char *status)
{
	fdt_begin_node(t, name);
	fdt_property_string(t, "compatible", compat);
	CELLS(t, "reg", base, 0x1000);
	CELLS(t, "interrupts", irq);
	if (status)
		fdt_property_string(t, "status", status);
}

/*
 * The synthetic tree: one-cell addresses, a memreserve entry, two memory nodes (three ranges, out
 * of order), /reserved-memory with a static, a dynamic and a disabled child, 64-bit initrd cells,
 * an aliased stdout-path with options, harts that are disabled / MMU-less / usable, the timebase
 * only in a cpu node, a PLIC with sparse contexts, two UARTs, an eMMC before the SD host, and
 * virtio slots out of order with one disabled. @with_memory false leaves out the memory nodes.
 */
static size_t build_tree(void *buf, int size, bool with_memory)
{
	fdt_create(buf, size);
	fdt_add_reservemap_entry(buf, 0x1000, 0x2000);
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	fdt_property_u32(buf, "#address-cells", 1);
	fdt_property_u32(buf, "#size-cells", 1);
	fdt_property_string(buf, "model", "kestrel,synthetic");

	fdt_begin_node(buf, "aliases");
	fdt_property_string(buf, "serial1", "/serial@3000");
	fdt_end_node(buf);

	fdt_begin_node(buf, "chosen");
	fdt_property_string(buf, "bootargs", "console=ttyS0 init=/init");
	fdt_property_u64(buf, "linux,initrd-start", 0x88000000);
	fdt_property_u64(buf, "linux,initrd-end", 0x88100000);
	fdt_property_string(buf, "stdout-path", "serial1:115200n8");
	fdt_end_node(buf);

	if (with_memory) {
		fdt_begin_node(buf, "memory@c0000000");
		fdt_property_string(buf, "device_type", "memory");
		CELLS(buf, "reg", 0xc0000000, 0x10000000, 0x80000000, 0x20000000);
		fdt_end_node(buf);
		fdt_begin_node(buf, "memory@a0000000");
		fdt_property_string(buf, "device_type", "memory");
		CELLS(buf, "reg", 0xa0000000, 0x1000000);
		fdt_end_node(buf);
	}

	fdt_begin_node(buf, "reserved-memory");
	fdt_property_u32(buf, "#address-cells", 1);
	fdt_property_u32(buf, "#size-cells", 1);
	fdt_begin_node(buf, "fw@80000000");
	CELLS(buf, "reg", 0x80000000, 0x40000);
	fdt_end_node(buf);
	fdt_begin_node(buf, "pool");
	CELLS(buf, "size", 0x100000);
	fdt_end_node(buf);
	fdt_begin_node(buf, "off@90000000");
	CELLS(buf, "reg", 0x90000000, 0x1000);
	fdt_property_string(buf, "status", "disabled");
	fdt_end_node(buf);
	fdt_end_node(buf);

	fdt_begin_node(buf, "cpus");
	fdt_property_u32(buf, "#address-cells", 1);
	fdt_property_u32(buf, "#size-cells", 0);
	cpu_node(buf, 3, "okay", "riscv,sv48", 13);
	cpu_node(buf, 0, "disabled", "riscv,sv39", 10);
	cpu_node(buf, 1, NULL, "riscv,none", 11);
	cpu_node(buf, 2, "ok", "riscv,sv39", 12);
	fdt_end_node(buf);

	fdt_begin_node(buf, "plic@c000000");
	fdt_property_string(buf, "compatible", "riscv,plic0");
	CELLS(buf, "reg", 0xc000000, 0x4000000);
	fdt_property_u32(buf, "riscv,ndev", 53);
	/* contexts: 0 hart0 M, 1 hart0 S, 2 hart2 M, 3 hart2 S, 4 hart3 S */
	CELLS(buf, "interrupts-extended", 10, 11, 10, 9, 12, 11, 12, 9, 13, 9);
	fdt_end_node(buf);

	dev_node(buf, "serial@2000", "ns16550a", 0x2000, 5, NULL);
	fdt_end_node(buf);
	dev_node(buf, "serial@3000", "snps,dw-apb-uart", 0x3000, 6, NULL);
	fdt_property_u32(buf, "reg-shift", 2);
	fdt_property_u32(buf, "reg-io-width", 4);
	fdt_property_u32(buf, "clock-frequency", 24000000);
	fdt_end_node(buf);

	dev_node(buf, "mmc@5000", "snps,dw-mshc", 0x5000, 20, NULL);
	fdt_property(buf, "non-removable", "", 0);
	fdt_end_node(buf);
	dev_node(buf, "mmc@6000", "starfive,jh7110-mmc", 0x6000, 21, NULL);
	fdt_end_node(buf);

	dev_node(buf, "virtio@9000", "virtio,mmio", 0x9000, 9, NULL);
	fdt_end_node(buf);
	dev_node(buf, "virtio@8000", "virtio,mmio", 0x8000, 8, "disabled");
	fdt_end_node(buf);
	dev_node(buf, "virtio@7000", "virtio,mmio", 0x7000, 7, "okay");
	fdt_end_node(buf);

	fdt_end_node(buf);
	fdt_finish(buf);
	return fdt_totalsize(buf);
}

static void synthetic_tree(void)
{
	static u64 buf[1024];

	build_tree(buf, sizeof(buf), true);
	CHECK(board_parse_fdt(buf, &bd) == 0);
	CHECK(!strcmp(bd.model, "kestrel,synthetic"));
	CHECK(bd.nmem == 3);
	CHECK(bd.mem[0].base == 0x80000000 && bd.mem[0].size == 0x20000000);
	CHECK(bd.mem[1].base == 0xa0000000 && bd.mem[1].size == 0x1000000);
	CHECK(bd.mem[2].base == 0xc0000000 && bd.mem[2].size == 0x10000000);
	CHECK_MSG(bd.nresv == 2, "nresv %d", bd.nresv);
	CHECK(bd.resv[0].base == 0x1000 && bd.resv[0].size == 0x2000);
	CHECK(bd.resv[1].base == 0x80000000 && bd.resv[1].size == 0x40000);
	CHECK(!strcmp(bd.bootargs, "console=ttyS0 init=/init"));
	CHECK(bd.initrd_start == 0x88000000 && bd.initrd_end == 0x88100000);
	CHECK(bd.timebase == 25000000);
	CHECK_MSG(bd.nharts == 2, "nharts %d", bd.nharts);
	CHECK(bd.harts[0].hartid == 2 && bd.harts[0].plic_sctx == 3 && bd.harts[0].sstc);
	CHECK(!strcmp(bd.harts[0].isa, "rv64i"));
	CHECK(bd.harts[1].hartid == 3 && bd.harts[1].plic_sctx == 4 && bd.harts[1].sstc);
	CHECK(bd.uart.mmio.base == 0x3000 && bd.uart.mmio.irq == 6 && bd.uart.dw_apb);
	CHECK(bd.uart.reg_shift == 2 && bd.uart.reg_io_width == 4 && bd.uart.clock == 24000000);
	CHECK(bd.plic.mmio.base == 0xc000000 && bd.plic.ndev == 53);
	CHECK(bd.sdhost.base == 0x6000 && bd.sdhost.irq == 21);
	CHECK(bd.nvirtio == 2);
	CHECK(bd.virtio[0].base == 0x7000 && bd.virtio[0].irq == 7);
	CHECK(bd.virtio[1].base == 0x9000 && bd.virtio[1].irq == 9);
}

static void missing_memory_is_einval(void)
{
	static u64 buf[1024];

	build_tree(buf, sizeof(buf), false);
	CHECK(board_fdt_valid(buf));
	CHECK(board_parse_fdt(buf, &bd) == -EINVAL);
}

static void corrupt_blob_is_einval(void)
{
	size_t len = 0;
	u8 *fdt = vf2_dtb(&len);
	u8 *copy;

	CHECK(fdt != NULL);
	if (!fdt)
		return;
	copy = malloc(len);
	CHECK(!board_fdt_valid(NULL));
	CHECK(board_parse_fdt(NULL, &bd) == -EINVAL);
	CHECK(!board_fdt_valid(fdt + 1)); /* misaligned */

	memcpy(copy, fdt, len);
	copy[0] ^= 0xff; /* magic */
	CHECK(!board_fdt_valid(copy));
	CHECK(board_parse_fdt(copy, &bd) == -EINVAL);

	memcpy(copy, fdt, len);
	fdt_set_off_dt_struct(copy, 0xfffffff0); /* structure block outside the blob */
	CHECK(!board_fdt_valid(copy));
	CHECK(board_parse_fdt(copy, &bd) == -EINVAL);

	memcpy(copy, fdt, len);
	fdt_set_version(copy, 1); /* unsupported version */
	CHECK(board_parse_fdt(copy, &bd) == -EINVAL);

	memset(copy, 0, len);
	CHECK(board_parse_fdt(copy, &bd) == -EINVAL);
	free(copy);
	free(fdt);
}

int main(int argc, char **argv)
{
	char cmd[300];

	if (argc > 1)
		outdir = argv[1];
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", outdir);
	if (!run(cmd))
		return 1;
	RUN(qemu_virt_smp1);
	RUN(qemu_virt_smp4);
	RUN(visionfive2_tree);
	RUN(builtin_tree);
	RUN(synthetic_tree);
	RUN(missing_memory_is_einval);
	RUN(corrupt_blob_is_einval);
	return htest_done();
}
