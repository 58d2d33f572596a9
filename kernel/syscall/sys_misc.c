/*
 * System calls that need no subsystem of their own: uname, sysinfo, getrandom, reboot, syslog
 * (the kernel log, kernel/lib/klog.c) and the uid/gid family.
 *
 * Credentials: every task runs as root and Kestrel keeps no per-process credentials yet, so the
 * get* calls return 0 and the set* calls check their arguments as Linux does for a root caller,
 * succeed, and change nothing (a later getuid() still says 0). umask, times, getcpu and the
 * rlimit calls wait for the process code (fs_struct, task accounting, struct proc).
 */
#include "syscall_protos.h"
#include "compiler.h"
#include "errno.h"
#include "lib/klog.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "sbi/sbi.h"
#include "string.h"
#include "time/timer.h"
#include "uapi/sysinfo.h"
#include "uapi/utsname.h"

/* reboot(2) arguments (linux/reboot.h values). */
#define LINUX_REBOOT_MAGIC1	    0xfee1deadU
#define LINUX_REBOOT_MAGIC2	    672274793U
#define LINUX_REBOOT_MAGIC2A	    85072278U
#define LINUX_REBOOT_MAGIC2B	    369367448U
#define LINUX_REBOOT_MAGIC2C	    537993216U
#define LINUX_REBOOT_CMD_RESTART    0x01234567U
#define LINUX_REBOOT_CMD_HALT	    0xcdef0123U
#define LINUX_REBOOT_CMD_CAD_ON	    0x89abcdefU
#define LINUX_REBOOT_CMD_CAD_OFF    0x00000000U
#define LINUX_REBOOT_CMD_POWER_OFF  0x4321fedcU
#define LINUX_REBOOT_CMD_RESTART2   0xa1b2c3d4U
#define LINUX_REBOOT_CMD_SW_SUSPEND 0xd000fce2U
#define LINUX_REBOOT_CMD_KEXEC	    0x45584543U

/* getrandom(2) flags. */
#define GRND_NONBLOCK 0x1U
#define GRND_RANDOM   0x2U
#define GRND_INSECURE 0x4U

#define NGROUPS_MAX  65536
#define MAX_RW_COUNT (0x7fffffffUL & ~(PAGE_SIZE - 1)) /* Linux's cap on one transfer */
#define ID_INVALID   ((u32)-1)			       /* uid/gid -1: invalid, or "leave as is" */

/* All-or-nothing copy out: 0 or -EFAULT. */
static long put_out(uaddr_t dst, const void *src, size_t n)
{
	return copy_to_user(dst, src, n) ? -EFAULT : 0;
}

/* uname: Linux 6.1-compatible identity (sysname "Linux", release "6.1.0-kestrel"). 0 or -EFAULT. */
long sys_uname(uaddr_t buf)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "kestrel", sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-kestrel", sizeof(u.release));
	strlcpy(u.version, "#1 SMP Kestrel", sizeof(u.version));
	strlcpy(u.machine, "riscv64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return put_out(buf, &u, sizeof(u));
}

/* sysinfo: uptime from the clock, RAM from the frame allocator, in bytes. 0 or -EFAULT. */
long sys_sysinfo(uaddr_t info)
{
	struct sysinfo si;
	u64 ns = clock_ns();

	memset(&si, 0, sizeof(si));
	/* Whole seconds, rounded up as Linux does. */
	si.uptime = (long)(ns / 1000000000UL + (ns % 1000000000UL ? 1 : 0));
	si.totalram = frame_total_count() * PAGE_SIZE;
	si.freeram = frame_free_count() * PAGE_SIZE;
	si.procs = 1; /* no task list to count yet */
	si.mem_unit = 1;
	return put_out(info, &si, sizeof(si));
}

/*
 * Random bytes: splitmix64 over a shared Weyl counter seeded from the clock, stirred with the
 * clock on every call. NOT cryptographically strong: enough for AT_RANDOM-style uses and hash
 * seeds in tests. A proper generator belongs in kernel/lib once something needs one.
 */
static u64 rng_state; /* [a] */

static u64 rng_next(void)
{
	u64 z;

	if (unlikely(!__atomic_load_n(&rng_state, __ATOMIC_RELAXED)))
		__atomic_store_n(&rng_state, clock_ns() | 1, __ATOMIC_RELAXED);
	z = __atomic_add_fetch(&rng_state, 0x9e3779b97f4a7c15UL, __ATOMIC_RELAXED) ^ clock_ns();
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
	return z ^ (z >> 31);
}

/*
 * getrandom: never blocks (the generator is always ready). Returns the bytes written, -EINVAL for
 * unknown flags or GRND_RANDOM with GRND_INSECURE, -EFAULT if nothing could be written.
 */
long sys_getrandom(uaddr_t buf, size_t count, u32 flags)
{
	u64 chunk[32];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	count = MIN(count, (size_t)MAX_RW_COUNT);
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));
		size_t left;

		for (size_t i = 0; i < ARRAY_SIZE(chunk); i++)
			chunk[i] = rng_next();
		left = copy_to_user(buf + done, chunk, n);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

/*
 * reboot: the caller is always root (CAP_SYS_BOOT). POWER_OFF, HALT and the restarts all power
 * the machine off through SBI (under QEMU -no-reboot a restart would end the run anyway).
 * Nothing is synced here: as on Linux, user space calls sync() first. Returns -EINVAL for a
 * bad magic or command, -ENOSYS for SW_SUSPEND, 0 for CAD_ON/CAD_OFF; otherwise never returns.
 */
long sys_reboot(int magic1, int magic2, u32 cmd, uaddr_t arg)
{
	u32 m2 = (u32)magic2;

	if ((u32)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (m2 != LINUX_REBOOT_MAGIC2 && m2 != LINUX_REBOOT_MAGIC2A &&
	     m2 != LINUX_REBOOT_MAGIC2B && m2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		sbi_shutdown(false);
	case LINUX_REBOOT_CMD_SW_SUSPEND:
		return -ENOSYS; /* no hibernation */
	case LINUX_REBOOT_CMD_KEXEC:
	default:
		return -EINVAL;
	}
}

/* get[e]uid/get[e]gid: everything runs as root. */
/* syslog(2) actions */
enum {
	SYSLOG_CLOSE,
	SYSLOG_OPEN,
	SYSLOG_READ,
	SYSLOG_READ_ALL,
	SYSLOG_READ_CLEAR,
	SYSLOG_CLEAR,
	SYSLOG_CONSOLE_OFF,
	SYSLOG_CONSOLE_ON,
	SYSLOG_CONSOLE_LEVEL,
	SYSLOG_SIZE_UNREAD,
	SYSLOG_SIZE_BUFFER,
};

/* The level console_loglevel had before CONSOLE_OFF (CONSOLE_ON puts it back). */
static int saved_console_level = -1;

long sys_syslog(int type, uaddr_t buf, int len)
{
	char *k;
	long n;

	switch (type) {
	case SYSLOG_CLOSE:
	case SYSLOG_OPEN:
		return 0;
	case SYSLOG_READ:
	case SYSLOG_READ_ALL:
	case SYSLOG_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, (size_t)len))
			return -EFAULT;
		k = kmalloc(MIN((size_t)len, (size_t)KLOG_SIZE));
		if (!k)
			return -ENOMEM;
		if (type == SYSLOG_READ)
			n = klog_take(k, MIN((size_t)len, (size_t)KLOG_SIZE));
		else
			n = (long)klog_copy_all(k, MIN((size_t)len, (size_t)KLOG_SIZE),
						type == SYSLOG_READ_CLEAR);
		if (n > 0 && copy_to_user(buf, k, (size_t)n))
			n = -EFAULT;
		kfree(k);
		return n;
	case SYSLOG_CLEAR:
		klog_clear();
		return 0;
	case SYSLOG_CONSOLE_OFF:
		if (saved_console_level < 0)
			saved_console_level = console_loglevel;
		console_loglevel = 1; /* emergencies only, as Linux's minimum */
		return 0;
	case SYSLOG_CONSOLE_ON:
		if (saved_console_level >= 0)
			console_loglevel = saved_console_level;
		saved_console_level = -1;
		return 0;
	case SYSLOG_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len;
		saved_console_level = -1;
		return 0;
	case SYSLOG_SIZE_UNREAD:
		return (long)klog_unread();
	case SYSLOG_SIZE_BUFFER:
		return KLOG_SIZE;
	default:
		return -EINVAL;
	}
}

long sys_getuid(void)
{
	return 0;
}

long sys_geteuid(void)
{
	return 0;
}

long sys_getgid(void)
{
	return 0;
}

long sys_getegid(void)
{
	return 0;
}

/* setuid/setgid: -1 is not a valid id (EINVAL); root may take any other. */
long sys_setuid(uid_t uid)
{
	return uid == ID_INVALID ? -EINVAL : 0;
}

long sys_setgid(gid_t gid)
{
	return gid == ID_INVALID ? -EINVAL : 0;
}

/* setre*id/setres*id: -1 means "unchanged"; root may set any id. */
long sys_setreuid(uid_t ruid, uid_t euid)
{
	return 0;
}

long sys_setregid(gid_t rgid, gid_t egid)
{
	return 0;
}

long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return 0;
}

long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return 0;
}

/* getres*id: three u32 stores, each -EFAULT on its own, in order. */
static long put_three_ids(uaddr_t a, uaddr_t b, uaddr_t c)
{
	const u32 zero = 0;
	long err = put_out(a, &zero, sizeof(zero));

	if (!err)
		err = put_out(b, &zero, sizeof(zero));
	if (!err)
		err = put_out(c, &zero, sizeof(zero));
	return err;
}

long sys_getresuid(uaddr_t ruid, uaddr_t euid, uaddr_t suid)
{
	return put_three_ids(ruid, euid, suid);
}

long sys_getresgid(uaddr_t rgid, uaddr_t egid, uaddr_t sgid)
{
	return put_three_ids(rgid, egid, sgid);
}

/* setfs*id: always returns the previous fs id, which is 0. */
long sys_setfsuid(uid_t fsuid)
{
	return 0;
}

long sys_setfsgid(gid_t fsgid)
{
	return 0;
}

/* No supplementary groups: the count is 0 whatever the buffer. */
long sys_getgroups(int size, uaddr_t list)
{
	return size < 0 ? -EINVAL : 0;
}

/* Checks the list as Linux reads it (faults, invalid ids), then keeps nothing. */
long sys_setgroups(int size, uaddr_t list)
{
	u32 gids[64];

	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	for (size_t done = 0; done < (size_t)size;) {
		size_t n = MIN((size_t)size - done, ARRAY_SIZE(gids));

		if (copy_from_user(gids, list + done * sizeof(u32), n * sizeof(u32)))
			return -EFAULT;
		for (size_t i = 0; i < n; i++)
			if (gids[i] == ID_INVALID)
				return -EINVAL;
		done += n;
	}
	return 0;
}
