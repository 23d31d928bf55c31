/* Where a finding's words are written in its source.  The readers keep
 * the line each block and entry starts on; the words a rule flags may be
 * lines further on, so they are looked for in the source from there, as
 * the model holds them: white space folded, and around them what the
 * source writes that the model does not (tags and entities in HTML,
 * emphasis, escapes and entities in markdown, zero-width spaces). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A search ends this far past the line it starts on: a block is never
 * longer, and a finding's search stays linear in it. */
#define WINDOW (256 * 1024)

struct yoy_locator {
	const char *s;
	size_t len;
	enum yoy_input_format format;
	size_t *start;          /* each line's first byte */
	size_t nlines;
};

struct yoy_locator *
yoy_locator_new(const char *s, size_t len, enum yoy_input_format format)
{
	struct yoy_locator *l = yoy_malloc(sizeof(*l));
	size_t i, cap = 64;

	memset(l, 0, sizeof(*l));
	l->s = s, l->len = len, l->format = format;
	l->start = yoy_malloc(cap * sizeof(*l->start));
	l->start[l->nlines++] = 0;
	/* lines as the reader counts them: markdown's (CommonMark's) end at
	 * a CR alone too */
	for (i = 0; i < len; i++)
		if (s[i] == '\n' || (format == YOY_INPUT_MD && s[i] == '\r' &&
		    (i + 1 == len || s[i + 1] != '\n'))) {
			if (l->nlines == cap)
				l->start = yoy_realloc(l->start, (cap *= 2) *
				    sizeof(*l->start));
			l->start[l->nlines++] = i + 1;
		}
	return l;
}

void
yoy_locator_free(struct yoy_locator *l)
{
	if (l == NULL)
		return;
	free(l->start);
	free(l);
}

/* White space the model folds to one space: its length at s[j], or 0. */
static size_t
space_len(const struct yoy_locator *l, size_t j)
{
	const unsigned char *u = (const unsigned char *)l->s + j;
	size_t left = l->len - j;

	if (strchr(" \t\r\n\f", u[0]))
		return 1;
	if (left >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x87 ||
	    u[2] == 0xaf))
		return 3;
	return 0;
}

/* What the model drops: zero-width spaces (U+200B, U+2060, U+FEFF). */
static size_t
zero_width_len(const struct yoy_locator *l, size_t j)
{
	const unsigned char *u = (const unsigned char *)l->s + j;

	if (l->len - j < 3)
		return 0;
	if ((u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0x8b) ||
	    (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0xa0) ||
	    (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf))
		return 3;
	return 0;
}

/* Markup around words: a tag or comment in HTML; emphasis, code marks
 * and a backslash escape in markdown.  Its length at s[j], or 0. */
static size_t
markup_len(const struct yoy_locator *l, size_t j)
{
	const char *s = l->s + j, *gt;

	if (l->format == YOY_INPUT_HTML && *s == '<' && j + 1 < l->len &&
	    (s[1] == '/' || s[1] == '!' || (s[1] | 0x20) >= 'a') &&
	    (gt = memchr(s, '>', l->len - j)) != NULL)
		return (size_t)(gt - s) + 1;
	if (l->format == YOY_INPUT_MD && (*s == '*' || *s == '_' ||
	    *s == '`' || *s == '\\'))
		return 1;
	return 0;
}

/* An entity at s[j] (HTML and markdown): its length, and its character
 * as UTF-8 in u8 (*n bytes); 0 when there is none. */
static size_t
entity_len(const struct yoy_locator *l, size_t j, char *u8, size_t *n)
{
	static const struct {
		const char *name;
		unsigned cp;
	} named[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", 0xa0 }, { "rsquo", 0x2019 },
		{ "lsquo", 0x2018 }, { "rdquo", 0x201d }, { "ldquo", 0x201c },
		{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
		{ "pound", 0xa3 },
	};
	const char *s = l->s + j, *semi;
	unsigned long cp = 0;
	size_t k, len;

	if (l->format == YOY_INPUT_TXT || *s != '&' ||
	    (semi = memchr(s, ';', l->len - j < 12 ? l->len - j : 12)) == NULL)
		return 0;
	len = (size_t)(semi - s) + 1;
	if (s[1] == '#')
		cp = (s[2] | 0x20) == 'x' ? strtoul(s + 3, NULL, 16) :
		    strtoul(s + 2, NULL, 10);
	else
		for (k = 0; k < sizeof(named) / sizeof(named[0]); k++)
			if (strlen(named[k].name) == len - 2 &&
			    memcmp(named[k].name, s + 1, len - 2) == 0)
				cp = named[k].cp;
	if (cp == 0 || cp > 0x10ffff)
		return 0;
	if (cp < 0x80) {
		u8[0] = (char)cp, *n = 1;
	} else if (cp < 0x800) {
		u8[0] = (char)(0xc0 | cp >> 6), u8[1] = (char)(0x80 | (cp & 0x3f));
		*n = 2;
	} else if (cp < 0x10000) {
		u8[0] = (char)(0xe0 | cp >> 12);
		u8[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u8[2] = (char)(0x80 | (cp & 0x3f)), *n = 3;
	} else {
		u8[0] = (char)(0xf0 | cp >> 18);
		u8[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u8[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u8[3] = (char)(0x80 | (cp & 0x3f)), *n = 4;
	}
	return len;
}

/* Matches w at s[j]: the end of the match, or 0; *hit is where w[mark]
 * is written. */
static size_t
match_at(const struct yoy_locator *l, size_t j, size_t end, const char *w,
    size_t wlen, size_t mark, size_t *hit)
{
	size_t i = 0, n, k;
	char u8[4];

	while (i < wlen) {
		if (j >= end)
			return 0;
		if (w[i] == ' ') {      /* any white space, across markup */
			for (k = j; k < end; k += n)
				if ((n = space_len(l, k)) == 0 &&
				    (n = markup_len(l, k)) == 0 &&
				    (n = zero_width_len(l, k)) == 0)
					break;
			if (k == j)
				return 0;
			j = k, i++;
			continue;
		}
		/* an entity first: "&amp;" is one '&' */
		if ((k = entity_len(l, j, u8, &n)) != 0 && n <= wlen - i &&
		    memcmp(u8, w + i, n) == 0) {
			if (i == mark)
				*hit = j;
			i += n, j += k;
		} else if (l->s[j] == w[i]) {
			if (i == mark)
				*hit = j;
			i++, j++;
		} else if ((n = zero_width_len(l, j)) != 0 ||
		    (n = markup_len(l, j)) != 0) {
			j += n;
		} else {
			return 0;
		}
	}
	return j;
}

static int
word_char(const struct yoy_locator *l, size_t j)
{
	unsigned char c = (unsigned char)l->s[j];

	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z');
}

/* The line and column (in characters, from 1) of byte `at`. */
static void
position(const struct yoy_locator *l, size_t at, unsigned *line,
    unsigned *col)
{
	size_t lo = 0, hi = l->nlines, i;
	unsigned c = 1;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (l->start[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	for (i = l->start[lo]; i < at; i++)
		if (((unsigned char)l->s[i] & 0xc0) != 0x80)
			c++;
	*line = (unsigned)lo + 1;
	*col = c;
}

int
yoy_locate(const struct yoy_locator *l, unsigned from, const char *w,
    size_t wlen, size_t mark, int whole, unsigned *line, unsigned *col)
{
	size_t j, end, hit = 0, e;

	if (from == 0 || from > l->nlines || wlen == 0 || w[0] == ' ')
		return 0;
	j = l->start[from - 1];
	end = l->len - j > WINDOW ? j + WINDOW : l->len;
	for (; j < end; j++) {
		if (l->s[j] != w[0] && l->s[j] != '&')
			continue;
		if ((e = match_at(l, j, end, w, wlen, mark, &hit)) == 0)
			continue;
		/* a whole word: not inside another */
		if (whole && ((j > 0 && word_char(l, j - 1) && word_char(l, j)) ||
		    (e < l->len && word_char(l, e) && word_char(l, e - 1))))
			continue;
		position(l, hit, line, col);
		return 1;
	}
	return 0;
}

unsigned
yoy_locator_lines(const struct yoy_locator *l)
{
	return (unsigned)l->nlines;
}

unsigned
yoy_locate_indent(const struct yoy_locator *l, unsigned line)
{
	size_t j;

	if (line == 0 || line > l->nlines)
		return 0;
	for (j = l->start[line - 1]; j < l->len && (l->s[j] == ' ' ||
	    l->s[j] == '\t'); j++)
		;
	if (j == l->len || l->s[j] == '\n' || l->s[j] == '\r')
		return 1;
	return (unsigned)(j - l->start[line - 1]) + 1;
}
