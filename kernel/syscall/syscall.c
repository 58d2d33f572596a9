/*
 * The system call dispatcher and the built-in tracer. Nothing else lives here: the table of
 * typed wrappers, the names and the argument formats are generated from syscall.tbl by
 * scripts/gen_syscalls.py, and the handlers are in the sys_*.c files.
 *
 * Locks: none. ni_logged is updated with atomic or; the trace set is [I] after strace_init.
 */
#include "syscall/syscall.h"
#include "boot/cmdline.h"
#include "compiler.h"
#include "console.h"
#include "errno.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "sched/cpu.h"
#include "string.h"
#include "task/task.h"
#include "trap/trapframe.h"

static long sys_ni(struct trapframe *tf);

#include "syscall_names.h"
#include "syscall_table.h"

#define BITMAP_WORDS   ((NR_SYSCALLS + 63) / 64)
#define STRACE_STR_MAX 32  /* characters of a string argument shown before "..." */
#define STRACE_LINE    640 /* enough for six arguments of which every one is a long string */
#define STRACE_ARG_MAX 512 /* the value of strace= (as long as the whole command line may be) */

static u64 ni_logged[BITMAP_WORDS]; /* [a] numbers already reported as unimplemented */
static u32 ni_logged_unknown;	    /* [a] a number beyond the table was reported (no byte AMOs) */
static u64 traced[BITMAP_WORDS];    /* [I] strace= set */
static bool trace_unknown;	    /* [I] strace=all: numbers beyond the table too */
static bool strace_on;		    /* [I] any call traced */

static bool bit_test(const u64 *map, unsigned long nr)
{
	return map[nr / 64] & (1UL << (nr % 64));
}

/* Log an unimplemented or unknown call once per number for the whole boot. */
static void log_unimplemented(unsigned long nr)
{
	const char *name = "unknown";

	if (nr < NR_SYSCALLS) {
		u64 bit = 1UL << (nr % 64);

		if ((READ_ONCE(ni_logged[nr / 64]) & bit) ||
		    (__atomic_fetch_or(&ni_logged[nr / 64], bit, __ATOMIC_RELAXED) & bit))
			return;
		if (syscall_descs[nr].name)
			name = syscall_descs[nr].name;
	} else if (READ_ONCE(ni_logged_unknown) ||
		   __atomic_exchange_n(&ni_logged_unknown, 1U, __ATOMIC_RELAXED)) {
		return;
	}
	pr_warn("syscall: unimplemented %s (%lu) called by tid %d\n", name, nr, current->tid);
}

/* The handler of every number without one (and of numbers beyond the table). */
static long sys_ni(struct trapframe *tf)
{
	log_unimplemented(tf->a7);
	return -ENOSYS;
}

/* A bounded line buffer for the tracer. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void __printf(2, 3) sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len = MIN(b->len + (size_t)n, b->cap - 1);
}

static void put_string(struct sbuf *b, uaddr_t p)
{
	char s[STRACE_STR_MAX + 1];
	long n;

	if (!p) {
		sb_printf(b, "NULL");
		return;
	}
	n = strncpy_from_user(s, p, (long)sizeof(s)); /* == sizeof(s): no NUL in it */
	if (n < 0) {
		sb_printf(b, "0x%lx", p);
		return;
	}
	sb_printf(b, "\"");
	for (long i = 0; i < MIN(n, STRACE_STR_MAX); i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			sb_printf(b, "\\%c", c);
		else if (c == '\n')
			sb_printf(b, "\\n");
		else if (c == '\t')
			sb_printf(b, "\\t");
		else if (c < 0x20 || c >= 0x7f)
			sb_printf(b, "\\x%02x", c);
		else
			sb_printf(b, "%c", c);
	}
	sb_printf(b, n > STRACE_STR_MAX ? "\"..." : "\"");
}

static void put_arg(struct sbuf *b, unsigned int fmt, u64 v)
{
	if (fmt & SF_32)
		v = SF_KIND(fmt) == SF_DEC ? (u64)(s64)(s32)v : (u32)v;
	switch (SF_KIND(fmt)) {
	case SF_DEC:
		sb_printf(b, "%ld", (long)v);
		break;
	case SF_UDEC:
		sb_printf(b, "%lu", v);
		break;
	case SF_OCT:
		sb_printf(b, v ? "0%lo" : "0", v);
		break;
	case SF_STR:
		put_string(b, v);
		break;
	case SF_PTR:
		if (!v) {
			sb_printf(b, "NULL");
			break;
		}
		/* fall through */
	default:
		sb_printf(b, "0x%lx", v);
		break;
	}
}

static void put_result(struct sbuf *b, unsigned int fmt, long ret)
{
	if (ret < 0 && ret >= -MAX_ERRNO) {
		long e = -ret;

		if (e < NR_ERRNO_NAMES && errno_names[e])
			sb_printf(b, " = %ld %s\n", ret, errno_names[e]);
		else
			sb_printf(b, " = %ld\n", ret);
	} else if (fmt == SF_HEX || fmt == SF_PTR) {
		sb_printf(b, " = 0x%lx\n", (unsigned long)ret);
	} else {
		sb_printf(b, " = %ld\n", ret);
	}
}

/*
 * Run one traced call. The arguments are formatted before the call (execve replaces the
 * memory its strings live in) and the line is printed whole after it, so that lines of
 * different harts do not mix; a call that does not return prints its line first.
 */
static __attribute__((noinline)) long strace_call(struct trapframe *tf, unsigned long nr,
						  syscall_fn_t fn)
{
	char line[STRACE_LINE];
	struct sbuf b = {line, 0, sizeof(line)};
	const u64 a[6] = {tf->a0, tf->a1, tf->a2, tf->a3, tf->a4, tf->a5};
	const struct syscall_desc *d = nr < NR_SYSCALLS ? &syscall_descs[nr] : NULL;
	long ret;

	if (d && d->name)
		sb_printf(&b, "%d %s(", current->tid, d->name);
	else
		sb_printf(&b, "%d syscall_%lu(", current->tid, nr);
	for (unsigned int i = 0; d && i < d->nargs; i++) {
		if (i)
			sb_printf(&b, ", ");
		put_arg(&b, d->args[i], a[i]);
	}
	sb_printf(&b, ")");
	if (d && d->ret == SF_NONE) {
		sb_printf(&b, " = ?\n");
		console_write(line, b.len);
		return fn(tf);
	}
	ret = fn(tf);
	put_result(&b, d ? d->ret : SF_DEC, ret);
	console_write(line, b.len);
	return ret;
}

static bool is_traced(unsigned long nr)
{
	return nr < NR_SYSCALLS ? bit_test(traced, nr) : trace_unknown;
}

void syscall_dispatch(struct trapframe *tf)
{
	unsigned long nr = tf->a7;
	syscall_fn_t fn = nr < NR_SYSCALLS ? syscall_table[nr] : sys_ni;
	long ret;

	tf->orig_a0 = tf->a0;
	tf->sepc += 4; /* past the ecall, before the handler: execve/sigreturn may replace it */
	if (unlikely(strace_on) && is_traced(nr))
		ret = strace_call(tf, nr, fn);
	else
		ret = fn(tf);
	tf->a0 = (u64)ret;
}

static bool trace_name(const char *name, size_t len)
{
	for (unsigned long nr = 0; nr < NR_SYSCALLS; nr++) {
		const char *n = syscall_descs[nr].name;

		if (n && strlen(n) == len && !strncmp(n, name, len)) {
			traced[nr / 64] |= 1UL << (nr % 64);
			return true;
		}
	}
	return false;
}

void strace_init(void)
{
	char list[STRACE_ARG_MAX];
	const char *p = list;

	if (!cmdline_get("strace", list, sizeof(list)))
		return;
	while (*p) {
		size_t len = 0;

		while (p[len] && p[len] != ',')
			len++;
		if (len == 3 && !strncmp(p, "all", 3)) {
			memset(traced, 0xff, sizeof(traced));
			trace_unknown = true;
		} else if (len && !trace_name(p, len)) {
			char name[32];

			strlcpy(name, p, MIN(len + 1, sizeof(name)));
			pr_warn("strace: no syscall named %s\n", name);
		}
		p += len;
		if (*p == ',')
			p++;
	}
	for (int i = 0; i < BITMAP_WORDS; i++)
		strace_on |= traced[i] != 0;
	pr_info("strace: tracing %s\n", strace_on ? list : "nothing");
}
