/* clone3_struct_copy - clone3 copies struct clone_args once, as an extensible struct
 * (cases 1-30 of clone3-cases.md): size < 64 is EINVAL, > 4096 E2BIG (both even with a NULL
 * pointer), any size 64..4096 works with fields past the size read as 0, bytes past 88 must be
 * zero (else E2BIG, checked before the head is read), every fault is EFAULT (NULL, kernel
 * address, PROT_NONE, a struct running into a guard page, an unmapped hole), misaligned,
 * read-only, never-touched and file-backed structs work. Every failure leaves no child. */
#define _GNU_SOURCE
#include <fcntl.h>

#include "clone_test.h"

static int try_ok(void *p, size_t size, const char *what)
{
	long pid = c3_quick(p, size, 0);
	int st = pid > 0 ? reap(pid) : -1;
	return ok(pid > 0 && st == 0 && no_child(), "%s: OK, child reaped", what);
}

static int try_err(void *p, size_t size, long err, const char *what)
{
	long r = c3_quick(p, size, 0);
	return ok(r == -err && no_child(), "%s: %s, no child", what,
		  err == EINVAL	 ? "EINVAL"
		  : err == E2BIG ? "E2BIG"
				 : "EFAULT");
}

int main(void)
{
	struct c3_args a;
	char *buf;

	a0_init(&a);
	try_err(&a, 0, EINVAL, "1 size 0");
	try_err(&a, 63, EINVAL, "2 size 63");
	try_err(&a, 56, EINVAL, "3 size 56");
	try_ok(&a, 64, "4 size 64");
	try_ok(&a, 72, "5 size 72");
	try_ok(&a, 80, "6 size 80");
	a.set_tid_size = 5;
	a.cgroup = (uint64_t)-1;
	try_ok(&a, 64, "7 fields past size 64 are ignored");
	a0_init(&a);
	try_ok(&a, 88, "8 size 88");

	buf = map_pages(3, 0);
	memset(buf, 0, 3 * 4096);
	memcpy(buf, &a, 88);
	try_ok(buf, 96, "9 size 96, zero tail");
	buf[100] = 1;
	try_err(buf, 104, E2BIG, "10 size 104, non-zero byte 100");
	buf[100] = 0;
	buf[175] = 1;
	try_err(buf, 176, E2BIG, "11 size 176, non-zero last byte");
	buf[175] = 0;
	buf[88] = 1;
	try_err(buf, 89, E2BIG, "12 size 89, byte 88 non-zero");
	buf[88] = 0;
	try_ok(buf, 4096, "13 size 4096, zero tail");
	try_err(buf, 4097, E2BIG, "14 size 4097");
	try_err(buf, 4104, E2BIG, "14 size 4104");
	((struct c3_args *)buf)->flags = CLONE_NEWPID;
	try_err(buf, 4104, E2BIG, "14 size 4104 with NEWPID: size first");
	((struct c3_args *)buf)->flags = 0;
	try_err(buf, (size_t)-1, E2BIG, "15 size (size_t)-1");
	try_err(NULL, 88, EFAULT, "16 NULL, 88");
	try_err(NULL, 0, EINVAL, "16 NULL, 0");
	try_err(NULL, 5000, E2BIG, "16 NULL, 5000");
	try_err((void *)0xffffffc000000000UL, 88, EFAULT, "17 kernel address");
	memcpy(buf + 4096 + 3, &a, 88);
	try_ok(buf + 4096 + 3, 88, "18 misaligned struct");
	memcpy(buf + 8192, &a, 88);
	mprotect(buf + 8192, 4096, PROT_READ);
	try_ok(buf + 8192, 88, "19 read-only struct");
	a.exit_signal = (uint64_t)-1;
	try_err(&a, 88, EINVAL, "20 exit_signal -1 (support probe)");
	munmap(buf, 3 * 4096);

	/* B: faults. Page 1 of each mapping is PROT_NONE. */
	a0_init(&a);
	buf = map_pages(2, 1u << 1);
	try_err(buf + 4096, 88, EFAULT, "21 PROT_NONE page");
	memcpy(buf + 4096 - 88, &a, 88);
	try_ok(buf + 4096 - 88, 88, "22 struct ends at a guard page, size 88");
	try_err(buf + 4096 - 88, 89, EFAULT, "23 same, size 89");
	try_err(buf + 4096 - 88, 96, EFAULT, "24 same, size 96");
	memcpy(buf + 4096 - 32, &a, 32);
	try_err(buf + 4096 - 32, 64, EFAULT, "25 only 32 bytes mapped, size 64");
	munmap(buf, 2 * 4096);
	buf = map_pages(2, 1u << 0);
	buf[4096] = 1;
	try_err(buf + 4096 - 88, 96, E2BIG, "26 head unmapped, tail non-zero: E2BIG");
	buf[4096] = 0;
	try_err(buf + 4096 - 88, 96, EFAULT, "27 head unmapped, tail zero: EFAULT");
	munmap(buf, 2 * 4096);
	buf = map_pages(3, 0);
	munmap(buf + 4096, 4096);
	try_err(buf + 4096, 88, EFAULT, "28 munmap'd hole");
	munmap(buf, 3 * 4096);

	buf = map_pages(1, 0); /* never touched: all zero, flags 0, exit_signal 0 */
	try_ok(buf, 88, "29 struct on a never-touched page");
	munmap(buf, 4096);

	int fd = open("/tmp/clone3_args", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok(fd >= 0 && write(fd, &a, 88) == 88, "30 file holding an A0 image");
	buf = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	try_ok(buf, 88, "30 struct on a MAP_PRIVATE file mapping");
	munmap(buf, 4096);
	close(fd);
	unlink("/tmp/clone3_args");
	return done();
}
