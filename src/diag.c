/* Diagnostics: every message of every program goes through here, as
 *   prog: file:line:col: level: message
 * and the exit status is derived from what was said. */
#include <stdarg.h>
#include <string.h>

#include "yoy.h"

static const char *prog = "yoy";
static enum yoy_level threshold = YOY_ERROR;
static enum yoy_level worst;

void
yoy_diag_init(const char *name)
{
	const char *slash = strrchr(name, '/');

	prog = slash ? slash + 1 : name;
	threshold = YOY_ERROR;
	worst = 0;
}

const char *
yoy_diag_prog(void)
{
	return prog;
}

int
yoy_diag_set_threshold(const char *level)
{
	if (strcmp(level, "warning") == 0)
		threshold = YOY_WARNING;
	else if (strcmp(level, "error") == 0)
		threshold = YOY_ERROR;
	else {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown level '%s' (use "
		    "warning or error)", level);
		return -1;
	}
	return 0;
}

enum yoy_level
yoy_diag_threshold(void)
{
	return threshold;
}

const char *
yoy_diag_name(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Each message is composed whole and written with one call, so messages
 * from several programs in a pipeline never interleave mid-line. */
void
yoy_diag(enum yoy_level level, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	struct yoy_buf b = YOY_BUF_INIT;
	va_list ap;

	if (level > worst)
		worst = level;
	yoy_buf_printf(&b, "%s: ", prog);
	if (file != NULL) {
		yoy_buf_puts(&b, file);
		if (line)
			yoy_buf_printf(&b, ":%u", line);
		if (line && col)
			yoy_buf_printf(&b, ":%u", col);
		yoy_buf_puts(&b, ": ");
	}
	yoy_buf_puts(&b, level == YOY_WARNING ? "warning: " : "error: ");
	va_start(ap, fmt);
	yoy_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	yoy_buf_putc(&b, '\n');
	fwrite(b.ptr, 1, b.len, stderr);
	yoy_buf_free(&b);
}

int
yoy_diag_status(void)
{
	if (worst == YOY_FATAL)
		return 2;
	return worst >= threshold ? 1 : 0;
}
