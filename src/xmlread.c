/* Reading canonical XML with libxml2's streaming reader, and validating
 * it against the RELAX NG schema built into the library.  Never entity
 * substitution, never DTD loading, never the network; a document with a
 * DTD is refused. */
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "yoy.h"

extern const char yoy_schema_rng[];

#define MAX_DEPTH 200
#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

struct held {
	unsigned line, col;
	char msg[200];
};

struct ctx {
	const char *file;
	int faults;
	int hold;           /* validating: keep messages until the verdict */
	int nheld;
	struct held held[10];
};

/* libxml2's messages end in a newline; ours do not. */
static void
on_error(void *arg, xmlErrorPtr e)
{
	struct ctx *c = arg;
	size_t n = e->message ? strlen(e->message) : 0;

	while (n && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
		n--;
	if (c->hold && e->domain == XML_FROM_RELAXNGV) {
		/* libxml2 2.9 reports failed alternatives of a valid
		 * document too: only the verdict says which count */
		if (c->nheld < 10) {
			struct held *h = &c->held[c->nheld++];

			h->line = e->line > 0 ? (unsigned)e->line : 0;
			h->col = e->int2 > 0 ? (unsigned)e->int2 : 0;
			snprintf(h->msg, sizeof(h->msg), "%.*s", (int)n,
			    e->message ? e->message : "");
		}
		return;
	}
	if (c->faults++ < 10)
		yoy_diag(YOY_FATAL, c->file, e->line > 0 ? (unsigned)e->line : 0,
		    e->int2 > 0 ? (unsigned)e->int2 : 0, "%s%.*s",
		    e->domain == XML_FROM_RELAXNGV ? "invalid: " : "malformed XML: ",
		    (int)n, e->message ? e->message : "");
}

static int fail(struct ctx *, xmlTextReaderPtr, const char *, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct ctx *c, xmlTextReaderPtr r, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	yoy_diag(YOY_FATAL, c->file, (unsigned)xmlTextReaderGetParserLineNumber(r),
	    (unsigned)xmlTextReaderGetParserColumnNumber(r), "%s", msg);
	c->faults++;
	return -1;
}

static int
element(struct yoy_doc *d, struct yoy_node **cur, xmlTextReaderPtr r,
    struct ctx *c)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(r);
	int depth = xmlTextReaderDepth(r), t = yoy_type_from_name(name), i;
	struct yoy_node *n;
	xmlChar *v;

	if (depth > MAX_DEPTH)
		return fail(c, r, "elements nested deeper than %d", MAX_DEPTH);
	if (depth == 0 && t != YOY_REPORT)
		return fail(c, r, "not a yoy document: the root element is "
		    "'%s'", name);
	if (t < 0 || t == YOY_TEXT)
		return fail(c, r, "unknown element '%s'", name);
	if (depth > 0 && t == YOY_REPORT)
		return fail(c, r, "element '%s' inside the document", name);
	if (t == YOY_REPORT)
		n = d->root;
	else if (depth == 1 && t == YOY_META)
		n = d->meta;
	else if (depth == 1 && t == YOY_BODY)
		n = d->body;
	else
		n = yoy_node_add(d, *cur, (enum yoy_type)t);
	n->xml_line = (unsigned)xmlTextReaderGetParserLineNumber(r);
	if ((v = xmlTextReaderGetAttribute(r, BAD_CAST "line")) != NULL) {
		n->line = (unsigned)strtoul((const char *)v, NULL, 10);
		xmlFree(v);
	}
	for (i = 0; i < YOY_NATTR && yoy_type_attr(n->type, i); i++) {
		v = xmlTextReaderGetAttribute(r,
		    BAD_CAST yoy_type_attr(n->type, i));
		if (v) {
			yoy_node_set(d, n, yoy_type_attr(n->type, i),
			    (const char *)v);
			xmlFree(v);
		}
	}
	if (!xmlTextReaderIsEmptyElement(r))
		*cur = n;
	return 0;
}

struct yoy_doc *
yoy_xml_read(const char *buf, size_t len, const char *file)
{
	struct ctx c = { yoy_diag_name(file), 0, 0, 0, { { 0, 0, "" } } };
	struct yoy_doc *d = yoy_doc_new();
	struct yoy_node *cur = NULL;
	xmlTextReaderPtr r;
	const xmlChar *v;
	size_t i;
	int rc;

	for (i = 0; i < len && strchr(" \t\r\n", buf[i]) && buf[i]; i++)
		;
	if (len > 0x7fffffff || i == len) {
		yoy_diag(YOY_FATAL, c.file, 0, 0, i == len ? "no XML in input" :
		    "input too large");
		yoy_doc_free(d);
		return NULL;
	}
	r = xmlReaderForMemory(buf, (int)len, NULL, NULL, PARSE_OPTS);
	if (r == NULL) {
		yoy_diag(YOY_FATAL, c.file, 0, 0, "cannot start the XML reader");
		yoy_doc_free(d);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(r, on_error, &c);
	while (c.faults == 0 && (rc = xmlTextReaderRead(r)) == 1) {
		switch (xmlTextReaderNodeType(r)) {
		case XML_READER_TYPE_ELEMENT:
			element(d, &cur, r, &c);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			cur = cur->parent;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			if (cur == NULL)
				break;
			v = xmlTextReaderConstValue(r);
			yoy_node_add_text(d, cur, (const char *)v,
			    strlen((const char *)v), 0);
			break;
		case XML_READER_TYPE_DOCUMENT_TYPE:
			fail(&c, r, "%s", "document type declarations are not "
			    "allowed");
			break;
		case XML_READER_TYPE_ENTITY_REFERENCE:
			fail(&c, r, "%s", "entity references are not allowed");
			break;
		default:
			break;      /* comments, processing instructions */
		}
	}
	xmlFreeTextReader(r);
	if (c.faults) {
		yoy_doc_free(d);
		return NULL;
	}
	yoy_doc_normalize(d);
	return d;
}

int
yoy_xml_validate(const char *buf, size_t len, const char *file)
{
	struct ctx c = { yoy_diag_name(file), 0, 0, 0, { { 0, 0, "" } } };
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vc;
	xmlParserCtxtPtr px;
	xmlDocPtr doc;
	int rc = -1;

	pc = xmlRelaxNGNewMemParserCtxt(yoy_schema_rng,
	    (int)strlen(yoy_schema_rng));
	schema = pc ? xmlRelaxNGParse(pc) : NULL;
	if (schema == NULL)
		abort();        /* our own schema */
	px = xmlNewParserCtxt();
	if (px == NULL || len > 0x7fffffff) {
		yoy_diag(YOY_FATAL, c.file, 0, 0, "cannot read the document");
		goto out;
	}
	xmlSetStructuredErrorFunc(&c, on_error);
	doc = xmlCtxtReadMemory(px, buf, (int)len, NULL, NULL, PARSE_OPTS);
	if (doc && doc->intSubset) {
		yoy_diag(YOY_FATAL, c.file, 1, 0, "document type declarations "
		    "are not allowed");
	} else if (doc) {
		int i;

		vc = xmlRelaxNGNewValidCtxt(schema);
		xmlRelaxNGSetValidStructuredErrors(vc, on_error, &c);
		c.hold = 1;
		if (xmlRelaxNGValidateDoc(vc, doc) == 0 && c.faults == 0)
			rc = 0;
		else if (c.nheld == 0 && c.faults == 0)
			yoy_diag(YOY_FATAL, c.file, 0, 0, "invalid");
		for (i = 0; rc != 0 && i < c.nheld; i++)
			yoy_diag(YOY_FATAL, c.file, c.held[i].line,
			    c.held[i].col, "invalid: %s", c.held[i].msg);
		xmlRelaxNGFreeValidCtxt(vc);
	}
	xmlFreeDoc(doc);
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(px);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pc);
	return rc;
}
