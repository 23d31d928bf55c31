/* The canonical XML writer, on libxml2's xmlTextWriter: one block element
 * a line, two spaces of indent a level, inline content on one line,
 * attributes in schema order.  libxml2 escapes every text and value. */
#include <libxml/xmlversion.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "yoy.h"

const char *
yoy_libxml2_version(void)
{
	return LIBXML_DOTTED_VERSION;
}

/* An element whose children are all inline is written on one line. */
static int
holds_inline(const struct yoy_node *n)
{
	const struct yoy_node *c;

	for (c = n->first; c; c = c->next)
		if (!yoy_type_is_inline(c->type))
			return 0;
	return 1;
}

static const char spaces[] = "\n                                        ";

static int
indent(xmlTextWriterPtr w, int depth)
{
	int max = (int)sizeof(spaces) - 2;
	int n = 2 * depth;

	if (xmlTextWriterWriteRawLen(w, BAD_CAST spaces,
	    1 + (n < max ? n : max)) < 0)
		return -1;
	for (n -= max; n > 0; n -= max)
		if (xmlTextWriterWriteRawLen(w, BAD_CAST spaces + 1,
		    n < max ? n : max) < 0)
			return -1;
	return 0;
}

static int
start(xmlTextWriterPtr w, const struct yoy_node *n,
    const struct yoy_write_opts *o)
{
	char line[16];
	int i;

	if (xmlTextWriterStartElement(w, BAD_CAST yoy_type_name(n->type)) < 0)
		return -1;
	for (i = 0; i < YOY_NATTR; i++) {
		const char *name = yoy_type_attr(n->type, i);

		if (name == NULL)
			break;
		if (n->attr[i] && xmlTextWriterWriteAttribute(w, BAD_CAST name,
		    BAD_CAST n->attr[i]) < 0)
			return -1;
	}
	if (o && o->sourcepos && n->line && !yoy_type_is_inline(n->type) &&
	    n->parent && n->parent->type != YOY_META &&
	    n->parent->type != YOY_REPORT) {
		snprintf(line, sizeof(line), "%u", n->line);
		if (xmlTextWriterWriteAttribute(w, BAD_CAST "line",
		    BAD_CAST line) < 0)
			return -1;
	}
	return 0;
}

/* Writes inline content of `n` (an inline node or run) on one line. */
static int
write_inline(xmlTextWriterPtr w, const struct yoy_node *root,
    const struct yoy_write_opts *o)
{
	const struct yoy_node *n = root;

	for (;;) {
		if (n->type == YOY_TEXT) {
			/* Text with nothing to escape (libxml2 escapes < > & "
			 * and CR) goes out as it is; the rest through libxml2's
			 * escaping.  Both give the same bytes. */
			if (n->len && (strcspn(n->text, "<>&\"\r") == n->len ?
			    xmlTextWriterWriteRawLen(w, BAD_CAST n->text,
			    (int)n->len) : xmlTextWriterWriteString(w,
			    BAD_CAST n->text)) < 0)
				return -1;
		} else if (start(w, n, o) < 0) {
			return -1;
		}
		if (n->type != YOY_TEXT && n->first) {
			n = n->first;
			continue;
		}
		/* leave n, and every ancestor whose last child it was */
		for (;;) {
			if (n->type != YOY_TEXT && xmlTextWriterEndElement(w) < 0)
				return -1;
			if (n == root)
				return 0;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

int
yoy_xml_write(const struct yoy_doc *doc, FILE *f,
    const struct yoy_write_opts *o)
{
	xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
	xmlTextWriterPtr w;
	const struct yoy_node *n = doc->root, *c;
	int depth = 0, rc = -1;

	if (out == NULL)
		return -1;
	if ((w = xmlNewTextWriter(out)) == NULL) {
		xmlOutputBufferClose(out);
		return -1;
	}
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0)
		goto done;
	for (;;) {
		/* enter n: a block on a line of its own, or one holding blocks */
		if (n != doc->root && indent(w, depth) < 0)
			goto done;
		if (yoy_type_is_inline(n->type)) {
			/* inline among blocks (no reader makes it): own line */
			if (write_inline(w, n, o) < 0)
				goto done;
		} else if (start(w, n, o) < 0) {
			goto done;
		} else if (holds_inline(n)) {
			for (c = n->first; c; c = c->next)
				if (write_inline(w, c, o) < 0)
					goto done;
			if (xmlTextWriterEndElement(w) < 0)
				goto done;
		} else {
			n = n->first;
			depth++;
			continue;
		}
		/* leave n, and every parent whose last child it was */
		while (n != doc->root && n->next == NULL) {
			n = n->parent;
			depth--;
			if (indent(w, depth) < 0 ||
			    xmlTextWriterEndElement(w) < 0)
				goto done;
		}
		if (n == doc->root)
			break;
		n = n->next;
	}
	rc = 0;
done:
	if (rc == 0 && (xmlTextWriterEndDocument(w) < 0 ||
	    xmlTextWriterFlush(w) < 0))
		rc = -1;
	xmlFreeTextWriter(w);       /* closes `out`, not `f` */
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	return rc;
}
