/* mkdir_unlink_rmdir - mkdir makes a directory (EEXIST the second time, ENOENT under a missing
 * parent, ENOTDIR under a file); rmdir of a non-empty directory is ENOTEMPTY, of a file ENOTDIR,
 * of "." EINVAL; unlink of a directory is EISDIR; unlink and rmdir remove, and a second try is
 * ENOENT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_test.h"
#include "tap.h"

int main(void)
{
	struct stat st;

	errno = 0;
	ok(mkdir("/tmp/mur", 0755) == 0, "mkdir /tmp/mur");
	ok(stat("/tmp/mur", &st) == 0 && S_ISDIR(st.st_mode), "it is a directory");
	ok(fails(mkdir("/tmp/mur", 0755), EEXIST), "mkdir again: EEXIST");
	ok(fails(mkdir("/tmp/mur_missing/x", 0755), ENOENT),
	   "mkdir under a missing parent: ENOENT");
	int fd = open("/tmp/mur/file", O_CREAT | O_WRONLY, 0644);
	ok(fd >= 0, "create /tmp/mur/file");
	close(fd);
	ok(fails(mkdir("/tmp/mur/file/x", 0755), ENOTDIR), "mkdir under a file: ENOTDIR");
	ok(fails(mkdir("/tmp/mur/file", 0755), EEXIST), "mkdir over a file: EEXIST");
	ok(fails(rmdir("/tmp/mur"), ENOTEMPTY), "rmdir of a non-empty directory: ENOTEMPTY");
	ok(fails(unlink("/tmp/mur"), EISDIR), "unlink of a directory: EISDIR");
	ok(fails(rmdir("/tmp/mur/file"), ENOTDIR), "rmdir of a file: ENOTDIR");
	ok(fails(rmdir("/tmp/mur/."), EINVAL), "rmdir of \".\": EINVAL");
	ok(unlink("/tmp/mur/file") == 0, "unlink the file");
	ok(fails(unlink("/tmp/mur/file"), ENOENT), "unlink it again: ENOENT");
	ok(fails(stat("/tmp/mur/file", &st), ENOENT), "stat of it: ENOENT");
	ok(rmdir("/tmp/mur") == 0, "rmdir the now empty directory");
	ok(fails(rmdir("/tmp/mur"), ENOENT), "rmdir again: ENOENT");
	ok(fails(stat("/tmp/mur", &st), ENOENT), "stat of it: ENOENT");
	ok(mkdir("/tmp/mur", 0755) == 0 && rmdir("/tmp/mur") == 0, "the name can be reused");
	return done();
}
