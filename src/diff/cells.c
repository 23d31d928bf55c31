/* Comparing two editions, cell by cell.
 *
 * Stages, as git's diff pipeline has them: the cells of each document are
 * found and keyed (action number, department id, entry kind and year; an
 * action's own text; a section by its headings), then matched by key,
 * never by position; a matched pair whose blocks are byte for byte the
 * same is the same, at the cost of a comparison.  Only then, for a cell
 * that differs, are its blocks aligned (a shortest script over whole
 * blocks) and the blocks of each changed run compared token by token:
 * words, punctuation and white space (myers.c for both). */
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

struct blocks {
	struct yoy_block *v;
	size_t n, cap;
};

static struct yoy_block *
next_block(struct blocks *bl, enum yoy_type t)
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
take_blocks(struct yoy_diff *df, struct blocks *bl, struct yoy_cell *c,
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
add_block(struct yoy_diff *df, struct blocks *bl, enum yoy_type t,
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
flatten(struct yoy_diff *df, const struct yoy_node *n, struct blocks *bl,
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
    struct blocks *bl, struct yoy_buf *text, struct yoy_buf *k)
{
	const struct yoy_node *d, *e;
	size_t len;

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
			if (yoy_lazy_bytes(side_lazy(df, sd), e, &len) != NULL) {
				c->lazy[sd] = 1;        /* blocks when needed */
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
    struct side *s, const struct yoy_diff_opts *o, struct blocks *bl,
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

/* -------------------------------------------------------------- tokens */

enum cls { C_SPACE, C_WORD, C_PUNCT };

/* The class of the character at s (valid UTF-8), and its length. */
static enum cls
cls(const unsigned char *s, size_t *clen, uint32_t *cp)
{
	uint32_t c = s[0];

	if (c < 0x80) {
		*clen = 1;
		*cp = c;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			return C_SPACE;
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z'))
			return C_WORD;
		return C_PUNCT;
	}
	if (c < 0xe0) {
		*clen = 2;
		c = (c & 0x1f) << 6 | (s[1] & 0x3f);
	} else if (c < 0xf0) {
		*clen = 3;
		c = (c & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	} else {
		*clen = 4;
		c = (c & 0x07) << 18 | (s[1] & 0x3f) << 12 |
		    (s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	}
	*cp = c;
	if (c == 0xa0 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f ||
	    c == 0x3000)
		return C_SPACE;
	if ((c >= 0xa1 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
	    (c >= 0x2010 && c <= 0x2bff) || (c >= 0x3001 && c <= 0x3003))
		return C_PUNCT;
	return C_WORD;
}

/* --ignore-typography: a character's stand-in, "" for itself. */
static const char *
plain(uint32_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
		return "'";
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	default:
		return "";
	}
}

/* Appends the typography-blind form of s: quotes straight, every dash
 * and run of dashes one '-', an ellipsis three dots, white space one
 * space.  Never longer than s. */
static void
normalize(const char *s, size_t len, struct yoy_buf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	int last = 0;

	while (p < end) {
		size_t n;
		uint32_t c;
		enum cls k = cls(p, &n, &c);
		const char *r = k == C_SPACE ? " " : plain(c);
		size_t rl = *r ? strlen(r) : n;

		if (!*r)
			r = (const char *)p;
		if (!((*r == '-' || *r == ' ') && rl == 1 && last == *r))
			yoy_buf_put(out, r, rl);
		last = rl == 1 ? *r : 0;
		p += n;
	}
}

/* A token: a word, a run of punctuation or of white space, or the
 * boundary between two blocks (of the type of the block after it). */
struct tok {
	const char *s;
	size_t len;
	unsigned char word;
	unsigned char sep;
	enum yoy_type type;
};

/* The tokens of blocks [bi, to) of one side, one at a time: they are
 * read off the blocks' text (which the documents hold) when they are
 * needed, never stored, so that a cell of a million words costs its
 * symbols (4 bytes a token) and edit flags (1), not a table of them. */
struct cursor {
	const struct yoy_block *b;
	size_t bi, to;
	const unsigned char *p, *end;
};

static void
cursor_init(struct cursor *c, const struct yoy_block *b, size_t from,
    size_t to)
{
	c->b = b;
	c->bi = from;
	c->to = to;
	c->p = c->end = NULL;
	if (from < to) {
		c->p = (const unsigned char *)b[from].s;
		c->end = c->p + b[from].len;
	}
}

/* The next token into `t`; 0 at the end. */
static int
cursor_next(struct cursor *c, struct tok *t)
{
	const unsigned char *q;
	size_t n;
	uint32_t cp;
	enum cls k;

	if (c->bi >= c->to)
		return 0;
	if (c->p == c->end) {
		if (++c->bi >= c->to)
			return 0;
		c->p = (const unsigned char *)c->b[c->bi].s;
		c->end = c->p + c->b[c->bi].len;
		t->s = "\x01";
		t->len = 1;
		t->word = 0;
		t->sep = 1;
		t->type = c->b[c->bi].type;
		return 1;
	}
	k = cls(c->p, &n, &cp);
	for (q = c->p + n; q < c->end; q += n)
		if (cls(q, &n, &cp) != k)
			break;
	t->s = (const char *)c->p;
	t->len = (size_t)(q - c->p);
	t->word = k == C_WORD;
	t->sep = 0;
	t->type = 0;
	c->p = q;
	return 1;
}

/* A symbol table entry: a key (text, and a block's type) and its id. */
struct ent {
	const char *k;
	uint32_t len, h, id, type;
};

/* Scratch of one cell's comparison, kept between cells. */
struct differ {
	int typo;
	struct yoy_buf keys;    /* --ignore-typography: normalized keys */
	struct ent *tab;        /* open addressing, grown with the symbols */
	size_t cap, size;       /* allocated; in use (a power of two) */
	unsigned nid;
	unsigned *seq;          /* each token's symbol: old's, then new's */
	size_t nseq, seqcap;
	char *flags;
	size_t flagcap;
	struct yoy_buf na, nb;  /* normalized blocks, for equality */
	struct blocks bl;       /* a cell's blocks, as made */
	struct yoy_buf text;
};

static void
tab_reset(struct differ *d)
{
	if (d->cap == 0) {
		d->cap = 64;
		d->tab = yoy_malloc(d->cap * sizeof(*d->tab));
	}
	d->size = 64;           /* a small cell clears a small table */
	memset(d->tab, 0, d->size * sizeof(*d->tab));
	d->nid = 0;
}

static void
tab_put(struct differ *d, const struct ent *e)
{
	size_t i = e->h & (d->size - 1);

	while (d->tab[i].k)
		i = (i + 1) & (d->size - 1);
	d->tab[i] = *e;
}

/* Doubles the table, its entries placed again. */
static void
tab_grow(struct differ *d)
{
	size_t old = d->size, i;
	struct ent *was = yoy_malloc(old * sizeof(*was));

	memcpy(was, d->tab, old * sizeof(*was));
	if (2 * old > d->cap) {
		free(d->tab);
		d->cap = 2 * old;
		d->tab = yoy_malloc(d->cap * sizeof(*d->tab));
	}
	d->size = 2 * old;
	memset(d->tab, 0, d->size * sizeof(*d->tab));
	for (i = 0; i < old; i++)
		if (was[i].k)
			tab_put(d, &was[i]);
	free(was);
}

/* The symbol of key `k` (of block type `type`, 0 for a token). */
static unsigned
intern(struct differ *d, const char *k, size_t len, unsigned type)
{
	uint32_t h = yoy_hash(k, len) ^ (type * 0x9e3779b9u);
	size_t i;
	struct ent e;

	for (i = h & (d->size - 1); d->tab[i].k; i = (i + 1) & (d->size - 1))
		if (d->tab[i].h == h && d->tab[i].len == len &&
		    d->tab[i].type == type && memcmp(d->tab[i].k, k, len) == 0)
			return d->tab[i].id;
	if (2 * (d->nid + 1) > d->size) {
		tab_grow(d);
		for (i = h & (d->size - 1); d->tab[i].k;
		    i = (i + 1) & (d->size - 1))
			;
	}
	e.k = k;
	e.len = (uint32_t)len;
	e.h = h;
	e.type = type;
	e.id = d->nid++;
	d->tab[i] = e;
	return e.id;
}

/* The symbol of a token or block text: itself, or typography-blind (the
 * normalized keys live in d->keys, sized beforehand: never moved). */
static unsigned
symbol(struct differ *d, const char *s, size_t len, unsigned type)
{
	size_t at;

	if (!d->typo)
		return intern(d, s, len, type);
	at = d->keys.len;
	normalize(s, len, &d->keys);
	return intern(d, d->keys.ptr + at, d->keys.len - at, type);
}

static void
seq_push(struct differ *d, unsigned id)
{
	if (d->nseq == d->seqcap) {
		d->seqcap = d->seqcap ? 2 * d->seqcap : 1024;
		d->seq = yoy_realloc(d->seq, d->seqcap * sizeof(*d->seq));
	}
	d->seq[d->nseq++] = id;
}

static size_t
count_words(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t words = 0, n;
	uint32_t c;
	int in = 0;

	while (p < end) {
		int w = cls(p, &n, &c) == C_WORD;

		words += w && !in;
		in = w;
		p += n;
	}
	return words;
}

/* ----------------------------------------------------------- matching */

static int
same_blocks(struct differ *d, const struct yoy_cell *c)
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
		normalize(a->s, a->len, &d->na);
		normalize(b->s, b->len, &d->nb);
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
	struct differ *d = df->differ;
	int sd;

	for (sd = 0; sd < 2; sd++) {
		if (!c->lazy[sd])
			continue;
		if (yoy_lazy_expand(side_lazy(df, sd), c->node[sd]) < 0)
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
	    (x = yoy_lazy_bytes(side_lazy(df, 0), a, &nx)) != NULL &&
	    (y = yoy_lazy_bytes(side_lazy(df, 1), b, &ny)) != NULL &&
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
	struct differ *d;

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

/* ------------------------------------------------------------ scripts */

static void
op(struct yoy_script *sc, enum yoy_opkind kind, int block, enum yoy_type t,
    const char *s, size_t len)
{
	struct yoy_op *o;

	/* runs of one kind merge */
	if (!block && sc->n && !sc->op[sc->n - 1].block &&
	    sc->op[sc->n - 1].kind == kind &&
	    sc->op[sc->n - 1].s + sc->op[sc->n - 1].len == s) {
		sc->op[sc->n - 1].len += len;
		return;
	}
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		sc->op = yoy_realloc(sc->op, sc->cap * sizeof(*sc->op));
	}
	o = &sc->op[sc->n++];
	o->kind = kind;
	o->block = block;
	o->type = t;
	o->s = s;
	o->len = len;
}

static void
whole(struct yoy_script *sc, enum yoy_opkind kind, const struct yoy_block *b)
{
	op(sc, kind, 1, b->type, b->s, 0);
	if (b->len)
		op(sc, kind, 0, b->type, b->s, b->len);
}

static void
grow_flags(struct differ *d, size_t n)
{
	if (n > d->flagcap) {
		d->flagcap = n;
		d->flags = yoy_realloc(d->flags, n);
	}
}

/* The symbols of blocks [from, to) of one side, pushed; their count. */
static size_t
hunk_symbols(struct differ *d, const struct yoy_block *b, size_t from,
    size_t to)
{
	struct cursor c;
	struct tok t;
	size_t n = 0;

	cursor_init(&c, b, from, to);
	while (cursor_next(&c, &t)) {
		seq_push(d, symbol(d, t.s, t.len, 0));
		n++;
	}
	return n;
}

static void
emit(struct yoy_script *sc, const struct tok *t, enum yoy_opkind k,
    struct yoy_cell *c)
{
	if (t->sep)
		op(sc, k, 1, t->type, "", 0);
	else
		op(sc, k, 0, t->type, t->s, t->len);
	if (t->word && k == YOY_OP_DEL)
		c->deleted++;
	else if (t->word && k == YOY_OP_INS)
		c->inserted++;
}

/* A run of the script: kept (eq) or edited, over a[i0, i1), b[j0, j1). */
struct run {
	size_t i0, i1, j0, j1;
	size_t len, dl, il;     /* bytes: kept; deleted, inserted */
	int eq, hard;           /* hard: holds a word or a block boundary */
};

static int
goes(const struct run *l, const struct run *e, const struct run *r)
{
	size_t lm = l->dl > l->il ? l->dl : l->il;
	size_t rm = r->dl > r->il ? r->dl : r->il;

	return !e->hard || (e->len < lm && e->len < rm);
}

/* A shortest script is not always the most readable: "Service Manager"
 * to "service manager" keeps the space between the words, a rewritten
 * sentence keeps its scattered "the" and "of".  The semantic cleanup of
 * Fraser's diff-match-patch: a kept run between edits goes with them
 * when it holds no word, or is shorter than the edits on either side;
 * merged edits are checked again against the run before them (a stack,
 * so linear).  A run holding a block boundary always stays. */
static void
cleanup(struct cursor ca, struct cursor cb, size_t na, size_t nb, char *del,
    char *ins)
{
	size_t i = 0, j = 0, n = 0, cap = 64, k;
	struct run *st = yoy_malloc(cap * sizeof(*st));
	struct tok t;

	while (i < na || j < nb) {
		struct run r;

		memset(&r, 0, sizeof(r));
		r.i0 = i, r.j0 = j;
		if ((i < na && del[i]) || (j < nb && ins[j])) {
			for (; i < na && del[i]; i++)
				if (cursor_next(&ca, &t))
					r.dl += t.len;
			for (; j < nb && ins[j]; j++)
				if (cursor_next(&cb, &t))
					r.il += t.len;
		} else {
			r.eq = 1;
			for (; i < na && j < nb && !del[i] && !ins[j]; i++, j++) {
				cursor_next(&ca, &t);
				if (!cursor_next(&cb, &t))
					continue;
				r.len += t.len;
				if (t.sep)
					r.hard = 2;
				else if (t.word && !r.hard)
					r.hard = 1;
			}
		}
		r.i1 = i, r.j1 = j;
		if (n == cap)
			st = yoy_realloc(st, (cap *= 2) * sizeof(*st));
		st[n++] = r;
		while (n >= 3 && !st[n - 1].eq && st[n - 2].eq &&
		    st[n - 2].hard < 2 && !st[n - 3].eq &&
		    goes(&st[n - 3], &st[n - 2], &st[n - 1])) {
			struct run *l = &st[n - 3], *e = &st[n - 2],
			    *rr = &st[n - 1];

			l->dl += e->len + rr->dl;
			l->il += e->len + rr->il;
			l->i1 = rr->i1, l->j1 = rr->j1;
			n -= 2;
		}
	}
	for (k = 0; k < n; k++)
		if (!st[k].eq) {
			memset(del + st[k].i0, 1, st[k].i1 - st[k].i0);
			memset(ins + st[k].j0, 1, st[k].j1 - st[k].j0);
		}
	free(st);
}

/* Compares the changed blocks a[i0, i1) and b[j0, j1) word by word. */
static void
hunk(struct yoy_diff *df, struct yoy_cell *c, size_t i0, size_t i1,
    size_t j0, size_t j1, struct yoy_script *sc)
{
	struct differ *d = df->differ;
	struct cursor ca, cb;
	struct tok t;
	size_t i, j, na, nb, bytes = 0;
	char *del, *ins;

	tab_reset(d);
	d->nseq = 0;
	if (d->typo) {
		/* keys point into d->keys: no growing while they are made */
		for (i = i0; i < i1; i++)
			bytes += c->blk[0][i].len + 1;
		for (j = j0; j < j1; j++)
			bytes += c->blk[1][j].len + 1;
		d->keys.len = 0;
		yoy_buf_grow(&d->keys, bytes + 16);
	}
	na = hunk_symbols(d, c->blk[0], i0, i1);
	nb = hunk_symbols(d, c->blk[1], j0, j1);
	grow_flags(d, na + nb + 1);
	del = d->flags, ins = d->flags + na;
	yoy_myers(d->seq, na, d->seq + na, nb, d->nid, del, ins);

	/* the hunk's first block: on both sides, or on one */
	if (j0 < j1)
		op(sc, i0 < i1 ? YOY_OP_SAME : YOY_OP_INS, 1,
		    c->blk[1][j0].type, "", 0);
	else
		op(sc, YOY_OP_DEL, 1, c->blk[0][i0].type, "", 0);
	cursor_init(&ca, c->blk[0], i0, i1);
	cursor_init(&cb, c->blk[1], j0, j1);
	cleanup(ca, cb, na, nb, del, ins);
	/* each run of edits: what went, then what came */
	for (i = j = 0; i < na || j < nb;) {
		if (!(i < na && del[i]) && !(j < nb && ins[j])) {
			cursor_next(&ca, &t);
			cursor_next(&cb, &t);
			emit(sc, &t, YOY_OP_SAME, c);
			i++, j++;
			continue;
		}
		for (; i < na && del[i]; i++)
			if (cursor_next(&ca, &t))
				emit(sc, &t, YOY_OP_DEL, c);
		for (; j < nb && ins[j]; j++)
			if (cursor_next(&cb, &t))
				emit(sc, &t, YOY_OP_INS, c);
	}
}

void
yoy_diff_script(struct yoy_diff *df, struct yoy_cell *c,
    struct yoy_script *sc)
{
	struct differ *d = df->differ;
	size_t i, j, n = 0, na, nb;
	const struct yoy_block *a, *b;
	char *bdel, *bins;
	unsigned *sa, *sb;
	int s;

	na = c->nblk[0], nb = c->nblk[1];
	a = c->blk[0], b = c->blk[1];
	sc->n = 0;
	c->deleted = c->inserted = 0;
	for (s = 0; s < 2; s++) {
		c->words[s] = 0;
		for (i = 0; i < c->nblk[s]; i++)
			c->words[s] += count_words(c->blk[s][i].s,
			    c->blk[s][i].len);
	}
	if (c->status != YOY_CHANGED) {
		enum yoy_opkind k = c->status == YOY_ADDED ? YOY_OP_INS :
		    c->status == YOY_REMOVED ? YOY_OP_DEL : YOY_OP_SAME;
		int from = c->status == YOY_REMOVED ? 0 : 1;

		for (i = 0; i < c->nblk[from]; i++)
			whole(sc, k, &c->blk[from][i]);
		if (k == YOY_OP_INS)
			c->inserted = c->words[1];
		else if (k == YOY_OP_DEL)
			c->deleted = c->words[0];
		return;
	}
	/* align whole blocks first: a block is its type and its text */
	for (i = 0; i < na; i++)
		n += a[i].len + 1;
	for (i = 0; i < nb; i++)
		n += b[i].len + 1;
	tab_reset(d);
	d->nseq = 0;
	if (d->typo) {
		d->keys.len = 0;
		yoy_buf_grow(&d->keys, n + 16);
	}
	for (s = 0; s < 2; s++)
		for (i = 0; i < c->nblk[s]; i++)
			seq_push(d, symbol(d, c->blk[s][i].s, c->blk[s][i].len,
			    1 + (unsigned)c->blk[s][i].type));
	/* hunk() reuses the symbols' array: the blocks' go elsewhere */
	sa = yoy_malloc((na + nb + 1) * sizeof(*sa));
	memcpy(sa, d->seq, (na + nb) * sizeof(*sa));
	sb = sa + na;
	bdel = yoy_malloc(na + nb + 1);
	bins = bdel + na;
	yoy_myers(sa, na, sb, nb, d->nid, bdel, bins);
	for (i = j = 0; i < na || j < nb;) {
		size_t i0 = i, j0 = j;

		if ((i < na && bdel[i]) || (j < nb && bins[j])) {
			while (i < na && bdel[i])
				i++;
			while (j < nb && bins[j])
				j++;
			hunk(df, c, i0, i, j0, j, sc);
			continue;
		}
		whole(sc, YOY_OP_SAME, &b[j]);
		i++, j++;
	}
	free(bdel);
	free(sa);
}

void
yoy_script_free(struct yoy_script *sc)
{
	free(sc->op);
	sc->op = NULL;
	sc->n = sc->cap = 0;
}
