/* Reading canonical XML with libxml2's SAX2 parser, and validating it
 * against the RELAX NG schema built into the library.  Never entity
 * substitution, never DTD loading, never the network; a document with a
 * DTD or an entity reference is refused. */
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

extern const char yoy_schema_rng[];

#define MAX_DEPTH 200
#define CHUNK (64 * 1024)
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

/* ---------------------------------------------------------------- read */

/* Entries read lazily (yoy_xml_read_lazy): each one's content is bytes of
 * the mapped source until yoy_lazy_expand reads it into the tree.  A
 * table beside the document, every entry in document order (an empty one
 * too, with no bytes), so that a caller walking the document finds each
 * at the next place it looks: the nodes themselves hold content only. */
struct lazy_entry {
	struct yoy_node *n;
	uint32_t off, len;          /* its content, end tag included; len 0
	                               once read (a source under 4 GB) */
};

struct yoy_lazy {
	struct yoy_doc *doc;
	const char *src, *name;     /* the source, mapped, and its name */
	size_t src_len;
	struct lazy_entry *v;
	size_t n, cap;
};

/* The SAX reader's state: the tree so far, text not yet a node. */
struct reader {
	struct ctx c;
	xmlParserCtxtPtr px;
	struct yoy_doc *d;
	struct yoy_node *cur;
	int depth;
	struct yoy_buf text;
	struct yoy_buf lead;        /* white space before the first markup */
	int started;                /* something else came */
	/* lazy: `src` is the whole input, and an entry's content is
	 * checked, not built; in_lazy is the depth of the one being read */
	const char *src;
	size_t src_len, from;
	int lazy, in_lazy, unlazy;  /* unlazy: offsets did not check out */
	struct yoy_lazy *table;     /* where lazy entries are noted */
	struct yoy_node *into;      /* expanding this lazy entry */
	unsigned line_base;
	/* names come from libxml2's dictionary: one pointer a name, so a
	 * name's type, and an attribute's slot in a type, are looked up
	 * once */
	struct { const xmlChar *name; int type; } seen[64];
	struct { const xmlChar *name; int type, slot; } aseen[64];
};

/* One of 64, from a pointer: a dictionary's names lie a few bytes apart */
static size_t
slot64(const void *p, unsigned salt)
{
	return (size_t)((((uint64_t)(uintptr_t)p + salt) *
	    UINT64_C(0x9E3779B97F4A7C15)) >> 58);
}

static int
type_of(struct reader *r, const xmlChar *name)
{
	size_t h = slot64(name, 0);

	if (r->seen[h].name != name) {
		r->seen[h].name = name;
		r->seen[h].type = yoy_type_from_name((const char *)name);
	}
	return r->seen[h].type;
}

#define LINE_ATTR (-2)

/* Attribute `name`'s slot in elements of type t, LINE_ATTR for line="N",
 * -1 for none of the type's (the schema's to judge). */
static int
attr_slot(struct reader *r, enum yoy_type t, const xmlChar *name)
{
	size_t h = slot64(name, (unsigned)t);
	int k;

	if (r->aseen[h].name == name && r->aseen[h].type == (int)t)
		return r->aseen[h].slot;
	if (strcmp((const char *)name, "line") == 0) {
		k = LINE_ATTR;
	} else {
		for (k = 0; k < YOY_NATTR && yoy_type_attr(t, k); k++)
			if (strcmp(yoy_type_attr(t, k), (const char *)name) == 0)
				break;
		if (k == YOY_NATTR || yoy_type_attr(t, k) == NULL)
			k = -1;
	}
	r->aseen[h].name = name;
	r->aseen[h].type = (int)t;
	r->aseen[h].slot = k;
	return k;
}

static void fail(struct reader *, const char *, ...)
	__attribute__((format(printf, 2, 3)));

static void
fail(struct reader *r, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (r->c.faults++)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	yoy_diag(YOY_FATAL, r->c.file, (unsigned)xmlSAX2GetLineNumber(r->px),
	    (unsigned)xmlSAX2GetColumnNumber(r->px), "%s", msg);
	xmlStopParser(r->px);
}

/* XML's white space */
static int
xml_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Elements that hold only elements, by the schema: white space in them
 * is the writer's indentation, which yoy_doc_normalize would drop. */
static int
holds_text(enum yoy_type t)
{
	switch (t) {
	case YOY_REPORT: case YOY_META: case YOY_BODY: case YOY_SECTION:
	case YOY_ACTION: case YOY_DEPARTMENT: case YOY_ENTRY: case YOY_UL:
	case YOY_OL: case YOY_TABLE: case YOY_TR: case YOY_BLOCKQUOTE:
	case YOY_DL: case YOY_FIGURE: case YOY_HISTORY:
		return 0;
	default:
		return 1;
	}
}

/* Text arrives in pieces: one node for each run; none for indentation,
 * half the nodes of a document as the writer lays it out. */
static void
flush_text(struct reader *r)
{
	size_t i = 0;

	if (r->text.len && r->cur) {
		if (!holds_text(r->cur->type))
			while (i < r->text.len && xml_space(r->text.ptr[i]))
				i++;
		if (i < r->text.len)
			yoy_node_add_text(r->d, r->cur, r->text.ptr,
			    r->text.len, 0);
	}
	r->text.len = 0;
}

/* Where the parser is in the input: at a start tag's '>' (or "/>") in
 * on_start, just past an end tag in on_end. */
static size_t
offset(const struct reader *r)
{
	const xmlParserInput *in = r->px->input;

	return (size_t)in->consumed + (size_t)(in->cur - in->base);
}

/* Entry `n` begins: its content is to be skipped, and found again by its
 * offsets, which are checked against the bytes; if they are not what
 * they should be (an encoding converted, say), the document is read
 * again, built whole. */
static void
lazy_start(struct reader *r)
{
	size_t at = offset(r);

	if (r->px->input->buf && r->px->input->buf->encoder)
		r->unlazy = 1;
	else if (at < r->src_len && r->src[at] == '>')
		r->in_lazy = r->depth, r->from = at + 1;
	else if (!(at + 1 < r->src_len && r->src[at] == '/' &&
	    r->src[at + 1] == '>'))
		r->unlazy = 1;
	if (r->unlazy)
		r->lazy = 0;
}

/* Whether s[0, n) ends with an entry's end tag, "</entry" then white
 * space and '>'. */
static int
ends_entry(const char *s, size_t n)
{
	if (n == 0 || s[--n] != '>')
		return 0;
	while (n > 0 && xml_space(s[n - 1]))
		n--;
	return n >= 7 && memcmp(s + n - 7, "</entry", 7) == 0;
}

/* Notes entry `n`, its content's bytes to follow (lazy_end). */
static void
lazy_note(struct reader *r, struct yoy_node *n)
{
	struct yoy_lazy *t = r->table;
	struct lazy_entry *e;

	if (t->n == t->cap) {
		/* sized once for most sources, whose entries take hundreds
		 * of bytes (40 at the least); pages not used are not
		 * touched */
		t->cap = t->cap ? 2 * t->cap : r->src_len / 256 + 256;
		t->v = yoy_realloc(t->v, t->cap * sizeof(*t->v));
	}
	e = &t->v[t->n++];
	e->n = n;
	e->off = e->len = 0;
}

static void
on_start(void *arg, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
    int ndefaulted, const xmlChar **attrs)
{
	struct reader *r = arg;
	const char *name = (const char *)local;
	int t = type_of(r, local), i, k;
	struct yoy_node *n;

	(void)prefix, (void)uri, (void)ns, (void)ndefaulted;
	if (r->c.faults)
		return;
	if (!r->in_lazy)
		flush_text(r);
	if (++r->depth > MAX_DEPTH) {
		fail(r, "elements nested deeper than %d", MAX_DEPTH);
		return;
	}
	if (r->into && r->depth == 1) {
		r->cur = r->into;       /* expanding: the entry itself */
		return;
	}
	if (r->depth == 1 && t != YOY_REPORT) {
		fail(r, "not a yoy document: the root element is '%s'", name);
		return;
	}
	if (t < 0) {
		fail(r, "unknown element '%s'", name);
		return;
	}
	if (r->depth > 1 && t == YOY_REPORT) {
		fail(r, "element '%s' inside the document", name);
		return;
	}
	if (nns && r->lazy) {
		/* a content read alone would lose the declarations */
		r->unlazy = 1;
		r->lazy = 0;
	}
	if (r->in_lazy)
		return;                 /* checked, not built */
	if (t == YOY_REPORT)
		n = r->d->root;
	else if (r->depth == 2 && t == YOY_META)
		n = r->d->meta;
	else if (r->depth == 2 && t == YOY_BODY)
		n = r->d->body;
	else
		n = yoy_node_add(r->d, r->cur, (enum yoy_type)t);
	n->xml_line = (unsigned)xmlSAX2GetLineNumber(r->px) + r->line_base;
	/* attrs: localname, prefix, URI, value, end of value; five a piece */
	for (i = 0; i < nattr; i++) {
		const xmlChar **at = attrs + 5 * i;
		const char *an = (const char *)at[0];
		size_t vlen = (size_t)(at[4] - at[3]);
		char *v;

		if ((k = attr_slot(r, n->type, at[0])) == LINE_ATTR) {
			n->line = (unsigned)strtoul((const char *)at[3], NULL, 10);
			continue;
		}
		if (k < 0)
			continue;       /* the schema's to judge */
		if (memchr(at[3], '&', vlen)) {
			/* without entity substitution, SAX2 hands values over
			 * with '&' as "&#38;": decoded as libxml2's own tree
			 * builder does */
			xmlChar *dec = xmlStringLenDecodeEntities(r->px, at[3],
			    (int)vlen, XML_SUBSTITUTE_REF, 0, 0, 0);

			if (dec == NULL) {
				fail(r, "attribute '%s' cannot be decoded", an);
				return;
			}
			v = yoy_arena_strndup(r->d->arena, (const char *)dec,
			    strlen((const char *)dec));
			xmlFree(dec);
		} else {
			v = yoy_arena_strndup(r->d->arena, (const char *)at[3],
			    vlen);
		}
		n->attr[k] = v;
	}
	r->cur = n;
	if (r->lazy && t == YOY_ENTRY) {
		lazy_note(r, n);
		lazy_start(r);
	}
}

static void
on_end(void *arg, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct reader *r = arg;

	(void)local, (void)prefix, (void)uri;
	if (r->c.faults)
		return;
	if (r->in_lazy) {
		size_t at;

		if (r->depth-- > r->in_lazy)
			return;
		/* the lazy entry's end: its content, end tag included */
		at = offset(r);
		if (at <= r->src_len && at > r->from && ends_entry(r->src +
		    r->from, at - r->from)) {
			r->table->v[r->table->n - 1].off = (uint32_t)r->from;
			r->table->v[r->table->n - 1].len =
			    (uint32_t)(at - r->from);
		} else {
			r->unlazy = 1;
			r->lazy = 0;
		}
		r->in_lazy = 0;
		r->cur = r->cur->parent;
		return;
	}
	flush_text(r);
	r->depth--;
	r->cur = r->cur->parent;
}

static void
on_text(void *arg, const xmlChar *s, int len)
{
	struct reader *r = arg;

	if (r->c.faults == 0 && r->cur && !r->in_lazy)
		yoy_buf_put(&r->text, (const char *)s, (size_t)len);
}

static void
on_dtd(void *arg, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	(void)name, (void)ext, (void)sys;
	fail(arg, "%s", "document type declarations are not allowed");
}

static void
on_reference(void *arg, const xmlChar *name)
{
	(void)name;
	fail(arg, "%s", "entity references are not allowed");
}

static xmlEntityPtr
on_entity(void *arg, const xmlChar *name)
{
	/* the five of XML itself; any other is undeclared, an error */
	(void)arg;
	return xmlGetPredefinedEntity(name);
}

static void
on_sax_error(void *arg, xmlErrorPtr e)
{
	struct reader *r = arg;

	if (r->c.faults == 0)
		on_error(&r->c, e);
	else
		r->c.faults++;
}

/* libxml2's SAX2 parser, pushed: no tree of its own, only ours.  Input
 * arrives in pieces (reader_push) and the parser keeps a window of it,
 * never a copy of all of it. */
static int
reader_begin(struct reader *r, xmlSAXHandler *sax, const char *file,
    struct yoy_doc *d)
{
	memset(r, 0, sizeof(*r));
	r->c.file = yoy_diag_name(file);
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_text;
	sax->cdataBlock = on_text;
	sax->internalSubset = on_dtd;
	sax->reference = on_reference;
	sax->getEntity = on_entity;
	sax->serror = on_sax_error;
	r->px = xmlCreatePushParserCtxt(sax, r, NULL, 0, NULL);
	if (r->px == NULL) {
		yoy_diag(YOY_FATAL, r->c.file, 0, 0, "cannot start the XML parser");
		return -1;
	}
	xmlCtxtUseOptions(r->px, PARSE_OPTS);
	r->d = d ? d : yoy_doc_new();
	return 0;
}

/* Hands `n` bytes to the parser; leading white space is held back until
 * something else comes, so that white space alone is "no XML". */
static void
reader_push(struct reader *r, const char *p, size_t n)
{
	size_t i;

	if (r->c.faults)
		return;
	if (!r->started) {
		for (i = 0; i < n && xml_space(p[i]); i++)
			;
		yoy_buf_put(&r->lead, p, i);
		if (i == n)
			return;
		r->started = 1;
		if (r->lead.len && xmlParseChunk(r->px, r->lead.ptr,
		    (int)r->lead.len, 0) != 0)
			goto bad;
		p += i, n -= i;
	}
	if (xmlParseChunk(r->px, p, (int)n, 0) == 0)
		return;
bad:
	if (r->c.faults == 0) {
		yoy_diag(YOY_FATAL, r->c.file, 0, 0, "malformed XML");
		r->c.faults++;
	}
}

/* The parser and the buffers gone; the tree stays. */
static void
reader_free(struct reader *r)
{
	xmlFreeParserCtxt(r->px);
	yoy_buf_free(&r->text);
	yoy_buf_free(&r->lead);
}

/* The parse's end; the number of faults. */
static int
reader_finish(struct reader *r)
{
	if (r->c.faults == 0 && !r->started) {
		yoy_diag(YOY_FATAL, r->c.file, 0, 0, "no XML in input");
		r->c.faults++;
	}
	if (r->c.faults == 0 && xmlParseChunk(r->px, NULL, 0, 1) != 0 &&
	    r->c.faults == 0) {
		yoy_diag(YOY_FATAL, r->c.file, 0, 0, "malformed XML");
		r->c.faults++;
	}
	if (r->c.faults == 0 && (!r->px->wellFormed || r->depth != 0)) {
		yoy_diag(YOY_FATAL, r->c.file, 0, 0, "malformed XML");
		r->c.faults++;
	}
	reader_free(r);
	return r->c.faults;
}

static struct yoy_doc *
reader_end(struct reader *r)
{
	if (reader_finish(r)) {
		yoy_doc_free(r->d);
		return NULL;
	}
	yoy_doc_normalize(r->d);
	return r->d;
}

static void
push_all(struct reader *r, const char *buf, size_t len)
{
	size_t i;

	/* once a lazy read must be given up, no further */
	for (i = 0; i < len && r->c.faults == 0 && !r->unlazy; i += CHUNK)
		reader_push(r, buf + i, len - i < CHUNK ? len - i : CHUNK);
}

struct yoy_doc *
yoy_xml_read(const char *buf, size_t len, const char *file)
{
	struct reader r;
	xmlSAXHandler sax;

	if (reader_begin(&r, &sax, file, NULL) < 0)
		return NULL;
	push_all(&r, buf, len);
	return reader_end(&r);
}

/* Reads open `fd`: streamed through one window, reused (reading a whole
 * file first would cost a page fault every 4 KB of it, which took longer
 * than the parse). */
static struct yoy_doc *
read_fd(int fd, const char *path)
{
	static char chunk[CHUNK];
	struct reader r;
	xmlSAXHandler sax;
	ssize_t n;

	if (reader_begin(&r, &sax, path, NULL) < 0)
		return NULL;
	while (r.c.faults == 0 &&
	    (n = yoy_input_read(fd, chunk, sizeof(chunk), path)) != 0) {
		if (n < 0) {
			r.c.faults++;
			break;
		}
		reader_push(&r, chunk, (size_t)n);
	}
	return reader_end(&r);
}

struct yoy_doc *
yoy_xml_read_file(const char *path)
{
	struct yoy_doc *d;
	int fd = yoy_input_open(path);

	if (fd < 0)
		return NULL;
	d = read_fd(fd, path);
	yoy_input_close(fd, path);
	return d;
}

/* Reads the mapped `src` with lazy entries noted in `t`; NULL on
 * trouble (said), or with *unlazy set when the document must be read
 * whole instead. */
static struct yoy_doc *
read_lazy(const char *src, size_t len, const char *path, struct yoy_lazy *t,
    int *unlazy)
{
	struct reader r;
	xmlSAXHandler sax;

	if (reader_begin(&r, &sax, path, NULL) < 0)
		return NULL;
	r.src = src, r.src_len = len, r.lazy = 1, r.table = t;
	push_all(&r, src, len);
	if ((*unlazy = r.unlazy && r.c.faults == 0)) {
		/* given up, nothing said: read again, whole */
		reader_free(&r);
		yoy_doc_free(r.d);
		return NULL;
	}
	return reader_end(&r);
}

struct yoy_doc *
yoy_xml_read_lazy(const char *path, struct yoy_lazy **lazy)
{
	struct yoy_lazy *t;
	struct yoy_doc *d;
	const char *src, *name;
	size_t len = 0;
	int fd = yoy_input_open(path), unlazy = 0;

	*lazy = NULL;
	if (fd < 0)
		return NULL;
	if ((src = yoy_input_map(fd, &len)) == NULL || len > UINT32_MAX) {
		if (src)
			yoy_input_unmap(src, len);
		d = read_fd(fd, path);  /* a pipe, say, or past 4 GB */
		yoy_input_close(fd, path);
		return d;
	}
	yoy_input_close(fd, path);
	t = yoy_malloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	d = read_lazy(src, len, path, t, &unlazy);
	if (unlazy)
		d = yoy_xml_read(src, len, path);
	if (d == NULL || unlazy) {
		yoy_input_unmap(src, len);
		free(t->v);
		free(t);
		return d;
	}
	t->doc = d;
	t->src = src;
	t->src_len = len;
	name = yoy_diag_name(path);
	t->name = yoy_arena_strndup(d->arena, name, strlen(name));
	*lazy = t;
	return d;
}

long
yoy_lazy_find(const struct yoy_lazy *t, const struct yoy_node *n, size_t *at)
{
	size_t i;

	if (t == NULL || n->type != YOY_ENTRY)
		return -1;
	for (i = *at; i < t->n; i++)
		if (t->v[i].n == n)
			return (long)(*at = i + 1) - 1;
	for (i = 0; i < *at && i < t->n; i++)
		if (t->v[i].n == n)
			return (long)(*at = i + 1) - 1;
	return -1;
}

const char *
yoy_lazy_bytes(const struct yoy_lazy *t, size_t i, size_t *len)
{
	if (t->v[i].len == 0)
		return NULL;
	*len = t->v[i].len;
	return t->src + t->v[i].off;
}

int
yoy_lazy_expand(struct yoy_lazy *t, size_t i)
{
	struct lazy_entry *e = &t->v[i];
	struct reader r;
	xmlSAXHandler sax;

	if (e->len == 0)
		return 0;
	if (reader_begin(&r, &sax, t->name, t->doc) < 0)
		return -1;
	/* the content alone, in an entry of its own, where it began */
	r.into = e->n;
	r.line_base = e->n->xml_line ? e->n->xml_line - 1 : 0;
	reader_push(&r, "<entry>", 7);
	push_all(&r, t->src + e->off, e->len);
	e->len = 0;
	if (reader_finish(&r))
		return -1;
	yoy_node_normalize(e->n);
	return 0;
}

void
yoy_lazy_free(struct yoy_lazy *t)
{
	if (t == NULL)
		return;
	yoy_input_unmap(t->src, t->src_len);
	free(t->v);
	free(t);
}

int
yoy_xml_validate(const char *buf, size_t len, const char *file)
{
	return yoy_xml_validate_each(buf, len, file, NULL, NULL) == 0 ? 0 : -1;
}

int
yoy_xml_validate_each(const char *buf, size_t len, const char *file,
    void (*each)(void *, unsigned line, const char *msg), void *arg)
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
		else if (c.faults == 0 && each)
			rc = 1;         /* invalid, each violation said */
		if (rc != 0 && c.nheld == 0 && c.faults == 0) {
			if (each)
				each(arg, 0, "invalid");
			else
				yoy_diag(YOY_FATAL, c.file, 0, 0, "invalid");
		}
		for (i = 0; rc != 0 && i < c.nheld; i++)
			if (each)
				each(arg, c.held[i].line, c.held[i].msg);
			else
				yoy_diag(YOY_FATAL, c.file, c.held[i].line,
				    c.held[i].col, "invalid: %s", c.held[i].msg);
		xmlRelaxNGFreeValidCtxt(vc);
	}
	xmlFreeDoc(doc);
out:
	yoy_xml_errors_default();
	xmlFreeParserCtxt(px);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pc);
	return rc;
}
