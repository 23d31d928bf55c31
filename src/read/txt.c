/* Plain-text captures and drafts of the reports to the document model.
 *
 * A capture is a sequence of lines; blank lines carry no meaning, so both
 * capture styles (blocks between blank lines, one paragraph a line) read
 * alike.  Every non-blank line becomes exactly one thing: page metadata,
 * an action, department or entry heading, a section title, a list item, a
 * table row or a paragraph.  No line is ever dropped.
 *
 * Three kinds of page:
 *   per-action      the title is "Action N: …"; the first paragraph is the
 *                   action's statement, department headings then entries
 *   per-department  the title is "CO's actions in response to …" (or
 *                   --department): "Action N: …" lines, then entries
 *   generic         anything else: heading-like lines become sections,
 *                   "Action N: …" lines become actions
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum rkind { R_TEXT, R_BULLET, R_ROW };

struct rec {                    /* one non-blank line, folded */
	char *s;                /* NUL-terminated at s[len] */
	size_t len;
	size_t item;            /* R_BULLET: offset of the item's text */
	unsigned line;
	enum rkind kind;
};

struct reader {
	struct yoy_shape sh;
	struct rec *r;
	size_t n;
};

/* ---------------------------------------------------------------- lines */

static int
has_pipe(const struct rec *r)
{
	return memchr(r->s, '|', r->len) != NULL;
}

static void
split(struct reader *rd, char *buf, size_t len)
{
	char *p = buf, *end = buf + len, *eol;
	size_t cap = 0, ov[2], i;
	unsigned line = 0;

	for (; p < end; p = eol + 1) {
		struct rec *r;
		size_t n;

		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = yoy_text_fold(p, (size_t)(eol - p));
		if (n == 0)
			continue;
		p[n] = '\0';    /* fold only shrinks: room up to eol */
		if (rd->n == cap) {
			cap = cap ? cap * 2 : 256;
			rd->r = yoy_realloc(rd->r, cap * sizeof(*rd->r));
		}
		r = &rd->r[rd->n++];
		r->s = p;
		r->len = n;
		r->line = line;
		r->item = 0;
		r->kind = R_TEXT;
		if (yoy_re_match(YOY_RE_BULLET, p, n, ov, 2)) {
			r->kind = R_BULLET;
			r->item = ov[1];
		} else if ((p[0] == '|' || p[n - 1] == '|') && n > 1) {
			r->kind = R_ROW;
		}
	}
	/* "a | b" lines are rows when they come in runs */
	for (i = 0; i < rd->n; i++) {
		struct rec *r = &rd->r[i];

		if (r->kind != R_TEXT || !has_pipe(r) ||
		    strstr(r->s, " | ") == NULL)
			continue;
		if ((i > 0 && (rd->r[i - 1].kind == R_ROW ||
		    has_pipe(&rd->r[i - 1]))) ||
		    (i + 1 < rd->n && has_pipe(&rd->r[i + 1])))
			r->kind = R_ROW;
	}
}

/* ------------------------------------------------------------ structure */

static struct yoy_node *
add_text(struct reader *rd, struct yoy_node *parent, enum yoy_type t,
    const char *s, size_t len, unsigned line)
{
	struct yoy_node *n = yoy_node_add(rd->sh.doc, parent, t);

	n->line = line;
	if (len)
		yoy_node_add_text(rd->sh.doc, n, s, len, 1);
	return n;
}

static void
start_action(struct reader *rd, int num, const char *title, size_t len,
    unsigned line)
{
	struct yoy_shape *sh = &rd->sh;

	yoy_shape_action(sh, sh->page == YOY_PAGE_GENERIC ? sh->section :
	    NULL, num, line);
	if (len)
		add_text(rd, sh->action, YOY_TITLE, title, len, line);
	sh->titled = len > 0;
}

/* A short line that reads as a title rather than a sentence. */
static int
heading_like(const struct rec *r)
{
	unsigned char first = (unsigned char)r->s[0];
	char last = r->s[r->len - 1];
	size_t i, words = 1;

	if (r->kind != R_TEXT || r->len > 120)
		return 0;
	if (strchr(".,;:!", last) != NULL)
		return 0;
	if (!((first >= 'A' && first <= 'Z') || (first >= '0' &&
	    first <= '9') || first >= 0x80))
		return 0;
	for (i = 0; i < r->len; i++)
		words += r->s[i] == ' ';
	if (words > 14)
		return 0;
	return !yoy_re_match(YOY_RE_CAPTION, r->s, r->len, NULL, 0);
}

/* Whether r, followed by text `nx`, heads a department: a department's
 * name, before an entry label or as a line of its own outside a labelled
 * entry; or a heading-like line before an entry label where the run of
 * labels restarts. */
static int
dept_heading(struct reader *rd, const struct rec *r, const struct rec *nx)
{
	const struct yoy_dept *d;
	struct yoy_label next;
	int labelled, heading;

	if (r->len > 160)       /* a paragraph, not a department's name */
		return 0;
	labelled = yoy_label_parse(nx->s, nx->len, &next);
	/* a name on its own line heads a department outside an entry or
	 * in a statement (an entry without a label), never in the text of
	 * a labelled entry */
	heading = heading_like(r);
	if ((labelled || (heading && (rd->sh.entry == NULL ||
	    yoy_node_get(rd->sh.entry, "label") == NULL))) &&
	    (d = yoy_registry_find(r->s, r->len)) != NULL) {
		yoy_shape_dept(&rd->sh, d->id, d->name, r->line);
		return 1;
	}
	if (!labelled || !heading || (rd->sh.entry != NULL &&
	    yoy_label_order(&next) > yoy_label_order(&rd->sh.last)))
		return 0;
	yoy_shape_unknown_dept(&rd->sh, r->s, r->len, r->line);
	return 1;
}

static void
add_block(struct reader *rd, struct rec *r)
{
	struct yoy_node *c = yoy_shape_container(&rd->sh, r->line), *list, *row;
	char *cell, *bar, *end;

	switch (r->kind) {
	case R_BULLET:
		list = c->last && c->last->type == YOY_UL ? c->last :
		    add_text(rd, c, YOY_UL, NULL, 0, r->line);
		add_text(rd, list, YOY_LI, r->s + r->item, r->len - r->item,
		    r->line);
		return;
	case R_ROW:
		if (!(c->last && c->last->type == YOY_TABLE))
			add_text(rd, c, YOY_TABLE, NULL, 0, r->line);
		row = add_text(rd, c->last, YOY_TR, NULL, 0, r->line);
		cell = r->s + (r->s[0] == '|');
		end = r->s + r->len - (r->len > 1 && r->s[r->len - 1] == '|');
		for (;;) {
			char *a = cell, *b;

			if ((bar = memchr(cell, '|', (size_t)(end - cell))) == NULL)
				bar = end;
			b = bar;
			while (a < b && *a == ' ')
				a++;
			while (b > a && b[-1] == ' ')
				b--;
			*b = '\0';  /* over a space or the bar: text stays */
			add_text(rd, row, YOY_TD, a, (size_t)(b - a), r->line);
			if (bar == end)
				break;
			cell = bar + 1;
		}
		return;
	case R_TEXT:
		if (yoy_shape_take_title(&rd->sh)) {
			add_text(rd, c, YOY_TITLE, r->s, r->len, r->line);
			return;
		}
		add_text(rd, c, YOY_P, r->s, r->len, r->line);
		return;
	}
}

/* ------------------------------------------------------------- the page */

/* Page metadata at the top; returns the index of the first body line. */
static size_t
header(struct reader *rd)
{
	struct yoy_shape *sh = &rd->sh;
	struct rec *r = rd->r, *title = NULL;
	size_t i = 0;
	char iso[11];
	const char *kind;
	int typed = 0;

	if (i < rd->n && yoy_pattern_doctype(r[i].s, r[i].len)) {
		yoy_shape_meta(sh, YOY_TYPE, r[i].s, r[i].len, r[i].line);
		i++;
		typed = 1;
	}
	if (i < rd->n && r[i].kind == R_TEXT && (typed || (i + 1 < rd->n &&
	    (yoy_pattern_date(r[i + 1].s, r[i + 1].len, iso, &kind) ||
	    yoy_pattern_notice(r[i + 1].s, r[i + 1].len))))) {
		title = &r[i++];
		yoy_shape_meta(sh, YOY_TITLE, title->s, title->len, title->line);
	}
	for (; i < rd->n; i++) {
		if (yoy_pattern_date(r[i].s, r[i].len, iso, &kind))
			yoy_shape_date(sh, iso, kind, r[i].line);
		else if (yoy_pattern_notice(r[i].s, r[i].len))
			yoy_shape_meta(sh, YOY_NOTICE, r[i].s, r[i].len,
			    r[i].line);
		else
			break;
	}
	if (title)
		yoy_shape_page(sh, title->s, title->len, title->line);
	return i;
}

static void
body(struct reader *rd, size_t i)
{
	struct yoy_shape *sh = &rd->sh;
	struct yoy_label l;
	size_t off;
	int num;

	for (; i < rd->n; i++) {
		struct rec *r = &rd->r[i], *nx = i + 1 < rd->n ? r + 1 : NULL;

		if (r->kind == R_TEXT) {
			if ((num = yoy_pattern_action(r->s, r->len, &off)) > 0) {
				start_action(rd, num, r->s + off, r->len - off,
				    r->line);
				continue;
			}
			if (yoy_label_parse(r->s, r->len, &l)) {
				if (yoy_shape_entry(sh, r->s, r->len, &l, r->line))
					continue;
			} else if (sh->page != YOY_PAGE_DEPT && sh->action && nx &&
			    nx->kind == R_TEXT && dept_heading(rd, r, nx)) {
				continue;
			} else if (sh->page == YOY_PAGE_GENERIC && nx &&
			    heading_like(r) && (sh->action == NULL ||
			    yoy_re_match(YOY_RE_ANNEX, r->s, r->len, NULL, 0))) {
				sh->section = add_text(rd, sh->doc->body,
				    YOY_SECTION, NULL, 0, r->line);
				add_text(rd, sh->section, YOY_TITLE, r->s, r->len,
				    r->line);
				sh->action = sh->dept = sh->entry = NULL;
				continue;
			}
		}
		add_block(rd, r);
	}
}

int
yoy_txt_read(struct yoy_doc *doc, char *buf, size_t len, const char *file,
    const struct yoy_txt_opts *o)
{
	struct reader rd;
	const char *name = yoy_diag_name(file);
	size_t i;

	yoy_doc_adopt(doc, buf);
	memset(&rd, 0, sizeof(rd));
	yoy_doc_source(doc, "txt", file);
	if (yoy_text_check(buf, len, name) > 0)
		return -1;
	yoy_shape_init(&rd.sh, doc, name, o ? o->department : NULL);
	split(&rd, buf, len);
	if (rd.n == 0) {
		yoy_diag(YOY_WARNING, name, 0, 0, "no text in input");
	} else {
		i = header(&rd);
		body(&rd, i);
	}
	free(rd.r);
	yoy_shape_free(&rd.sh);
	return 0;
}
