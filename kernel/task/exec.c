/*
 * execve: load an ELF64 program (ET_EXEC or ET_DYN, with or without PT_INTERP) or a "#!"
 * script into a new address space and build the Linux initial stack:
 *   sp -> argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs, AT_NULL, then the strings.
 * Everything that can fail is done before the old address space is dropped; a failure after
 * that point ends the process as SIGSEGV would (Linux does the same).
 */
#include "task/exec.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "futex/futex.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "printk.h"
#include "riscv.h"
#include "sched/sched.h"
#include "signal/signal.h"
#include "string.h"
#include "task/exit.h"
#include "task/proc.h"
#include "task/task.h"
#include "time/timer.h"
#include "uapi/elf.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "vdso/vdso.h"

#define ELF_ET_DYN_BASE 0x2aaaaaa000UL /* two thirds of the Sv39 user range, as Linux */
#define EXEC_MAX_PHDRS	64
#define EXEC_STACK_INIT (128UL * 1024) /* mapped at exec; grows down on faults */
#define SCRIPT_DEPTH	4
/* RISC-V HWCAP bits are letters of the base ISA: I, M, A, F, D, C. */
#define RISCV_HWCAP                                                                                \
	((1UL << ('I' - 'A')) | (1UL << ('M' - 'A')) | (1UL << ('A' - 'A')) |                      \
	 (1UL << ('F' - 'A')) | (1UL << ('D' - 'A')) | (1UL << ('C' - 'A')))

/* The strings of the new program, collected before the old program goes away. */
struct exec_strings {
	char *buf; /* argv strings, then envp strings, each NUL-terminated */
	size_t used;
	int argc, envc;
};

/* One loaded ELF image (the program or its interpreter). */
struct elf_image {
	struct file *file;
	struct elf64_ehdr eh;
	struct elf64_phdr ph[EXEC_MAX_PHDRS];
	u64 bias; /* load address minus link address */
	u64 end;  /* highest byte of any segment + 1 (after bias) */
	u64 phdr_addr;
};

static int file_read_page_cb(void *file, u64 off, void *kbuf)
{
	return file_read_page(file, off, kbuf);
}

static paddr_t file_shared_page_cb(void *file, u64 off)
{
	return file_shared_page(file, off);
}

static void file_get_cb(void *file)
{
	fget(file);
}

static void file_put_cb(void *file)
{
	fput(file);
}

/* How mm reaches the pages of a file: shared with mmap(2) of files (kernel/syscall). */
const struct vm_file_ops file_vm_ops = {
	.read_page = file_read_page_cb,
	.shared_page = file_shared_page_cb,
	.get = file_get_cb,
	.put = file_put_cb,
};

static int strings_add(struct exec_strings *s, const char *str, size_t len)
{
	if (s->used + len + 1 > EXEC_ARG_MAX)
		return -E2BIG;
	memcpy(s->buf + s->used, str, len);
	s->buf[s->used + len] = '\0';
	s->used += len + 1;
	return 0;
}

/* Insert @str before every string collected so far (for "#!" interpreters). */
static int strings_prepend(struct exec_strings *s, const char *str)
{
	size_t len = strlen(str);

	if (s->used + len + 1 > EXEC_ARG_MAX)
		return -E2BIG;
	memmove(s->buf + len + 1, s->buf, s->used);
	memcpy(s->buf, str, len + 1);
	s->used += len + 1;
	s->argc++;
	return 0;
}

/* Drop the first string (argv[0] replaced by a script's interpreter line). */
static void strings_drop_first(struct exec_strings *s)
{
	size_t len = strlen(s->buf) + 1;

	memmove(s->buf, s->buf + len, s->used - len);
	s->used -= len;
	s->argc--;
}

static int read_exact(struct file *f, void *buf, size_t len, u64 off)
{
	ssize_t n = kernel_read(f, buf, len, off);

	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -ENOEXEC;
}

static int elf_check(struct elf_image *im)
{
	struct elf64_ehdr *eh = &im->eh;
	u64 phsize;

	if (eh->e_ident[0] != ELFMAG0 || eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' ||
	    eh->e_ident[3] != 'F' || eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB)
		return -ENOEXEC;
	if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) || eh->e_machine != EM_RISCV)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > EXEC_MAX_PHDRS)
		return -ENOEXEC;
	phsize = (u64)eh->e_phnum * sizeof(struct elf64_phdr);
	return read_exact(im->file, im->ph, phsize, eh->e_phoff);
}

/* Span of the PT_LOAD segments [lo, hi) at link addresses; -ENOEXEC if none or absurd. */
static int elf_span(struct elf_image *im, u64 *lo, u64 *hi)
{
	*lo = ~0UL;
	*hi = 0;
	for (int i = 0; i < im->eh.e_phnum; i++) {
		struct elf64_phdr *ph = &im->ph[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_filesz > ph->p_memsz || ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
		    (ph->p_vaddr - ph->p_offset) % PAGE_SIZE)
			return -ENOEXEC;
		*lo = MIN(*lo, ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE));
		*hi = MAX(*hi, ph->p_vaddr + ph->p_memsz);
	}
	if (*hi == 0 || *hi > USER_TOP)
		return -ENOEXEC;
	return 0;
}

static int elf_prot(u32 pflags)
{
	return (pflags & PF_R ? PROT_READ : 0) | (pflags & PF_W ? PROT_WRITE : 0) |
	       (pflags & PF_X ? PROT_EXEC : 0);
}

/*
 * Map @im into @mm. The program (@interp false) goes at its link address (ET_EXEC) or at
 * ELF_ET_DYN_BASE (ET_DYN); an interpreter goes wherever mmap finds room.
 */
static int elf_map(struct mm *mm, struct elf_image *im, bool interp)
{
	u64 lo, hi;
	int err = elf_span(im, &lo, &hi);

	if (err)
		return err;
	im->bias = 0;
	if (im->eh.e_type == ET_DYN) {
		long base;

		if (!interp) {
			base = ELF_ET_DYN_BASE;
		} else {
			/* Reserve the whole span first, then place the segments inside it. */
			base = mm_mmap(mm, 0, ALIGN_UP(hi, PAGE_SIZE) - lo, PROT_NONE,
				       MAP_PRIVATE | MAP_ANONYMOUS, NULL, NULL, 0);
			if (base < 0)
				return (int)base;
		}
		im->bias = (u64)base - lo;
	}
	for (int i = 0; i < im->eh.e_phnum; i++) {
		struct elf64_phdr *ph = &im->ph[i];
		u64 va = ph->p_vaddr + im->bias, start = ALIGN_DOWN(va, PAGE_SIZE);

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		err = mm_map_region(mm, start, va + ph->p_memsz - start, elf_prot(ph->p_flags),
				    MAP_PRIVATE, &file_vm_ops, im->file,
				    ALIGN_DOWN(ph->p_offset, PAGE_SIZE), va + ph->p_filesz);
		if (err)
			return err;
		if (im->eh.e_phoff >= ph->p_offset && im->eh.e_phoff < ph->p_offset + ph->p_filesz)
			im->phdr_addr = va + (im->eh.e_phoff - ph->p_offset);
	}
	for (int i = 0; i < im->eh.e_phnum; i++)
		if (im->ph[i].p_type == PT_PHDR)
			im->phdr_addr = im->ph[i].p_vaddr + im->bias;
	im->end = hi + im->bias;
	return 0;
}

/* Open @path for execution: a regular file with an execute bit. */
static struct file *open_exec(const char *path)
{
	struct file *f = vfs_open(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);

	if (IS_ERR(f))
		return f;
	if (!S_ISREG(f->inode->mode)) {
		fput(f);
		return ERR_PTR(-EACCES);
	}
	if (!(f->inode->mode & 0111)) {
		fput(f);
		return ERR_PTR(-EACCES);
	}
	return f;
}

/*
 * A "#!interpreter [arg]" line: argv becomes interpreter, [arg], path, argv[1...].
 * Returns 1 if @buf was a script (and *@next_path holds the interpreter), 0 if not, or -errno.
 */
static int script_rewrite(const char *buf, size_t n, const char *path, struct exec_strings *s,
			  char *next_path, size_t size)
{
	char line[256];
	size_t len = 0;
	char *interp, *arg = NULL, *p;
	int err;

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	while (2 + len < n && buf[2 + len] != '\n' && len + 1 < sizeof(line)) {
		line[len] = buf[2 + len];
		len++;
	}
	line[len] = '\0';
	for (interp = line; *interp == ' ' || *interp == '\t'; interp++)
		;
	if (!*interp)
		return -ENOEXEC;
	for (p = interp; *p && *p != ' ' && *p != '\t'; p++)
		;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		arg = *p ? p : NULL;
		if (arg) {
			size_t alen = strlen(arg);

			while (alen && (arg[alen - 1] == ' ' || arg[alen - 1] == '\t'))
				arg[--alen] = '\0';
		}
	}
	if (s->argc > 0)
		strings_drop_first(s);
	err = strings_prepend(s, path);
	if (!err && arg)
		err = strings_prepend(s, arg);
	if (!err)
		err = strings_prepend(s, interp);
	if (err)
		return err;
	if (strlcpy(next_path, interp, size) >= size)
		return -ENAMETOOLONG;
	return 1;
}

/* The bytes of the argv strings (with their NULs) at the start of @s->buf. */
static size_t argv_bytes(const struct exec_strings *s)
{
	size_t n = 0;

	for (int i = 0; i < s->argc; i++)
		n += strlen(s->buf + n) + 1;
	return n;
}

/* Lay out the initial stack image in @img (which ends at @top) and return the user sp. */
static uaddr_t build_stack(u8 *img, size_t imgsize, uaddr_t top, const struct exec_strings *s,
			   const struct elf_image *prog, const struct elf_image *interp,
			   const char *execfn, uaddr_t vdso_base, int *err)
{
	size_t fnlen = strlen(execfn) + 1;
	uaddr_t p = top, strings, execfn_at, random_at, sp;
	u64 auxv[2 * 24], *words;
	int n = 0, nwords;
	const char *str;

	/* Strings at the very top: execfn, then argv and envp (as one block). */
	p -= fnlen;
	execfn_at = p;
	p -= s->used;
	strings = p;
	p -= 16;
	random_at = p;
	p = ALIGN_DOWN(p, 16);

#define AUX(k, v) (auxv[n++] = (k), auxv[n++] = (v))
	if (vdso_base)
		AUX(AT_SYSINFO_EHDR, vdso_base);
	AUX(AT_HWCAP, RISCV_HWCAP);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, prog->phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, prog->eh.e_phnum);
	AUX(AT_BASE, interp ? interp->bias : 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, prog->eh.e_entry + prog->bias);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random_at);
	AUX(AT_EXECFN, execfn_at);
	AUX(AT_NULL, 0);
#undef AUX
	nwords = 1 + s->argc + 1 + s->envc + 1 + n;
	sp = ALIGN_DOWN(p - (uaddr_t)nwords * 8, 16);
	if (top - sp > imgsize) {
		*err = -E2BIG;
		return 0;
	}
	/* Fill the image: img[0] is the byte at sp. */
	memcpy(img + (execfn_at - sp), execfn, fnlen);
	memcpy(img + (strings - sp), s->buf, s->used);
	for (int i = 0; i < 16; i += 8) {
		u64 r = rdtime() * 0x9e3779b97f4a7c15ULL + (u64)i * 0xbf58476d1ce4e5b9ULL;

		memcpy(img + (random_at - sp) + i, &r, 8);
	}
	words = (u64 *)img;
	*words++ = (u64)s->argc;
	str = s->buf;
	for (int i = 0; i < s->argc + s->envc; i++) {
		*words++ = strings + (uaddr_t)(str - s->buf);
		str += strlen(str) + 1;
		if (i == s->argc - 1)
			*words++ = 0; /* end of argv */
	}
	if (s->argc == 0)
		*words++ = 0;
	*words++ = 0; /* end of envp */
	memcpy(words, auxv, (size_t)n * 8);
	*err = 0;
	return sp;
}

/* Load @path (following "#!" lines) into a new mm. On success *@out_mm owns everything. */
static int load_program(const char *path, struct exec_strings *s, struct mm **out_mm,
			struct elf_image *prog, struct elf_image *interp, bool *has_interp)
{
	char cur[256], next[256];
	struct mm *mm;
	int err;

	if (strlcpy(cur, path, sizeof(cur)) >= sizeof(cur))
		return -ENAMETOOLONG;
	for (int depth = 0;; depth++) {
		char head[256];
		ssize_t n;

		prog->file = open_exec(cur);
		if (IS_ERR(prog->file))
			return (int)PTR_ERR(prog->file);
		n = kernel_read(prog->file, head, sizeof(head), 0);
		if (n < 0) {
			err = (int)n;
			goto out_prog;
		}
		if ((size_t)n >= sizeof(prog->eh)) {
			memcpy(&prog->eh, head, sizeof(prog->eh));
			if (prog->eh.e_ident[0] == ELFMAG0)
				break;
		}
		err = depth >= SCRIPT_DEPTH
			      ? -ELOOP
			      : script_rewrite(head, (size_t)n, cur, s, next, sizeof(next));
		if (err <= 0) {
			if (err == 0)
				err = -ENOEXEC;
			goto out_prog;
		}
		fput(prog->file);
		strlcpy(cur, next, sizeof(cur));
	}
	err = elf_check(prog);
	if (err)
		goto out_prog;
	*has_interp = false;
	for (int i = 0; i < prog->eh.e_phnum; i++) {
		struct elf64_phdr *ph = &prog->ph[i];
		char ipath[256];

		if (ph->p_type != PT_INTERP)
			continue;
		if (ph->p_filesz < 2 || ph->p_filesz > sizeof(ipath)) {
			err = -ENOEXEC;
			goto out_prog;
		}
		err = read_exact(prog->file, ipath, ph->p_filesz, ph->p_offset);
		if (err)
			goto out_prog;
		ipath[ph->p_filesz - 1] = '\0';
		interp->file = open_exec(ipath);
		if (IS_ERR(interp->file)) {
			err = (int)PTR_ERR(interp->file);
			goto out_prog;
		}
		err = read_exact(interp->file, &interp->eh, sizeof(interp->eh), 0);
		if (!err)
			err = elf_check(interp);
		if (err)
			goto out_interp;
		*has_interp = true;
		break;
	}
	mm = mm_create();
	if (!mm) {
		err = -ENOMEM;
		goto out_interp;
	}
	err = elf_map(mm, prog, false);
	if (!err && *has_interp)
		err = elf_map(mm, interp, true);
	if (!err)
		err = vdso_map(mm); /* below the interpreter, as Linux */
	if (!err)
		err = mm_map_region(mm, MM_STACK_TOP - EXEC_STACK_INIT, EXEC_STACK_INIT,
				    PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, NULL, NULL, 0, 0);
	if (err) {
		mm_put(mm);
		goto out_interp;
	}
	mm_set_brk_base(mm, prog->end);
	*out_mm = mm;
	return 0;

out_interp:
	if (*has_interp || (interp->file && !IS_ERR(interp->file)))
		fput(interp->file);
out_prog:
	fput(prog->file);
	return err;
}

/* The other threads are gone, or a fatal signal turned the de-threading into a group exit. */
static bool dethread_done(void *arg)
{
	struct proc *p = arg;

	return READ_ONCE(p->nr_threads) == 1 || READ_ONCE(p->group_exec_task) != current;
}

/*
 * de_thread - execve in a multithreaded process: end every other thread (as a group exit
 * would, but the caller lives on), wait until they are gone, and if the caller is not the
 * leader, give it the leader's pid (clone3.md section 10). Returns 0, or -EAGAIN if the group
 * is already exiting or a fatal signal comes meanwhile (the caller dies on its way out).
 */
static int de_thread(struct task *t)
{
	struct proc *p = t->proc;
	bool waiting = false, killed;
	struct task *o;

	spin_lock(&p->lock);
	if (p->group_exiting) {
		spin_unlock(&p->lock);
		return -EAGAIN;
	}
	if (p->nr_threads > 1) {
		p->group_exiting = true;
		p->group_status = 0;
		p->group_exec_task = t;
		list_for_each_entry (o, &p->threads, group_link) {
			if (o != t) {
				o->sigpending = true;
				wake_up_task(o);
			}
		}
		waiting = true;
	}
	spin_unlock(&p->lock);
	if (waiting) {
		/* Signals for the process meanwhile stay pending for the new program. */
		wait_event_uninterruptible(&p->thread_exit, dethread_done, p);
		spin_lock(&siglock);
		spin_lock(&p->lock);
		killed = p->group_exec_task != t; /* a fatal signal made it a group exit */
		if (!killed) {
			p->group_exiting = false;
			p->group_exec_task = NULL;
		}
		spin_unlock(&p->lock);
		recalc_sigpending(t);
		spin_unlock(&siglock);
		if (killed)
			return -EAGAIN;
	}
	if (t->tid != p->pid)
		tid_takeover(t, p->pid);
	return 0;
}

/* An fd table shared with another process (CLONE_FILES) is copied at exec: 0 or -ENOMEM. */
static int unshare_files(struct task *t)
{
	struct files_struct *old = t->files, *copy;

	if (!old || __atomic_load_n(&old->refcount, __ATOMIC_ACQUIRE) <= 1)
		return 0;
	copy = files_dup(old);
	if (!copy)
		return -ENOMEM;
	spin_lock(&t->proc->lock);
	t->files = copy;
	spin_unlock(&t->proc->lock);
	files_put(old);
	return 0;
}

static int exec_strings(const char *path, struct exec_strings *s)
{
	struct elf_image *prog = NULL, *interp = NULL;
	struct mm *mm = NULL, *old;
	struct task *t = current;
	u8 *img = NULL;
	uaddr_t sp;
	size_t imgsize = s->used + PAGE_SIZE * 2 + 8 * (size_t)(s->argc + s->envc);
	bool has_interp = false, loaded = false;
	int err;

	prog = kzalloc(sizeof(*prog));
	interp = kzalloc(sizeof(*interp));
	img = kzalloc(imgsize);
	if (!prog || !interp || !img) {
		err = -ENOMEM;
		goto out;
	}
	err = load_program(path, s, &mm, prog, interp, &has_interp);
	if (err)
		goto out;
	loaded = true;
	sp = build_stack(img, imgsize, MM_STACK_TOP, s, prog, has_interp ? interp : NULL, path,
			 mm->vdso_base, &err);
	if (err)
		goto out_mm;
	mm->arg_start = MM_STACK_TOP - (strlen(path) + 1) - s->used;
	mm->arg_end = mm->arg_start + argv_bytes(s);
	err = de_thread(t);
	if (err)
		goto out_mm;
	err = unshare_files(t);
	if (err)
		goto out_mm;

	/* Committed: the old program is gone from here on. */
	/* On the old mm: robust list, clear_child_tid (Linux's exec_mm_release). */
	futex_exec_release(t);
	spin_lock(&t->proc->lock); /* /proc takes references on t->mm under it */
	old = t->mm;
	t->mm = mm;
	spin_unlock(&t->proc->lock);
	mm_activate(mm);
	if (old)
		mm_put(old);
	mm = NULL;
	if (t->files)
		files_close_on_exec(t->files);
	proc_set_exe(t->proc, prog->file);
	spin_lock(&tasklist_lock);
	t->proc->self_exec_id++; /* children made before now will report with SIGCHLD */
	spin_unlock(&tasklist_lock);
	strlcpy(t->name, strrchr(path, '/') ? strrchr(path, '/') + 1 : path, sizeof(t->name));
	memset(t->tf, 0, sizeof(*t->tf));
	memset(&t->fp, 0, sizeof(t->fp));
	fp_restore(&t->fp);
	t->tf->sp = sp;
	t->tf->sepc =
		has_interp ? interp->eh.e_entry + interp->bias : prog->eh.e_entry + prog->bias;
	t->tf->sstatus = SSTATUS_SPIE | SSTATUS_FS_INITIAL;
	t->set_child_tid = 0;
	t->clear_child_tid = 0;
	t->robust_list = 0;
	signal_exec(t);
	if (copy_to_user(sp, img, MM_STACK_TOP - sp))
		task_exit_fatal(11); /* SIGSEGV: no memory for the stack */
	exec_release_vfork_parent(t);
	err = 0;
out_mm:
	if (mm)
		mm_put(mm);
out:
	/* The mappings hold their own references to the files. */
	if (loaded) {
		fput(prog->file);
		if (has_interp)
			fput(interp->file);
	}
	kfree(img);
	kfree(prog);
	kfree(interp);
	return err;
}

int kernel_execve(const char *path, const char *const *argv, const char *const *envp)
{
	struct exec_strings s = {0};
	int err = 0;

	s.buf = kmalloc(EXEC_ARG_MAX);
	if (!s.buf)
		return -ENOMEM;
	for (; argv && argv[s.argc] && !err; s.argc++)
		err = strings_add(&s, argv[s.argc], strlen(argv[s.argc]));
	for (; envp && envp[s.envc] && !err; s.envc++)
		err = strings_add(&s, envp[s.envc], strlen(envp[s.envc]));
	if (!err)
		err = exec_strings(path, &s);
	kfree(s.buf);
	return err;
}

/* Copy a user NULL-terminated array of strings into @s; returns the count or -errno. */
static int copy_user_strings(struct exec_strings *s, uaddr_t array)
{
	int count = 0;

	if (!array)
		return 0;
	for (;; count++) {
		u64 ptr;
		long len;

		if (get_user_u64(&ptr, array + (uaddr_t)count * 8))
			return -EFAULT;
		if (!ptr)
			return count;
		if (s->used >= EXEC_ARG_MAX)
			return -E2BIG;
		len = strncpy_from_user(s->buf + s->used, ptr, (long)(EXEC_ARG_MAX - s->used));
		if (len < 0)
			return (int)len;
		if ((size_t)len >= EXEC_ARG_MAX - s->used)
			return -E2BIG;
		s->used += (size_t)len + 1;
	}
}

long do_execve_user(uaddr_t upath, uaddr_t uargv, uaddr_t uenvp)
{
	struct exec_strings s = {0};
	char *path = kmalloc(PATH_MAX);
	long len;
	int n, err;

	s.buf = kmalloc(EXEC_ARG_MAX);
	if (!path || !s.buf) {
		err = -ENOMEM;
		goto out;
	}
	len = strncpy_from_user(path, upath, PATH_MAX);
	if (len < 0 || len >= PATH_MAX) {
		err = len < 0 ? (int)len : -ENAMETOOLONG;
		goto out;
	}
	if (!len) {
		err = -ENOENT;
		goto out;
	}
	n = copy_user_strings(&s, uargv);
	if (n < 0) {
		err = n;
		goto out;
	}
	s.argc = n;
	n = copy_user_strings(&s, uenvp);
	if (n < 0) {
		err = n;
		goto out;
	}
	s.envc = n;
	err = exec_strings(path, &s);
out:
	kfree(path);
	kfree(s.buf);
	return err;
}

void return_to_user(void)
{
	local_irq_disable(); /* as trap_return wants */
	__asm__ __volatile__("mv sp, %0\n\tj trap_return" : : "r"(current->tf) : "memory");
	__builtin_unreachable();
}
