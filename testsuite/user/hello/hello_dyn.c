/* hello_dyn - hello world linked dynamically: proves the loader, libc.so and relocation. */
#include <stdio.h>
#include <string.h>

#include "tap.h"

int main(int argc, char **argv)
{
	printf("hello from a dynamic program\n");
	printf("argc=%d\n", argc);
	fflush(stdout);
	ok(argc >= 1, "argc at least 1");
	ok(argv[argc] == NULL, "argv is NULL-terminated");
	ok(strlen("dynamic") == 7, "libc call through the PLT");
	return done();
}
