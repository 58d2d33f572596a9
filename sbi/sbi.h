/*
 * The one door to the firmware: SBI calls (SBI spec v1.0/v2.0) and their wrappers.
 * Every call goes through sbi_ecall(); SBI error codes become -errno in one place.
 */
#ifndef SBI_SBI_H
#define SBI_SBI_H

#include "types.h"

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_BASE	       0x10
#define SBI_EXT_TIME	       0x54494D45
#define SBI_EXT_IPI	       0x735049
#define SBI_EXT_RFENCE	       0x52464E43
#define SBI_EXT_HSM	       0x48534D
#define SBI_EXT_SRST	       0x53525354
#define SBI_EXT_DBCN	       0x4442434E

#define SBI_SRST_TYPE_SHUTDOWN	  0
#define SBI_SRST_TYPE_COLD_REBOOT 1
#define SBI_SRST_REASON_NONE	  0
#define SBI_SRST_REASON_FAILURE	  1

#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1

struct sbiret {
	long error;
	long value;
};

/* sbi_ecall - raw SBI call. Context: any. Returns the firmware's {error, value} pair. */
struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
			unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5);

/* sbi_err_to_errno - map an SBI error code to 0 or -Exxx. */
int sbi_err_to_errno(long err);

/* sbi_init - probe the spec version and the extensions Kestrel uses; prints nothing. Boot hart. */
void sbi_init(void);

/* sbi_probe - true if the firmware implements extension @ext. Context: any, after sbi_init. */
bool sbi_probe(unsigned long ext);

/* Spec version (major << 24 | minor), implementation id and version, from the BASE extension. */
extern unsigned long sbi_spec_version, sbi_impl_id, sbi_impl_version;

/*
 * sbi_console_write - write @len bytes through the firmware console: DBCN when present,
 * else legacy putchar. Context: any (early boot included).
 */
void sbi_console_write(const char *s, size_t len);
/* sbi_console_getchar - legacy getchar: the byte, or -1 if none is waiting. */
int sbi_console_getchar(void);

/* sbi_set_timer - program the next timer interrupt of this hart at absolute time @stime_value. */
void sbi_set_timer(u64 stime_value);

/* sbi_send_ipi - raise a supervisor software interrupt on the harts of @mask (bit i = hart base+i). */
int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);

/* sbi_remote_sfence_vma - flush [start, start+size) on the harts of the mask; size -1 = all. */
int sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			  unsigned long start, unsigned long size);

/* sbi_hart_start - start @hartid at physical @start_pa with a1 = @opaque. Returns 0 or -Exxx. */
int sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque);
/* sbi_hart_status - SBI_HSM_* state of @hartid, or -Exxx. */
long sbi_hart_status(unsigned long hartid);

/*
 * sbi_shutdown - power the machine off through SRST; @failure gives the "system failure" reason
 * (QEMU then exits non-zero). Never returns (spins in wfi if the firmware refuses).
 */
void sbi_shutdown(bool failure) __attribute__((noreturn));

#endif
