/* The document model: a tree of nodes in one arena per document. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct {
	const char *name;
	const char *attr[YOY_NATTR];    /* in schema order */
	int is_inline;
} types[YOY_NTYPES] = {
	[YOY_REPORT] = { "report", { "version" }, 0 },
	[YOY_META] = { "meta", { NULL }, 0 },
	[YOY_BODY] = { "body", { NULL }, 0 },
	[YOY_TYPE] = { "type", { NULL }, 0 },
	[YOY_DATE] = { "date", { "kind" }, 0 },
	[YOY_NOTICE] = { "notice", { NULL }, 0 },
	[YOY_PATH] = { "path", { NULL }, 0 },
	[YOY_ORGANISATION] = { "organisation", { "id" }, 0 },
	[YOY_WITHDRAWN] = { "withdrawn", { "date" }, 0 },
	[YOY_HISTORY] = { "history", { NULL }, 0 },
	[YOY_CHANGE] = { "change", { "date" }, 0 },
	[YOY_SOURCE] = { "source", { "format", "name" }, 0 },
	[YOY_SECTION] = { "section", { NULL }, 0 },
	[YOY_ACTION] = { "action", { "n" }, 0 },
	[YOY_DEPARTMENT] = { "department", { "id", "name" }, 0 },
	[YOY_ENTRY] = { "entry", { "kind", "year", "label" }, 0 },
	[YOY_TITLE] = { "title", { NULL }, 0 },
	[YOY_P] = { "p", { NULL }, 0 },
	[YOY_UL] = { "ul", { NULL }, 0 },
	[YOY_OL] = { "ol", { NULL }, 0 },
	[YOY_LI] = { "li", { NULL }, 0 },
	[YOY_TABLE] = { "table", { NULL }, 0 },
	[YOY_TR] = { "tr", { NULL }, 0 },
	[YOY_TH] = { "th", { "colspan", "rowspan", "scope" }, 0 },
	[YOY_TD] = { "td", { "colspan", "rowspan" }, 0 },
	[YOY_BLOCKQUOTE] = { "blockquote", { NULL }, 0 },
	[YOY_DL] = { "dl", { NULL }, 0 },
	[YOY_DT] = { "dt", { NULL }, 0 },
	[YOY_DD] = { "dd", { NULL }, 0 },
	[YOY_FIGURE] = { "figure", { "src", "alt" }, 0 },
	[YOY_CAPTION] = { "caption", { NULL }, 0 },
	[YOY_PRE] = { "pre", { NULL }, 0 },
	[YOY_NOTE] = { "note", { "kind", "label" }, 1 },    /* see below */
	[YOY_TEXT] = { "#text", { NULL }, 1 },
	[YOY_A] = { "a", { "href" }, 1 },
	[YOY_EM] = { "em", { NULL }, 1 },
	[YOY_STRONG] = { "strong", { NULL }, 1 },
	[YOY_CODE] = { "code", { NULL }, 1 },
	[YOY_SUP] = { "sup", { NULL }, 1 },
	[YOY_SUB] = { "sub", { NULL }, 1 },
	[YOY_ABBR] = { "abbr", { "title" }, 1 },
	[YOY_BR] = { "br", { NULL }, 1 },
};

const char *
yoy_type_name(enum yoy_type t)
{
	return types[t].name;
}

int
yoy_type_from_name(const char *name)
{
	int t;

	for (t = 0; t < YOY_NTYPES; t++)
		if (t != YOY_TEXT && strcmp(types[t].name, name) == 0)
			return t;
	return -1;
}

const char *
yoy_type_attr(enum yoy_type t, int slot)
{
	return slot < YOY_NATTR ? types[t].attr[slot] : NULL;
}

int
yoy_type_is_inline(enum yoy_type t)
{
	return types[t].is_inline;
}

/* A note is inline inside text (an editorial marker within a sentence)
 * and a block where blocks flow (a marker paragraph, a footnote). */
int
yoy_node_is_block(const struct yoy_node *n)
{
	if (n->type != YOY_NOTE)
		return !types[n->type].is_inline;
	if (n->parent == NULL)
		return 1;
	switch (n->parent->type) {
	case YOY_BODY: case YOY_SECTION: case YOY_ACTION: case YOY_ENTRY:
	case YOY_BLOCKQUOTE: case YOY_DEPARTMENT:
		return 1;
	default:
		return 0;
	}
}

/* Buffers handed over with yoy_doc_adopt, freed with the document. */
struct adopted {
	struct adopted *next;
	void *p;
};

int
yoy_node_holds_block(const struct yoy_node *n)
{
	const struct yoy_node *c;

	for (c = n->first; c; c = c->next)
		if (yoy_node_is_block(c))
			return 1;
	return 0;
}

struct yoy_doc *
yoy_doc_new(void)
{
	struct yoy_doc *d = yoy_malloc(sizeof(*d));

	memset(d->made, 0, sizeof(d->made));
	d->arena = yoy_arena_new();
	d->adopted = NULL;
	d->root = yoy_node_new(d, YOY_REPORT);
	yoy_node_set(d, d->root, "version", "1");
	d->meta = yoy_node_add(d, d->root, YOY_META);
	d->body = yoy_node_add(d, d->root, YOY_BODY);
	return d;
}

struct yoy_arena *
yoy_doc_use_arena(struct yoy_doc *d, struct yoy_arena *a)
{
	struct yoy_arena *was = d->arena;

	d->arena = a;
	return was;
}

struct yoy_node *
yoy_doc_root(const struct yoy_doc *d)
{
	return d->root;
}

struct yoy_node *
yoy_doc_body(const struct yoy_doc *d)
{
	return d->body;
}

void
yoy_doc_adopt(struct yoy_doc *d, void *p)
{
	/* not from the arena: a reader may swap arenas (md.c streaming) */
	struct adopted *a = yoy_malloc(sizeof(*a));

	a->p = p;
	a->next = d->adopted;
	d->adopted = a;
}

void
yoy_doc_free(struct yoy_doc *d)
{
	struct adopted *a;

	if (d == NULL)
		return;
	while ((a = d->adopted) != NULL) {
		d->adopted = a->next;
		free(a->p);
		free(a);
	}
	yoy_arena_free(d->arena);
	free(d);
}

struct yoy_node *
yoy_node_new(struct yoy_doc *d, enum yoy_type t)
{
	struct yoy_node *n = yoy_arena_alloc(d->arena, sizeof(*n));

	n->type = t;
	d->made[t]++;
	return n;
}

void
yoy_node_append(struct yoy_node *parent, struct yoy_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
yoy_node_unlink(struct yoy_node *n)
{
	struct yoy_node *p = n->parent;

	if (p == NULL)
		return;
	if (n->prev)
		n->prev->next = n->next;
	else
		p->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		p->last = n->prev;
	n->parent = n->next = n->prev = NULL;
}

struct yoy_node *
yoy_node_add(struct yoy_doc *d, struct yoy_node *parent, enum yoy_type t)
{
	struct yoy_node *n = yoy_node_new(d, t);

	yoy_node_append(parent, n);
	return n;
}

struct yoy_node *
yoy_node_add_text(struct yoy_doc *d, struct yoy_node *parent, const char *s,
    size_t len, int borrow)
{
	struct yoy_node *n = yoy_node_add(d, parent, YOY_TEXT);

	n->text = borrow ? s : yoy_arena_strndup(d->arena, s, len);
	n->len = len;
	return n;
}

static int
slot(const struct yoy_node *n, const char *name)
{
	int i;

	for (i = 0; i < YOY_NATTR && types[n->type].attr[i]; i++)
		if (strcmp(types[n->type].attr[i], name) == 0)
			return i;
	return -1;
}

void
yoy_node_set(struct yoy_doc *d, struct yoy_node *n, const char *name,
    const char *value)
{
	int i = slot(n, name);

	if (i < 0)
		abort();        /* a programming error, not an input error */
	n->attr[i] = value ? yoy_arena_strndup(d->arena, value,
	    strlen(value)) : NULL;
}

const char *
yoy_node_get(const struct yoy_node *n, const char *name)
{
	int i = slot(n, name);

	return i < 0 ? NULL : n->attr[i];
}

struct yoy_node *
yoy_node_child(const struct yoy_node *n, enum yoy_type t)
{
	struct yoy_node *c;

	for (c = n->first; c; c = c->next)
		if (c->type == t)
			return c;
	return NULL;
}

void
yoy_node_insert_after(struct yoy_node *at, struct yoy_node *n)
{
	n->parent = at->parent;
	n->prev = at;
	n->next = at->next;
	if (at->next)
		at->next->prev = n;
	else
		at->parent->last = n;
	at->next = n;
}

struct yoy_node *
yoy_node_walk(const struct yoy_node *root, const struct yoy_node *n)
{
	if (n->first)
		return n->first;
	while (n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

const struct yoy_node *
yoy_node_next(const struct yoy_node *root, const struct yoy_node *n,
    int *entering)
{
	if (*entering && n->first)
		return n->first;
	if (*entering) {        /* no children: left at once */
		*entering = 0;
		return n;
	}
	if (n == root)
		return NULL;
	if (n->next) {
		*entering = 1;
		return n->next;
	}
	return n->parent;
}

struct yoy_node *
yoy_node_copy(struct yoy_doc *d, struct yoy_node *parent,
    const struct yoy_node *src)
{
	const struct yoy_node *n;
	struct yoy_node *cur = parent, *top = NULL, *c;
	int entering = 1, i;

	for (n = src; n; n = yoy_node_next(src, n, &entering)) {
		if (!entering) {
			if (n->first)
				cur = cur->parent;
			continue;
		}
		c = yoy_node_add(d, cur, n->type);
		if (n->type == YOY_TEXT) {
			c->text = yoy_arena_strndup(d->arena, n->text, n->len);
			c->len = n->len;
		}
		for (i = 0; i < YOY_NATTR; i++)
			if (n->attr[i])
				c->attr[i] = yoy_arena_strndup(d->arena, n->attr[i],
				    strlen(n->attr[i]));
		c->line = n->line;
		c->xml_line = n->xml_line;
		if (top == NULL)
			top = c;
		if (n->first)
			cur = c;
	}
	return top;
}

void
yoy_node_text(const struct yoy_node *root, struct yoy_buf *out)
{
	const struct yoy_node *n;

	for (n = root; n; n = yoy_node_walk(root, n)) {
		if (n->type == YOY_TEXT)
			yoy_buf_put(out, n->text, n->len);
		else if (n->type == YOY_BR)
			yoy_buf_putc(out, ' ');
		else if (!types[n->type].is_inline && n != root && out->len &&
		    out->ptr[out->len - 1] != ' ')
			yoy_buf_putc(out, ' ');
	}
}

struct yoy_node *
yoy_doc_meta(struct yoy_doc *d, enum yoy_type t)
{
	static const enum yoy_type order[] = {
		YOY_TITLE, YOY_TYPE, YOY_DATE, YOY_NOTICE, YOY_PATH,
		YOY_ORGANISATION, YOY_WITHDRAWN, YOY_HISTORY, YOY_SOURCE
	};
	struct yoy_node *n, *c;
	size_t i, rank = 0;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (order[i] == t)
			rank = i;
	/* sources and organisations repeat: each call a new one */
	if (t != YOY_SOURCE && t != YOY_ORGANISATION &&
	    (n = yoy_node_child(d->meta, t)) != NULL)
		return n;
	/* keep meta in schema order: insert before the first later child */
	n = yoy_node_new(d, t);
	for (c = d->meta->first; c; c = c->next) {
		for (i = 0; order[i] != c->type; i++)
			;
		if (i > rank)
			break;
	}
	if (c == NULL) {
		yoy_node_append(d->meta, n);
	} else {
		n->parent = d->meta;
		n->next = c;
		n->prev = c->prev;
		if (c->prev)
			c->prev->next = n;
		else
			d->meta->first = n;
		c->prev = n;
	}
	return n;
}

void
yoy_doc_source(struct yoy_doc *d, const char *format, const char *file)
{
	struct yoy_node *src = yoy_doc_meta(d, YOY_SOURCE);
	struct yoy_buf name = YOY_BUF_INIT;
	const char *base;

	yoy_node_set(d, src, "format", format);
	if (file == NULL || strcmp(file, "-") == 0)
		return;
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	if (yoy_text_utf8(base, strlen(base), &name) > 0)
		yoy_diag(YOY_WARNING, file, 0, 0, "the file's name is not UTF-8 "
		    "text; its meta/source name has U+FFFD for what is not");
	yoy_node_set(d, src, "name", name.ptr);
	yoy_buf_free(&name);
}

static int
blank(const struct yoy_node *t)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		if (!strchr(" \t\r\n", t->text[i]))
			return 0;
	return 1;
}

/* Folds the inline content of block `b` as one run of text. */
void
yoy_node_fold(struct yoy_node *b)
{
	struct yoy_node *n, *next, *last = NULL;
	int space = 1;

	for (n = b->first; n; n = yoy_node_walk(b, n))
		if (n->type == YOY_TEXT) {
			n->len = yoy_text_fold_run((char *)n->text, n->len,
			    &space);
			((char *)n->text)[n->len] = '\0';
			if (n->len)
				last = n;
		}
	if (last && last->text[last->len - 1] == ' ')
		((char *)last->text)[--last->len] = '\0';
	for (n = b->first; n; n = next) {
		next = yoy_node_walk(b, n);
		if (n->type == YOY_TEXT && n->len == 0)
			yoy_node_unlink(n);
	}
}

void
yoy_node_normalize_child(struct yoy_node *c)
{
	if (c->type == YOY_TEXT && blank(c)) {
		yoy_node_unlink(c);
		return;
	}
	if (c->type == YOY_NOTE)
		yoy_node_fold(c);
	yoy_node_normalize(c);
}

void
yoy_doc_normalize(struct yoy_doc *d)
{
	yoy_node_normalize(d->root);
}

void
yoy_node_normalize(struct yoy_node *root)
{
	struct yoy_node *n = root, *c, *next;

	while (n) {
		if (n->type == YOY_PRE || yoy_type_is_inline(n->type)) {
			n = yoy_node_walk(root, n);
			continue;
		}
		if (!yoy_node_holds_block(n)) {
			yoy_node_fold(n);
		} else {
			for (c = n->first; c; c = next) {
				next = c->next;
				if (c->type == YOY_TEXT && blank(c))
					yoy_node_unlink(c);
				else if (c->type == YOY_NOTE)
					yoy_node_fold(c);     /* a block note */
			}
		}
		n = yoy_node_walk(root, n);
	}
}
