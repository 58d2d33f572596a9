/* isatty_console - the test's stdout is the serial console: isatty(1) is true and TCGETS
 * succeeds; TIOCGWINSZ succeeds and reports 0 rows and 0 columns (nobody set a size on the serial
 * line); a pipe, /dev/null and a regular file are not terminals (ENOTTY). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

int main(void)
{
	struct termios t;
	struct winsize ws = {77, 77, 77, 77};
	int p[2];

	ok(isatty(0) == 1 && isatty(1) == 1 && isatty(2) == 1, "isatty(0), (1), (2) are true");
	ok(ioctl(1, TCGETS, &t) == 0, "TCGETS on fd 1: 0");
	ok(ioctl(1, TIOCGWINSZ, &ws) == 0, "TIOCGWINSZ on fd 1: 0");
	ok(ws.ws_row == 0 && ws.ws_col == 0, "window size 0 rows x 0 columns");
	ok(pipe(p) == 0, "pipe");
	errno = 0;
	ok(isatty(p[0]) == 0 && errno == ENOTTY, "isatty(pipe) == 0, ENOTTY");
	errno = 0;
	ok(ioctl(p[1], TCGETS, &t) == -1 && errno == ENOTTY, "TCGETS on a pipe: ENOTTY");
	int fd = open("/dev/null", O_RDWR);
	errno = 0;
	ok(isatty(fd) == 0 && errno == ENOTTY, "isatty(/dev/null) == 0, ENOTTY");
	close(fd);
	fd = open("/tmp/tty_file", O_RDWR | O_CREAT, 0600);
	errno = 0;
	ok(isatty(fd) == 0 && errno == ENOTTY, "isatty(regular file) == 0, ENOTTY");
	close(fd);
	unlink("/tmp/tty_file");
	errno = 0;
	ok(isatty(999) == 0 && errno == EBADF, "isatty(closed fd) == 0, EBADF");
	return done();
}
