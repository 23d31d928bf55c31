/* Text: the checks every input passes before it is read, and the white
 * space folding of the canonical form. */
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define MAX_FAULTS 10

struct pos {
	const char *s;
	size_t at;          /* offset up to which `line` is counted */
	size_t bol;         /* offset of the current line's first byte */
	unsigned line;
};

/* Line and column (bytes, 1-based) of offset `off`; offsets only grow. */
static void
locate(struct pos *p, size_t off, unsigned *line, unsigned *col)
{
	const char *nl;

	while ((nl = memchr(p->s + p->at, '\n', off - p->at)) != NULL) {
		p->line++;
		p->at = p->bol = (size_t)(nl - p->s) + 1;
	}
	p->at = off;
	*line = p->line;
	*col = (unsigned)(off - p->bol) + 1;
}

static int
fault(int n, const char *file)
{
	if (n == MAX_FAULTS)
		yoy_diag(YOY_FATAL, file, 0, 0,
		    "too many encoding errors; not reporting more");
	return n + 1;
}

#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL

static uint64_t
load(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The offset of the first byte >= 0x80 at or after i, or len. */
static size_t
non_ascii(const unsigned char *u, size_t i, size_t len)
{
	for (; i + 8 <= len; i += 8)
		if (load(u + i) & HIGH)
			break;
	while (i < len && u[i] < 0x80)
		i++;
	return i;
}

/* The offset after the non-ASCII stretch at i: where 8 ASCII bytes in a
 * row begin, or len. */
static size_t
ascii_run(const unsigned char *u, size_t i, size_t len)
{
	size_t run = 0;

	for (; i < len; i++) {
		run = u[i] < 0x80 ? run + 1 : 0;
		if (run == 8)
			return i - 7;
	}
	return len;
}

/* Whether any of the 8 bytes at p is below 0x20 or is 0xEF (a word
 * test: may say yes wrongly, never no wrongly). */
static int
suspect(const unsigned char *p)
{
	uint64_t v = load(p), ef = v ^ (0xEF * ONES);

	return (((v - 0x20 * ONES) & ~v) | ((ef - ONES) & ~ef)) & HIGH ?
	    1 : 0;
}

/* Bytes yoy_text_check looks at twice: C0 controls and 0xEF. */
static const unsigned char check_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0xEF] = 1,
};

int
yoy_text_check(const char *s, size_t len, const char *file)
{
	struct pos p = { s, 0, 0, 1 };
	const unsigned char *u = (const unsigned char *)s;
	unsigned line, col;
	size_t i = 0;
	int n = 0;
	const char *why;
	long off;

	while ((i = non_ascii(u, i, len)) < len) {
		/* PCRE2 checks each stretch of non-ASCII text, from its first
		 * byte to the next run of ASCII, both character boundaries */
		size_t e = ascii_run(u, i, len);

		if ((off = yoy_pattern_utf8_error(s + i, e - i, &why)) < 0) {
			i = e;
			continue;
		}
		i += (size_t)off;
		if (n < MAX_FAULTS) {
			locate(&p, i, &line, &col);
			yoy_diag(YOY_FATAL, file, line, col,
			    "invalid UTF-8: %s", why);
		}
		n = fault(n, file);
		/* past the bad byte and the continuation bytes it orphaned */
		for (i++; i < len && (u[i] & 0xC0) == 0x80; i++)
			;
	}
	if (n)
		return n;
	for (i = 0; i < len; i++) {
		if ((i & 7) == 0)
			while (i + 8 <= len && !suspect(u + i))
				i += 8;
		if (i >= len || check_class[u[i]] == 0)
			continue;
		if (u[i] == '\t' || u[i] == '\n' || u[i] == '\r' ||
		    u[i] == '\f' || u[i] == '\v')
			continue;
		if (u[i] == 0xEF) {
			/* U+FFFE and U+FFFF are not characters in XML */
			if (i + 2 < len && u[i + 1] == 0xBF &&
			    (u[i + 2] == 0xBE || u[i + 2] == 0xBF)) {
				if (n < MAX_FAULTS) {
					locate(&p, i, &line, &col);
					yoy_diag(YOY_FATAL, file, line, col,
					    "noncharacter U+FFF%c cannot be "
					    "represented in XML",
					    u[i + 2] == 0xBE ? 'E' : 'F');
				}
				n = fault(n, file);
			}
			continue;
		}
		if (n < MAX_FAULTS) {
			locate(&p, i, &line, &col);
			if (u[i] == 0)
				yoy_diag(YOY_FATAL, file, line, col,
				    "NUL byte in input");
			else
				yoy_diag(YOY_FATAL, file, line, col,
				    "control character U+%04X cannot be "
				    "represented in XML", u[i]);
		}
		n = fault(n, file);
	}
	return n;
}

size_t
yoy_text_scrub(char *s, size_t len, int text, unsigned *dropped,
    unsigned *first)
{
	unsigned char *u = (unsigned char *)s;
	size_t r = 0, w;

	*dropped = 0;
	/* most text: no suspect byte, nothing written (0xFE and 0xFF, never
	 * in UTF-8, are how cmark 0.30 writes U+FFFE and U+FFFF) */
	while (r + 8 <= len && !suspect(u + r) &&
	    !(((~load(u + r) - 2 * ONES) & load(u + r)) & HIGH))
		r += 8;
	for (w = r; r < len; r++) {
		unsigned char c = u[r];

		if ((c == '\f' || c == '\v') && text) {
			u[w++] = ' ';   /* white space, as folding reads it */
			continue;
		}
		if (c >= 0xFE) {
			if ((*dropped)++ == 0)
				*first = 0xFF00u + c;
			continue;
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c == 0xEF && r + 2 < len && u[r + 1] == 0xBF &&
		    (u[r + 2] == 0xBE || u[r + 2] == 0xBF))) {
			if ((*dropped)++ == 0)
				*first = c == 0xEF ? 0xFFF0u + (u[r + 2] & 0x0F) :
				    c;
			if (c == 0xEF)
				r += 2;
			continue;
		}
		u[w++] = c;
	}
	return w;
}

size_t
yoy_text_clean(char *s, size_t len, int text, const char *what,
    const char *file, unsigned line, unsigned col)
{
	unsigned dropped, first;

	len = yoy_text_scrub(s, len, text, &dropped, &first);
	if (dropped)
		yoy_diag(YOY_WARNING, file, line, col, "%s%scharacter U+%04X "
		    "cannot be represented in XML; dropped%s", what ? what : "",
		    what ? " attribute: " : "", first,
		    dropped > 1 ? " (and others)" : "");
	return len;
}

const char *
yoy_text_clean_value(struct yoy_arena *a, const char *v, const char *name,
    const char *file, unsigned line, unsigned col)
{
	const char *p;
	char *c;
	size_t len;

	for (p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0xEF)
			break;
	if (*p == '\0')
		return v;       /* nothing to look at twice: most values */
	len = strlen(v);
	c = yoy_arena_strndup(a, v, len);
	c[yoy_text_clean(c, len, 0, name, file, line, col)] = '\0';
	return c;
}

unsigned
yoy_text_utf8(const char *s, size_t len, struct yoy_buf *out)
{
	const char *why;
	unsigned fixed = 0, dropped, first;
	size_t at = 0, start = out->len;
	long off;

	while (at < len && (off = yoy_pattern_utf8_error(s + at, len - at,
	    &why)) >= 0) {
		yoy_buf_put(out, s + at, (size_t)off);
		yoy_buf_puts(out, "\xEF\xBF\xBD");      /* U+FFFD */
		fixed++;
		/* past the bad byte and the continuation bytes it orphaned */
		for (at += (size_t)off + 1; at < len &&
		    ((unsigned char)s[at] & 0xC0) == 0x80; at++)
			;
	}
	if (at < len)
		yoy_buf_put(out, s + at, len - at);
	yoy_buf_putc(out, '\0');
	out->len = start + yoy_text_scrub(out->ptr + start, out->len - 1 -
	    start, 0, &dropped, &first);
	out->ptr[out->len] = '\0';
	return fixed + dropped;
}

/* Bytes of a no-break space (1) or a zero-width space (2) at s, else 0. */
static int
special_space(const unsigned char *s, size_t left, int *zero)
{
	if (s[0] == 0xC2 && left >= 2 && s[1] == 0xA0) {
		*zero = 0;
		return 2;
	}
	if (left < 3)
		return 0;
	if (s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] == 0x87 || s[2] == 0xAF || s[2] == 0x8B)) {
		*zero = s[2] == 0x8B;
		return 3;
	}
	if ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) ||
	    (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)) {
		*zero = 1;
		return 3;
	}
	return 0;
}

/* Byte classes for folding: 0 kept as is, 1 ASCII white space, 2 the
 * first byte of a character that may be a no-break or zero-width space. */
static const unsigned char fold_class[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	[0xC2] = 2, [0xE2] = 2, [0xEF] = 2,
};

/* The length of the prefix of u that folding leaves as it is: kept bytes,
 * and single spaces after kept bytes (or after the start, unless `space`
 * says the output before ends in one).  Read only, eight bytes at a time
 * where none is a control, non-ASCII, or a space beside a space (a word
 * test: may say no wrongly, never yes); most lines are all prefix. */
static size_t
unchanged(const unsigned char *u, size_t len, int space)
{
	uint64_t v, x, sp, carry = space ? 0x80 : 0;
	size_t r = 0, end;
	int zero;

	for (;;) {
		for (; r + 8 <= len; r += 8) {
			v = load(u + r);
			x = v ^ (0x20 * ONES);
			sp = (x - ONES) & ~x & HIGH;
			if (((v | ((v - 0x20 * ONES) & ~v)) & HIGH) ||
			    (sp & (sp << 8 | carry)))
				break;
			carry = sp >> 56;
		}
		for (end = r + 8 < len ? r + 8 : len; r < end; r++) {
			unsigned char c = u[r];

			if (fold_class[c] == 0)
				continue;
			if (c == ' ' && (r > 0 ? u[r - 1] != ' ' : !space))
				continue;
			if (fold_class[c] == 2 &&
			    special_space(u + r, len - r, &zero) == 0)
				continue;
			return r;
		}
		if (r == len)
			return r;
		carry = u[r - 1] == ' ' ? 0x80 : 0;
	}
}

size_t
yoy_text_fold_run(char *s, size_t len, int *space)
{
	unsigned char *u = (unsigned char *)s;
	size_t r, w;
	int pending = 0, zero, k;

	r = w = unchanged(u, len, *space);
	if (r)
		*space = u[r - 1] == ' ';
	if (r == len)
		return len;
	while (r < len) {
		unsigned char c = u[r];

		if (fold_class[c] == 0 && !pending && !*space) {
			/* the common case: kept bytes, and single spaces
			 * between them, as they are */
			for (;;) {
				if (r < len && fold_class[u[r]] == 0)
					u[w++] = u[r++];
				else if (r + 1 < len && u[r] == ' ' &&
				    fold_class[u[r + 1]] == 0) {
					u[w++] = ' ';
					u[w++] = u[++r];
					r++;
				} else
					break;
			}
			continue;
		}

		if (fold_class[c] == 1) {
			pending = 1;
			r++;
			continue;
		}
		if (fold_class[c] == 2 &&
		    (k = special_space(u + r, len - r, &zero)) > 0) {
			pending |= !zero;
			r += (size_t)k;
			continue;
		}
		/* the first kept byte after white space (or at the start);
		 * the fast path above takes the rest */
		if (pending && !*space)
			u[w++] = ' ';
		pending = *space = 0;
		u[w++] = c;
		r++;
	}
	if (pending && !*space) {
		u[w++] = ' ';
		*space = 1;
	}
	return w;
}

size_t
yoy_text_fold(char *s, size_t len)
{
	int space = 1;

	len = yoy_text_fold_run(s, len, &space);
	return len && s[len - 1] == ' ' ? len - 1 : len;
}
