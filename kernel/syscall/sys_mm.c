/* Memory system calls: decode, check the file of a file mapping, call mm/. */
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "mm/mm.h"
#include "syscall_protos.h"
#include "task/exec.h"
#include "task/task.h"
#include "uapi/mman.h"

long sys_brk(uaddr_t brk)
{
	return mm_brk(current->mm, brk);
}

long sys_mmap(uaddr_t addr, size_t len, u64 prot, u64 flags, int fd, off_t offset)
{
	struct file *f = NULL;
	long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_get(current->files, fd);
		if (!f)
			return -EBADF;
		if (!(f->fmode & FMODE_READ) ||
		    ((flags & MAP_TYPE) == MAP_SHARED && (prot & PROT_WRITE) &&
		     !(f->fmode & FMODE_WRITE))) {
			fput(f);
			return -EACCES;
		}
	}
	ret = mm_mmap(current->mm, addr, len, (int)prot, (int)flags, f ? &file_vm_ops : NULL, f,
		      (u64)offset);
	if (f)
		fput(f);
	return ret;
}

long sys_munmap(uaddr_t addr, size_t len)
{
	return mm_munmap(current->mm, addr, len);
}

long sys_mprotect(uaddr_t addr, size_t len, u64 prot)
{
	return mm_mprotect(current->mm, addr, len, (int)prot);
}

long sys_madvise(uaddr_t addr, size_t len, int advice)
{
	return mm_madvise(current->mm, addr, len, advice);
}

long sys_msync(uaddr_t addr, size_t len, int flags)
{
	/* Shared file pages are the page cache's own frames: nothing to write back. */
	if (addr & (PAGE_SIZE - 1) || flags & ~7 || (flags & 5) == 5)
		return -EINVAL;
	return 0;
}

#define SYS_RISCV_FLUSH_ICACHE_LOCAL 1UL

/*
 * riscv_flush_icache: make this hart's instruction fetches see the stores made so far. Only a
 * local fence.i: a task that moves to another hart does not carry stale instructions over in
 * the configurations Kestrel runs (QEMU keeps fetches coherent); remote harts: later issue.
 */
long sys_riscv_flush_icache(uaddr_t start, uaddr_t end, u64 flags)
{
	if (flags & ~SYS_RISCV_FLUSH_ICACHE_LOCAL)
		return -EINVAL;
	__asm__ __volatile__("fence.i" ::: "memory");
	return 0;
}
