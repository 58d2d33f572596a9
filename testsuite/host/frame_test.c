/*
 * Host tests of the buddy frame allocator (mm/frame.c). "Physical" addresses are host pointers
 * (PAGE_OFFSET is 0 in host builds), handed in as an aligned_alloc()'d arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "types.h"
#include "errno.h"
#include "mm/frame.h"
#include "htest.h"

#define MiB	    (1UL << 20)
#define ARENA_ALIGN (PAGE_SIZE << FRAME_MAX_ORDER)

static char *arena;

/* Fresh allocator over one arena range [off, off + size) of a new @arena_size arena. */
static char *setup(size_t arena_size)
{
	frame_reset_for_test();
	free(arena);
	arena = aligned_alloc(ARENA_ALIGN, arena_size);
	if (!arena) {
		perror("aligned_alloc");
		exit(2);
	}
	return arena;
}

static paddr_t pa_of(const char *p)
{
	return (paddr_t)(uintptr_t)p;
}

static u64 array_pages_for(u64 span_pages)
{
	return (span_pages * sizeof(struct page) + PAGE_SIZE - 1) / PAGE_SIZE;
}

static void t_init_single_range(void)
{
	char *a = setup(16 * MiB);
	u64 span = 16 * MiB / PAGE_SIZE;

	CHECK(frame_alloc(0) == 0); /* nothing before init */
	CHECK(frame_add_range(pa_of(a), 16 * MiB) == 0);
	CHECK(frame_init_done() == 0);
	CHECK_MSG(frame_total_count() == span - array_pages_for(span), "total %lu",
		  (unsigned long)frame_total_count());
	CHECK(frame_free_count() == frame_total_count());
	CHECK(pa_to_page(pa_of(a)) && (pa_to_page(pa_of(a))->flags & PG_RESERVED));
	CHECK(pa_to_page(pa_of(a) + 16 * MiB) == NULL);
	CHECK(pa_to_page(pa_of(a) - 1) == NULL);
	CHECK(page_to_pa(pa_to_page(pa_of(a) + 5 * PAGE_SIZE + 7)) == pa_of(a) + 5 * PAGE_SIZE);
	CHECK(frame_init_done() == -EBUSY);
	CHECK(frame_add_range(pa_of(a), PAGE_SIZE) == -EBUSY);
	/* 4 MiB-aligned arena of 16 MiB: the three upper 4 MiB blocks are whole */
	CHECK(frame_free_blocks(FRAME_MAX_ORDER) == 3);
}

/* Shuffle @v[0..n) with the test PRNG. */
static void shuffle(paddr_t *v, u64 n)
{
	for (u64 i = n; i > 1; i--) {
		u64 j = htest_rand() % i;
		paddr_t t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}

static void t_alloc_all_free_all(void)
{
	char *a = setup(16 * MiB);
	u64 total, n = 0, max_blocks;
	paddr_t *v;

	frame_add_range(pa_of(a), 16 * MiB);
	CHECK(frame_init_done() == 0);
	total = frame_total_count();
	max_blocks = frame_free_blocks(FRAME_MAX_ORDER);
	v = calloc(total + 1, sizeof(*v));
	for (;;) {
		paddr_t pa = frame_alloc(0);

		if (!pa)
			break;
		CHECK(n < total);
		if (n >= total)
			break;
		CHECK(IS_ALIGNED(pa, PAGE_SIZE));
		CHECK(pa >= pa_of(a) && pa < pa_of(a) + 16 * MiB);
		CHECK(!(pa_to_page(pa)->flags & (PG_RESERVED | PG_BUDDY)));
		CHECK(page_refcount(pa_to_page(pa)) == 1);
		memset((void *)(uintptr_t)pa, (int)(n & 0xff), PAGE_SIZE);
		*(u64 *)(uintptr_t)pa = pa;
		v[n++] = pa;
	}
	CHECK_MSG(n == total, "allocated %lu of %lu", (unsigned long)n, (unsigned long)total);
	CHECK(frame_free_count() == 0);
	CHECK(frame_alloc(0) == 0);
	shuffle(v, n);
	for (u64 i = 0; i < n; i++) {
		CHECK_MSG(*(u64 *)(uintptr_t)v[i] == v[i], "page %lx overwritten",
			  (unsigned long)v[i]);
		frame_free(v[i], 0);
	}
	CHECK(frame_free_count() == total);
	CHECK_MSG(frame_free_blocks(FRAME_MAX_ORDER) == max_blocks, "%lu max blocks, want %lu",
		  (unsigned long)frame_free_blocks(FRAME_MAX_ORDER), (unsigned long)max_blocks);
	free(v);
}

static void t_split_merge(void)
{
	char *a = setup(8 * MiB);
	u64 before[FRAME_MAX_ORDER + 1];
	paddr_t pa, pb;

	/* a range holding exactly one 4 MiB block plus the struct page array */
	frame_add_range(pa_of(a), 8 * MiB);
	CHECK(frame_init_done() == 0);
	for (int o = 0; o <= FRAME_MAX_ORDER; o++)
		before[o] = frame_free_blocks(o);
	CHECK(before[FRAME_MAX_ORDER] == 1);

	/* use up the small blocks below the array so the next page splits the 4 MiB block */
	paddr_t small[FRAME_MAX_ORDER + 1];
	int nsmall = 0;
	for (int o = 0; o < FRAME_MAX_ORDER; o++)
		for (u64 k = 0; k < before[o]; k++)
			small[nsmall++] = frame_alloc((unsigned int)o);
	CHECK(frame_free_blocks(FRAME_MAX_ORDER) == 1);
	CHECK(frame_free_count() == PAGE_SIZE << FRAME_MAX_ORDER >> PAGE_SHIFT);

	pa = frame_alloc(0);
	CHECK(pa == pa_of(a) + 4 * MiB); /* lowest page of the split block */
	CHECK(frame_free_blocks(FRAME_MAX_ORDER) == 0);
	for (int o = 0; o < FRAME_MAX_ORDER; o++)
		CHECK_MSG(frame_free_blocks(o) == 1, "order %d: %lu blocks", o,
			  (unsigned long)frame_free_blocks(o));
	pb = frame_alloc(0);
	CHECK(pb == pa + PAGE_SIZE); /* its buddy */
	frame_free(pa, 0);
	CHECK(frame_free_blocks(FRAME_MAX_ORDER) == 0);
	frame_free(pb, 0);
	CHECK(frame_free_blocks(FRAME_MAX_ORDER) == 1);
	for (int i = 0; i < nsmall; i++)
		frame_free(small[i], pa_to_page(small[i])->order);
	for (int o = 0; o <= FRAME_MAX_ORDER; o++)
		CHECK(frame_free_blocks(o) == before[o]);
}

static void t_order_alignment(void)
{
	char *a = setup(32 * MiB);
	u64 total;

	frame_add_range(pa_of(a) + 3 * PAGE_SIZE, 32 * MiB - 3 * PAGE_SIZE);
	CHECK(frame_init_done() == 0);
	total = frame_free_count();
	for (unsigned int o = 0; o <= FRAME_MAX_ORDER; o++) {
		paddr_t pa = frame_alloc(o);

		CHECK_MSG(pa != 0, "order %u failed", o);
		if (!pa)
			continue;
		CHECK_MSG(IS_ALIGNED(pa, PAGE_SIZE << o), "order %u at %lx", o, (unsigned long)pa);
		CHECK(pa_to_page(pa)->order == o);
		CHECK(frame_free_count() == total - (1UL << o));
		memset((void *)(uintptr_t)pa, 0xa5, PAGE_SIZE << o);
		frame_free(pa, o);
		CHECK(frame_free_count() == total);
	}
	CHECK(frame_alloc(FRAME_MAX_ORDER + 1) == 0);
	paddr_t z = frame_alloc(2);
	memset((void *)(uintptr_t)z, 0xff, 4 * PAGE_SIZE);
	frame_free(z, 2);
	z = frame_alloc_zeroed(2);
	CHECK(z != 0);
	for (u64 i = 0; z && i < 4 * PAGE_SIZE; i++)
		if (((char *)(uintptr_t)z)[i] != 0) {
			CHECK_MSG(0, "byte %lu of a zeroed block is not 0", (unsigned long)i);
			break;
		}
	frame_free(z, 2);
	CHECK(frame_free_count() == total);
}

static void t_refcount(void)
{
	char *a = setup(8 * MiB);
	u64 total;
	paddr_t pa;
	struct page *pg;

	frame_add_range(pa_of(a), 8 * MiB);
	frame_init_done();
	total = frame_free_count();
	pa = frame_alloc(0);
	pg = pa_to_page(pa);
	CHECK(page_refcount(pg) == 1);
	page_get(pg);
	page_get(pg);
	CHECK(page_refcount(pg) == 3);
	page_put(pg);
	page_put(pg);
	CHECK(page_refcount(pg) == 1);
	CHECK(frame_free_count() == total - 1);
	page_put(pg);
	CHECK(page_refcount(pg) == 0);
	CHECK(frame_free_count() == total);

	/* the last put frees a whole block with the order it was allocated with */
	pa = frame_alloc(3);
	pg = pa_to_page(pa);
	page_get(pg);
	page_put(pg);
	CHECK(frame_free_count() == total - 8);
	page_put(pg);
	CHECK(frame_free_count() == total);
}

static void t_exhaustion(void)
{
	char *a = setup(16 * MiB);
	u64 total, got = 0, n = 0;
	static paddr_t v[8192];
	static unsigned int ord[8192];

	frame_add_range(pa_of(a), 16 * MiB);
	frame_init_done();
	total = frame_free_count();
	for (int o = FRAME_MAX_ORDER; o >= 0; o--) {
		paddr_t pa;

		while ((pa = frame_alloc((unsigned int)o)) != 0) {
			v[n] = pa;
			ord[n++] = (unsigned int)o;
			got += 1UL << o;
		}
	}
	CHECK(got == total);
	CHECK(frame_free_count() == 0);
	CHECK(frame_alloc(0) == 0);
	CHECK(frame_alloc(FRAME_MAX_ORDER) == 0);
	CHECK(frame_alloc_zeroed(0) == 0);
	for (u64 i = 0; i < n; i++)
		frame_free(v[i], ord[i]);
	CHECK(frame_free_count() == total);
	CHECK(frame_alloc(FRAME_MAX_ORDER) != 0);
}

/* Pages in [start, end) of bytes that lie wholly inside it. */
static u64 whole_pages(paddr_t start, paddr_t end)
{
	return (end & PAGE_MASK) > ALIGN_UP(start, PAGE_SIZE)
		       ? ((end & PAGE_MASK) - ALIGN_UP(start, PAGE_SIZE)) / PAGE_SIZE
		       : 0;
}

static void t_multiple_ranges(void)
{
	char *a = setup(32 * MiB);
	paddr_t b = pa_of(a);
	/* three disjoint ranges with unaligned edges, added out of order; the lowest is too
	 * small for the struct page array, so it must come from the middle one */
	paddr_t r[3][2] = {
		{b + 0x100 + PAGE_SIZE, b + 3 * PAGE_SIZE + 0x10},
		{b + 1 * MiB + 0x1801, b + 9 * MiB + 5},
		{b + 20 * MiB + 123, b + 29 * MiB - 77},
	};
	u64 expect = 0, span, n = 0;
	paddr_t pa;
	static paddr_t v[8192];

	CHECK(frame_add_range(r[2][0], r[2][1] - r[2][0]) == 0);
	CHECK(frame_add_range(r[0][0], r[0][1] - r[0][0]) == 0);
	CHECK(frame_add_range(r[1][0], r[1][1] - r[1][0]) == 0);
	CHECK(frame_add_range(b + 8 * MiB, 2 * MiB) == -EINVAL); /* overlaps r[1] */
	CHECK(frame_add_range(b + 10 * MiB + 5, 100) == 0);	 /* no whole page: ignored */
	CHECK(frame_add_range(~0UL - 10, 100) == -EINVAL);	 /* wraps */
	CHECK(frame_init_done() == 0);
	for (int i = 0; i < 3; i++)
		expect += whole_pages(r[i][0], r[i][1]);
	span = ((r[2][1] & PAGE_MASK) - ALIGN_UP(r[0][0], PAGE_SIZE)) / PAGE_SIZE;
	expect -= array_pages_for(span);
	CHECK_MSG(frame_total_count() == expect, "total %lu, want %lu",
		  (unsigned long)frame_total_count(), (unsigned long)expect);
	/* the array sits at the start of r[1] */
	CHECK(pa_to_page(ALIGN_UP(r[1][0], PAGE_SIZE))->flags & PG_RESERVED);
	CHECK(!(pa_to_page(ALIGN_UP(r[0][0], PAGE_SIZE))->flags & PG_RESERVED));
	CHECK(pa_to_page(b + 15 * MiB)->flags & PG_RESERVED); /* hole */

	while ((pa = frame_alloc(0)) != 0 && n < 8192) {
		bool inside = false;

		for (int i = 0; i < 3; i++)
			if (pa >= r[i][0] && pa + PAGE_SIZE <= r[i][1])
				inside = true;
		CHECK_MSG(inside, "frame %lx outside every range", (unsigned long)(pa - b));
		CHECK(pa >= ALIGN_UP(r[1][0], PAGE_SIZE) + array_pages_for(span) * PAGE_SIZE ||
		      pa < r[1][0]);
		memset((void *)(uintptr_t)pa, 0x5a, PAGE_SIZE);
		v[n++] = pa;
	}
	CHECK(n == expect);
	for (u64 i = 0; i < n; i++)
		frame_free(v[i], 0);
	CHECK(frame_free_count() == expect);
	/* blocks of every order stay inside one range */
	for (unsigned int o = 1; o <= 9; o++) {
		pa = frame_alloc(o);
		CHECK_MSG(pa != 0, "order %u", o);
		if (pa)
			CHECK((pa >= r[1][0] && pa + (PAGE_SIZE << o) <= r[1][1]) ||
			      (pa >= r[2][0] && pa + (PAGE_SIZE << o) <= r[2][1]));
		if (pa)
			frame_free(pa, o);
	}
	CHECK(frame_free_count() == expect);
}

/* True if @fn, run in a child process, dies by abort() (a kernel panic in host builds). */
static bool panics(void (*fn)(void))
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)!freopen("/dev/null", "w", stderr);
		fn();
		_exit(0);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	       WTERMSIG(status) == SIGABRT;
}

static void double_free(void)
{
	paddr_t pa = frame_alloc(0);

	frame_free(pa, 0);
	frame_free(pa, 0);
}

static void wrong_order(void)
{
	frame_free(frame_alloc(1), 0);
}

static void shared_frame_free(void)
{
	paddr_t pa = frame_alloc(0);

	page_get(pa_to_page(pa));
	frame_free(pa, 0);
}

static void get_free_page(void)
{
	paddr_t pa = frame_alloc(0);

	frame_free(pa, 0);
	page_get(pa_to_page(pa));
}

static void t_misuse_panics(void)
{
	setup(8 * MiB);
	frame_add_range(pa_of(arena), 8 * MiB);
	frame_init_done();
	CHECK(panics(double_free));
	CHECK(panics(wrong_order));
	CHECK(panics(shared_frame_free));
	CHECK(panics(get_free_page));
}

static void t_init_errors(void)
{
	char *a = setup(4 * MiB);

	CHECK(frame_init_done() == -EINVAL);
	/* one page cannot hold the array for a span of 1000 pages plus itself */
	CHECK(frame_add_range(pa_of(a), PAGE_SIZE) == 0);
	CHECK(frame_add_range(pa_of(a) + 999 * PAGE_SIZE, PAGE_SIZE) == 0);
	CHECK(frame_init_done() == -ENOMEM);
	frame_reset_for_test();
	for (int i = 0; i < FRAME_MAX_RANGES; i++)
		CHECK(frame_add_range(pa_of(a) + (u64)i * 2 * PAGE_SIZE, PAGE_SIZE) == 0);
	CHECK(frame_add_range(pa_of(a) + 3 * MiB, PAGE_SIZE) == -ENOSPC);
	CHECK(frame_add_range(0, 0) == 0);
}

int main(void)
{
	RUN(t_init_single_range);
	RUN(t_alloc_all_free_all);
	RUN(t_split_merge);
	RUN(t_order_alignment);
	RUN(t_refcount);
	RUN(t_exhaustion);
	RUN(t_multiple_ranges);
	RUN(t_misuse_panics);
	RUN(t_init_errors);
	frame_reset_for_test();
	free(arena);
	return htest_done();
}
