/* Boot argument parsing. */
#include "boot/cmdline.h"
#include "board/board.h"
#include "printk.h"
#include "string.h"
#include "time/timer.h"

static char cmdline[BOARD_BOOTARGS_MAX]; /* [I] after cmdline_init */

/* Find word @key (followed by '=', space or end); returns a pointer just past the key. */
static const char *find_key(const char *key)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, klen) && (p[klen] == '=' || p[klen] == ' ' || !p[klen]))
			return p + klen;
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

const char *cmdline_get(const char *key, char *buf, size_t size)
{
	const char *p = find_key(key);
	size_t n = 0;

	if (!p || *p != '=' || !size)
		return NULL;
	p++;
	while (p[n] && p[n] != ' ' && n + 1 < size)
		n++;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

bool cmdline_has(const char *key)
{
	return find_key(key) != NULL;
}

const char *cmdline_string(void)
{
	return cmdline;
}

void cmdline_init(const char *args)
{
	char v[16];

	strlcpy(cmdline, args ? args : "", sizeof(cmdline));
	if (cmdline_get("loglevel", v, sizeof(v)))
		console_loglevel = (int)strtoul(v, NULL, 10);
	if (cmdline_get("hz", v, sizeof(v))) {
		unsigned long h = strtoul(v, NULL, 10);

		if (h >= 10 && h <= 10000)
			hz = (unsigned int)h;
	}
}
