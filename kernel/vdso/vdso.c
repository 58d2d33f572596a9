/*
 * The vDSO, kernel side (docs/vdso.md): the image built from kernel/vdso/{vgettime.c,
 * vsyscall.S} and linked into the kernel by vdso_image.S is copied at boot into frames of its
 * own, next to one data page; exec maps both into every new address space through
 * mm_map_special(): [data page, read-only][text pages, read+execute], placed top-down in the
 * mmap area like Linux's [vvar][vdso]. The frames hold one reference of the vDSO's forever, so
 * page_put() from unmapping or exit never frees them, and fork shares them like any shared
 * mapping. The kernel writes the data page through its direct map only.
 */
#include "vdso/vdso.h"
#include "errno.h"
#include "printk.h"
#include "string.h"
#include "lock/spinlock.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "time/timer.h"
#include "uapi/elf.h"
#include "uapi/mman.h"
#include "vdso/vdso_data.h"
#include "vdso_offsets.h" /* build/gen: VDSO_SYM_* offsets of the exported functions */

#define VDSO_MAX_PAGES 4 /* text pages; the image is about one */

extern const u8 vdso_image_start[], vdso_image_end[]; /* kernel/vdso/vdso_image.S */

static paddr_t vdso_text[VDSO_MAX_PAGES]; /* [I] after vdso_init() */
static unsigned int vdso_npages;	  /* [I] text pages; 0: no vDSO */
static paddr_t vdso_data_pa;		  /* [I] the data page */
static struct vdso_data *vdso_page;	  /* [I] its direct-map address; contents under vdso_lock */
static spinlock_t vdso_lock = SPINLOCK_INIT("vdso");

/* The frame at @off of the vDSO mapping (0: data page, then the text), with a reference. */
static paddr_t vdso_frame(u64 off)
{
	u64 idx = off / PAGE_SIZE;
	paddr_t pa;

	if (idx == 0)
		pa = vdso_data_pa;
	else if (idx <= vdso_npages)
		pa = vdso_text[idx - 1];
	else
		return 0;
	page_get(pa_to_page(pa));
	return pa;
}

static paddr_t vdso_shared_page(void *file, u64 off)
{
	return vdso_frame(off);
}

/* Never used (the mappings are shared); a private copy would hold the same bytes. */
static int vdso_read_page(void *file, u64 off, void *kbuf)
{
	paddr_t pa = vdso_frame(off);

	if (!pa)
		return -EFAULT;
	memcpy(kbuf, pa_to_kva(pa), PAGE_SIZE);
	page_put(pa_to_page(pa));
	return 0;
}

static const struct vm_file_ops vdso_vm_ops = {
	.read_page = vdso_read_page,
	.shared_page = vdso_shared_page,
};

void vdso_init(void)
{
	u64 size = (u64)(vdso_image_end - vdso_image_start);
	const struct elf64_ehdr *eh = (const void *)vdso_image_start;
	unsigned int n = (unsigned int)(ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE);

	if (n == 0 || n > VDSO_MAX_PAGES || eh->e_ident[0] != ELFMAG0 || eh->e_type != ET_DYN)
		panic("vdso: bad image (%lu bytes)", size);
	vdso_data_pa = frame_alloc_zeroed(0);
	if (!vdso_data_pa)
		panic("vdso: no memory");
	for (unsigned int i = 0; i < n; i++) {
		u64 chunk = MIN(size - (u64)i * PAGE_SIZE, PAGE_SIZE);

		vdso_text[i] = frame_alloc_zeroed(0);
		if (!vdso_text[i])
			panic("vdso: no memory");
		memcpy(pa_to_kva(vdso_text[i]), vdso_image_start + (u64)i * PAGE_SIZE, chunk);
	}
	vdso_page = pa_to_kva(vdso_data_pa);
	vdso_page->version = VDSO_DATA_VERSION;
	vdso_npages = n;
	vdso_update_time();
	pr_info("vdso: %u text page%s, data page at %lx\n", n, n == 1 ? "" : "s", vdso_data_pa);
}

int vdso_map(struct mm *mm)
{
	u64 text_len = (u64)vdso_npages * PAGE_SIZE;
	long base;

	if (!vdso_npages)
		return 0;
	/* One reservation for both, so they are adjacent; then the text replaces its part. */
	base = mm_map_special(mm, 0, PAGE_SIZE + text_len, PROT_READ, &vdso_vm_ops, NULL, 0);
	if (base < 0)
		return (int)base;
	base = mm_map_special(mm, (uaddr_t)base + PAGE_SIZE, text_len, PROT_READ | PROT_EXEC,
			      &vdso_vm_ops, NULL, PAGE_SIZE);
	if (base < 0)
		return (int)base;
	mutex_lock(&mm->lock);
	mm->vdso_base = (uaddr_t)base;
	mutex_unlock(&mm->lock);
	return 0;
}

uaddr_t vdso_sigreturn(struct mm *mm)
{
	uaddr_t base = READ_ONCE(mm->vdso_base);

	return base ? base + VDSO_SYM_rt_sigreturn : 0;
}

void vdso_update_time(void)
{
	struct vdso_data *d = vdso_page;

	if (!d)
		return; /* before vdso_init(): it publishes the values itself */
	spin_lock(&vdso_lock);
	WRITE_ONCE(d->seq, d->seq + 1);
	__asm__ __volatile__("fence w, w" ::: "memory");
	WRITE_ONCE(d->timebase_hz, timebase_hz);
	WRITE_ONCE(d->realtime_offset, clock_realtime_offset());
	__asm__ __volatile__("fence w, w" ::: "memory");
	WRITE_ONCE(d->seq, d->seq + 1);
	spin_unlock(&vdso_lock);
}
