/* Diagnostics: every message of every program goes through here, as
 *   prog: file:line:col: level: message
 * and the exit status is derived from what was said. */
#include <stdarg.h>
#include <string.h>

#include "internal.h"

static const char *prog = "yoy";
static enum yoy_level threshold = YOY_ERROR;
static enum yoy_level worst;
static unsigned long fatals;

void
yoy_diag_init(const char *name)
{
	const char *slash = strrchr(name, '/');

	prog = slash ? slash + 1 : name;
	yoy_alloc_prog(prog);
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

size_t
yoy_utf8_len(const unsigned char *s, size_t left)
{
	size_t n, i;
	unsigned long c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	return n;
}

/* Whether `s` holds a control character or a byte that is not UTF-8:
 * then it is written escaped, so that a message stays one line. */
static int
needs_escape(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;

	for (i = 0; i < len; i += n)
		if (u[i] < 0x20 || u[i] == 0x7F ||
		    (n = yoy_utf8_len(u + i, len - i)) == 0)
			return 1;
	return 0;
}

/* `s` with its control characters and stray bytes as C escapes (\n,
 * \t, \r, \xHH); in quotes, with \\ and \' too. */
static void
put_escaped(struct yoy_buf *b, const char *s, size_t len, int quoted)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		n = u[i] < 0x20 || u[i] == 0x7F ? 0 : yoy_utf8_len(u + i, len - i);
		if (n) {
			if (quoted && (u[i] == '\\' || u[i] == '\''))
				yoy_buf_putc(b, '\\');
			yoy_buf_put(b, s + i, n);
			continue;
		}
		n = 1;
		if (u[i] == '\n')
			yoy_buf_puts(b, "\\n");
		else if (u[i] == '\t')
			yoy_buf_puts(b, "\\t");
		else if (u[i] == '\r')
			yoy_buf_puts(b, "\\r");
		else
			yoy_buf_printf(b, "\\x%02X", u[i]);
	}
}

/* A file name as a message shows it: as it is, or quoted and escaped
 * ('a\nb', as GNU tools do) when it holds a newline, another control
 * character or a byte that is not UTF-8. */
void
yoy_diag_put_name(struct yoy_buf *b, const char *name)
{
	size_t len = strlen(name);

	if (!needs_escape(name, len)) {
		yoy_buf_put(b, name, len);
		return;
	}
	yoy_buf_putc(b, '\'');
	put_escaped(b, name, len, 1);
	yoy_buf_putc(b, '\'');
}

void
yoy_diag_put_text(struct yoy_buf *b, const char *s)
{
	size_t len = strlen(s);

	if (needs_escape(s, len))
		put_escaped(b, s, len, 0);
	else
		yoy_buf_put(b, s, len);
}

/* Each message is composed whole and written with one call, so messages
 * from several programs in a pipeline never interleave mid-line; what
 * it quotes of the input (names, ids) is escaped, never a second line. */
void
yoy_diag(enum yoy_level level, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	struct yoy_buf b = YOY_BUF_INIT, msg = YOY_BUF_INIT;
	va_list ap;

	if (level > worst)
		worst = level;
	if (level == YOY_FATAL)
		fatals++;
	yoy_buf_printf(&b, "%s: ", prog);
	if (file != NULL) {
		yoy_diag_put_name(&b, file);
		if (line)
			yoy_buf_printf(&b, ":%u", line);
		if (line && col)
			yoy_buf_printf(&b, ":%u", col);
		yoy_buf_puts(&b, ": ");
	}
	yoy_buf_puts(&b, level == YOY_WARNING ? "warning: " : "error: ");
	va_start(ap, fmt);
	yoy_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	yoy_diag_put_text(&b, msg.ptr ? msg.ptr : "");
	yoy_buf_putc(&b, '\n');
	fwrite(b.ptr, 1, b.len, stderr);
	yoy_buf_free(&msg);
	yoy_buf_free(&b);
}

unsigned long
yoy_diag_fatals(void)
{
	return fatals;
}

int
yoy_diag_status(void)
{
	if (worst == YOY_FATAL)
		return 2;
	return worst >= threshold ? 1 : 0;
}
