/* The department registry: GOV.UK slugs, canonical names and every
 * spelling seen, built in (departments.txt) and extended by a file. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

extern const char yoy_builtin_departments[];

struct dept {
	struct yoy_dept d;
	int dead;           /* replaced by a later line with its slug */
};

struct key {
	char *key;
	size_t dept;
};

static struct dept *depts;
static size_t ndepts;
static struct key *keys;
static size_t nkeys;
static int loaded;
/* each key to its last line among departments not replaced; built when
 * first looked in, dropped when more lines are read */
static struct yoy_map index_map = YOY_MAP_INIT;
static struct yoy_arena *index_keys;

/* Folds a spelling to its lookup key: lowercase, <br> and punctuation as
 * space, '&' as "and", apostrophes dropped, no leading "the". */
static void
fold_key(const char *s, size_t len, struct yoy_buf *out)
{
	size_t i = 0, ov[2];
	int space = 0;

	out->len = 0;
	yoy_buf_grow(out, len + 8);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *word = NULL;
		size_t skip = 1;

		if (c == '<' && yoy_re_match(YOY_RE_BR, s + i, len - i, ov, 2)) {
			skip = ov[1];
			c = ' ';
		} else if (c == '&') {
			word = "and";
			if (len - i >= 5 && strncmp(s + i, "&amp;", 5) == 0)
				skip = 5;
		} else if (c == '\'') {
			c = 0;
		} else if (c == 0xE2 && len - i >= 3 && (unsigned char)s[i + 1]
		    == 0x80 && ((unsigned char)s[i + 2] == 0x98 ||
		    (unsigned char)s[i + 2] == 0x99)) {
			c = 0;          /* ‘ ’ */
			skip = 3;
		} else if (c < 0x80 && !(c >= 'a' && c <= 'z') &&
		    !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
			c = ' ';        /* , . - ( ) and white space */
		} else if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
		}
		i += skip;
		if (c == 0)
			continue;
		if (c == ' ' && word == NULL) {
			space = 1;
			continue;
		}
		if (word) {
			if (out->len)
				yoy_buf_putc(out, ' ');
			yoy_buf_puts(out, word);
			space = 1;
			continue;
		}
		if (space && out->len)
			yoy_buf_putc(out, ' ');
		space = 0;
		yoy_buf_putc(out, c);
	}
	if (out->len >= 4 && strncmp(out->ptr, "the ", 4) == 0) {
		memmove(out->ptr, out->ptr + 4, out->len - 4);
		out->len -= 4;
	}
	out->ptr[out->len] = '\0';
}

static void
add_key(const char *s, size_t len, size_t dept)
{
	struct yoy_buf b = YOY_BUF_INIT;

	fold_key(s, len, &b);
	if (b.len == 0) {
		yoy_buf_free(&b);
		return;
	}
	keys = yoy_realloc(keys, (nkeys + 1) * sizeof(*keys));
	keys[nkeys].key = b.ptr;
	keys[nkeys].dept = dept;
	nkeys++;
}

static const char *
trim(const char *s, const char *e, size_t *n)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*n = (size_t)(e - s);
	return s;
}

static void
drop_index(void)
{
	yoy_map_free(&index_map);
	yoy_arena_free(index_keys);
	index_keys = NULL;
}

static void
build_index(void)
{
	size_t i;

	index_keys = yoy_arena_new();
	yoy_map_reserve(&index_map, nkeys);
	for (i = 0; i < nkeys; i++)
		if (!depts[keys[i].dept].dead)
			*yoy_map_at(&index_map, keys[i].key,
			    strlen(keys[i].key), index_keys) = i;
}

/* Reads registry lines from `s`; reports faults against `file`. */
static int
parse(const char *s, size_t len, const char *file)
{
	const char *end = s + len, *eol, *f, *bar;
	unsigned line = 0;
	int faults = 0;

	drop_index();
	for (; s < end; s = eol + 1) {
		size_t n, slug_n, i, d;
		const char *slug;
		char *id;

		line++;
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		f = trim(s, eol, &n);
		if (n == 0 || *f == '#')
			continue;
		bar = memchr(f, '|', n);
		slug = trim(f, bar ? bar : f + n, &slug_n);
		if (bar == NULL || !yoy_re_match(YOY_RE_SLUG, slug, slug_n,
		    NULL, 0)) {
			yoy_diag(YOY_FATAL, file, line, 1, bar == NULL ?
			    "expected 'slug | name | spelling ...'" :
			    "invalid department id '%.*s'", (int)slug_n, slug);
			faults++;
			continue;
		}
		id = yoy_strndup(slug, slug_n);
		for (d = 0; d < ndepts; d++)
			if (!depts[d].dead && strcmp(depts[d].d.id, id) == 0)
				depts[d].dead = 1;
		d = ndepts++;
		depts = yoy_realloc(depts, ndepts * sizeof(*depts));
		depts[d].d.id = id;
		depts[d].d.name = depts[d].d.abbr = NULL;
		depts[d].dead = 0;
		add_key(id, slug_n, d);
		for (f = bar + 1, i = 0; f <= eol; f = bar + 1, i++) {
			const char *field;

			if ((bar = memchr(f, '|', (size_t)(eol - f))) == NULL)
				bar = eol;
			field = trim(f, bar, &n);
			if (i == 0)
				depts[d].d.name = yoy_strndup(field, n);
			/* the first other spelling, a word: its abbreviation */
			if (i == 1 && n && n <= 8 && !memchr(field, ' ', n))
				depts[d].d.abbr = yoy_strndup(field, n);
			add_key(field, n, d);
		}
		if (depts[d].d.name == NULL || depts[d].d.name[0] == '\0') {
			yoy_diag(YOY_FATAL, file, line, 1,
			    "department '%s' has no name", id);
			faults++;
		}
	}
	return faults ? -1 : 0;
}

int
yoy_registry_load(const char *path)
{
	struct yoy_buf b = YOY_BUF_INIT;
	const char *name = yoy_diag_name(path);
	int rc;

	if (!loaded) {
		loaded = 1;
		if (parse(yoy_builtin_departments,
		    strlen(yoy_builtin_departments), "departments.txt") < 0)
			abort();        /* our own data */
	}
	if (path == NULL)
		return 0;
	if (yoy_buf_read_file(&b, path) < 0)
		return -1;
	if (yoy_text_check(b.ptr, b.len, name) > 0) {
		yoy_buf_free(&b);
		return -1;
	}
	rc = parse(b.ptr, b.len, name);
	yoy_buf_free(&b);
	return rc;
}

const struct yoy_dept *
yoy_registry_find(const char *s, size_t len)
{
	struct yoy_buf b = YOY_BUF_INIT;
	size_t i;

	if (!loaded)
		yoy_registry_load(NULL);
	fold_key(s, len, &b);
	if (index_keys == NULL)
		build_index();
	i = b.len ? yoy_map_get(&index_map, b.ptr) : (size_t)-1;
	yoy_buf_free(&b);
	return i == (size_t)-1 ? NULL : &depts[keys[i].dept].d;
}

void
yoy_registry_slug(const char *s, size_t len, struct yoy_buf *out)
{
	struct yoy_buf k = YOY_BUF_INIT;
	size_t i;

	fold_key(s, len, &k);
	out->len = 0;
	for (i = 0; i < k.len; i++) {
		unsigned char c = (unsigned char)k.ptr[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			yoy_buf_putc(out, c);
		else if (c == ' ' && out->len && out->ptr[out->len - 1] != '-')
			yoy_buf_putc(out, '-');
		/* other non-ASCII bytes are dropped */
	}
	while (out->len && out->ptr[out->len - 1] == '-')
		out->len--;
	if (out->len == 0)
		yoy_buf_puts(out, "department");
	out->ptr[out->len] = '\0';
	yoy_buf_free(&k);
}

int
yoy_registry_valid_id(const char *id)
{
	return yoy_re_match(YOY_RE_SLUG, id, strlen(id), NULL, 0) > 0;
}

void
yoy_registry_free(void)
{
	size_t i;

	for (i = 0; i < nkeys; i++)
		free(keys[i].key);
	for (i = 0; i < ndepts; i++) {
		free((char *)depts[i].d.id);
		free((char *)depts[i].d.name);
		free((char *)depts[i].d.abbr);
	}
	free(keys);
	free(depts);
	drop_index();
	keys = NULL;
	depts = NULL;
	nkeys = ndepts = 0;
	loaded = 0;
}
