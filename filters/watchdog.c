/* A CPU-time limit around parses that a library may not end in time:
 * cmark 0.30.2 and libxml2 2.9.14 both have inputs that take super-linear
 * time, and cmark abort()s when memory runs out.  Either ends here, said
 * plainly, in messages made before the parse (a signal handler may only
 * write(2)), with exit status 2 and no output. */
#define _XOPEN_SOURCE 700       /* setitimer */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "cli.h"

static char alarm_msg[512], abort_msg[512];
static size_t alarm_len, abort_len;

static void
fire(int sig)
{
	if (sig == SIGPROF) {
		if (write(2, alarm_msg, alarm_len) < 0)
			_exit(2);
	} else if (write(2, abort_msg, abort_len) < 0) {
		_exit(2);
	}
	_exit(2);
}

static size_t
message(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static size_t
message(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

void
yoy_watchdog(double seconds, const char *file, const char *what,
    const char *suspect)
{
	struct itimerval t;
	struct sigaction sa;
	struct yoy_buf name = YOY_BUF_INIT;

	yoy_diag_put_name(&name, file);     /* quoted as yoy_diag does */
	alarm_len = message(alarm_msg, sizeof(alarm_msg), "%s: %s: error: "
	    "%s took more than %.0f s of CPU time (input pathological for "
	    "%s?); no output\n", yoy_diag_prog(), name.ptr, what, seconds,
	    suspect);
	abort_len = message(abort_msg, sizeof(abort_msg), "%s: %s: error: "
	    "%s parser aborted (out of memory?); no output\n",
	    yoy_diag_prog(), name.ptr, what);
	yoy_buf_free(&name);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fire;
	sigaction(SIGPROF, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	memset(&t, 0, sizeof(t));
	t.it_value.tv_sec = (time_t)seconds;
	t.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds)
	    * 1e6);
	if (t.it_value.tv_sec == 0 && t.it_value.tv_usec == 0)
		t.it_value.tv_usec = 1;
	setitimer(ITIMER_PROF, &t, NULL);
}
