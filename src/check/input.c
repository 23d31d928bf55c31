/* The check's inputs: each read in its own format with the converters'
 * readers, and the source its findings point at found: the input itself,
 * or for canonical XML made with --sourcepos the file its meta/source
 * names, looked for beside the XML and then in the current directory. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* Reads `path` into `b` and its document in `*fmt`; NULL after a
 * diagnostic.  A source's reader takes a copy: `b` stays the source's
 * text, for placing findings in it. */
static struct yoy_doc *
read_any(const char *path, const struct yoy_check_opts *o, struct yoy_buf *b,
    enum yoy_input_format *fmt)
{
	char *copy;

	if (yoy_buf_read_file(b, path) < 0)
		return NULL;
	*fmt = o->from ? o->from : yoy_input_format_detect(b->ptr ? b->ptr : "",
	    b->len, path);
	switch (*fmt) {
	case YOY_INPUT_UNKNOWN:
		yoy_diag(YOY_FATAL, path, 0, 0, "cannot tell whether this is "
		    "GOV.UK HTML, markdown, text or canonical XML; name its "
		    "format with --from");
		return NULL;
	case YOY_INPUT_XML:
		return yoy_xml_read(b->ptr ? b->ptr : "", b->len, path);
	default:
		copy = yoy_malloc(b->len + 1);
		memcpy(copy, b->ptr ? b->ptr : "", b->len);
		copy[b->len] = '\0';
		return yoy_source_read(*fmt, copy, b->len, path, &o->source);
	}
}

struct yoy_doc *
yoy_check_read(const char *path, const struct yoy_check_opts *o)
{
	struct yoy_buf b = YOY_BUF_INIT;
	enum yoy_input_format fmt;
	struct yoy_doc *d;

	if (path && strcmp(path, "-") == 0)
		path = NULL;
	d = read_any(path, o, &b, &fmt);
	yoy_buf_free(&b);
	return d;
}

/* meta/source of a document that carries source lines: its name and
 * format, or 0. */
static int
source_named(const struct yoy_doc *d, const char **name,
    enum yoy_input_format *fmt)
{
	const struct yoy_node *n, *body = yoy_doc_body(d);
	const char *f;

	for (n = yoy_doc_root(d)->first; n; n = n->next)
		if (n->type == YOY_META)
			break;
	for (n = n ? n->first : NULL; n; n = n->next)
		if (n->type == YOY_SOURCE)
			break;
	if (n == NULL || (*name = yoy_node_get(n, "name")) == NULL ||
	    **name == '\0')
		return 0;
	f = yoy_node_get(n, "format");
	*fmt = f && yoy_input_format_from_name(f) > 0 ?
	    (enum yoy_input_format)yoy_input_format_from_name(f) : YOY_INPUT_UNKNOWN;
	for (n = body; n; n = yoy_node_walk(body, n))
		if (n->line)
			return 1;
	return 0;
}

/* Whether `path` is a regular file: a name from a document never opens
 * a directory, a device or a pipe. */
static int
regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The source of XML input `path`: beside it, else here; its name in
 * `at` (the bare name when neither has it) and its text in `src`. */
static void
find_source(const char *path, const char *name, struct yoy_buf *at,
    struct yoy_buf *src)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	at->len = 0;
	if (slash)
		yoy_buf_printf(at, "%.*s/%s", (int)(slash - path), path, name);
	if (at->len == 0 || !regular(at->ptr)) {
		at->len = 0;
		yoy_buf_puts(at, name);
	}
	/* meta/source holds a last path component: nothing else is read */
	if (strchr(name, '/') == NULL && regular(at->ptr) &&
	    yoy_buf_read_file(src, at->ptr) < 0)
		yoy_buf_free(src);      /* said; placed by line alone */
}

int
yoy_check_file(struct yoy_findings *f, const char *path,
    const struct yoy_check_opts *o)
{
	struct yoy_buf b = YOY_BUF_INIT, xml = YOY_BUF_INIT, at = YOY_BUF_INIT,
	    src = YOY_BUF_INIT;
	struct yoy_check_input in;
	struct yoy_locator *loc = NULL;
	enum yoy_input_format fmt, srcfmt;
	struct yoy_doc *d;
	const char *name;

	if (path && strcmp(path, "-") == 0)
		path = NULL;
	memset(&in, 0, sizeof(in));
	f->inputs = yoy_realloc(f->inputs, (f->ninputs + 1) *
	    sizeof(*f->inputs));
	name = yoy_diag_name(path);
	f->inputs[f->ninputs] = yoy_strndup(name, strlen(name));
	in.file = f->inputs[f->ninputs];
	in.fileno = (int)f->ninputs++;
	if ((d = read_any(path, o, &b, &fmt)) == NULL) {
		yoy_buf_free(&b);
		return -1;
	}
	if (fmt == YOY_INPUT_XML) {
		in.xml = 1, in.buf = b.ptr ? b.ptr : "", in.len = b.len;
		in.xml_lines = 1;
		if (!o->locate_xml && source_named(d, &name, &srcfmt)) {
			find_source(path, name, &at, &src);
			in.at = at.ptr, in.xml_lines = 0;
			if (src.ptr)
				loc = yoy_locator_new(src.ptr, src.len, srcfmt);
		}
	} else if (yoy_content_is_item(b.ptr ? b.ptr : "", b.len)) {
		/* a Content API item: its body's lines are not the file's */
		in.xml_lines = 1;
	} else {
		loc = yoy_locator_new(b.ptr ? b.ptr : "", b.len, fmt);
		if ((o->rules & (1u << YOY_RULE_SCHEMA)) &&
		    yoy_xml_write_buf(d, &xml, NULL) == 0)
			in.buf = xml.ptr, in.len = xml.len;
	}
	in.loc = loc;
	yoy_check_doc(f, &in, d, o);
	yoy_locator_free(loc);
	yoy_doc_free(d);
	yoy_buf_free(&b);
	yoy_buf_free(&xml);
	yoy_buf_free(&at);
	yoy_buf_free(&src);
	return 0;
}
