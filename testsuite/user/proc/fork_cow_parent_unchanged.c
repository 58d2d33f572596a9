/* fork_cow_parent_unchanged - after fork, writes by the child to heap, stack and a global are
 * invisible to the parent, writes by the parent are invisible to the child, and each side sees
 * its own writes. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define N 3000 /* ints: spans several pages */

static int global_buf[N];

static int all(const int *p, int v)
{
	for (int i = 0; i < N; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

static void fill(int *p, int v)
{
	for (int i = 0; i < N; i++)
		((volatile int *)p)[i] = v;
}

int main(void)
{
	int stack_buf[N];
	int *heap = malloc(N * sizeof(int));
	int go[2], st = -1;
	char c = 0;

	if (!heap || pipe(go) != 0)
		return 1;
	fill(global_buf, 1);
	fill(stack_buf, 2);
	fill(heap, 3);

	pid_t pid = fork();
	if (pid == 0) {
		int bad = 0;
		/* Wait until the parent has written its own copies. */
		if (read(go[0], &c, 1) != 1)
			_exit(100);
		if (!all(global_buf, 1) || !all(stack_buf, 2) || !all(heap, 3))
			bad |= 1; /* the parent's writes leaked in */
		fill(global_buf, 11);
		fill(stack_buf, 12);
		fill(heap, 13);
		if (!all(global_buf, 11) || !all(stack_buf, 12) || !all(heap, 13))
			bad |= 2; /* own writes not seen */
		_exit(bad);
	}
	ok(pid > 0, "fork");
	for (int i = N / 2; i < N; i++) /* same values again: these pages become the parent's */
		((volatile int *)global_buf)[i] = 1;
	stack_buf[0] = 22;
	heap[N - 1] = 33;
	ok(write(go[1], "g", 1) == 1, "tell the child to go");
	ok(waitpid(pid, &st, 0) == pid, "waitpid");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 1), "child does not see the parent's writes");
	ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "child sees its own writes");
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child exit status 0");
	ok(all(global_buf, 1), "parent's global unchanged");
	ok(stack_buf[0] == 22, "parent's stack kept its own write");
	stack_buf[0] = 2;
	ok(all(stack_buf, 2), "parent's stack otherwise unchanged");
	ok(heap[N - 1] == 33, "parent's heap kept its own write");
	heap[N - 1] = 3;
	ok(all(heap, 3), "parent's heap otherwise unchanged");
	free(heap);
	return done();
}
