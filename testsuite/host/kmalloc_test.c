/* Host tests of kmalloc/kzalloc/kfree (mm/kmalloc.c) over the buddy allocator. */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "types.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "htest.h"

#define MiB	   (1UL << 20)
#define ARENA_SIZE (32 * MiB)

static char *arena;

static void setup(void)
{
	frame_reset_for_test();
	free(arena);
	arena = aligned_alloc(PAGE_SIZE << FRAME_MAX_ORDER, ARENA_SIZE);
	if (!arena || frame_add_range((paddr_t)(uintptr_t)arena, ARENA_SIZE) || frame_init_done()) {
		fprintf(stderr, "setup failed\n");
		exit(2);
	}
}

static void t_every_class(void)
{
	u64 before = frame_free_count();
	size_t sizes[] = {0,   1,   8,	 15,  16,  17,	31,   32,   33,	  64,	100,
			  128, 200, 256, 300, 512, 700, 1024, 1025, 2000, 2047, 2048};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t sz = sizes[i], cls = kmalloc_size_class(sz);
		char *p = kmalloc(sz);

		CHECK_MSG(p != NULL, "kmalloc(%zu)", sz);
		if (!p)
			continue;
		CHECK_MSG(cls >= sz && cls >= 16 && cls <= 2048 && (cls & (cls - 1)) == 0 &&
				  (sz <= 16 || cls < 2 * sz),
			  "size %zu -> class %zu", sz, cls);
		CHECK_MSG(((uintptr_t)p & (cls - 1)) == 0, "kmalloc(%zu) = %p misaligned", sz,
			  (void *)p);
		CHECK(pa_to_page((paddr_t)(uintptr_t)p)->flags & PG_SLAB);
		memset(p, 0xcc, cls);
		kfree(p);
		CHECK_MSG(frame_free_count() == before, "size %zu leaked", sz);
	}
	kfree(NULL);
	CHECK(frame_free_count() == before);
}

static void t_reuse(void)
{
	u64 before = frame_free_count();
	void *a = kmalloc(100), *b = kmalloc(100), *c;

	CHECK(a && b && a != b);
	kfree(a);
	c = kmalloc(120); /* same 128-byte class: gets the freed object back */
	CHECK(c == a);
	kfree(b);
	kfree(c);
	CHECK(frame_free_count() == before);
}

static void t_fill_slabs(void)
{
	u64 before = frame_free_count();
	enum { SZ = 64, PER_PAGE = PAGE_SIZE / SZ, N = 3 * PER_PAGE + 1 };
	static char *v[N];

	for (int i = 0; i < N; i++) {
		v[i] = kmalloc(SZ);
		CHECK(v[i] != NULL);
		memset(v[i], i & 0xff, SZ);
	}
	CHECK_MSG(before - frame_free_count() == 4, "%lu frames used",
		  (unsigned long)(before - frame_free_count()));
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
			if (v[i] == v[j])
				CHECK_MSG(0, "object %d handed out twice", i);
	/* free every other object, then the rest, checking contents on the way */
	for (int pass = 0; pass < 2; pass++)
		for (int i = pass; i < N; i += 2) {
			for (int k = 0; k < SZ; k++)
				if (v[i][k] != (char)(i & 0xff)) {
					CHECK_MSG(0, "object %d byte %d corrupted", i, k);
					break;
				}
			kfree(v[i]);
		}
	CHECK(frame_free_count() == before);
}

static void t_large(void)
{
	u64 before = frame_free_count();
	size_t sizes[] = {2049, 4095, 4096, 4097, 8192, 12289, 100000, 1UL << 21, 4 * MiB};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t sz = sizes[i];
		size_t cls = kmalloc_size_class(sz);
		char *p = kmalloc(sz);

		CHECK_MSG(p != NULL, "kmalloc(%zu)", sz);
		if (!p)
			continue;
		CHECK(((uintptr_t)p & (PAGE_SIZE - 1)) == 0);
		CHECK_MSG(cls >= sz && (cls == PAGE_SIZE || cls < 2 * sz), "%zu -> %zu", sz, cls);
		CHECK(before - frame_free_count() == cls / PAGE_SIZE);
		CHECK(pa_to_page((paddr_t)(uintptr_t)p)->flags & PG_KMALLOC_LARGE);
		memset(p, 0x77, sz);
		kfree(p);
		CHECK_MSG(frame_free_count() == before, "size %zu leaked", sz);
	}
	CHECK(kmalloc(4 * MiB + 1) == NULL);
	CHECK(kmalloc((size_t)-1) == NULL);
	CHECK(frame_free_count() == before);
}

static void t_kzalloc(void)
{
	u64 before = frame_free_count();
	char *p = kmalloc(512), *q;

	memset(p, 0xff, 512);
	kfree(p);
	q = kzalloc(512);
	CHECK(q == p);
	for (int i = 0; q && i < 512; i++)
		if (q[i]) {
			CHECK_MSG(0, "byte %d not zero", i);
			break;
		}
	kfree(q);
	q = kzalloc(10000);
	for (int i = 0; q && i < 10000; i++)
		if (q[i]) {
			CHECK_MSG(0, "large byte %d not zero", i);
			break;
		}
	kfree(q);
	CHECK(frame_free_count() == before);
}

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char seed;
};

static bool pattern_ok(const struct slot *s)
{
	for (size_t i = 0; i < s->size; i++)
		if (s->p[i] != (unsigned char)(s->seed + i * 7))
			return false;
	return true;
}

static void t_random_stress(void)
{
	u64 before = frame_free_count();
	enum { SLOTS = 1024, ROUNDS = 200000 };
	static struct slot s[SLOTS];
	int bad = 0, failed_allocs = 0;

	for (int r = 0; r < ROUNDS; r++) {
		struct slot *e = &s[htest_rand() % SLOTS];

		if (e->p) {
			if (!pattern_ok(e))
				bad++;
			kfree(e->p);
			e->p = NULL;
			continue;
		}
		unsigned long x = htest_rand();
		/* mostly small objects, sometimes multi-page ones */
		e->size = (x & 15) == 0 ? 1 + (x >> 8) % 20000 : 1 + (x >> 8) % 2048;
		e->seed = (unsigned char)(x >> 40);
		e->p = kmalloc(e->size);
		if (!e->p) {
			failed_allocs++;
			continue;
		}
		for (size_t i = 0; i < e->size; i++)
			e->p[i] = (unsigned char)(e->seed + i * 7);
	}
	for (int i = 0; i < SLOTS; i++) {
		if (s[i].p && !pattern_ok(&s[i]))
			bad++;
		kfree(s[i].p);
		s[i].p = NULL;
	}
	CHECK_MSG(bad == 0, "%d objects corrupted", bad);
	CHECK_MSG(failed_allocs == 0, "%d allocations failed", failed_allocs);
	CHECK_MSG(frame_free_count() == before, "%ld frames leaked",
		  (long)(before - frame_free_count()));
}

static void t_exhaustion(void)
{
	u64 before = frame_free_count();
	size_t n = 0, cap = 2 * ARENA_SIZE / 2048;
	void **v = calloc(cap, sizeof(*v));

	while (n < cap && (v[n] = kmalloc(2048)) != NULL)
		n++;
	CHECK(n < cap);
	CHECK(frame_free_count() == 0);
	CHECK(kmalloc(16) == NULL);
	CHECK(kmalloc(5000) == NULL);
	while (n > 0)
		kfree(v[--n]);
	CHECK(frame_free_count() == before);
	free(v);
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

static void kfree_twice(void)
{
	void *a = kmalloc(64), *b = kmalloc(64), *keep = kmalloc(64);

	/* @keep holds the slab, so the second kfree(a) finds a on the free list */
	kfree(a);
	kfree(b);
	kfree(a);
	kfree(keep);
}

static void kfree_interior(void)
{
	char *a = kmalloc(64);

	kfree(a + 8);
}

static void kfree_foreign(void)
{
	static char not_ours[64];

	kfree(not_ours);
}

static void kfree_large_tail(void)
{
	char *a = kmalloc(3 * PAGE_SIZE);

	kfree(a + PAGE_SIZE);
}

static void t_misuse_panics(void)
{
	CHECK(panics(kfree_twice));
	CHECK(panics(kfree_interior));
	CHECK(panics(kfree_foreign));
	CHECK(panics(kfree_large_tail));
}

int main(void)
{
	setup();
	RUN(t_every_class);
	RUN(t_reuse);
	RUN(t_fill_slabs);
	RUN(t_large);
	RUN(t_kzalloc);
	RUN(t_random_stress);
	RUN(t_exhaustion);
	RUN(t_misuse_panics);
	frame_reset_for_test();
	free(arena);
	return htest_done();
}
