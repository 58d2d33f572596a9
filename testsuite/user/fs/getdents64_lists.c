/* getdents64_lists - a directory with three files and a subdirectory lists exactly ".", "..",
 * the three files and the subdirectory (sorted here: the order is the file system's), with
 * d_type DT_DIR or DT_REG; the next call returns 0; getdents64 on a file is ENOTDIR; a buffer
 * too small for one entry is EINVAL. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

struct ent {
	unsigned long long ino;
	long long off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static char buf[4096];
	char names[16][32];
	char *sorted[16];
	unsigned char types[16];
	int n = 0;

	mkdir("/tmp/gd", 0755);
	close(open("/tmp/gd/gamma", O_CREAT | O_WRONLY, 0644));
	close(open("/tmp/gd/alpha", O_CREAT | O_WRONLY, 0644));
	close(open("/tmp/gd/beta", O_CREAT | O_WRONLY, 0644));
	mkdir("/tmp/gd/sub", 0755);

	int fd = open("/tmp/gd", O_RDONLY | O_DIRECTORY);
	ok(fd >= 0, "open the directory");
	long len;
	int bad_reclen = 0;
	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long pos = 0; pos < len;) {
			struct ent *e = (struct ent *)(buf + pos);
			if (e->reclen == 0 || e->reclen % 8) {
				bad_reclen = 1;
				break;
			}
			if (n < 16 && strlen(e->name) < 32) {
				strcpy(names[n], e->name);
				types[n] = e->type;
				sorted[n] = names[n];
				n++;
			}
			pos += e->reclen;
		}
	}
	ok(len == 0, "getdents64 ends with 0");
	ok(!bad_reclen, "record lengths are non-zero multiples of 8");
	ok(n == 6, "6 entries");
	qsort(sorted, (size_t)n, sizeof(sorted[0]), cmp);
	static const char *const want[] = {".", "..", "alpha", "beta", "gamma", "sub"};
	static const unsigned char want_type[] = {DT_DIR, DT_DIR, DT_REG, DT_REG, DT_REG, DT_DIR};
	for (int i = 0; i < 6 && i < n; i++) {
		ok(strcmp(sorted[i], want[i]) == 0, "entry %d is \"%s\"", i, want[i]);
		int idx = (int)((sorted[i] - names[0]) / 32);
		ok(types[idx] == want_type[i], "\"%s\" has d_type %s", want[i],
		   want_type[i] == DT_DIR ? "DT_DIR" : "DT_REG");
	}
	ok(syscall(SYS_getdents64, fd, buf, sizeof(buf)) == 0, "another call at the end: 0");
	ok(lseek(fd, 0, SEEK_SET) == 0 && syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0,
	   "after lseek to 0 it lists again");
	errno = 0;
	ok(lseek(fd, 0, SEEK_SET) == 0 && syscall(SYS_getdents64, fd, buf, 8) == -1 &&
		   errno == EINVAL,
	   "buffer too small for one entry: EINVAL");
	close(fd);
	fd = open("/tmp/gd/alpha", O_RDONLY);
	errno = 0;
	ok(syscall(SYS_getdents64, fd, buf, sizeof(buf)) == -1 && errno == ENOTDIR,
	   "on a regular file: ENOTDIR");
	close(fd);
	errno = 0;
	ok(open("/tmp/gd/alpha", O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR,
	   "open(O_DIRECTORY) of a file: ENOTDIR");
	unlink("/tmp/gd/alpha");
	unlink("/tmp/gd/beta");
	unlink("/tmp/gd/gamma");
	rmdir("/tmp/gd/sub");
	rmdir("/tmp/gd");
	return done();
}
