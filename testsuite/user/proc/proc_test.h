/* proc_test.h - helpers shared by the /proc tests. */
#ifndef PROC_TEST_H
#define PROC_TEST_H

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Read all of @path into @buf (NUL-terminated); the byte count or -1. */
static inline ssize_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	return n < 0 ? -1 : total;
}

/* True if @text has a line that is exactly @line. */
static inline int has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == 0))
			return 1;
	return 0;
}

#endif
