/* The canonical XML writer: one block element a line, two spaces of
 * indent a level, inline content on one line, attributes in schema order.
 *
 * It writes through libxml2's output buffer with libxml2's own escaping,
 * as libxml2's serializer does: text through xmlOutputBufferWriteEscape
 * (< > & and CR escaped; quotes stay as they are), attribute values
 * through xmlAttrSerializeTxtContent.  xmlTextWriter gave the same markup
 * for three times the work (210 M instructions against 72 M for yoy-txt's
 * 10 MB bench input), with a UTF-8 to UTF-8 re-encoding pass. */
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlversion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *
yoy_libxml2_version(void)
{
	return LIBXML_DOTTED_VERSION;
}

/* libxml2's messages, where no reader has its own handler: in yoy's
 * format.  An output error is the writer's to say ("write error", with
 * errno), not libxml2's unprefixed "I/O error : No space left". */
static void
libxml2_error(void *ctx, xmlErrorPtr e)
{
	size_t n;

	(void)ctx;
	if (e == NULL || e->domain == XML_FROM_IO || e->domain == XML_FROM_OUTPUT ||
	    e->level == XML_ERR_NONE)
		return;
	n = e->message ? strcspn(e->message, "\n") : 0;
	yoy_diag(e->level == XML_ERR_WARNING ? YOY_WARNING : YOY_FATAL,
	    e->file, e->file ? (unsigned)e->line : 0, 0, "libxml2: %.*s",
	    (int)n, e->message ? e->message : "");
}

/* Old-style messages (xmlGenericError) come in pieces; none is ours to
 * print: every libxml2 call that fails is reported by its caller. */
static void
libxml2_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx, (void)fmt;
}

void
yoy_xml_errors_default(void)
{
	xmlSetStructuredErrorFunc(NULL, libxml2_error);
	xmlSetGenericErrorFunc(NULL, libxml2_generic);
}

void
yoy_xml_errors_init(void)
{
	xmlInitParser();
	yoy_xml_errors_default();
}

struct writer {
	xmlOutputBufferPtr out;
	xmlBufferPtr value;     /* one attribute value, escaped */
	xmlDocPtr doc;          /* says the output is UTF-8: values stay so */
	const struct yoy_write_opts *o;
	const struct yoy_xml_part *part;    /* a body written in part */
	int error;
	size_t n;               /* bytes staged */
	char stage[8192];       /* tags and indents, gathered: libxml2's
				 * buffer costs 70 instructions a call */
};

static void
flush(struct writer *w)
{
	if (w->n && xmlOutputBufferWrite(w->out, (int)w->n, w->stage) < 0)
		w->error = 1;
	w->n = 0;
}

static void
put(struct writer *w, const char *s, size_t n)
{
	if (w->n + n > sizeof(w->stage) || n > sizeof(w->stage) / 2)
		flush(w);       /* what is staged goes first, always */
	if (n > sizeof(w->stage) / 2) {
		if (xmlOutputBufferWrite(w->out, (int)n, s) < 0)
			w->error = 1;
		return;
	}
	memcpy(w->stage + w->n, s, n);
	w->n += n;
}

static void
puts_(struct writer *w, const char *s)
{
	put(w, s, strlen(s));
}

#ifdef YOY_CHECK_OUTPUT
/* Sanitizer and fuzz builds: what reaches the writer is what XML can
 * hold, in UTF-8.  The readers see to it; a failure here is theirs. */
static void
assert_chars(const char *s, size_t len, const char *what)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *why;
	size_t i;

	if (yoy_pattern_utf8_error(s, len, &why) >= 0) {
		fprintf(stderr, "yoy: writer: %s is not UTF-8: %s\n", what, why);
		abort();
	}
	for (i = 0; i < len; i++)
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
		    u[i] != '\r') || (u[i] == 0xEF && i + 2 < len &&
		    u[i + 1] == 0xBF && u[i + 2] >= 0xBE)) {
			fprintf(stderr, "yoy: writer: %s holds a character XML "
			    "cannot (byte 0x%02X at %zu)\n", what, u[i], i);
			abort();
		}
}
#define CHECK_CHARS(s, len, what) assert_chars(s, len, what)
#else
#define CHECK_CHARS(s, len, what) ((void)0)
#endif

/* Text with nothing to escape goes out as it is (most text: libxml2's
 * escaping loop costs 15 instructions a byte), the rest through it. */
static void
text(struct writer *w, const struct yoy_node *n)
{
	CHECK_CHARS(n->text, n->len, "text");
	if (strcspn(n->text, "<>&\r") == n->len) {
		put(w, n->text, n->len);
		return;
	}
	flush(w);
	if (xmlOutputBufferWriteEscape(w->out, BAD_CAST n->text, NULL) < 0)
		w->error = 1;
}

/* A value with nothing to escape goes out as it is (most: ids, names,
 * years; libxml2's serializer costs 900 instructions a value), the rest
 * through it. */
static void
attribute(struct writer *w, const char *name, const char *value)
{
	size_t n = strcspn(value, "<>&\"\r\n\t");

	CHECK_CHARS(value, strlen(value), name);
	put(w, " ", 1);
	puts_(w, name);
	put(w, "=\"", 2);
	if (value[n] == '\0') {
		put(w, value, n);
		put(w, "\"", 1);
		return;
	}
	xmlBufferEmpty(w->value);
	xmlAttrSerializeTxtContent(w->value, w->doc, NULL, BAD_CAST value);
	put(w, (const char *)xmlBufferContent(w->value),
	    (size_t)xmlBufferLength(w->value));
	put(w, "\"", 1);
}

static const char spaces[] = "\n                                        ";

static void
indent(struct writer *w, int depth)
{
	size_t max = sizeof(spaces) - 2, n = 2 * (size_t)depth;

	put(w, spaces, 1 + (n < max ? n : max));
	for (n = n > max ? n - max : 0; n > 0; n -= n < max ? n : max)
		put(w, spaces + 1, n < max ? n : max);
}

/* "<name attr...", left open for ">" or "/>": open when `open` or when
 * `n` has children */
static void
start(struct writer *w, const struct yoy_node *n, int open)
{
	char line[16];
	int i;

	put(w, "<", 1);
	puts_(w, yoy_type_name(n->type));
	for (i = 0; i < YOY_NATTR; i++) {
		const char *name = yoy_type_attr(n->type, i);

		if (name == NULL)
			break;
		if (n->attr[i])
			attribute(w, name, n->attr[i]);
	}
	if (w->o && w->o->sourcepos && n->line && yoy_node_is_block(n) &&
	    n->parent && n->parent->type != YOY_META &&
	    n->parent->type != YOY_REPORT) {
		snprintf(line, sizeof(line), "%u", n->line);
		attribute(w, "line", line);
	}
	if (n->first == NULL && !open)
		put(w, "/>", 2);
	else
		put(w, ">", 1);
}

static void
close_tag(struct writer *w, const struct yoy_node *n)
{
	put(w, "</", 2);
	puts_(w, yoy_type_name(n->type));
	put(w, ">", 1);
}

int
yoy_xml_part_opened(const struct yoy_xml_part *part, const struct yoy_node *n)
{
	size_t i;

	for (i = 0; part && i < part->nopen; i++)
		if (part->open[i] == n)
			return 1;
	return 0;
}

/* Whether `n`'s start tag is in the part written already. */
static int
opened(const struct writer *w, const struct yoy_node *n)
{
	return yoy_xml_part_opened(w->part, n);
}

static void
end(struct writer *w, const struct yoy_node *n)
{
	if (n->first || opened(w, n))
		close_tag(w, n);    /* else closed by start */
}

/* Writes inline content of `root` (an inline node) on one line. */
static void
write_inline(struct writer *w, const struct yoy_node *root)
{
	const struct yoy_node *n;
	int entering = 1;

	for (n = root; n; n = yoy_node_next(root, n, &entering)) {
		if (!entering)
			end(w, n);      /* nothing for text or an empty element */
		else if (n->type == YOY_TEXT)
			text(w, n);
		else
			start(w, n, 0);
	}
}

/* The body's first part, written already (xml/stream.c), as it is. */
static void
put_part(struct writer *w, const struct yoy_buf *b)
{
	size_t at, n;

	flush(w);
	for (at = 0; at < b->len; at += n) {
		n = b->len - at < (1u << 30) ? b->len - at : (1u << 30);
		if (xmlOutputBufferWrite(w->out, (int)n, b->ptr + at) < 0)
			w->error = 1;
	}
}

/* Writes `top`, at `depth`, and all it holds: a block on a line of its
 * own, an element holding only inline content on one line.  `doc` is
 * the document when `top` is its root, else may be NULL. */
static void
write_tree(struct writer *w, const struct yoy_doc *doc,
    const struct yoy_node *top, int depth)
{
	const struct yoy_node *n = top, *c;

	for (;;) {
		int out = opened(w, n); /* its start tag is out already */

		if (!out) {
			/* enter n: a block on a line of its own, or one
			 * holding blocks */
			if (doc == NULL || n != doc->root)
				indent(w, depth);
			if (!yoy_node_is_block(n)) {
				/* inline among blocks (no reader makes it) */
				write_inline(w, n);
			} else if (doc && n == doc->body && w->part &&
			    w->part->bytes->len) {
				start(w, n, 1);
				put_part(w, w->part->bytes);
				out = 1;
			} else if (start(w, n, 0), n->first == NULL) {
				;       /* empty: written whole */
			} else if (!yoy_node_holds_block(n)) {
				for (c = n->first; c; c = c->next)
					write_inline(w, c);
				end(w, n);
			} else {
				n = n->first;
				depth++;
				continue;
			}
		}
		if (out && n->first) {  /* what is left of it */
			n = n->first;
			depth++;
			continue;
		} else if (out) {
			indent(w, depth);
			close_tag(w, n);
		}
		/* leave n, and every parent whose last child it was */
		while (n != top && n->next == NULL) {
			n = n->parent;
			depth--;
			indent(w, depth);
			end(w, n);
		}
		if (n == top)
			break;
		n = n->next;
	}
}

static struct writer *
writer_new(xmlOutputBufferPtr out, const struct yoy_write_opts *o)
{
	struct writer *w = yoy_malloc(sizeof(*w));

	memset(w, 0, offsetof(struct writer, stage));
	w->o = o;
	if ((w->out = out) == NULL ||
	    (w->value = xmlBufferCreate()) == NULL ||
	    (w->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (w->doc->encoding = xmlStrdup(BAD_CAST "UTF-8")) == NULL)
		w->error = 1;
	return w;
}

/* Flushes and frees `w`; -1 if anything failed. */
static int
writer_close(struct writer *w)
{
	int rc = 0;

	flush(w);
	if (w->error || (w->out && xmlOutputBufferFlush(w->out) < 0))
		rc = -1;
	if (w->out && xmlOutputBufferClose(w->out) < 0)
		rc = -1;
	if (w->value)
		xmlBufferFree(w->value);
	if (w->doc)
		xmlFreeDoc(w->doc);
	free(w);
	return rc;
}

/* The whole document through `w`, closed then. */
static int
write_doc(struct writer *w, const struct yoy_doc *doc)
{
	if (!w->error) {
		puts_(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		write_tree(w, doc, doc->root, 0);
		put(w, "\n", 1);
	}
	return writer_close(w);
}

/* The document into `f`, its body's first part being `part`. */
static int
write_file(const struct yoy_doc *doc, FILE *f, const struct yoy_write_opts *o,
    const struct yoy_xml_part *part)
{
	/* the output buffer does not close `f` */
	struct writer *w = writer_new(xmlOutputBufferCreateFile(f, NULL), o);
	int rc;

	w->part = part;
	rc = write_doc(w, doc);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	return rc;
}

int
yoy_xml_write(const struct yoy_doc *doc, FILE *f,
    const struct yoy_write_opts *o)
{
	return write_file(doc, f, o, NULL);
}

static int
buf_write(void *ctx, const char *s, int n)
{
	yoy_buf_put(ctx, s, (size_t)n);
	return n;
}

int
yoy_xml_write_buf_part(const struct yoy_doc *doc, struct yoy_buf *out,
    const struct yoy_write_opts *o, const struct yoy_xml_part *part)
{
	struct writer *w;

	out->len = 0;
	w = writer_new(xmlOutputBufferCreateIO(buf_write, NULL, out, NULL), o);
	w->part = part;
	return write_doc(w, doc);
}

int
yoy_xml_write_buf(const struct yoy_doc *doc, struct yoy_buf *out,
    const struct yoy_write_opts *o)
{
	return yoy_xml_write_buf_part(doc, out, o, NULL);
}

int
yoy_xml_write_node(struct yoy_buf *out, const struct yoy_node *n,
    int start_only, const struct yoy_write_opts *o,
    const struct yoy_xml_part *part)
{
	struct writer *w = writer_new(xmlOutputBufferCreateIO(buf_write, NULL,
	    out, NULL), o);
	const struct yoy_node *p;
	int depth = 0;

	for (p = n->parent; p; p = p->parent)
		depth++;
	w->part = part;
	if (w->error) {
		;
	} else if (start_only) {
		indent(w, depth);
		start(w, n, 1);
	} else {
		write_tree(w, NULL, n, depth);
	}
	return writer_close(w);
}

/* A program's output: `path`, or standard output when NULL; reported. */
int
yoy_xml_output_part(const struct yoy_doc *doc, const char *path,
    const struct yoy_write_opts *o, const struct yoy_xml_part *part)
{
	static char obuf[64 * 1024];    /* lives until exit flushes stdout */
	const char *name = path ? path : "<stdout>";
	FILE *f = stdout;
	int rc = 0;

	if (path && (f = fopen(path, "w")) == NULL) {
		yoy_diag(YOY_FATAL, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	setvbuf(f, obuf, _IOFBF, sizeof(obuf));        /* fewer writes */
	if (write_file(doc, f, o, part) < 0) {
		yoy_diag(YOY_FATAL, name, 0, 0, "write error: %s",
		    strerror(errno));
		rc = -1;
	}
	if (path && fclose(f) != 0 && rc == 0) {
		yoy_diag(YOY_FATAL, path, 0, 0, "write error: %s",
		    strerror(errno));
		rc = -1;
	}
	return rc;
}

int
yoy_xml_output(const struct yoy_doc *doc, const char *path,
    const struct yoy_write_opts *o)
{
	return yoy_xml_output_part(doc, path, o, NULL);
}
