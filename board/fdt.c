/*
 * fdt.c - fill struct board_desc from the flattened device tree, through libfdt only.
 *
 * The one place that reads the device tree. Everything is looked up by property, compatible string
 * or path; no address of any machine appears here. Nodes whose "status" is neither "okay" nor "ok"
 * are ignored. Interrupt numbers are PLIC source numbers (the first cell of "interrupts").
 */
#include "board/board.h"
#include "errno.h"
#include "string.h"

#include <libfdt.h>

struct board_desc board;

/* Between _builtin_dtb_start and _builtin_dtb_end: the .dtb of this BOARD (board/dtb.S). */
extern const char _builtin_dtb_start[];
extern const char _builtin_dtb_end[];

#define IRQ_S_EXT	  9	      /* cause number of the supervisor external interrupt */
#define FDT_MAX_TOTALSIZE (64U << 20) /* a larger blob is taken for garbage */

static const char *const uart_compat[] = {"snps,dw-apb-uart", "ns16550a", "ns16550", NULL};
static const char *const plic_compat[] = {"riscv,plic0", "sifive,plic-1.0.0",
					  "starfive,jh7110-plic", NULL};
static const char *const virtio_compat[] = {"virtio,mmio", NULL};
static const char *const sdhost_compat[] = {"snps,dw-mshc", "starfive,jh7110-mmc", NULL};
static const char *const finisher_compat[] = {"sifive,test1", "sifive,test0", NULL};
static const char *const rtc_compat[] = {"google,goldfish-rtc", NULL};

/* True if @node has no "status", or its status is "okay" or "ok". */
static bool node_enabled(const void *fdt, int node)
{
	const char *s;
	int len;

	s = fdt_getprop(fdt, node, "status", &len);
	if (!s)
		return true;
	return (len == 5 && !memcmp(s, "okay", 5)) || (len == 3 && !memcmp(s, "ok", 3));
}

/* True if @node is compatible with one of the strings in the NULL-ended @list. */
static bool node_compatible(const void *fdt, int node, const char *const *list)
{
	for (; *list; list++)
		if (fdt_node_check_compatible(fdt, node, *list) == 0)
			return true;
	return false;
}

/* The next enabled node after @from (-1: from the start) compatible with @list, or < 0 if none. */
static int next_compatible(const void *fdt, int from, const char *const *list)
{
	int node = from;

	for (;;) {
		node = fdt_next_node(fdt, node, NULL);
		if (node < 0)
			return node;
		if (node_compatible(fdt, node, list) && node_enabled(fdt, node))
			return node;
	}
}

/* Big-endian cells @p[0..n-1] as one number; only the low 64 bits are kept. */
static u64 read_cells(const fdt32_t *p, int n)
{
	u64 v = 0;

	while (n-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* A 32- or 64-bit numeric property of @node, or @dflt if it is absent or of another size. */
static u64 prop_num(const void *fdt, int node, const char *name, u64 dflt)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, name, &len);
	if (!p || (len != 4 && len != 8))
		return dflt;
	return read_cells(p, len / 4);
}

/* Copy the string property @name of @node into @dst (@size bytes, always terminated); "" if absent. */
static void prop_str(const void *fdt, int node, const char *name, char *dst, size_t size)
{
	const char *s;
	int len;
	size_t n;

	dst[0] = '\0';
	s = fdt_getprop(fdt, node, name, &len);
	if (!s || len <= 0)
		return;
	n = strnlen(s, (size_t)len);
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/*
 * Entry @idx of the "reg" of @node, decoded with its parent's #address-cells and #size-cells.
 * Returns 0, -ENOENT if there is no such entry, or -EINVAL for a malformed parent.
 */
static int read_reg(const void *fdt, int node, int idx, u64 *base, u64 *size)
{
	const fdt32_t *p;
	int parent, ac, sc, len, stride;

	parent = fdt_parent_offset(fdt, node);
	if (parent < 0)
		return -EINVAL;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac <= 0 || sc < 0)
		return -EINVAL;
	p = fdt_getprop(fdt, node, "reg", &len);
	stride = (ac + sc) * 4;
	if (!p || len < (idx + 1) * stride)
		return -ENOENT;
	p += idx * (ac + sc);
	*base = read_cells(p, ac);
	*size = read_cells(p + ac, sc);
	return 0;
}

/* The first interrupt of @node: "interrupts" cell 0, else the number after the first phandle of
 * "interrupts-extended"; 0 if neither. */
static u32 node_irq(const void *fdt, int node)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (p && len >= 4)
		return fdt32_to_cpu(p[0]);
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	if (p && len >= 8)
		return fdt32_to_cpu(p[1]);
	return 0;
}

/* Fill @m from reg entry 0 and the first interrupt of @node. Returns 0 or -ENOENT/-EINVAL. */
static int read_mmio(const void *fdt, int node, struct board_mmio *m)
{
	u64 base, size;
	int err;

	err = read_reg(fdt, node, 0, &base, &size);
	if (err)
		return err;
	m->base = base;
	m->size = size;
	m->irq = node_irq(fdt, node);
	return 0;
}

/* Append [base, base+size) to @r (capacity @max, count *@n); empty ranges and overflow are dropped. */
static void add_range(struct mem_range *r, int max, int *n, u64 base, u64 size)
{
	if (size == 0 || *n >= max)
		return;
	r[*n].base = base;
	r[*n].size = size;
	(*n)++;
}

/* Sort @n ranges by base (insertion sort: n is at most a few dozen). */
static void sort_ranges(struct mem_range *r, int n)
{
	for (int i = 1; i < n; i++) {
		struct mem_range t = r[i];
		int j = i - 1;

		while (j >= 0 && r[j].base > t.base) {
			r[j + 1] = r[j];
			j--;
		}
		r[j + 1] = t;
	}
}

/* Every reg entry of every enabled memory node under the root (device_type "memory", or named
 * memory / memory@...). Returns 0, or -EINVAL if there is no RAM at all. */
static int parse_memory(const void *fdt, struct board_desc *bd)
{
	int node;

	fdt_for_each_subnode(node, fdt, 0)
	{
		const char *name = fdt_get_name(fdt, node, NULL);
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		bool is_mem = (type && !strcmp(type, "memory")) ||
			      (name && (!strcmp(name, "memory") || !strncmp(name, "memory@", 7)));
		u64 base, size;

		if (!is_mem || !node_enabled(fdt, node))
			continue;
		for (int i = 0; read_reg(fdt, node, i, &base, &size) == 0; i++)
			add_range(bd->mem, BOARD_MAX_MEM, &bd->nmem, base, size);
	}
	if (bd->nmem == 0)
		return -EINVAL;
	sort_ranges(bd->mem, bd->nmem);
	return 0;
}

/* The memory reservation block, then every reg of each /reserved-memory child. */
static void parse_reserved(const void *fdt, struct board_desc *bd)
{
	int n = fdt_num_mem_rsv(fdt);
	int parent, node;

	for (int i = 0; i < n; i++) {
		uint64_t base, size;

		if (fdt_get_mem_rsv(fdt, i, &base, &size) == 0)
			add_range(bd->resv, BOARD_MAX_RESV, &bd->nresv, base, size);
	}
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0)
		return;
	fdt_for_each_subnode(node, fdt, parent)
	{
		u64 base, size;

		/* Children with only "size" are requests for dynamic allocation: nothing to keep out. */
		if (!node_enabled(fdt, node))
			continue;
		for (int i = 0; read_reg(fdt, node, i, &base, &size) == 0; i++)
			add_range(bd->resv, BOARD_MAX_RESV, &bd->nresv, base, size);
	}
	sort_ranges(bd->resv, bd->nresv);
}

/* /chosen: bootargs and the initrd bounds (each a 32- or 64-bit value). */
static void parse_chosen(const void *fdt, struct board_desc *bd)
{
	int node = fdt_path_offset(fdt, "/chosen");

	if (node < 0)
		return;
	prop_str(fdt, node, "bootargs", bd->bootargs, sizeof(bd->bootargs));
	bd->initrd_start = prop_num(fdt, node, "linux,initrd-start", 0);
	bd->initrd_end = prop_num(fdt, node, "linux,initrd-end", 0);
	if (bd->initrd_end <= bd->initrd_start)
		bd->initrd_start = bd->initrd_end = 0;
}

/*
 * True if the ISA string @isa (@len bytes, not necessarily terminated) names the multi-letter
 * extension @ext ("rv64imac_zicsr_sstc" style, any case). The whole property is searched, not the
 * copy kept in board_hart.isa, which long strings of newer QEMUs overflow.
 */
static bool isa_has_ext(const char *isa, int len, const char *ext)
{
	size_t n = strlen(ext);
	size_t end = strnlen(isa, (size_t)len);

	for (size_t p = 0; p < end; p++) {
		size_t i;

		if (isa[p] != '_')
			continue;
		for (i = 0; i < n && p + 1 + i < end; i++) {
			char c = isa[p + 1 + i];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != ext[i])
				break;
		}
		if (i == n && (p + 1 + n == end || isa[p + 1 + n] == '_'))
			return true;
	}
	return false;
}

/* True if cpu node @node can run Kestrel: enabled, and an MMU other than "riscv,none". */
static bool hart_usable(const void *fdt, int node)
{
	const char *mmu;

	if (!node_enabled(fdt, node))
		return false;
	mmu = fdt_getprop(fdt, node, "mmu-type", NULL);
	return mmu && strcmp(mmu, "riscv,none") != 0;
}

/* The hart id ("reg") of cpu node @node, or -1 if it has none. */
static s64 cpu_hartid(const void *fdt, int node)
{
	u64 id, size;

	if (read_reg(fdt, node, 0, &id, &size))
		return -1;
	return (s64)id;
}

/* /cpus: the timebase and the usable harts, sorted by hart id. Returns 0 or -EINVAL. */
static int parse_cpus(const void *fdt, struct board_desc *bd)
{
	int cpus, node;

	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return -EINVAL;
	bd->timebase = prop_num(fdt, cpus, "timebase-frequency", 0);
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *isa;
		struct board_hart *h;
		int isa_len;
		s64 id;

		if (!type || strcmp(type, "cpu"))
			continue;
		/* Older trees put the timebase in each cpu node. */
		if (!bd->timebase)
			bd->timebase = prop_num(fdt, node, "timebase-frequency", 0);
		id = cpu_hartid(fdt, node);
		if (id < 0 || !hart_usable(fdt, node) || bd->nharts >= BOARD_MAX_HARTS)
			continue;
		h = &bd->harts[bd->nharts++];
		h->hartid = (u64)id;
		h->plic_sctx = -1;
		prop_str(fdt, node, "riscv,isa", h->isa, sizeof(h->isa));
		if (!h->isa[0])
			prop_str(fdt, node, "riscv,isa-base", h->isa, sizeof(h->isa));
		isa = fdt_getprop(fdt, node, "riscv,isa", &isa_len);
		h->sstc = (isa && isa_has_ext(isa, isa_len, "sstc")) ||
			  fdt_stringlist_search(fdt, node, "riscv,isa-extensions", "sstc") >= 0;
	}
	if (!bd->timebase || bd->nharts == 0)
		return -EINVAL;
	for (int i = 1; i < bd->nharts; i++) {
		struct board_hart t = bd->harts[i];
		int j = i - 1;

		while (j >= 0 && bd->harts[j].hartid > t.hartid) {
			bd->harts[j + 1] = bd->harts[j];
			j--;
		}
		bd->harts[j + 1] = t;
	}
	return 0;
}

/* The console UART: the node /chosen/stdout-path names if it is one we drive, else the first. */
static void parse_uart(const void *fdt, struct board_desc *bd)
{
	int node = -FDT_ERR_NOTFOUND;
	int chosen = fdt_path_offset(fdt, "/chosen");

	if (chosen >= 0) {
		const char *path = fdt_getprop(fdt, chosen, "stdout-path", NULL);

		if (!path)
			path = fdt_getprop(fdt, chosen, "linux,stdout-path", NULL);
		if (path) {
			/* "serial0:115200n8": an alias or a path, then options after ':'. */
			const char *colon = strchr(path, ':');
			int len = colon ? (int)(colon - path) : (int)strlen(path);

			node = fdt_path_offset_namelen(fdt, path, len);
			if (node >= 0 &&
			    !(node_compatible(fdt, node, uart_compat) && node_enabled(fdt, node)))
				node = -FDT_ERR_NOTFOUND;
		}
	}
	if (node < 0)
		node = next_compatible(fdt, -1, uart_compat);
	if (node < 0 || read_mmio(fdt, node, &bd->uart.mmio))
		return;
	bd->uart.reg_shift = (u32)prop_num(fdt, node, "reg-shift", 0);
	bd->uart.reg_io_width = (u32)prop_num(fdt, node, "reg-io-width", 1);
	bd->uart.clock = (u32)prop_num(fdt, node, "clock-frequency", 0);
	bd->uart.dw_apb = fdt_node_check_compatible(fdt, node, "snps,dw-apb-uart") == 0;
}

/* The board_hart whose id is @hartid, or NULL if that hart is not usable. */
static struct board_hart *find_hart(struct board_desc *bd, u64 hartid)
{
	for (int i = 0; i < bd->nharts; i++)
		if (bd->harts[i].hartid == hartid)
			return &bd->harts[i];
	return NULL;
}

/*
 * The PLIC, and each usable hart's S-mode context. "interrupts-extended" lists the contexts in
 * order as <phandle-of-a-cpu-intc cause...>; the cpu node above that intc gives the hart id, and
 * cause 9 (supervisor external) marks that hart's S-mode context.
 */
static void parse_plic(const void *fdt, struct board_desc *bd)
{
	const fdt32_t *p;
	int node, len, ncells, ctx = 0;

	node = next_compatible(fdt, -1, plic_compat);
	if (node < 0 || read_mmio(fdt, node, &bd->plic.mmio))
		return;
	bd->plic.mmio.irq = 0;
	bd->plic.ndev = (u32)prop_num(fdt, node, "riscv,ndev", 0);
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	if (!p)
		return;
	ncells = len / 4;
	for (int i = 0; i < ncells; ctx++) {
		int intc = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[i]));
		int cells = 1;
		struct board_hart *h;
		s64 id;

		if (intc >= 0)
			cells = (int)prop_num(fdt, intc, "#interrupt-cells", 1);
		if (intc < 0 || cells < 1 || i + 1 + cells > ncells)
			break;
		if (fdt32_to_cpu(p[i + 1]) == IRQ_S_EXT) {
			id = cpu_hartid(fdt, fdt_parent_offset(fdt, intc));
			h = id >= 0 ? find_hart(bd, (u64)id) : NULL;
			if (h && h->plic_sctx < 0)
				h->plic_sctx = ctx;
		}
		i += 1 + cells;
	}
}

/* Every enabled virtio-mmio transport, sorted by base. */
static void parse_virtio(const void *fdt, struct board_desc *bd)
{
	int node = -1;

	while ((node = next_compatible(fdt, node, virtio_compat)) >= 0) {
		struct board_mmio m;
		int j = bd->nvirtio - 1;

		if (bd->nvirtio >= BOARD_MAX_VIRTIO)
			break;
		if (read_mmio(fdt, node, &m))
			continue;
		while (j >= 0 && bd->virtio[j].base > m.base) {
			bd->virtio[j + 1] = bd->virtio[j];
			j--;
		}
		bd->virtio[j + 1] = m;
		bd->nvirtio++;
	}
}

/* The SD host: the first enabled DesignWare MSHC that is not marked non-removable (eMMC), else
 * the first one at all. */
static void parse_sdhost(const void *fdt, struct board_desc *bd)
{
	int node = -1, first = -1;

	while ((node = next_compatible(fdt, node, sdhost_compat)) >= 0) {
		if (first < 0)
			first = node;
		if (!fdt_getprop(fdt, node, "non-removable", NULL))
			break;
	}
	if (node < 0)
		node = first;
	if (node >= 0)
		read_mmio(fdt, node, &bd->sdhost);
}

/*
 * board_fdt_valid - see board.h. @p must be readable for the 40-byte header (the boot code checks
 * that a1 lies in plausible RAM first); a NULL or misaligned @p is rejected without reading.
 */
bool board_fdt_valid(const void *p)
{
	if (!p || ((uintptr_t)p & 3))
		return false;
	if (fdt_magic(p) != FDT_MAGIC || fdt_totalsize(p) > FDT_MAX_TOTALSIZE)
		return false;
	return fdt_check_header(p) == 0;
}

/* board_builtin_dtb - see board.h. The blob is in .rodata, so the pointer is a kernel virtual
 * address once the kernel runs at its link address. */
const void *board_builtin_dtb(void)
{
	if (&_builtin_dtb_end[0] == &_builtin_dtb_start[0])
		return NULL;
	return _builtin_dtb_start;
}

/*
 * board_parse_fdt - see board.h. @bd is cleared first. fdt_pa is the pointer value of @fdt (the
 * caller runs with the MMU off or an identity map); builtin_dtb is set when @fdt is the built-in
 * blob. Harts without a usable MMU or not enabled are left out. A missing UART, PLIC, virtio or SD
 * node leaves that part zero (size 0): the caller decides whether it can run without it.
 */
int board_parse_fdt(const void *fdt, struct board_desc *bd)
{
	int root, err, node;

	memset(bd, 0, sizeof(*bd));
	if (!board_fdt_valid(fdt))
		return -EINVAL;
	bd->fdt_pa = (paddr_t)(uintptr_t)fdt;
	bd->fdt_size = fdt_totalsize(fdt);
	bd->builtin_dtb = fdt == board_builtin_dtb();

	root = fdt_path_offset(fdt, "/");
	if (root < 0)
		return -EINVAL;
	prop_str(fdt, root, "model", bd->model, sizeof(bd->model));
	err = parse_memory(fdt, bd);
	if (err)
		return err;
	err = parse_cpus(fdt, bd);
	if (err)
		return err;
	parse_reserved(fdt, bd);
	parse_chosen(fdt, bd);
	parse_uart(fdt, bd);
	parse_plic(fdt, bd);
	parse_virtio(fdt, bd);
	parse_sdhost(fdt, bd);
	node = next_compatible(fdt, -1, finisher_compat);
	if (node >= 0)
		read_mmio(fdt, node, &bd->test_finisher);
	node = next_compatible(fdt, -1, rtc_compat);
	if (node >= 0)
		read_mmio(fdt, node, &bd->rtc);
	return 0;
}
