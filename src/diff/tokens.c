/* A cell's text as tokens, and their symbols.
 *
 * A token is a word, a run of punctuation or of white space, or the
 * boundary between two blocks; tokens are read off the blocks' text when
 * they are needed (a cursor), never stored, and each is interned as a
 * symbol (a small integer) for myers.c.  The symbol table is the diff's
 * own open-addressing table rather than yoy_map: its keys are borrowed
 * (never copied), typed, not NUL-terminated, and it is emptied at every
 * changed run of a cell, so it is sized by what that run holds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
void
yoy_tok_normalize(const char *s, size_t len, struct yoy_buf *out)
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

void
yoy_tok_cursor(struct yoy_cursor *c, const struct yoy_block *b, size_t from,
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
int
yoy_tok_next(struct yoy_cursor *c, struct yoy_tok *t)
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

void
yoy_sym_reset(struct yoy_differ *d)
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
tab_put(struct yoy_differ *d, const struct yoy_sym_ent *e)
{
	size_t i = e->h & (d->size - 1);

	while (d->tab[i].k)
		i = (i + 1) & (d->size - 1);
	d->tab[i] = *e;
}

/* Doubles the table, its entries placed again. */
static void
tab_grow(struct yoy_differ *d)
{
	size_t old = d->size, i;
	struct yoy_sym_ent *was = yoy_malloc(old * sizeof(*was));

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
intern(struct yoy_differ *d, const char *k, size_t len, unsigned type)
{
	uint32_t h = yoy_hash(k, len) ^ (type * 0x9e3779b9u);
	size_t i;
	struct yoy_sym_ent e;

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
unsigned
yoy_sym(struct yoy_differ *d, const char *s, size_t len, unsigned type)
{
	size_t at;

	if (!d->typo)
		return intern(d, s, len, type);
	at = d->keys.len;
	yoy_tok_normalize(s, len, &d->keys);
	return intern(d, d->keys.ptr + at, d->keys.len - at, type);
}

void
yoy_sym_push(struct yoy_differ *d, unsigned id)
{
	if (d->nseq == d->seqcap) {
		d->seqcap = d->seqcap ? 2 * d->seqcap : 1024;
		d->seq = yoy_realloc(d->seq, d->seqcap * sizeof(*d->seq));
	}
	d->seq[d->nseq++] = id;
}

size_t
yoy_tok_words(const char *s, size_t len)
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

/* The symbols of blocks [from, to) of one side, pushed; their count. */
size_t
yoy_sym_blocks(struct yoy_differ *d, const struct yoy_block *b, size_t from,
    size_t to)
{
	struct yoy_cursor c;
	struct yoy_tok t;
	size_t n = 0;

	yoy_tok_cursor(&c, b, from, to);
	while (yoy_tok_next(&c, &t)) {
		yoy_sym_push(d, yoy_sym(d, t.s, t.len, 0));
		n++;
	}
	return n;
}
