/* SBI calls: the single ecall site, the error mapping and the wrappers Kestrel uses. */
#include "sbi/sbi.h"
#include "errno.h"
#include "mm/memlayout.h"
#include "riscv.h"

unsigned long sbi_spec_version, sbi_impl_id, sbi_impl_version;
static bool has_time, has_ipi, has_rfence, has_hsm, has_srst, has_dbcn;

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
			unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r5 __asm__("a5") = a5;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall"
			     : "+r"(r0), "+r"(r1)
			     : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			     : "memory");
	ret.error = (long)r0;
	ret.value = (long)r1;
	return ret;
}

int sbi_err_to_errno(long err)
{
	switch (err) {
	case 0:
		return 0;
	case -2: /* SBI_ERR_NOT_SUPPORTED */
		return -ENOSYS;
	case -3: /* SBI_ERR_INVALID_PARAM */
	case -5: /* SBI_ERR_INVALID_ADDRESS */
		return -EINVAL;
	case -4: /* SBI_ERR_DENIED */
		return -EPERM;
	case -6: /* SBI_ERR_ALREADY_AVAILABLE */
	case -7: /* SBI_ERR_ALREADY_STARTED */
	case -8: /* SBI_ERR_ALREADY_STOPPED */
		return -EALREADY;
	default:
		return -EIO;
	}
}

static long sbi_base(unsigned long fid, unsigned long arg)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, fid, arg, 0, 0, 0, 0, 0);

	return r.error ? 0 : r.value;
}

void sbi_init(void)
{
	sbi_spec_version = sbi_base(0, 0);
	sbi_impl_id = sbi_base(1, 0);
	sbi_impl_version = sbi_base(2, 0);
	has_time = sbi_base(3, SBI_EXT_TIME) > 0;
	has_ipi = sbi_base(3, SBI_EXT_IPI) > 0;
	has_rfence = sbi_base(3, SBI_EXT_RFENCE) > 0;
	has_hsm = sbi_base(3, SBI_EXT_HSM) > 0;
	has_srst = sbi_base(3, SBI_EXT_SRST) > 0;
	has_dbcn = sbi_base(3, SBI_EXT_DBCN) > 0;
}

bool sbi_probe(unsigned long ext)
{
	switch (ext) {
	case SBI_EXT_TIME:
		return has_time;
	case SBI_EXT_IPI:
		return has_ipi;
	case SBI_EXT_RFENCE:
		return has_rfence;
	case SBI_EXT_HSM:
		return has_hsm;
	case SBI_EXT_SRST:
		return has_srst;
	case SBI_EXT_DBCN:
		return has_dbcn;
	default:
		return sbi_base(3, ext) > 0;
	}
}

void sbi_console_write(const char *s, size_t len)
{
	unsigned long va = (unsigned long)s, pa = va;

	/*
	 * DBCN takes a physical address: a buffer in the direct map (or any buffer before paging
	 * is on, when addresses are physical) translates simply; others go byte by byte.
	 */
	if (va >= PAGE_OFFSET && va < PAGE_OFFSET + DIRECT_MAP_SIZE)
		pa = va - PAGE_OFFSET;
	else if (va >= USER_TOP)
		pa = 0;
	if (has_dbcn && pa) {
		while (len) {
			struct sbiret r = sbi_ecall(SBI_EXT_DBCN, 0, len, pa, 0, 0, 0, 0);

			if (r.error || r.value <= 0)
				break;
			len -= (size_t)r.value;
			pa += (unsigned long)r.value;
			s += r.value;
		}
	}
	for (size_t i = 0; i < len; i++)
		sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)s[i], 0, 0, 0, 0, 0);
}

int sbi_console_getchar(void)
{
	return (int)sbi_ecall(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0, 0, 0, 0).error;
}

void sbi_set_timer(u64 stime_value)
{
	if (has_time)
		sbi_ecall(SBI_EXT_TIME, 0, stime_value, 0, 0, 0, 0, 0);
	else
		sbi_ecall(0x00, 0, stime_value, 0, 0, 0, 0, 0); /* legacy set_timer */
}

int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_err_to_errno(
		sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0, 0, 0, 0).error);
}

int sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			  unsigned long start, unsigned long size)
{
	return sbi_err_to_errno(
		sbi_ecall(SBI_EXT_RFENCE, 1, hart_mask, hart_mask_base, start, size, 0, 0).error);
}

int sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque)
{
	return sbi_err_to_errno(sbi_ecall(SBI_EXT_HSM, 0, hartid, start_pa, opaque, 0, 0, 0).error);
}

long sbi_hart_status(unsigned long hartid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_HSM, 2, hartid, 0, 0, 0, 0, 0);

	return r.error ? sbi_err_to_errno(r.error) : r.value;
}

void sbi_shutdown(bool failure)
{
	unsigned long reason = failure ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE;

	if (has_srst)
		sbi_ecall(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN, reason, 0, 0, 0, 0);
	sbi_ecall(0x08, 0, 0, 0, 0, 0, 0, 0); /* legacy shutdown */
	for (;;)
		wfi();
}
