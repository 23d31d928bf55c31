/* What the JSON reports (SARIF, GitLab's Code Quality) share: strings
 * escaped as JSON wants them, and paths as CI systems name files,
 * relative to the source root; as URIs (SARIF), percent-encoded. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

void
yoy_json_string(struct yoy_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n, len = strlen(s);

	yoy_buf_putc(b, '"');
	for (i = 0; i < len; i += n) {
		unsigned char c = u[i];

		n = 1;
		if (c == '"' || c == '\\')
			yoy_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			yoy_buf_puts(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			yoy_buf_printf(b, "\\u%04x", c);
		else if ((n = yoy_utf8_len(u + i, len - i)) == 0)
			/* not UTF-8: the text \xNN, as messages write it */
			yoy_buf_printf(b, "\\\\x%02X", c), n = 1;
		else
			yoy_buf_put(b, s + i, n);
	}
	yoy_buf_putc(b, '"');
}

/* `path` made absolute and plain: no "." or ".." segments, no "//". */
static void
absolute(const char *path, struct yoy_buf *out)
{
	char cwd[4096];
	const char *p;
	struct yoy_buf in = YOY_BUF_INIT;

	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		yoy_buf_printf(&in, "%s/", cwd);
	yoy_buf_puts(&in, path);
	out->len = 0;
	yoy_buf_puts(out, "");
	for (p = in.ptr; *p; ) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (out->len && out->ptr[out->len - 1] != '/')
				out->len--;
			if (out->len)
				out->len--;
			out->ptr[out->len] = '\0';
		} else {
			yoy_buf_putc(out, '/');
			yoy_buf_put(out, p, n);
		}
		p += n;
	}
	if (out->len == 0)
		yoy_buf_putc(out, '/');
	yoy_buf_free(&in);
}

/* `path` relative to `root` in `rel`, or 0 when it is not under it. */
static int
relative(const char *path, const char *root, struct yoy_buf *rel)
{
	struct yoy_buf a = YOY_BUF_INIT, r = YOY_BUF_INIT;
	int under;

	absolute(path, &a);
	absolute(root ? root : ".", &r);
	if (strcmp(r.ptr, "/") == 0)
		r.len = 0;
	under = strncmp(a.ptr, r.ptr, r.len) == 0 && a.ptr[r.len] == '/';
	rel->len = 0;
	yoy_buf_puts(rel, under ? a.ptr + r.len + 1 : a.ptr);
	yoy_buf_free(&a);
	yoy_buf_free(&r);
	return under;
}

void
yoy_report_path(struct yoy_buf *b, const char *path, const char *root)
{
	struct yoy_buf rel = YOY_BUF_INIT;

	if (relative(path, root, &rel))
		yoy_buf_puts(b, rel.ptr);
	else
		yoy_buf_puts(b, path);
	yoy_buf_free(&rel);
}

void
yoy_json_uri(struct yoy_buf *b, const char *path, const char *root,
    int *is_relative)
{
	struct yoy_buf rel = YOY_BUF_INIT, uri = YOY_BUF_INIT;
	const unsigned char *p;

	*is_relative = relative(path, root, &rel);
	yoy_buf_puts(&uri, *is_relative ? "" : "file://");
	/* RFC 3986: unreserved characters and '/' as they are, every other
	 * byte (a space, '#', '%', one that is not UTF-8) as %XX */
	for (p = (const unsigned char *)rel.ptr; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			yoy_buf_putc(&uri, (char)*p);
		else
			yoy_buf_printf(&uri, "%%%02X", *p);
	yoy_json_string(b, uri.ptr);
	yoy_buf_free(&rel);
	yoy_buf_free(&uri);
}
