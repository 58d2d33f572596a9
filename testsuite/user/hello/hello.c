/* hello - the smallest user program: proves a static toolchain and the exec path. */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argv;
	printf("hello from user space\n");
	printf("argc=%d\n", argc);
	return 0;
}
