/* pipe_basic - pipe2 gives two fds (O_CLOEXEC sets FD_CLOEXEC on both); bytes written come out
 * in order, a read returns what is there (not more); after the writer closes, read returns 0
 * (EOF); an empty pipe with O_NONBLOCK reads EAGAIN; bad flags are EINVAL; the ends are
 * one-way (EBADF the wrong way). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	char buf[64];
	int p[2];

	ok(pipe2(p, O_CLOEXEC) == 0, "pipe2(O_CLOEXEC)");
	ok(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC,
	   "both ends have FD_CLOEXEC");
	ok(fcntl(p[0], F_GETFL) == O_RDONLY && fcntl(p[1], F_GETFL) == O_WRONLY,
	   "read end O_RDONLY, write end O_WRONLY");
	ok(write(p[1], "first ", 6) == 6 && write(p[1], "second", 6) == 6, "two writes");
	ok(read(p[0], buf, 4) == 4 && memcmp(buf, "firs", 4) == 0, "read 4: \"firs\"");
	ok(read(p[0], buf, sizeof(buf)) == 8 && memcmp(buf, "t second", 8) == 0,
	   "read the rest: 8 bytes \"t second\"");
	errno = 0;
	ok(read(p[1], buf, 1) == -1 && errno == EBADF, "read from the write end: EBADF");
	errno = 0;
	ok(write(p[0], "x", 1) == -1 && errno == EBADF, "write to the read end: EBADF");
	ok(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0, "set O_NONBLOCK on the read end");
	errno = 0;
	ok(read(p[0], buf, 1) == -1 && errno == EAGAIN, "empty pipe, O_NONBLOCK: EAGAIN");
	ok(write(p[1], "z", 1) == 1 && close(p[1]) == 0, "write one byte, close the writer");
	ok(read(p[0], buf, sizeof(buf)) == 1 && buf[0] == 'z', "the byte is still readable");
	ok(read(p[0], buf, sizeof(buf)) == 0, "then EOF: 0");
	ok(read(p[0], buf, sizeof(buf)) == 0, "and EOF again");
	close(p[0]);
	ok(pipe2(p, 0) == 0 && fcntl(p[0], F_GETFD) == 0, "pipe2(0): no FD_CLOEXEC");
	errno = 0;
	int q[2];
	ok(pipe2(q, 0x1) == -1 && errno == EINVAL, "pipe2 with a bad flag: EINVAL");
	ok(write(p[1], "abc", 3) == 3 && close(p[1]) == 0, "write then close the writer at once");
	ok(read(p[0], buf, sizeof(buf)) == 3 && read(p[0], buf, sizeof(buf)) == 0,
	   "data, then EOF");
	return done();
}
