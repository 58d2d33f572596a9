/* tap.h - minimal TAP-style reporting for user test programs.
 *
 *   ok(cond, "name %d", i);   prints "ok N - name 1" or "not ok N - name 1"
 *   diag("fmt", ...);          prints "# ..." (keep it deterministic)
 *   return done();             prints "# P passed, F failed", returns 0 if F == 0 else 1
 *
 * Output goes straight to fd 1 with write(2), one line per call, so nothing is lost or
 * duplicated by stdio buffering around fork(), exec() or _exit(). Every line a test prints
 * is compared byte for byte with the reference Linux: print nothing that varies between
 * runs (addresses, pids, times). The counters are per process. */
#ifndef KESTREL_TAP_H
#define KESTREL_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int tap_passed, tap_failed;

static inline void tap_write(const char *s, size_t n)
{
	int saved = errno;
	while (n > 0) {
		ssize_t w = write(1, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		s += w;
		n -= (size_t)w;
	}
	errno = saved;
}

static inline void tap_vline(const char *prefix, const char *fmt, va_list ap)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "%s", prefix);
	int m = vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	if (m < 0)
		m = 0;
	n += m;
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	tap_write(buf, (size_t)n);
}

/* Records one check; returns cond (as 0 or 1). */
__attribute__((format(printf, 2, 3))) static inline int ok(int cond, const char *fmt, ...)
{
	char prefix[48];
	va_list ap;
	cond = !!cond;
	if (cond)
		tap_passed++;
	else
		tap_failed++;
	snprintf(prefix, sizeof(prefix), "%sok %d - ", cond ? "" : "not ", tap_passed + tap_failed);
	va_start(ap, fmt);
	tap_vline(prefix, fmt, ap);
	va_end(ap);
	return cond;
}

/* A comment line: "# text". */
__attribute__((format(printf, 1, 2))) static inline void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vline("# ", fmt, ap);
	va_end(ap);
}

/* Summary line; the value to return from main (or pass to exit). */
static inline int done(void)
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "# %d passed, %d failed\n", tap_passed, tap_failed);
	tap_write(buf, (size_t)n);
	return tap_failed ? 1 : 0;
}

#endif
