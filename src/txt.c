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

#include "yoy.h"
#include "pattern.h"

enum rkind { R_TEXT, R_BULLET, R_ROW };
enum mode { GENERIC, ACTION_PAGE, DEPT_PAGE };

struct rec {                    /* one non-blank line, folded */
	char *s;                /* NUL-terminated at s[len] */
	size_t len;
	size_t item;            /* R_BULLET: offset of the item's text */
	unsigned line;
	enum rkind kind;
};

struct reader {
	struct yoy_doc *doc;
	const char *file;       /* for diagnostics */
	struct rec *r;
	size_t n;
	enum mode mode;
	const char *page_id, *page_name;
	struct yoy_node *section, *action, *dept, *entry;
	struct yoy_label last;  /* the current entry's label */
	int titled;             /* per-action page: statement taken */
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
	struct yoy_node *n = yoy_node_add(rd->doc, parent, t);

	n->line = line;
	if (len)
		yoy_node_add_text(rd->doc, n, s, len, 1);
	return n;
}

static struct yoy_node *
container(struct reader *rd)
{
	if (rd->entry)
		return rd->entry;
	if (rd->action)
		return rd->action;
	if (rd->section)
		return rd->section;
	return rd->doc->body;
}

static void
start_action(struct reader *rd, int num, const char *title, size_t len,
    unsigned line)
{
	struct yoy_node *parent = rd->mode == GENERIC && rd->section ?
	    rd->section : rd->doc->body;
	char n[4];

	rd->action = yoy_node_add(rd->doc, parent, YOY_ACTION);
	rd->action->line = line;
	snprintf(n, sizeof(n), "%d", num);
	yoy_node_set(rd->doc, rd->action, "n", n);
	if (len)
		add_text(rd, rd->action, YOY_TITLE, title, len, line);
	rd->titled = len > 0;
	rd->dept = rd->entry = NULL;
}

static void
start_dept(struct reader *rd, const char *id, const char *name,
    unsigned line)
{
	struct yoy_node *d;

	for (d = rd->action->first; d; d = d->next)
		if (d->type == YOY_DEPARTMENT &&
		    strcmp(yoy_node_get(d, "id"), id) == 0) {
			yoy_diag(YOY_WARNING, rd->file, line, 1,
			    "department '%s' appears twice in action %s; "
			    "keeping both", name, yoy_node_get(rd->action, "n"));
			break;
		}
	rd->dept = yoy_node_add(rd->doc, rd->action, YOY_DEPARTMENT);
	rd->dept->line = line;
	yoy_node_set(rd->doc, rd->dept, "id", id);
	yoy_node_set(rd->doc, rd->dept, "name", name);
	rd->entry = NULL;
}

/* Starts an entry; 0 when there is no department to hold it. */
static int
start_entry(struct reader *rd, const struct rec *r,
    const struct yoy_label *l)
{
	char year[8];

	if (rd->action == NULL) {
		yoy_diag(YOY_WARNING, rd->file, r->line, 1, "entry label '%s' "
		    "outside any action; kept as a paragraph", r->s);
		return 0;
	}
	if (rd->dept == NULL) {
		if (rd->mode != DEPT_PAGE) {
			yoy_diag(YOY_WARNING, rd->file, r->line, 1,
			    "entry label '%s' has no department heading; kept "
			    "as a paragraph", r->s);
			return 0;
		}
		start_dept(rd, rd->page_id, rd->page_name, r->line);
	}
	rd->entry = yoy_node_add(rd->doc, rd->dept, YOY_ENTRY);
	rd->entry->line = r->line;
	snprintf(year, sizeof(year), "%d", l->year);
	yoy_node_set(rd->doc, rd->entry, "kind", yoy_kind_name(l->kind));
	yoy_node_set(rd->doc, rd->entry, "year", year);
	yoy_node_set(rd->doc, rd->entry, "label", r->s);
	rd->last = *l;
	return 1;
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

/* Whether r, followed by an entry label `next`, heads a department. */
static int
dept_heading(struct reader *rd, const struct rec *r,
    const struct yoy_label *next)
{
	const struct yoy_dept *d;
	struct yoy_buf slug = YOY_BUF_INIT;

	if (r->len > 160)       /* a paragraph, not a department's name */
		return 0;
	if ((d = yoy_registry_find(r->s, r->len)) != NULL) {
		start_dept(rd, d->id, d->name, r->line);
		return 1;
	}
	/* unknown: a heading-like line where the run of labels restarts */
	if (!heading_like(r) || (rd->entry != NULL &&
	    yoy_label_order(next) > yoy_label_order(&rd->last)))
		return 0;
	yoy_registry_slug(r->s, r->len, &slug);
	yoy_diag(YOY_WARNING, rd->file, r->line, 1,
	    "unknown department '%s'; using id '%s'", r->s, slug.ptr);
	start_dept(rd, slug.ptr, r->s, r->line);
	yoy_buf_free(&slug);
	return 1;
}

static void
add_block(struct reader *rd, struct rec *r)
{
	struct yoy_node *c = container(rd), *list, *row;
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
		if (rd->mode == ACTION_PAGE && c == rd->action && !rd->titled &&
		    c->first == NULL) {
			add_text(rd, c, YOY_TITLE, r->s, r->len, r->line);
			rd->titled = 1;
			return;
		}
		add_text(rd, c, YOY_P, r->s, r->len, r->line);
		return;
	}
}

/* ------------------------------------------------------------- the page */

static void
set_meta(struct reader *rd, enum yoy_type t, const struct rec *r)
{
	struct yoy_node *n;

	if (yoy_node_child(rd->doc->meta, t) != NULL)
		return;         /* several inputs: the first one's stands */
	n = yoy_doc_meta(rd->doc, t);
	n->line = r->line;
	yoy_node_add_text(rd->doc, n, r->s, r->len, 1);
}

/* Page metadata at the top; returns the index of the first body line. */
static size_t
header(struct reader *rd, const struct yoy_txt_opts *o)
{
	struct rec *r = rd->r, *title = NULL;
	size_t i = 0, off, n;
	char iso[11];
	const char *kind;
	int typed = 0, num;
	struct yoy_node *date;

	if (i < rd->n && yoy_pattern_doctype(r[i].s, r[i].len)) {
		set_meta(rd, YOY_TYPE, &r[i++]);
		typed = 1;
	}
	if (i < rd->n && r[i].kind == R_TEXT && (typed || (i + 1 < rd->n &&
	    (yoy_pattern_date(r[i + 1].s, r[i + 1].len, iso, &kind) ||
	    yoy_pattern_notice(r[i + 1].s, r[i + 1].len))))) {
		title = &r[i++];
		set_meta(rd, YOY_TITLE, title);
	}
	for (; i < rd->n; i++) {
		if (yoy_pattern_date(r[i].s, r[i].len, iso, &kind)) {
			if (yoy_node_child(rd->doc->meta, YOY_DATE) == NULL) {
				date = yoy_doc_meta(rd->doc, YOY_DATE);
				date->line = r[i].line;
				yoy_node_set(rd->doc, date, "kind", kind);
				yoy_node_add_text(rd->doc, date, iso, 10, 0);
			}
		} else if (yoy_pattern_notice(r[i].s, r[i].len)) {
			set_meta(rd, YOY_NOTICE, &r[i]);
		} else {
			break;
		}
	}

	if (o && o->department) {
		rd->mode = DEPT_PAGE;
	} else if (title && yoy_pattern_dept_page(title->s, title->len, &off,
	    &n)) {
		const struct yoy_dept *d = yoy_registry_find(title->s + off, n);
		struct yoy_buf slug = YOY_BUF_INIT;

		rd->mode = DEPT_PAGE;
		if (d) {
			rd->page_id = d->id;
			rd->page_name = d->name;
		} else {
			yoy_registry_slug(title->s + off, n, &slug);
			yoy_diag(YOY_WARNING, rd->file, title->line, 1,
			    "unknown department '%.*s'; using id '%s'",
			    (int)n, title->s + off, slug.ptr);
			rd->page_id = yoy_arena_strndup(rd->doc->arena,
			    slug.ptr, slug.len);
			rd->page_name = yoy_arena_strndup(rd->doc->arena,
			    title->s + off, n);
			yoy_buf_free(&slug);
		}
	} else if (title && (num = yoy_pattern_action(title->s, title->len,
	    &off)) > 0) {
		rd->mode = ACTION_PAGE;
		start_action(rd, num, NULL, 0, title->line);
	}
	return i;
}

static void
body(struct reader *rd, size_t i)
{
	struct yoy_label l, next;
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
				if (start_entry(rd, r, &l))
					continue;
			} else if (rd->mode != DEPT_PAGE && rd->action && nx &&
			    nx->kind == R_TEXT &&
			    yoy_label_parse(nx->s, nx->len, &next) &&
			    dept_heading(rd, r, &next)) {
				continue;
			} else if (rd->mode == GENERIC && nx && heading_like(r) &&
			    (rd->action == NULL ||
			    yoy_re_match(YOY_RE_ANNEX, r->s, r->len, NULL, 0))) {
				rd->section = add_text(rd, rd->doc->body,
				    YOY_SECTION, NULL, 0, r->line);
				add_text(rd, rd->section, YOY_TITLE, r->s, r->len,
				    r->line);
				rd->action = rd->dept = rd->entry = NULL;
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
	struct yoy_node *src;
	const char *name = yoy_diag_name(file), *base;
	size_t i;

	yoy_doc_adopt(doc, buf);
	memset(&rd, 0, sizeof(rd));
	rd.doc = doc;
	rd.file = name;
	src = yoy_doc_meta(doc, YOY_SOURCE);
	yoy_node_set(doc, src, "format", "txt");
	if (file && strcmp(file, "-") != 0) {
		base = strrchr(file, '/');
		yoy_node_set(doc, src, "name", base ? base + 1 : file);
	}
	if (yoy_text_check(buf, len, name) > 0)
		return -1;
	if (o && o->department) {
		const struct yoy_dept *d = yoy_registry_find(o->department,
		    strlen(o->department));

		if (d) {
			rd.page_id = d->id;
			rd.page_name = d->name;
		} else {
			rd.page_id = rd.page_name = o->department;
		}
	}
	split(&rd, buf, len);
	if (rd.n == 0) {
		yoy_diag(YOY_WARNING, name, 0, 0, "no text in input");
		free(rd.r);
		return 0;
	}
	i = header(&rd, o);
	body(&rd, i);
	free(rd.r);
	return 0;
}
