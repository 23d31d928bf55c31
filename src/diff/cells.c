/* Comparing two editions, cell by cell.
 *
 * Stages, as git's diff pipeline has them: the cells of each document are
 * found and keyed (action number, department id, entry kind and year; an
 * action's own text; a section by its headings), then matched by key,
 * never by position; a matched pair whose blocks are byte for byte the
 * same is the same, at the cost of a comparison.  Only then, for a cell
 * that differs, are its blocks aligned (a shortest script over whole
 * blocks) and the blocks of each changed run compared token by token:
 * words, punctuation and white space (script.c, tokens.c, myers.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *
yoy_status_name(enum yoy_status s)
{
	static const char *const names[] = { "same", "changed", "added",
		"removed" };

	return names[s];
}

/* ------------------------------------------------------------- blocks */

/* A link's target goes after its text, so a changed target is a changed
 * word; a figure is its alt text and its source. */
static void
inline_text(const struct yoy_node *root, struct yoy_buf *b)
{
	const struct yoy_node *n;
	int entering = 1;

	for (n = root; n; n = yoy_node_next(root, n, &entering)) {
		if (!entering) {
			if (n->type == YOY_A && n->attr[0])
				yoy_buf_printf(b, " <%s>", n->attr[0]);
		} else if (n->type == YOY_TEXT) {
			yoy_buf_put(b, n->text, n->len);
		} else if (n->type == YOY_BR) {
			yoy_buf_putc(b, ' ');
		}
	}
}

static struct yoy_block *
next_block(struct yoy_blocks *bl, enum yoy_type t)
{
	struct yoy_block *b;

	if (bl->n == bl->cap) {
		bl->cap = bl->cap ? 2 * bl->cap : 64;
		bl->v = yoy_realloc(bl->v, bl->cap * sizeof(*bl->v));
	}
	b = &bl->v[bl->n++];
	b->type = t;
	return b;
}

/* The blocks gathered in `bl` (one scratch vector for all cells) become
 * side `sd` of cell `c`, copied to their size. */
static void
take_blocks(struct yoy_diff *df, struct yoy_blocks *bl, struct yoy_cell *c,
    int sd)
{
	c->nblk[sd] = bl->n;
	c->blk[sd] = NULL;
	if (bl->n) {
		c->blk[sd] = yoy_arena_alloc(df->arena, bl->n * sizeof(*bl->v));
		memcpy(c->blk[sd], bl->v, bl->n * sizeof(*bl->v));
	}
	bl->n = 0;
}

/* A block of the text gathered in `text`, which it empties. */
static void
add_block(struct yoy_diff *df, struct yoy_blocks *bl, enum yoy_type t,
    struct yoy_buf *text)
{
	struct yoy_block *b = next_block(bl, t);

	b->len = text->len ? yoy_text_fold(text->ptr, text->len) : 0;
	b->s = yoy_arena_strndup(df->arena, text->len ? text->ptr : "", b->len);
	text->len = 0;
}

/* The text blocks of `n`'s children, in order: an element of inline
 * content is one block; inline runs beside blocks are blocks of their
 * parent's type.  `skip` says which children are not the cell's.  The
 * reader bounds depth, so recursion is bounded too. */
static void
flatten(struct yoy_diff *df, const struct yoy_node *n, struct yoy_blocks *bl,
    struct yoy_buf *text, int (*skip)(const struct yoy_node *))
{
	const struct yoy_node *c;
	int run = 0;

	for (c = n->first; c; c = c->next) {
		if (skip && skip(c))
			continue;
		if (!yoy_node_is_block(c)) {
			inline_text(c, text);
			run = 1;
			continue;
		}
		if (run)
			add_block(df, bl, n->type, text), run = 0;
		if (c->type == YOY_FIGURE) {
			const char *alt = c->attr[1], *src = c->attr[0];

			yoy_buf_printf(text, "%s <%s>", alt ? alt : "",
			    src ? src : "");
			add_block(df, bl, YOY_FIGURE, text);
			flatten(df, c, bl, text, NULL);
			continue;
		}
		if (c->first == NULL || c->type == YOY_PRE) {
			if (c->first)
				inline_text(c, text);
			add_block(df, bl, c->type, text);
		} else if (c->first == c->last && c->first->type == YOY_TEXT) {
			/* most blocks: one text, folded already */
			struct yoy_block *b = next_block(bl, c->type);

			b->s = c->first->text;
			b->len = c->first->len;
		} else {
			/* inline content is one block of c's type; blocks in it
			 * are blocks of their own */
			flatten(df, c, bl, text, NULL);
		}
	}
	if (run)
		add_block(df, bl, n->type, text);
}

static int
not_intro(const struct yoy_node *n)
{
	return n->type == YOY_DEPARTMENT;
}

static int
not_section_text(const struct yoy_node *n)
{
	return n->type == YOY_SECTION || n->type == YOY_ACTION ||
	    n->type == YOY_TITLE;
}

/* ---------------------------------------------------------- collecting */

/* The cells of one document.  A key met again is the same key, one
 * occurrence on: occ counts them, prev links each to the one before. */
struct side {
	struct yoy_cell *v;
	const char **key;       /* shared by the cells of one key */
	size_t *occ, *prev;
	size_t n, cap;
	struct yoy_map last;       /* key -> its latest cell */
};

/* Room for every cell `doc` can have, in the diff's arena: an entry, an
 * action's introduction or a section each, and the body's text. */
static void
size_side(struct yoy_diff *df, struct side *s, const struct yoy_doc *doc)
{
	s->cap = doc->made[YOY_ENTRY] + doc->made[YOY_ACTION] +
	    doc->made[YOY_SECTION] + 1;
	s->v = yoy_arena_alloc(df->arena, s->cap * sizeof(*s->v));
	s->key = yoy_arena_alloc(df->arena, s->cap * sizeof(*s->key));
	s->occ = yoy_arena_alloc(df->arena, s->cap * sizeof(*s->occ));
	s->prev = yoy_arena_alloc(df->arena, s->cap * sizeof(*s->prev));
}

static struct yoy_cell *
new_cell(struct side *s)
{
	if (s->n == s->cap)
		abort();        /* size_side's bound is wrong */
	return &s->v[s->n++];   /* zeroed */
}

/* Keys the last cell of `s` with `k`, which it empties. */
static void
key_cell(struct yoy_diff *df, struct side *s, struct yoy_buf *k)
{
	size_t *at = yoy_map_at(&s->last, k->ptr, k->len, df->arena), i = s->n - 1;

	s->prev[i] = *at;
	s->occ[i] = *at == (size_t)-1 ? 0 : s->occ[*at] + 1;
	s->key[i] = yoy_map_key(&s->last, at);
	*at = i;
	k->len = 0;
}

/* Appends "\x1f" and the number n to a key. */
static void
key_int(struct yoy_buf *k, long n)
{
	char d[24];
	size_t i = sizeof(d);
	int neg = n < 0;
	unsigned long u = neg ? 0UL - (unsigned long)n : (unsigned long)n;

	do
		d[--i] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (neg)
		d[--i] = '-';
	d[--i] = '\x1f';
	yoy_buf_put(k, d + i, sizeof(d) - i);
}

static int
node_int(const struct yoy_node *n, const char *attr)
{
	const char *v = yoy_node_get(n, attr);

	return v ? atoi(v) : 0;
}

/* Side `sd`'s table of unread entries; --years compares one document
 * with itself: its table serves both sides. */
static struct yoy_lazy *
side_lazy(const struct yoy_diff *df, int sd)
{
	return df->doc[sd] || sd == 0 ? df->lazy[sd] : df->lazy[0];
}

static void
collect_entries(struct yoy_diff *df, struct side *s, int sd,
    const struct yoy_node *action, int num, const struct yoy_diff_opts *o,
    struct yoy_blocks *bl, struct yoy_buf *text, struct yoy_buf *k)
{
	const struct yoy_node *d, *e;
	size_t len;
	long at;

	for (d = action->first; d; d = d->next) {
		const char *id;

		if (d->type != YOY_DEPARTMENT)
			continue;
		/* attributes by slot (doc.c's table, schema order): a
		 * department's id and name; an entry's kind, year, label */
		id = d->attr[0];
		id = id ? id : "";
		if (o->department && strcmp(o->department, id) != 0)
			continue;
		for (e = d->first; e; e = e->next) {
			struct yoy_cell *c;
			int kind, year;

			if (e->type != YOY_ENTRY)
				continue;
			kind = yoy_kind_from_name(e->attr[0] ? e->attr[0] : "");
			year = e->attr[1] ? atoi(e->attr[1]) : 0;
			if ((o->kind && (int)o->kind != kind) ||
			    (o->year && o->year != year && !o->years))
				continue;
			c = new_cell(s);
			c->what = YOY_CELL_ENTRY;
			c->action = num;
			c->dept_id = id;
			c->dept_name = d->attr[1];
			c->kind = (enum yoy_kind)kind;
			c->year[sd] = year;
			c->label = e->attr[2];
			c->node[sd] = e;
			at = yoy_lazy_find(side_lazy(df, sd), e,
			    &df->lazy_at[sd]);
			if (at >= 0 && yoy_lazy_bytes(side_lazy(df, sd),
			    (size_t)at, &len) != NULL) {
				/* blocks when needed */
				c->lazy[sd] = (uint32_t)at + 1;
			} else {
				flatten(df, e, bl, text, NULL);
				take_blocks(df, bl, c, sd);
			}
			/* --years pairs years: the key is the group, no year */
			yoy_buf_putc(k, 'E');
			key_int(k, num);
			yoy_buf_putc(k, '\x1f');
			yoy_buf_puts(k, id);
			key_int(k, kind);
			if (!o->years)
				key_int(k, year);
			key_cell(df, s, k);
		}
	}
}

/* The cells of one document, in document order; blocks are gathered in
 * `bl` and `text`, the scratch a lazy entry's blocks are made in later. */
static void
collect(struct yoy_diff *df, const struct yoy_doc *doc, int sd,
    struct side *s, const struct yoy_diff_opts *o, struct yoy_blocks *bl,
    struct yoy_buf *text)
{
	struct yoy_buf k = YOY_BUF_INIT, path = YOY_BUF_INIT;
	const struct yoy_node *n = doc->body;
	int sections = !o->years && !o->department && !o->kind && !o->year;

	size_side(df, s, doc);
	yoy_map_reserve(&s->last, s->cap);

	while (n) {
		const struct yoy_node *next = NULL;

		if (n->type == YOY_ACTION) {
			int num = node_int(n, "n");

			if (o->action == 0 || o->action == num) {
				if (sections) {
					struct yoy_cell *c = new_cell(s);

					c->what = YOY_CELL_INTRO;
					c->action = num;
					c->node[sd] = n;
					flatten(df, n, bl, text, not_intro);
					take_blocks(df, bl, c, sd);
					yoy_buf_putc(&k, 'I');
					key_int(&k, num);
					key_cell(df, s, &k);
				}
				collect_entries(df, s, sd, n, num, o, bl, text, &k);
			}
		} else if ((n->type == YOY_SECTION || n->type == YOY_BODY) &&
		    sections && o->action == 0) {
			struct yoy_cell *c;
			const struct yoy_node *a, *title;
			size_t ov[2];

			/* shown: the path of headings; the key: its own, so
			 * that a section moved or re-nested still matches */
			path.len = 0;
			for (a = n; a && a->type == YOY_SECTION; a = a->parent) {
				struct yoy_buf t = YOY_BUF_INIT;

				title = yoy_node_child(a, YOY_TITLE);
				if (title)
					inline_text(title, &t);
				if (t.len)
					t.len = yoy_text_fold(t.ptr, t.len);
				if (path.len)
					yoy_buf_puts(&t, " \xe2\x80\xba ");
				yoy_buf_put(&t, path.ptr ? path.ptr : "",
				    path.len);
				path.len = 0;
				yoy_buf_put(&path, t.ptr ? t.ptr : "", t.len);
				yoy_buf_free(&t);
			}
			flatten(df, n, bl, text, not_section_text);
			if (bl->n > 0 || n->type == YOY_SECTION) {
				c = new_cell(s);
				c->what = YOY_CELL_SECTION;
				c->node[sd] = n;
				c->section = yoy_arena_strndup(df->arena,
				    path.ptr ? path.ptr : "", path.len);
				take_blocks(df, bl, c, sd);
				/* the key: its heading less any number */
				yoy_buf_puts(&k, "S\x1f");
				if ((title = yoy_node_child(n, YOY_TITLE)))
					inline_text(title, &k);
				k.len = 2 + yoy_text_fold(k.ptr + 2, k.len - 2);
				k.ptr[k.len] = '\0';
				if (yoy_re_match(YOY_RE_SECTION_NUMBER, k.ptr + 2,
				    k.len - 2, ov, 2)) {
					memmove(k.ptr + 2, k.ptr + 2 + ov[1],
					    k.len - 2 - ov[1] + 1);
					k.len -= ov[1];
				}
				key_cell(df, s, &k);
			}
		}
		/* into sections and the body, not into actions or blocks */
		if (n->type == YOY_BODY || n->type == YOY_SECTION) {
			for (next = n->first; next; next = next->next)
				if (next->type == YOY_SECTION ||
				    next->type == YOY_ACTION)
					break;
		}
		while (next == NULL && n != doc->body) {
			for (next = n->next; next; next = next->next)
				if (next->type == YOY_SECTION ||
				    next->type == YOY_ACTION)
					break;
			if (next == NULL)
				n = n->parent;
		}
		n = next;
	}
	yoy_buf_free(&k);
	yoy_buf_free(&path);
}

/* ----------------------------------------------------------- matching */

static int
same_blocks(struct yoy_differ *d, const struct yoy_cell *c)
{
	size_t i;

	if (c->nblk[0] != c->nblk[1])
		return 0;
	for (i = 0; i < c->nblk[0]; i++) {
		const struct yoy_block *a = &c->blk[0][i], *b = &c->blk[1][i];

		if (a->type != b->type)
			return 0;
		if (!d->typo) {
			if (a->len != b->len || memcmp(a->s, b->s, a->len))
				return 0;
			continue;
		}
		d->na.len = d->nb.len = 0;
		yoy_tok_normalize(a->s, a->len, &d->na);
		yoy_tok_normalize(b->s, b->len, &d->nb);
		if (d->na.len != d->nb.len ||
		    (d->na.len && memcmp(d->na.ptr, d->nb.ptr, d->na.len)))
			return 0;
	}
	return 1;
}

/* The blocks of a cell's lazy sides, made when first needed: the entry
 * read (yoy_lazy_expand), then flattened as collect does. */
static void
make_blocks(struct yoy_diff *df, struct yoy_cell *c)
{
	struct yoy_differ *d = df->differ;
	int sd;

	for (sd = 0; sd < 2; sd++) {
		if (!c->lazy[sd])
			continue;
		if (yoy_lazy_expand(side_lazy(df, sd), c->lazy[sd] - 1) < 0)
			exit(2);        /* its bytes were read once already */
		flatten(df, c->node[sd], &d->bl, &d->text, NULL);
		take_blocks(df, &d->bl, c, sd);
		c->lazy[sd] = 0;
	}
}

/* Entries still lazy whose contents are the same bytes are the same; the
 * rest are compared block by block. */
static void
status(struct yoy_diff *df, struct yoy_cell *c)
{
	const struct yoy_node *a = c->node[0], *b = c->node[1];
	const char *x, *y;
	size_t nx = 0, ny = 0;

	if (a == NULL) {
		c->status = YOY_ADDED;
	} else if (b == NULL) {
		c->status = YOY_REMOVED;
	} else if (c->lazy[0] && c->lazy[1] &&
	    (x = yoy_lazy_bytes(side_lazy(df, 0), c->lazy[0] - 1, &nx)) &&
	    (y = yoy_lazy_bytes(side_lazy(df, 1), c->lazy[1] - 1, &ny)) &&
	    nx == ny && memcmp(x, y, nx) == 0) {
		c->status = YOY_SAME;
	} else {
		make_blocks(df, c);
		c->status = same_blocks(df->differ, c) ? YOY_SAME : YOY_CHANGED;
	}
	/* what is written later never reads: a script wants blocks */
	if (c->status != YOY_SAME || df->all)
		make_blocks(df, c);
	if (c->what == YOY_CELL_ENTRY)
		df->count[c->status]++;
	else
		df->other[c->status]++;
}

static void
push_out(struct yoy_diff *df, const struct yoy_cell *c)
{
	df->cell[df->n] = *c;   /* room made by the caller */
	status(df, &df->cell[df->n]);
	df->n++;
}

/* The cell of side 0 moves to side 1 (a removed cell's data is in 0). */
static void
merge(struct yoy_cell *into, const struct yoy_cell *from, int sd)
{
	into->node[sd] = from->node[sd];
	into->blk[sd] = from->blk[sd];
	into->nblk[sd] = from->nblk[sd];
	into->lazy[sd] = from->lazy[sd];
	into->year[sd] = from->year[sd];
	if (into->label == NULL)
		into->label = from->label;
	if (into->dept_name == NULL)
		into->dept_name = from->dept_name;
}

/* The old cell of new cell j's key and occurrence, or (size_t)-1. */
static size_t
partner(const struct side *o, const struct side *nw, size_t j)
{
	size_t i = yoy_map_get(&o->last, nw->key[j]);

	while (i != (size_t)-1 && o->occ[i] > nw->occ[j])
		i = o->prev[i];
	return i != (size_t)-1 && o->occ[i] == nw->occ[j] ? i : (size_t)-1;
}

static void
match(struct yoy_diff *df, struct side *o, struct side *nw)
{
	char *taken = calloc(o->n + 1, 1);
	size_t i, j, *with = yoy_malloc((nw->n + 1) * sizeof(*with));

	if (taken == NULL)
		yoy_oom();
	/* every cell once: no growing */
	df->cell = yoy_arena_alloc(df->arena,
	    (o->n + nw->n + 1) * sizeof(*df->cell));
	for (j = 0; j < nw->n; j++)
		if ((with[j] = partner(o, nw, j)) != (size_t)-1)
			taken[with[j]] = 1;
	/* removed cells stand after the old cell they followed */
	for (i = 0; i < o->n && !taken[i]; i++)
		push_out(df, &o->v[i]);
	for (j = 0; j < nw->n; j++) {
		struct yoy_cell c = nw->v[j];

		if ((i = with[j]) == (size_t)-1) {
			push_out(df, &c);
			continue;
		}
		merge(&c, &o->v[i], 0);
		push_out(df, &c);
		for (i++; i < o->n && !taken[i]; i++)
			push_out(df, &o->v[i]);
	}
	free(with);
	free(taken);
}

/* --years: each entry beside the latest earlier one of its group. */
struct yr {
	const char *key;
	int year;
	size_t at, older;
};

static int
cmp_group(const void *pa, const void *pb)
{
	const struct yr *a = pa, *b = pb;
	int k = strcmp(a->key, b->key);

	if (k)
		return k;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

static int
cmp_at(const void *pa, const void *pb)
{
	const struct yr *a = pa, *b = pb;

	return a->at < b->at ? -1 : a->at > b->at;
}

static void
pair_years(struct yoy_diff *df, struct side *s, const struct yoy_diff_opts *o)
{
	struct yr *v = yoy_malloc((s->n + 1) * sizeof(*v));
	size_t i, npair = 0;

	for (i = 0; i < s->n; i++) {
		v[i].key = s->key[i];
		v[i].year = s->v[i].year[0];
		v[i].at = i;
	}
	qsort(v, s->n, sizeof(*v), cmp_group);
	/* pairs, in place: the newer's place and the older's */
	for (i = 1; i < s->n; i++)
		if (strcmp(v[i - 1].key, v[i].key) == 0 &&
		    v[i - 1].year < v[i].year && (o->year == 0 ||
		    o->year == v[i].year || o->year == v[i - 1].year)) {
			v[npair].older = v[i - 1].at;
			v[npair++].at = v[i].at;
		}
	qsort(v, npair, sizeof(*v), cmp_at);
	df->cell = yoy_arena_alloc(df->arena, (npair + 1) * sizeof(*df->cell));
	for (i = 0; i < npair; i++) {
		const struct yoy_cell *a = &s->v[v[i].older];
		struct yoy_cell c = s->v[v[i].at];

		c.node[1] = c.node[0], c.blk[1] = c.blk[0];
		c.nblk[1] = c.nblk[0], c.year[1] = c.year[0];
		c.lazy[1] = c.lazy[0];
		c.node[0] = a->node[0], c.blk[0] = a->blk[0];
		c.nblk[0] = a->nblk[0], c.year[0] = a->year[0];
		c.lazy[0] = a->lazy[0];
		push_out(df, &c);
	}
	free(v);
}

struct yoy_diff *
yoy_diff_lazy(const struct yoy_doc *old, struct yoy_lazy *old_lazy,
    const struct yoy_doc *new, struct yoy_lazy *new_lazy,
    const struct yoy_diff_opts *o)
{
	struct yoy_diff *df = yoy_malloc(sizeof(*df));
	struct side s[2];

	memset(df, 0, sizeof(*df));
	memset(s, 0, sizeof(s));
	df->lazy[0] = old_lazy;
	df->lazy[1] = new_lazy;
	df->all = o->all;
	df->arena = yoy_arena_new();
	df->differ = yoy_malloc(sizeof(*df->differ));
	memset(df->differ, 0, sizeof(*df->differ));
	df->differ->typo = o->ignore_typography;
	df->doc[0] = old;
	df->doc[1] = new;
	collect(df, old, 0, &s[0], o, &df->differ->bl, &df->differ->text);
	if (o->years) {
		pair_years(df, &s[0], o);
	} else {
		collect(df, new, 1, &s[1], o, &df->differ->bl,
		    &df->differ->text);
		match(df, &s[0], &s[1]);
	}
	for (int i = 0; i < 2; i++)
		yoy_map_free(&s[i].last);
	return df;
}

struct yoy_diff *
yoy_diff_new(const struct yoy_doc *old, const struct yoy_doc *new,
    const struct yoy_diff_opts *o)
{
	return yoy_diff_lazy(old, NULL, new, NULL, o);
}

size_t
yoy_diff_changes(const struct yoy_diff *df)
{
	size_t i, n = 0;

	for (i = 0; i < df->n; i++)
		n += df->cell[i].status != YOY_SAME;
	return n;
}

void
yoy_diff_free(struct yoy_diff *df)
{
	struct yoy_differ *d;

	if (df == NULL)
		return;
	d = df->differ;
	yoy_buf_free(&d->keys);
	yoy_buf_free(&d->na);
	yoy_buf_free(&d->nb);
	yoy_buf_free(&d->text);
	free(d->bl.v);
	free(d->tab);
	free(d->seq);
	free(d->flags);
	free(d);
	yoy_arena_free(df->arena);
	free(df);
}

