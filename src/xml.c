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
#include <string.h>

#include "yoy.h"

const char *
yoy_libxml2_version(void)
{
	return LIBXML_DOTTED_VERSION;
}

struct writer {
	xmlOutputBufferPtr out;
	xmlBufferPtr value;     /* one attribute value, escaped */
	xmlDocPtr doc;          /* says the output is UTF-8: values stay so */
	const struct yoy_write_opts *o;
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
	if (w->n + n > sizeof(w->stage))
		flush(w);
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

/* Text with nothing to escape goes out as it is (most text: libxml2's
 * escaping loop costs 15 instructions a byte), the rest through it. */
static void
text(struct writer *w, const struct yoy_node *n)
{
	if (strcspn(n->text, "<>&\r") == n->len) {
		put(w, n->text, n->len);
		return;
	}
	flush(w);
	if (xmlOutputBufferWriteEscape(w->out, BAD_CAST n->text, NULL) < 0)
		w->error = 1;
}

static void
attribute(struct writer *w, const char *name, const char *value)
{
	put(w, " ", 1);
	puts_(w, name);
	put(w, "=\"", 2);
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

/* "<name attr...", left open for ">" or "/>" */
static void
start(struct writer *w, const struct yoy_node *n)
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
	if (n->first == NULL)
		put(w, "/>", 2);
	else
		put(w, ">", 1);
}

static void
end(struct writer *w, const struct yoy_node *n)
{
	if (n->first == NULL)
		return;         /* closed by start */
	put(w, "</", 2);
	puts_(w, yoy_type_name(n->type));
	put(w, ">", 1);
}

/* An element whose children are all inline is written on one line. */
static int
holds_inline(const struct yoy_node *n)
{
	const struct yoy_node *c;

	for (c = n->first; c; c = c->next)
		if (yoy_node_is_block(c))
			return 0;
	return 1;
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
			start(w, n);
	}
}

int
yoy_xml_write(const struct yoy_doc *doc, FILE *f,
    const struct yoy_write_opts *o)
{
	struct writer *w = yoy_malloc(sizeof(*w));
	const struct yoy_node *n = doc->root, *c;
	int depth = 0, rc = 0;

	memset(w, 0, offsetof(struct writer, stage));
	w->o = o;
	if ((w->out = xmlOutputBufferCreateFile(f, NULL)) == NULL ||
	    (w->value = xmlBufferCreate()) == NULL ||
	    (w->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (w->doc->encoding = xmlStrdup(BAD_CAST "UTF-8")) == NULL) {
		rc = -1;
		goto done;
	}
	puts_(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	for (;;) {
		/* enter n: a block on a line of its own, or one holding blocks */
		if (n != doc->root)
			indent(w, depth);
		if (!yoy_node_is_block(n)) {
			/* inline among blocks (no reader makes it): own line */
			write_inline(w, n);
		} else if (start(w, n), n->first == NULL) {
			;       /* empty: written whole */
		} else if (holds_inline(n)) {
			for (c = n->first; c; c = c->next)
				write_inline(w, c);
			end(w, n);
		} else {
			n = n->first;
			depth++;
			continue;
		}
		/* leave n, and every parent whose last child it was */
		while (n != doc->root && n->next == NULL) {
			n = n->parent;
			depth--;
			indent(w, depth);
			end(w, n);
		}
		if (n == doc->root)
			break;
		n = n->next;
	}
	put(w, "\n", 1);
	flush(w);
	if (w->error || xmlOutputBufferFlush(w->out) < 0)
		rc = -1;
done:
	if (w->out && xmlOutputBufferClose(w->out) < 0)     /* not `f` */
		rc = -1;
	if (w->value)
		xmlBufferFree(w->value);
	if (w->doc)
		xmlFreeDoc(w->doc);
	free(w);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	return rc;
}

/* A program's output: `path`, or standard output when NULL; reported. */
int
yoy_xml_output(const struct yoy_doc *doc, const char *path,
    const struct yoy_write_opts *o)
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
	if (yoy_xml_write(doc, f, o) < 0) {
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
