/* fuzz - clone3 with random arguments (case 195 of clone3-cases.md, bounded to 5000 calls with
 * a fixed seed, so the sequence is the same on every run). Sizes are random in 0..8192 or one
 * of the interesting ones; the pointer is NULL, a kernel address, a munmap'd hole, a struct
 * ending at a PROT_NONE guard page, or a valid buffer whose tail past 88 bytes is zero or has
 * one random non-zero byte; flags and fields are either random 64-bit values or random mixes
 * of sane values. CLONE_PARENT and the namespace flags are masked out (a sibling could not be
 * reaped here; namespaces are a documented policy difference). Every child runs exit(0) at
 * once without touching memory. Only two summary lines are printed: every error is one of
 * EINVAL, E2BIG, EFAULT, EPERM, EEXIST, EAGAIN, ENOMEM, EMFILE, EBADF, and every child (not
 * thread) was reaped with status 0 and none is left. */
#define _GNU_SOURCE
#include "clone_test.h"

#define CALLS 5000
#define NS_FLAGS                                                                                   \
	0x7e020080ULL /* NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME */

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static char buf[8192] __attribute__((aligned(4096)));
static char scratch[64] __attribute__((aligned(8)));
static char stk[16384] __attribute__((aligned(16)));
static pid_t tids[4];

static uint64_t sane_ptr(void)
{
	static const uint64_t c[] = {0, 8, 0xffffffc000000000ULL};
	unsigned k = rnd() % 4;
	return k < 3 ? c[k] : (uint64_t)scratch;
}

static void fill(struct c3_args *a)
{
	static const uint64_t sigs[] = {0, SIGCHLD, SIGUSR1, SIGUSR2, 64, 65, 0x100};
	static const uint64_t safe =
		CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE | CLONE_VFORK |
		CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
		CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID |
		CLONE_IO | X_CLONE_PIDFD | X_CLONE_CLEAR_SIGHAND | X_CLONE_INTO_CGROUP;
	uint64_t *w = (uint64_t *)a;
	if (rnd() % 4 == 0) {
		for (int i = 0; i < 11; i++)
			w[i] = rnd();
	} else {
		memset(a, 0, sizeof(*a));
		a->flags = rnd() & safe;
		if (rnd() % 8 == 0)
			a->flags |= 1ULL << (rnd() % 64);
		a->exit_signal = sigs[rnd() % 7];
		a->pidfd = sane_ptr();
		a->child_tid = sane_ptr();
		a->parent_tid = sane_ptr();
		a->tls = rnd();
		if (rnd() % 2) {
			a->stack = (uint64_t)stk;
			a->stack_size = sizeof(stk);
		} else {
			a->stack = rnd() % 3 ? 0 : rnd();
			a->stack_size = rnd() % 3 ? 0 : rnd() % 65536;
		}
		if (rnd() % 4 == 0) {
			static const int32_t v[] = {0, -1, 1, 32768, 4000};
			tids[0] = v[rnd() % 5];
			tids[1] = v[rnd() % 5];
			a->set_tid = rnd() % 4 ? (uint64_t)tids : sane_ptr();
			a->set_tid_size = rnd() % 3;
		}
		if (rnd() % 4 == 0)
			a->cgroup = rnd() % 2 ? rnd() : 0;
	}
	a->flags &= ~(NS_FLAGS | CLONE_PARENT);
}

static int allowed(long e)
{
	switch (e) {
	case EINVAL:
	case E2BIG:
	case EFAULT:
	case EPERM:
	case EEXIST:
	case EAGAIN:
	case ENOMEM:
	case EMFILE:
	case EBADF:
		return 1;
	}
	return 0;
}

int main(void)
{
	static const size_t sizes[] = {0, 63, 64, 72, 80, 88, 89, 96, 4096, 4097};
	char *guard = map_pages(2, 2), *hole = map_pages(1, 0);
	int unexpected = 0, unreaped = 0, first_bad = 0;

	quiet_signals();
	munmap(hole, 4096);
	for (int i = 0; i < CALLS; i++) {
		struct c3_args a;
		size_t size = rnd() % 2 ? sizes[rnd() % 10] : rnd() % 8193;
		void *p;
		fill(&a);
		switch (rnd() % 8) {
		case 0:
			p = NULL;
			break;
		case 1:
			p = (void *)0xffffffc000000000ULL;
			break;
		case 2:
			p = hole;
			break;
		case 3: {
			size_t n = size < 88 ? size : 88;
			p = guard + 4096 - (n ? n : 1);
			memcpy(p, &a, n);
			break;
		}
		default:
			memset(buf, 0, sizeof(buf));
			memcpy(buf, &a, sizeof(a));
			if (size > 88 && rnd() % 4 == 0)
				buf[88 + rnd() % (size - 88)] = (char)(1 + rnd() % 255);
			p = buf;
		}
		uint64_t flags = *(volatile uint64_t *)&a.flags;
		long r = c3_quick(p, size, 0);
		if (r < 0) {
			if (!allowed(-r) && unexpected++ == 0)
				first_bad = (int)-r;
			continue;
		}
		/* Success: the struct used was a valid one; close a pidfd written to scratch. */
		if (p == buf || p == guard + 4096 - 88) {
			struct c3_args *u = p;
			if ((u->flags & X_CLONE_PIDFD) && u->pidfd == (uint64_t)scratch)
				close(*(int *)scratch);
			flags = u->flags;
		}
		if (!(flags & CLONE_THREAD) && reap(r) != 0)
			unreaped++;
	}
	if (unexpected)
		diag("unexpected errno %d", first_bad);
	ok(unexpected == 0, "195 no unexpected errno");
	ok(unreaped == 0 && no_child(), "195 every child reaped");
	return done();
}
