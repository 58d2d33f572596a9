/* name_ops_errors - the errors of the calls that make or remove a name, in Linux's order:
 * link, symlink and mknod onto a taken name or onto "/", "." or ".." give EEXIST; a new name
 * with a trailing slash gives ENOENT (EEXIST if taken); a name made in a removed directory
 * gives ENOENT; link of a directory EPERM. unlink of "/", "." or a directory gives EISDIR, of
 * "file/" ENOTDIR; rmdir of "." EINVAL, of ".." ENOTEMPTY, of "/" EBUSY, of a file ENOTDIR.
 * stat and faccessat follow a last symlink unless AT_SYMLINK_NOFOLLOW; AT_EMPTY_PATH names
 * the dirfd itself. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_test.h"
#include "tap.h"

int main(void)
{
	struct stat st;
	int fd, dfd;

	errno = 0;
	ok(mkdir("/tmp/noe", 0755) == 0 && mkdir("/tmp/noe/d", 0755) == 0, "mkdir /tmp/noe/d");
	fd = open("/tmp/noe/f", O_CREAT | O_WRONLY, 0644);
	ok(fd >= 0, "create /tmp/noe/f");
	close(fd);

	ok(fails(link("/tmp/noe/f", "/tmp/noe/d"), EEXIST), "link onto a taken name: EEXIST");
	ok(fails(link("/tmp/noe/f", "/tmp/noe/."), EEXIST), "link onto \".\": EEXIST");
	ok(fails(link("/tmp/noe/f", "/tmp/noe/.."), EEXIST), "link onto \"..\": EEXIST");
	ok(fails(link("/tmp/noe/f", "/"), EEXIST), "link onto \"/\": EEXIST");
	ok(fails(link("/tmp/noe/f", "/tmp/noe/g/"), ENOENT), "link to \"g/\": ENOENT");
	ok(fails(link("/tmp/noe/d", "/tmp/noe/e"), EPERM), "link of a directory: EPERM");
	ok(fails(link("/tmp/noe/none", "/tmp/noe/e"), ENOENT), "link of a missing file: ENOENT");
	ok(link("/tmp/noe/f", "/tmp/noe/g") == 0 && stat("/tmp/noe/f", &st) == 0 &&
		   st.st_nlink == 2,
	   "link: two names");
	ok(fails(symlink("x", "/tmp/noe/g"), EEXIST), "symlink onto a taken name: EEXIST");
	ok(fails(symlink("x", "/tmp/noe/."), EEXIST), "symlink onto \".\": EEXIST");
	ok(fails(symlink("x", "/tmp/noe/s/"), ENOENT), "symlink to \"s/\": ENOENT");
	ok(fails(symlink("x", "/tmp/noe/g/"), EEXIST), "symlink to \"g/\", g taken: EEXIST");
	ok(fails(mknod("/tmp/noe/f", S_IFIFO | 0600, 0), EEXIST),
	   "mknod onto a taken name: EEXIST");
	ok(fails(mknod("/tmp/noe/..", S_IFIFO | 0600, 0), EEXIST), "mknod onto \"..\": EEXIST");
	ok(fails(mkdir("/tmp/noe/.", 0755), EEXIST), "mkdir of \".\": EEXIST");

	ok(fails(unlink("/"), EISDIR), "unlink of \"/\": EISDIR");
	ok(fails(unlink("/tmp/noe/."), EISDIR), "unlink of \".\": EISDIR");
	ok(fails(unlink("/tmp/noe/d"), EISDIR), "unlink of a directory: EISDIR");
	ok(fails(unlink("/tmp/noe/f/"), ENOTDIR), "unlink of \"f/\": ENOTDIR");
	ok(fails(unlink("/tmp/noe/none"), ENOENT), "unlink of a missing name: ENOENT");
	ok(fails(rmdir("/tmp/noe/d/."), EINVAL), "rmdir of \".\": EINVAL");
	ok(fails(rmdir("/tmp/noe/d/.."), ENOTEMPTY), "rmdir of \"..\": ENOTEMPTY");
	ok(fails(rmdir("/"), EBUSY), "rmdir of \"/\": EBUSY");
	ok(fails(rmdir("/tmp/noe/f"), ENOTDIR), "rmdir of a file: ENOTDIR");
	ok(fails(rmdir("/tmp/noe/f/"), ENOTDIR), "rmdir of \"f/\": ENOTDIR");
	ok(rmdir("/tmp/noe/d/") == 0, "rmdir of \"d/\"");

	ok(symlink("/tmp/noe/none", "/tmp/noe/dangling") == 0, "a dangling symlink");
	ok(fails(stat("/tmp/noe/dangling", &st), ENOENT), "stat follows it: ENOENT");
	ok(fstatat(AT_FDCWD, "/tmp/noe/dangling", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		   S_ISLNK(st.st_mode),
	   "fstatat AT_SYMLINK_NOFOLLOW: the link");
	ok(fails(faccessat(AT_FDCWD, "/tmp/noe/dangling", F_OK, 0), ENOENT),
	   "faccessat follows it: ENOENT");
	dfd = open("/tmp/noe", O_RDONLY | O_DIRECTORY);
	ok(fstatat(dfd, "", &st, AT_EMPTY_PATH) == 0 && S_ISDIR(st.st_mode),
	   "fstatat AT_EMPTY_PATH: the directory itself");
	ok(fails(fstatat(dfd, "", &st, 0), ENOENT), "fstatat of \"\" without it: ENOENT");

	ok(mkdir("/tmp/noe/gone", 0755) == 0 && chdir("/tmp/noe/gone") == 0 &&
		   rmdir("/tmp/noe/gone") == 0,
	   "cwd removed");
	ok(fails(link("/tmp/noe/f", "x"), ENOENT), "link in a removed directory: ENOENT");
	ok(fails(symlink("x", "x"), ENOENT), "symlink in a removed directory: ENOENT");
	ok(fails(mkdir("x", 0755), ENOENT), "mkdir in a removed directory: ENOENT");
	ok(chdir("/") == 0, "back to /");

	ok(unlink("/tmp/noe/dangling") == 0 && unlink("/tmp/noe/g") == 0 &&
		   unlink("/tmp/noe/f") == 0 && close(dfd) == 0 && rmdir("/tmp/noe") == 0,
	   "clean up");
	return done();
}
