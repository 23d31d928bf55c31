/* Publication rules over documents (yoy-check): each finding with its
 * rule, its level, its cell and the words it flags, placed in the source
 * when there is one (locate.c), else at the line of its element. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------ patterns */

/* What stands in for content.  Case matters for XX and for a lone x: a
 * lone x or X between words, not between numbers ("3 x 4"). */
static const struct {
	const char *re;
	uint32_t flags;
} builtin[] = {
	{ "\\bawaiting\\b[^.]{0,80}?\\bconfirmation\\b", PCRE2_CASELESS },
	{ "\\bcoming\\s+soon\\b", PCRE2_CASELESS },
	{ "\\bTB[CD]\\b", 0 },
	{ "\\blorem\\s+ipsum\\b", PCRE2_CASELESS },
	{ "\\bXX+\\b", 0 },
	{ "(?<![\\p{L}\\p{N}'\\x{2019}\\-.])(?<!\\d\\s)[xX]"
	  "(?![\\p{L}\\p{N}'\\x{2019}\\-])(?!\\s\\d)", 0 },
};

struct pattern {
	pcre2_code *code;
	char *source;           /* for messages about the pattern itself */
};

static struct pattern *pats;
static size_t npats;
static pcre2_match_data *md;

static int
add_pattern(const char *re, size_t len, uint32_t flags, const char *file,
    unsigned line)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, len, flags | PCRE2_UTF |
	    PCRE2_UCP, &err, &off, NULL);

	if (c == NULL) {
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(err, msg, sizeof(msg));
		yoy_diag(YOY_FATAL, file, line, (unsigned)off + 1, "bad pattern: "
		    "%s", (const char *)msg);
		return -1;
	}
	pats = yoy_realloc(pats, (npats + 1) * sizeof(*pats));
	pats[npats].code = c;
	pats[npats++].source = yoy_strndup(re, len);
	return 0;
}

int
yoy_check_patterns(const char *path)
{
	struct yoy_buf b = YOY_BUF_INIT;
	size_t i;
	unsigned line = 0;
	char *p, *nl;
	int rc = 0;

	if (npats == 0)
		for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
			add_pattern(builtin[i].re, strlen(builtin[i].re),
			    builtin[i].flags, NULL, 0);
	if (path == NULL)
		return 0;
	if (yoy_buf_read_file(&b, path) < 0)
		return -1;
	if (b.len && yoy_text_check(b.ptr, b.len, path) > 0) {
		yoy_buf_free(&b);
		return -1;
	}
	/* one PCRE2 pattern a line; blank lines and '#' lines aside */
	for (p = b.ptr; p && *p && rc == 0; p = nl ? nl + 1 : NULL) {
		size_t len;

		line++;
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len && p[len - 1] == '\r')
			len--;
		if (len == 0 || p[0] == '#')
			continue;
		rc = add_pattern(p, len, 0, path, line);
	}
	yoy_buf_free(&b);
	return rc;
}

void
yoy_check_free(void)
{
	size_t i;

	for (i = 0; i < npats; i++) {
		pcre2_code_free(pats[i].code);
		free(pats[i].source);
	}
	free(pats);
	pats = NULL;
	npats = 0;
	pcre2_match_data_free(md);
	md = NULL;
}

/* ------------------------------------------------------------ findings */

struct ctx {
	struct yoy_findings *out;
	const struct yoy_check_opts *o;
	const char *file;               /* the input, as given */
	const char *at;                 /* where findings are said */
	int fileno;
	int xml;                        /* the input was canonical XML */
	int xml_lines;                  /* at the XML's own lines */
	const struct yoy_locator *loc;  /* the source's text, or NULL */
	struct yoy_buf text;
};

/* What a finding flags: `words`, written within `ctx` at `mark` (the
 * words alone when ctx is NULL). */
struct flag {
	const char *words, *ctx;
	size_t len, clen, mark;
};

/* "2/cabinet-office/progress/2013": the cell, as much as is known */
static char *
cell_key(const struct yoy_node *n)
{
	struct yoy_buf b = YOY_BUF_INIT;
	const struct yoy_node *a;
	const char *v;

	yoy_buf_puts(&b, "");
	for (a = n; a; a = a->parent)
		if (a->type == YOY_ACTION && (v = yoy_node_get(a, "n")))
			yoy_buf_puts(&b, v);
	for (a = n; a; a = a->parent)
		if (a->type == YOY_DEPARTMENT && (v = yoy_node_get(a, "id")))
			yoy_buf_printf(&b, "/%s", v);
	for (a = n; a; a = a->parent)
		if (a->type == YOY_ENTRY)
			yoy_buf_printf(&b, "/%s/%s", yoy_node_get(a, "kind") ?
			    yoy_node_get(a, "kind") : "", yoy_node_get(a, "year") ?
			    yoy_node_get(a, "year") : "");
	return b.ptr;
}

/* Where finding `x` is said: in the XML at its element's line; in the
 * source at the line and column of the words it flags, else of its
 * element's first character. */
static void
place(const struct ctx *c, const struct yoy_node *at, const struct flag *fl,
    struct yoy_finding *x)
{
	const struct yoy_node *n;

	if (c->xml_lines || x->rule == YOY_RULE_SCHEMA) {
		/* a schema finding is in the XML, which a converted source
		 * never shows */
		for (n = at; n && !n->xml_line; n = n->parent)
			;
		x->line = n && c->xml ? n->xml_line : 0;
		return;
	}
	for (n = at; n && !n->line; n = n->parent)
		;
	x->line = n ? n->line : 0;
	if (c->loc == NULL || x->line == 0)
		return;
	/* a reader may count a line past the end of a file that ends
	 * without a newline (an HTML block's closing one): its last line */
	if (x->line > yoy_locator_lines(c->loc))
		x->line = yoy_locator_lines(c->loc);
	if (fl && ((fl->ctx && yoy_locate(c->loc, x->line, fl->ctx, fl->clen,
	    fl->mark, 1, &x->line, &x->col)) || yoy_locate(c->loc, x->line,
	    fl->words, fl->len, 0, 1, &x->line, &x->col)))
		return;
	x->col = yoy_locate_indent(c->loc, x->line);
}

static void finding(struct ctx *, enum yoy_rule, const struct yoy_node *,
	const struct flag *, const char *, ...)
	__attribute__((format(printf, 5, 6)));

static void
finding(struct ctx *c, enum yoy_rule r, const struct yoy_node *at,
    const struct flag *fl, const char *fmt, ...)
{
	struct yoy_findings *f = c->out;
	struct yoy_finding *x;
	struct yoy_buf b = YOY_BUF_INIT;
	va_list ap;

	if (!(c->o->rules & (1u << r)))
		return;
	va_start(ap, fmt);
	yoy_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 32;
		f->v = yoy_realloc(f->v, f->cap * sizeof(*f->v));
	}
	x = &f->v[f->n];
	memset(x, 0, sizeof(*x));
	x->rule = r;
	x->file = yoy_strndup(r == YOY_RULE_SCHEMA ? c->file : c->at,
	    strlen(r == YOY_RULE_SCHEMA ? c->file : c->at));
	x->fileno = c->fileno;
	place(c, at, fl, x);
	x->level = yoy_rule_level(r);
	x->msg = b.ptr;
	x->cell = at ? cell_key(at) : yoy_strndup("", 0);
	x->quote = fl ? yoy_strndup(fl->words, fl->len) : NULL;
	x->seq = f->n++;
}

/* "action 2, Cabinet Office, progress 2013" */
static void
where(const struct yoy_node *n, struct yoy_buf *b)
{
	const struct yoy_node *a;

	b->len = 0;
	yoy_buf_puts(b, "");        /* never NULL */
	for (a = n; a; a = a->parent)
		if (a->type == YOY_ACTION)
			yoy_buf_printf(b, "action %s", yoy_node_get(a, "n") ?
			    yoy_node_get(a, "n") : "?");
	for (a = n; a; a = a->parent)
		if (a->type == YOY_DEPARTMENT)
			yoy_buf_printf(b, "%s%s", b->len ? ", " : "",
			    yoy_node_get(a, "name") ? yoy_node_get(a, "name") :
			    yoy_node_get(a, "id"));
	for (a = n; a; a = a->parent)
		if (a->type == YOY_ENTRY)
			yoy_buf_printf(b, "%s%s %s", b->len ? ", " : "",
			    yoy_node_get(a, "kind"), yoy_node_get(a, "year") ?
			    yoy_node_get(a, "year") : "");
}

/* " (action 2, Cabinet Office)", or nothing outside any action */
static const char *
in_cell(const struct yoy_node *n, struct yoy_buf *b)
{
	struct yoy_buf w = YOY_BUF_INIT;

	where(n, &w);
	b->len = 0;
	yoy_buf_puts(b, "");
	if (w.len)
		yoy_buf_printf(b, " (%s)", w.ptr);
	yoy_buf_free(&w);
	return b->ptr;
}

/* The words around t[m0, m1): three either side, '…' where the text goes
 * on; the flag's words are t[m0, m1) within it. */
static void
context(const char *t, size_t len, size_t m0, size_t m1, struct flag *fl,
    struct yoy_buf *out)
{
	size_t k = m0, e = m1;
	int w;

	for (w = 0; w < 3 && k > 0; w++) {
		while (k > 0 && t[k - 1] == ' ')
			k--;
		while (k > 0 && t[k - 1] != ' ')
			k--;
	}
	for (w = 0; w < 3 && e < len; w++) {
		while (e < len && t[e] == ' ')
			e++;
		while (e < len && t[e] != ' ')
			e++;
	}
	fl->words = t + m0, fl->len = m1 - m0;
	fl->ctx = t + k, fl->clen = e - k, fl->mark = m0 - k;
	out->len = 0;
	yoy_buf_printf(out, "%s%.*s%s", k > 0 ? "\xe2\x80\xa6 " : "",
	    (int)(e - k), t + k, e < len ? " \xe2\x80\xa6" : "");
}

/* The first words of a text, as a flag: `n` at most */
static void
first_words(const char *t, size_t len, int n, struct flag *fl,
    struct yoy_buf *out)
{
	size_t e = 0;
	int w;

	for (w = 0; w < n && e < len; w++) {
		while (e < len && t[e] == ' ')
			e++;
		while (e < len && t[e] != ' ')
			e++;
	}
	memset(fl, 0, sizeof(*fl));
	fl->words = t, fl->len = e;
	out->len = 0;
	yoy_buf_printf(out, "%.*s%s", (int)e, t, e < len ? " \xe2\x80\xa6" : "");
}

static int
has_inline(const struct yoy_node *n)
{
	const struct yoy_node *c;

	for (c = n->first; c; c = c->next)
		if (!yoy_node_is_block(c))
			return 1;
	return 0;
}

/* placeholder: every pattern over each block's own text, each pattern's
 * first match said, in its words' context */
static void
placeholders(struct ctx *c, const struct yoy_node *blk)
{
	struct yoy_buf *t = &c->text, q = YOY_BUF_INIT, w = YOY_BUF_INIT;
	size_t i;

	t->len = 0;
	yoy_node_text(blk, t);
	if (t->len == 0)
		return;
	if (md == NULL)
		md = pcre2_match_data_create(1, NULL);
	for (i = 0; i < npats; i++) {
		PCRE2_SIZE *ov;
		struct flag fl;

		if (pcre2_match(pats[i].code, (PCRE2_SPTR)t->ptr, t->len, 0, 0,
		    md, NULL) < 0)
			continue;
		ov = pcre2_get_ovector_pointer(md);
		if (ov[1] <= ov[0])
			continue;       /* a pattern that matches nothing */
		context(t->ptr, t->len, ov[0], ov[1], &fl, &q);
		if (fl.clen == fl.len)  /* the words are all the text */
			finding(c, YOY_RULE_PLACEHOLDER, blk, &fl, "placeholder "
			    "'%.*s'%s", (int)fl.len, fl.words, in_cell(blk, &w));
		else
			finding(c, YOY_RULE_PLACEHOLDER, blk, &fl, "placeholder "
			    "'%.*s' in '%s'%s", (int)fl.len, fl.words, q.ptr,
			    in_cell(blk, &w));
	}
	yoy_buf_free(&q);
	yoy_buf_free(&w);
}

static void
check_link(struct ctx *c, const struct yoy_node *a)
{
	const char *h = yoy_node_get(a, "href");
	struct yoy_buf w = YOY_BUF_INIT;
	struct flag fl;

	memset(&fl, 0, sizeof(fl));
	fl.words = h, fl.len = h ? strlen(h) : 0;
	if (h == NULL || *h == '\0')
		finding(c, YOY_RULE_LINK, a, NULL, "link with an empty target%s",
		    in_cell(a, &w));
	else if ((strncmp(h, "https:", 6) == 0 && strncmp(h, "https://", 8)) ||
	    (strncmp(h, "http:", 5) == 0 && strncmp(h, "http://", 7)))
		finding(c, YOY_RULE_LINK, a, &fl, "malformed link '%s'%s", h,
		    in_cell(a, &w));
	else if (strncmp(h, "http://", 7) == 0)
		finding(c, YOY_RULE_LINK, a, &fl, "link '%s' uses http: where "
		    "https: is expected%s", h, in_cell(a, &w));
	yoy_buf_free(&w);
}

/* "progress\x1f2013": an entry's kind and year, as a key */
static void
entry_key(const struct yoy_node *e, struct yoy_buf *k)
{
	k->len = 0;
	yoy_buf_puts(k, yoy_node_get(e, "kind") ? yoy_node_get(e, "kind") : "");
	yoy_buf_putc(k, '\x1f');
	yoy_buf_puts(k, yoy_node_get(e, "year") ? yoy_node_get(e, "year") : "");
}

/* per action: duplicates, unknown departments, missing entries, and
 * what the expected list has; maps, not rescans: an action of 40,000
 * departments stays linear */
static void
action_rules(struct ctx *c, const struct yoy_node *a)
{
	const struct yoy_node *x, *e;
	const char *n = yoy_node_get(a, "n") ? yoy_node_get(a, "n") : "?";
	struct yoy_arena *ar = yoy_arena_new();
	struct yoy_map ids = YOY_MAP_INIT, keys = YOY_MAP_INIT;
	struct yoy_buf k = YOY_BUF_INIT;
	/* per key: how many departments have it, the last that counted */
	size_t ndept = 0, nkeys = 0, cap = 0, *count = NULL, *last = NULL, i;
	const char **order = NULL;      /* the keys as first seen */

	for (x = a->first; x; x = x->next) {
		const char *id;
		size_t *at;

		if (x->type != YOY_DEPARTMENT)
			continue;
		id = yoy_node_get(x, "id") ? yoy_node_get(x, "id") : "";
		at = yoy_map_at(&ids, id, strlen(id), ar);
		if (*at != (size_t)-1)
			finding(c, YOY_RULE_DUPLICATE, x, NULL, "department '%s' "
			    "appears twice in action %s", id, n);
		*at = ndept;
		if (yoy_registry_find(id, strlen(id)) == NULL)
			finding(c, YOY_RULE_UNKNOWN, x, NULL, "department '%s' is "
			    "not in the registry (action %s)", id, n);
		for (e = x->first; e; e = e->next) {
			if (e->type != YOY_ENTRY)
				continue;
			entry_key(e, &k);
			at = yoy_map_at(&keys, k.ptr, k.len, ar);
			if (*at == (size_t)-1) {
				if (nkeys == cap) {
					cap = cap ? 2 * cap : 16;
					count = yoy_realloc(count, cap * sizeof(*count));
					last = yoy_realloc(last, cap * sizeof(*last));
					order = yoy_realloc(order, cap * sizeof(*order));
				}
				order[nkeys] = yoy_map_key(&keys, at);
				count[nkeys] = 0;
				last[nkeys] = (size_t)-1;
				*at = nkeys++;
			}
			if (last[*at] != ndept)
				count[*at]++, last[*at] = ndept;
		}
		ndept++;
	}
	/* an entry at least half the departments of the action have (two
	 * at least): each department without it is told */
	for (i = 0; i < nkeys; i++) {
		const char *key = order[i];

		if (count[i] < 2 || 2 * count[i] < ndept)
			continue;
		for (x = a->first; x; x = x->next) {
			if (x->type != YOY_DEPARTMENT)
				continue;
			for (e = x->first; e; e = e->next) {
				if (e->type != YOY_ENTRY)
					continue;
				entry_key(e, &k);
				if (strcmp(k.ptr, key) == 0)
					break;
			}
			if (e == NULL)
				finding(c, YOY_RULE_MISSING_ENTRY, x, NULL, "%s has no "
				    "%.*s "
				    "%s entry in action %s, as %zu of its %zu "
				    "departments do", yoy_node_get(x, "name") ?
				    yoy_node_get(x, "name") : yoy_node_get(x, "id"),
				    (int)strcspn(key, "\x1f"), key,
				    key + strcspn(key, "\x1f") + 1, n, count[i],
				    ndept);
		}
	}
	for (i = 0; i < c->o->nexpect; i++)
		if (yoy_map_get(&ids, c->o->expect[i]) == (size_t)-1)
			finding(c, YOY_RULE_MISSING_DEPT, a, NULL, "department '%s' "
			    "is missing from action %s (expected)",
			    c->o->expect[i], n);
	free(order);
	free(count);
	free(last);
	yoy_buf_free(&k);
	yoy_map_free(&ids);
	yoy_map_free(&keys);
	yoy_arena_free(ar);
}

/* ---------------------------------------------------------------- check */

static void
schema_each(void *arg, unsigned line, const char *msg)
{
	struct ctx *c = arg;
	struct yoy_node at;

	memset(&at, 0, sizeof(at));
	at.xml_line = line;
	finding(c, YOY_RULE_SCHEMA, &at, NULL, "invalid: %s", msg);
}

/* -v: the word diff of a cell, bracketed as yoy-diff's text shows it */
static char *
word_diff(struct yoy_diff *df, struct yoy_cell *cell)
{
	struct yoy_script sc = YOY_SCRIPT_INIT;
	struct yoy_buf d = YOY_BUF_INIT;
	size_t k;

	yoy_diff_script(df, cell, &sc);
	for (k = 0; k < sc.n; k++) {
		const struct yoy_op *op = &sc.op[k];

		if (op->block) {
			if (d.len)
				yoy_buf_puts(&d, "\n   ");
			continue;
		}
		yoy_buf_puts(&d, op->kind == YOY_OP_DEL ? "[-" :
		    op->kind == YOY_OP_INS ? "{+" : "");
		yoy_buf_put(&d, op->s, op->len);
		yoy_buf_puts(&d, op->kind == YOY_OP_DEL ? "-]" :
		    op->kind == YOY_OP_INS ? "+}" : "");
	}
	yoy_script_free(&sc);
	return d.ptr;
}

/* Cells that differ between `d` and `other`: year on year (other NULL:
 * stale, the same) or against another view (inconsistent). */
static void
compare(struct ctx *c, const struct yoy_doc *d, const struct yoy_doc *other,
    const char *other_name)
{
	struct yoy_diff_opts o = { 0, NULL, YOY_KIND_NONE, 0, other == NULL, 0, 0 };
	struct yoy_diff *df = yoy_diff_new(other ? other : d, other ? d : NULL,
	    &o);
	struct yoy_buf w = YOY_BUF_INIT, q = YOY_BUF_INIT;
	size_t i;

	for (i = 0; i < df->n; i++) {
		struct yoy_cell *cell = &df->cell[i];
		size_t before = c->out->n;
		struct flag fl;

		if (cell->what != YOY_CELL_ENTRY)
			continue;
		where(other ? cell->node[1] : cell->node[1]->parent, &w);
		if (other == NULL && cell->status == YOY_SAME) {
			c->text.len = 0;
			yoy_node_text(cell->node[1], &c->text);
			first_words(c->text.ptr ? c->text.ptr : "", c->text.len, 6,
			    &fl, &q);
			finding(c, YOY_RULE_STALE, cell->node[1], &fl, "%s %d is "
			    "the same as %s %d (%s): '%s'", yoy_kind_name(cell->kind),
			    cell->year[1], yoy_kind_name(cell->kind),
			    cell->year[0], w.ptr, q.ptr);
		} else if (other && cell->status == YOY_CHANGED) {
			finding(c, YOY_RULE_INCONSISTENT, cell->node[1], NULL, "%s "
			    "differs from %s's", w.ptr, other_name);
			if (c->out->n > before && c->o->verbose)
				c->out->v[c->out->n - 1].detail = word_diff(df, cell);
		}
	}
	yoy_buf_free(&q);
	yoy_buf_free(&w);
	yoy_diff_free(df);
}

/* What the previous edition had and this one lacks: this one's actions
 * ("n") and departments ("n\x1fid") in a map, so that editions of 40,000
 * departments stay linear. */
static void
missing_departments(struct ctx *c, const struct yoy_doc *d)
{
	const struct yoy_node *body = yoy_doc_body(d);
	const struct yoy_node *pbody = yoy_doc_body(c->o->previous);
	struct yoy_arena *ar = yoy_arena_new();
	struct yoy_map here = YOY_MAP_INIT;
	const struct yoy_node **acts = NULL, *a, *x;
	size_t nact = 0;
	struct yoy_buf k = YOY_BUF_INIT;

	for (a = body; a; a = yoy_node_walk(body, a)) {
		if (a->type != YOY_ACTION || !yoy_node_get(a, "n"))
			continue;
		acts = yoy_realloc(acts, (nact + 1) * sizeof(*acts));
		acts[nact] = a;
		k.len = 0;
		yoy_buf_puts(&k, yoy_node_get(a, "n"));
		*yoy_map_at(&here, k.ptr, k.len, ar) = nact++;
		for (x = a->first; x; x = x->next)
			if (x->type == YOY_DEPARTMENT && yoy_node_get(x, "id")) {
				k.len = 0;
				yoy_buf_printf(&k, "%s\x1f%s", yoy_node_get(a, "n"),
				    yoy_node_get(x, "id"));
				*yoy_map_at(&here, k.ptr, k.len, ar) = 0;
			}
	}
	for (a = pbody; a; a = yoy_node_walk(pbody, a)) {
		const struct yoy_node *now;
		size_t i;

		if (a->type != YOY_ACTION || !yoy_node_get(a, "n"))
			continue;
		i = yoy_map_get(&here, yoy_node_get(a, "n"));
		now = i == (size_t)-1 ? NULL : acts[i];
		for (x = a->first; x; x = x->next) {
			if (x->type != YOY_DEPARTMENT || !yoy_node_get(x, "id"))
				continue;
			k.len = 0;
			yoy_buf_printf(&k, "%s\x1f%s", yoy_node_get(a, "n"),
			    yoy_node_get(x, "id"));
			if (yoy_map_get(&here, k.ptr) == (size_t)-1)
				finding(c, YOY_RULE_MISSING_DEPT, now ? now : body,
				    NULL, "department '%s' of %s is missing from "
				    "action %s", yoy_node_get(x, "id"),
				    c->o->previous_name, yoy_node_get(a, "n"));
		}
	}
	free(acts);
	yoy_buf_free(&k);
	yoy_map_free(&here);
	yoy_arena_free(ar);
}

/* The rules that look at one node at a time. */
static void
node_rules(struct ctx *c, const struct yoy_node *n)
{
	struct yoy_buf w = YOY_BUF_INIT, q = YOY_BUF_INIT;
	struct flag fl;

	if (n->type == YOY_NOTE && yoy_node_get(n, "kind") &&
	    strcmp(yoy_node_get(n, "kind"), "editorial") == 0) {
		c->text.len = 0;
		yoy_node_text(n, &c->text);
		memset(&fl, 0, sizeof(fl));
		fl.words = c->text.ptr ? c->text.ptr : "", fl.len = c->text.len;
		finding(c, YOY_RULE_EDITORIAL, n, &fl, "editorial note left in: "
		    "'%s'%s", fl.words, in_cell(n, &w));
	} else if (n->type == YOY_A) {
		check_link(c, n);
	} else if (n->type == YOY_ENTRY) {
		c->text.len = 0;
		yoy_node_text(n, &c->text);
		where(n, &w);
		if (c->text.len == 0 || strspn(c->text.ptr, " ") == c->text.len)
			finding(c, YOY_RULE_EMPTY, n, NULL, "empty entry (%s)",
			    w.ptr);
	} else if (n->type == YOY_ACTION) {
		action_rules(c, n);
	}
	if (yoy_node_is_block(n) && has_inline(n) && n->type != YOY_NOTE &&
	    n->parent && n->parent->type != YOY_META)
		placeholders(c, n);
	yoy_buf_free(&w);
	yoy_buf_free(&q);
}

void
yoy_check_doc(struct yoy_findings *out, const struct yoy_check_input *in,
    const struct yoy_doc *d, const struct yoy_check_opts *o)
{
	struct ctx c;
	const struct yoy_node *body = yoy_doc_body(d), *n;

	memset(&c, 0, sizeof(c));
	c.out = out, c.o = o, c.fileno = in->fileno;
	c.file = in->file, c.at = in->at ? in->at : in->file;
	c.xml = in->xml, c.xml_lines = in->xml_lines, c.loc = in->loc;
	if ((o->rules & (1u << YOY_RULE_SCHEMA)) && in->buf)
		yoy_xml_validate_each(in->buf, in->len, in->file, schema_each,
		    &c);
	for (n = body; n; n = yoy_node_walk(body, n))
		node_rules(&c, n);
	if (o->previous && (o->rules & (1u << YOY_RULE_MISSING_DEPT)))
		missing_departments(&c, d);
	if (o->rules & (1u << YOY_RULE_STALE))
		compare(&c, d, NULL, NULL);
	if (o->against && (o->rules & (1u << YOY_RULE_INCONSISTENT)))
		compare(&c, d, o->against, o->against_name);
	yoy_buf_free(&c.text);
}
