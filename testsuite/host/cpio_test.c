/* Host tests of the cpio newc parser and writer (fs/cpio.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errno.h"
#include "fs/cpio.h"
#include "testsuite/host/htest.h"

static char arch[8192];

static void t_roundtrip(void)
{
	size_t off = 0, pos = 0;
	struct cpio_entry e;

	CHECK(cpio_put(arch, sizeof(arch), &off, "dir", 040755, 0, 0, NULL, 0) == 0);
	CHECK(cpio_put(arch, sizeof(arch), &off, "dir/file", 0100644, 0, 0, "hello", 5) == 0);
	CHECK(cpio_put(arch, sizeof(arch), &off, "dir/link", 0120777, 0, 0, "file", 4) == 0);
	CHECK(cpio_put(arch, sizeof(arch), &off, "dev/null", 020666, 1, 3, NULL, 0) == 0);
	CHECK(cpio_put_trailer(arch, sizeof(arch), &off) == 0);
	CHECK(off % 4 == 0);

	CHECK(cpio_next(arch, off, &pos, &e) == 1);
	CHECK(e.namelen == 3 && strcmp(e.name, "dir") == 0 && e.mode == 040755 && e.size == 0);
	CHECK(cpio_next(arch, off, &pos, &e) == 1);
	CHECK(strcmp(e.name, "dir/file") == 0 && e.size == 5 && memcmp(e.data, "hello", 5) == 0);
	CHECK(cpio_next(arch, off, &pos, &e) == 1);
	CHECK(e.mode == 0120777 && e.size == 4 && memcmp(e.data, "file", 4) == 0);
	CHECK(cpio_next(arch, off, &pos, &e) == 1);
	CHECK(e.rdevmajor == 1 && e.rdevminor == 3 && (e.mode & 0170000) == 020000);
	CHECK(cpio_next(arch, off, &pos, &e) == 0);
	CHECK(pos == off);
}

static void t_concatenated_and_padding(void)
{
	size_t off = 0, pos = 0;
	struct cpio_entry e;
	char last[8] = "";
	int n = 0;

	cpio_put(arch, sizeof(arch), &off, "a", 0100600, 0, 0, "1", 1);
	cpio_put_trailer(arch, sizeof(arch), &off);
	memset(arch + off, 0, 512); /* padding as boot loaders add it */
	off += 512;
	cpio_put(arch, sizeof(arch), &off, "b", 0100600, 0, 0, "22", 2);
	cpio_put_trailer(arch, sizeof(arch), &off);
	while (cpio_next(arch, off, &pos, &e) == 1) {
		n++;
		snprintf(last, sizeof(last), "%s", e.name);
	}
	CHECK(n == 2);
	CHECK(strcmp(last, "b") == 0);
}

static void t_malformed(void)
{
	size_t off = 0, pos;
	struct cpio_entry e;

	cpio_put(arch, sizeof(arch), &off, "file", 0100644, 0, 0, "data", 4);
	/* bad magic */
	arch[0] = 'x';
	pos = 0;
	CHECK(cpio_next(arch, off, &pos, &e) == -EINVAL);
	arch[0] = '0';
	/* bad hex digit in the mode field */
	arch[6 + 8 + 3] = 'g';
	pos = 0;
	CHECK(cpio_next(arch, off, &pos, &e) == -EINVAL);
	arch[6 + 8 + 3] = '0';
	/* truncated: data runs past the end */
	pos = 0;
	CHECK(cpio_next(arch, off - 4, &pos, &e) == -EINVAL);
	/* truncated header */
	pos = 0;
	CHECK(cpio_next(arch, 50, &pos, &e) == -EINVAL);
	/* the intact entry parses */
	pos = 0;
	CHECK(cpio_next(arch, off, &pos, &e) == 1);
	/* no space to write */
	off = 0;
	CHECK(cpio_put(arch, 100, &off, "x", 0100644, 0, 0, NULL, 0) == -ENOSPC);
}

/* An archive made by the host's cpio tool, when it is installed. */
static void t_host_cpio_tool(void)
{
	char dir[] = "/tmp/cpio_test.XXXXXX", cmd[512];
	static char buf[65536];
	struct cpio_entry e;
	size_t len, pos = 0;
	int seen = 0;
	FILE *p;

	if (system("command -v cpio >/dev/null 2>&1") != 0) {
		printf("# cpio tool missing: skipped\n");
		return;
	}
	CHECK(mkdtemp(dir) != NULL);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && mkdir -p d && printf 'abcdefg' > d/f && ln -s f d/l && chmod 0751 d && "
		 "find . | LC_ALL=C sort | cpio -o -H newc --quiet",
		 dir);
	p = popen(cmd, "r");
	CHECK(p != NULL);
	if (!p)
		return;
	len = fread(buf, 1, sizeof(buf), p);
	pclose(p);
	CHECK(len > 0 && len % 4 == 0);
	while (cpio_next(buf, len, &pos, &e) == 1) {
		if (strcmp(e.name, "d") == 0) {
			CHECK(e.mode == 040751);
			seen |= 1;
		} else if (strcmp(e.name, "d/f") == 0) {
			CHECK(e.size == 7 && memcmp(e.data, "abcdefg", 7) == 0);
			seen |= 2;
		} else if (strcmp(e.name, "d/l") == 0) {
			CHECK((e.mode & 0170000) == 0120000 && e.size == 1);
			seen |= 4;
		}
	}
	CHECK(seen == 7);
	CHECK(pos == len);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	RUN(t_roundtrip);
	RUN(t_concatenated_and_padding);
	RUN(t_malformed);
	RUN(t_host_cpio_tool);
	return htest_done();
}
