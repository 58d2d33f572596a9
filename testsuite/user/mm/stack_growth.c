/* stack_growth - recursion that uses over 1 MiB of stack (256 frames of 4 KiB or more, each
 * touched) works, and the values written in every frame are intact on the way back. */
#define _GNU_SOURCE
#include "tap.h"

#define FRAMES 300

static int deep(int n)
{
	volatile char frame[4096];

	for (int i = 0; i < (int)sizeof(frame); i += 512)
		frame[i] = (char)n;
	int below = n ? deep(n - 1) : 0;
	for (int i = 0; i < (int)sizeof(frame); i += 512)
		if (frame[i] != (char)n)
			return -1;
	return below < 0 ? -1 : below + 1;
}

int main(void)
{
	ok(deep(FRAMES) == FRAMES + 1, "%d frames of 4 KiB (1.2 MiB of stack) intact", FRAMES);
	return done();
}
