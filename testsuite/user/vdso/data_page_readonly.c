/* data_page_readonly - the vDSO's data page (the page just below the vDSO's ELF header; Linux
 * calls it [vvar]) and the vDSO text cannot be written from user space: a store into either
 * kills a child with SIGSEGV, and mprotect(PROT_READ|PROT_WRITE) of the data page fails with
 * EACCES (it may never become writable). A forked child still has a working vDSO. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "vdso_sym.h"

typedef int (*cgt_fn)(clockid_t, struct timespec *);

/* Run @fn(@arg) in a child; returns its wait status. */
static int in_child(int (*fn)(uintptr_t), uintptr_t arg)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

static int store(uintptr_t addr)
{
	*(volatile char *)addr = 1;
	return 0;
}

static int make_writable(uintptr_t addr)
{
	if (mprotect((void *)addr, 4096, PROT_READ | PROT_WRITE) == 0)
		return 1;
	return errno == EACCES ? 0 : 2;
}

static int use_vdso(uintptr_t fn)
{
	struct timespec t;

	return ((cgt_fn)fn)(CLOCK_MONOTONIC, &t) == 0 && t.tv_nsec >= 0 ? 0 : 1;
}

int main(void)
{
	uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR);
	struct vdso_info vi;
	int st;

	if (!ok(ehdr != 0 && vdso_open(&vi), "vDSO found"))
		return done();
	st = in_child(store, ehdr - 4096);
	ok(WIFSIGNALED(st) && (WTERMSIG(st) & 0x7f) == SIGSEGV,
	   "a store into the data page kills with SIGSEGV");
	st = in_child(store, ehdr);
	ok(WIFSIGNALED(st) && (WTERMSIG(st) & 0x7f) == SIGSEGV,
	   "a store into the vDSO text kills with SIGSEGV");
	st = in_child(make_writable, ehdr - 4096);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "mprotect of the data page to writable: EACCES");
	st = in_child(use_vdso, (uintptr_t)vdso_sym(&vi, "__vdso_clock_gettime", NULL));
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a forked child calls the vDSO");
	return done();
}
