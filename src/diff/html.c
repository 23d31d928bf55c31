/* The diff's review page for editors: one self-contained HTML file in
 * the GOV.UK Design System's manner (review.css, review.js, embedded at
 * build time), that says which editions are compared, counts the cells
 * by status, shows the grid of actions by departments with each cell's
 * status in words and a link to its changes, and each change as an
 * inline redline and side by side, with links back to the grid and to
 * the next and previous change.  Filters, the view switch and keys are
 * the script's; without it every cell is reachable from the grid.  The
 * page is built as a libxml2 tree and written by libxml2's serializer,
 * which escapes every text from the inputs; the page's only links are
 * its own fragments.  --split writes a page per department and per
 * action, and an index. */
#include <libxml/HTMLtree.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

extern const char yoy_review_css[], yoy_review_js[];

static const char *const kinds[] = { "text", "commitment", "progress",
	"plan" };
static const char *const kind_title[] = { "Text", "Commitment", "Progress",
	"Plan" };

/* What one page shows: all, or one action or one department (--split). */
struct only {
	int action;
	const char *dept;
	const char *index;      /* the split's index page, or NULL */
	int is_index;           /* the index itself: the grid links pages */
};

/* Departments, then actions, in order of first appearance. */
struct matrix {
	const struct yoy_cell **cols;   /* a cell of each department */
	size_t ncols;
	int *acts;
	size_t na;
	size_t *grid;                   /* [action][dept][status] */
};

struct page {
	struct yoy_diff *df;
	const struct yoy_diff_out *o;
	const struct only *only;
	int years;
	struct matrix m;
	size_t *shown;                  /* the cells on the page, in order */
	size_t nshown;
	/* for each of them, the change before and after it among them
	 * (an index of shown), or (size_t)-1 */
	size_t *prev, *next;
	struct yoy_buf h;               /* scratch */
	struct yoy_script sc;
};

/* ------------------------------------------------------------- helpers */

static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = yoy_tree_el(parent, name);

	yoy_tree_attr(n, "class", cls);
	return n;
}

static void
text(xmlNodePtr n, const char *s)
{
	if (*s)
		yoy_tree_text(n, s, strlen(s));
}

static xmlNodePtr
link(xmlNodePtr parent, const char *href, const char *s)
{
	xmlNodePtr a = yoy_tree_el(parent, "a");

	yoy_tree_attr(a, "href", href);
	if (s)
		text(a, s);
	return a;
}

/* "changed", or year on year "unchanged from the year before" */
static const char *
status_words(enum yoy_status s, int years)
{
	if (years && s == YOY_SAME)
		return "unchanged from the year before";
	return s == YOY_SAME ? "unchanged" : yoy_status_name(s);
}

static int
on_page(const struct page *p, const struct yoy_cell *c)
{
	const struct only *o = p->only;

	if (o->action && c->action != o->action)
		return 0;
	if (o->dept && (c->what != YOY_CELL_ENTRY || strcmp(c->dept_id,
	    o->dept) != 0))
		return 0;
	return 1;
}

static const char *
dept_name(const struct yoy_cell *c)
{
	return c->dept_name ? c->dept_name : c->dept_id;
}

/* A cell's id on the page, and its department section's, its place in
 * the grid's */
static const char *
cell_id(size_t i, char *buf, size_t n)
{
	snprintf(buf, n, "c%zu", i);
	return buf;
}

static void
dept_id(struct yoy_buf *b, const char *prefix, const struct yoy_cell *c)
{
	b->len = 0;
	yoy_buf_printf(b, "%sa%d-%s", prefix, c->action, c->dept_id);
}

/* ------------------------------------------------------------- the grid */

static void
matrix_new(struct page *p)
{
	struct matrix *m = &p->m;
	size_t i, j, n = p->df->n + 1;

	m->cols = yoy_malloc(n * sizeof(*m->cols));
	m->acts = yoy_malloc(n * sizeof(*m->acts));
	m->ncols = m->na = 0;
	for (i = 0; i < p->df->n; i++) {
		const struct yoy_cell *c = &p->df->cell[i];

		if (c->what != YOY_CELL_ENTRY || !on_page(p, c))
			continue;
		for (j = 0; j < m->ncols && strcmp(m->cols[j]->dept_id,
		    c->dept_id); j++)
			;
		if (j == m->ncols)
			m->cols[m->ncols++] = c;
		for (j = 0; j < m->na && m->acts[j] != c->action; j++)
			;
		if (j == m->na)
			m->acts[m->na++] = c->action;
	}
	m->grid = calloc(m->na * m->ncols * 4 + 1, sizeof(*m->grid));
	if (m->grid == NULL)
		yoy_oom();
	for (i = 0; i < p->df->n; i++) {
		const struct yoy_cell *c = &p->df->cell[i];
		size_t r, k;

		if (c->what != YOY_CELL_ENTRY || !on_page(p, c))
			continue;
		for (r = 0; m->acts[r] != c->action; r++)
			;
		for (k = 0; strcmp(m->cols[k]->dept_id, c->dept_id); k++)
			;
		m->grid[(r * m->ncols + k) * 4 + c->status]++;
	}
}

/* The column heading: the registry's abbreviation, its name in title */
static void
dept_heading(xmlNodePtr tr, const struct yoy_cell *c)
{
	const struct yoy_dept *d = yoy_registry_find(c->dept_id,
	    strlen(c->dept_id));
	xmlNodePtr th = yoy_tree_el(tr, "th"), abbr;

	yoy_tree_attr(th, "scope", "col");
	yoy_tree_attr(th, "data-dept", c->dept_id);
	if (d && d->abbr) {
		abbr = yoy_tree_el(th, "abbr");
		yoy_tree_attr(abbr, "title", dept_name(c));
		text(abbr, d->abbr);
	} else {
		text(th, dept_name(c));
	}
}

/* One cell of the grid: its entries' counts in words, worst first,
 * linked to the department's changes in the action. */
static void
grid_cell(struct page *p, xmlNodePtr tr, size_t r, size_t k)
{
	static const enum yoy_status worst[] = { YOY_REMOVED, YOY_CHANGED,
		YOY_ADDED, YOY_SAME };
	const size_t *n = &p->m.grid[(r * p->m.ncols + k) * 4];
	const struct yoy_cell *c = p->m.cols[k];
	xmlNodePtr td = yoy_tree_el(tr, "td");
	struct yoy_buf id = YOY_BUF_INIT, href = YOY_BUF_INIT;
	size_t w;

	p->h.len = 0;
	for (w = 0; w < 4; w++)
		if (n[worst[w]])
			yoy_buf_printf(&p->h, "%s%zu %s", p->h.len ? ", " : "",
			    n[worst[w]], worst[w] == YOY_SAME ? "unchanged" :
			    yoy_status_name(worst[w]));
	yoy_tree_attr(td, "data-dept", c->dept_id);
	if (p->h.len == 0) {
		yoy_tree_attr(td, "class", "yoy-none");
		text(td, "none");
		return;
	}
	for (w = 0; !n[worst[w]]; w++)
		;
	p->h.ptr[p->h.len] = '\0';
	yoy_buf_printf(&id, "m-a%d-%s", p->m.acts[r], c->dept_id);
	yoy_tree_attr(td, "id", id.ptr);
	id.len = 0;
	yoy_buf_printf(&id, "yoy-%s", yoy_status_name(worst[w]));
	yoy_tree_attr(td, "class", id.ptr);
	yoy_buf_printf(&href, "%s%s%s#a%d-%s", p->only->is_index ?
	    "department-" : "", p->only->is_index ? c->dept_id : "",
	    p->only->is_index ? ".html" : "", p->m.acts[r], c->dept_id);
	link(td, href.ptr, p->h.ptr);
	yoy_buf_free(&id);
	yoy_buf_free(&href);
}

static void
grid(struct page *p, xmlNodePtr main)
{
	xmlNodePtr box, table, tr, tbody, th;
	size_t r, k;

	if (p->m.na == 0)
		return;
	th = yoy_tree_el(main, "h2");
	yoy_tree_attr(th, "id", "yoy-grid-title");
	text(th, "Changes by action and department");
	box = el(main, "div", "yoy-grid");
	yoy_tree_attr(box, "role", "region");
	yoy_tree_attr(box, "aria-labelledby", "yoy-grid-title");
	yoy_tree_attr(box, "tabindex", "0");
	table = el(box, "table", "yoy-matrix");
	text(el(table, "caption", "yoy-visually-hidden"), "Actions by "
	    "departments: each cell says how many of the department's entries "
	    "changed, were added or removed, and links to them.");
	tr = yoy_tree_el(yoy_tree_el(table, "thead"), "tr");
	th = yoy_tree_el(tr, "th");
	yoy_tree_attr(th, "scope", "col");
	text(th, "Action");
	for (k = 0; k < p->m.ncols; k++)
		dept_heading(tr, p->m.cols[k]);
	tbody = yoy_tree_el(table, "tbody");
	for (r = 0; r < p->m.na; r++) {
		char n[32];

		tr = yoy_tree_el(tbody, "tr");
		snprintf(n, sizeof(n), "%d", p->m.acts[r]);
		yoy_tree_attr(tr, "data-action", n);
		th = yoy_tree_el(tr, "th");
		yoy_tree_attr(th, "scope", "row");
		snprintf(n, sizeof(n), p->only->is_index ? "action-%d.html" :
		    "#a%d", p->m.acts[r]);
		p->h.len = 0;
		yoy_buf_printf(&p->h, "Action %d", p->m.acts[r]);
		link(th, n, p->h.ptr);
		for (k = 0; k < p->m.ncols; k++)
			grid_cell(p, tr, r, k);
	}
}

/* ------------------------------------------------------- the editions */

/* An edition's meta: its title, and its date (a store revision's, else
 * the meta's, published before updated) with its kind; 1 when, having no
 * title, it is called by its name ("Edition 2015") */
static int
edition_meta(const struct page *p, int i, struct yoy_buf *title,
    struct yoy_buf *date, const char **kind)
{
	const struct yoy_node *n, *meta = NULL;
	struct yoy_buf t = YOY_BUF_INIT;

	title->len = date->len = 0;
	yoy_buf_puts(title, "");
	*kind = "dated";
	if (p->o->date[i])
		yoy_buf_puts(date, p->o->date[i]);
	for (n = yoy_doc_root(p->df->doc[i])->first; n; n = n->next)
		if (n->type == YOY_META)
			meta = n;
	for (n = meta ? meta->first : NULL; n; n = n->next) {
		const char *k = yoy_node_get(n, "kind");

		t.len = 0;
		yoy_node_text(n, &t);
		if (n->type == YOY_TITLE && title->len == 0 && t.len)
			yoy_buf_puts(title, t.ptr);
		if (n->type == YOY_DATE && t.len && !p->o->date[i] &&
		    (date->len == 0 || (k && strcmp(k, "published") == 0))) {
			date->len = 0;
			yoy_buf_puts(date, t.ptr);
			*kind = k ? k : "dated";
		}
	}
	yoy_buf_free(&t);
	/* without a title (a store's revision): by its name */
	if (title->len == 0 && p->o->name[i]) {
		yoy_buf_printf(title, "Edition %s", p->o->name[i]);
		return 1;
	}
	if (title->len == 0)
		yoy_buf_puts(title, "Untitled edition");
	return 0;
}

/* An edition in words: "Action 2: …, published 20 December 2012
 * (2012.xml)" */
static void
edition(const struct page *p, int i, struct yoy_buf *b)
{
	static const char *const months[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	struct yoy_buf date = YOY_BUF_INIT;
	const char *kind;
	int y, mo, d, named;

	named = edition_meta(p, i, b, &date, &kind);
	if (date.len && sscanf(date.ptr, "%4d-%2d-%2d", &y, &mo, &d) == 3 &&
	    mo >= 1 && mo <= 12)
		yoy_buf_printf(b, ", %s %d %s %d", kind, d, months[mo - 1], y);
	if (p->o->name[i] && !named)
		yoy_buf_printf(b, " (%s)", p->o->name[i]);
	yoy_buf_free(&date);
}

static void
summary(struct page *p, xmlNodePtr main)
{
	static const enum yoy_status order[] = { YOY_CHANGED, YOY_ADDED,
		YOY_REMOVED, YOY_SAME };
	static const enum yoy_status years_order[] = { YOY_SAME, YOY_CHANGED,
		YOY_ADDED, YOY_REMOVED };
	xmlNodePtr dl = el(main, "dl", "yoy-summary"), ul, a;
	size_t k, count[4] = { 0, 0, 0, 0 };
	int i;

	for (i = 0; i < (p->years ? 1 : 2); i++) {
		text(yoy_tree_el(dl, "dt"), p->years ? "Edition" : i ? "New "
		    "edition" : "Old edition");
		edition(p, i, &p->h);
		text(yoy_tree_el(dl, "dd"), p->h.ptr);
	}
	if (p->years) {
		text(yoy_tree_el(dl, "dt"), "Compared");
		text(yoy_tree_el(dl, "dd"), "each entry with the same "
		    "department's entry of the year before");
	}
	for (k = 0; k < p->nshown; k++)
		count[p->df->cell[p->shown[k]].status]++;
	text(yoy_tree_el(main, "h2"), "Cells compared");
	ul = el(main, "ul", "yoy-counts");
	for (k = 0; k < 4; k++) {
		enum yoy_status s = (p->years ? years_order : order)[k];
		char href[32];

		snprintf(href, sizeof(href), "#list-%s", yoy_status_name(s));
		a = link(yoy_tree_el(ul, "li"), href, NULL);
		yoy_tree_attr(a, "data-status", yoy_status_name(s));
		p->h.len = 0;
		yoy_buf_printf(&p->h, "%zu", count[s]);
		text(yoy_tree_el(a, "strong"), p->h.ptr);
		text(a, status_words(s, p->years));
	}
}

/* ------------------------------------------------------------ filters */

static void
select_field(xmlNodePtr fs, const char *id, const char *label,
    const char *all)
{
	xmlNodePtr div = el(fs, "div", "yoy-field"), l, s, o;

	l = yoy_tree_el(div, "label");
	yoy_tree_attr(l, "for", id);
	text(l, label);
	s = yoy_tree_el(div, "select");
	yoy_tree_attr(s, "id", id);
	yoy_tree_attr(s, "name", id);
	o = yoy_tree_el(s, "option");
	yoy_tree_attr(o, "value", "");
	text(o, all);
}

static void
option(xmlNodePtr select, const char *value, const char *label)
{
	xmlNodePtr o = yoy_tree_el(select, "option");

	yoy_tree_attr(o, "value", value);
	text(o, label);
}

static void
view_switch(xmlNodePtr fs)
{
	static const char *const v[][2] = { { "inline", "Inline" },
		{ "side", "Old and new side by side" } };
	xmlNodePtr div = el(fs, "fieldset", "yoy-field"), radios, r, l;
	size_t i;

	text(yoy_tree_el(div, "legend"), "View of a change");
	radios = el(div, "div", "yoy-radios");
	for (i = 0; i < 2; i++) {
		char id[16];

		snprintf(id, sizeof(id), "f-view-%s", v[i][0]);
		l = yoy_tree_el(radios, "label");
		r = yoy_tree_el(l, "input");
		yoy_tree_attr(r, "type", "radio");
		yoy_tree_attr(r, "name", "f-view");
		yoy_tree_attr(r, "id", id);
		yoy_tree_attr(r, "value", v[i][0]);
		if (i == 0)
			yoy_tree_attr(r, "checked", "checked");
		text(l, v[i][1]);
	}
}

static void
filters(struct page *p, xmlNodePtr main)
{
	xmlNodePtr form = el(main, "form", "yoy-filters"), fs, sel, live;
	size_t k;
	int s;

	yoy_tree_attr(form, "id", "yoy-filters");
	yoy_tree_attr(form, "hidden", "hidden");
	yoy_tree_attr(form, "aria-label", "Filter the changes");
	fs = yoy_tree_el(form, "fieldset");
	text(yoy_tree_el(fs, "legend"), "Show only");
	select_field(fs, "f-dept", "Department", "All departments");
	sel = fs->last->last;
	for (k = 0; k < p->m.ncols; k++)
		option(sel, p->m.cols[k]->dept_id, dept_name(p->m.cols[k]));
	select_field(fs, "f-action", "Action", "All actions");
	sel = fs->last->last;
	for (k = 0; k < p->m.na; k++) {
		char v[16];

		snprintf(v, sizeof(v), "%d", p->m.acts[k]);
		p->h.len = 0;
		yoy_buf_printf(&p->h, "Action %d", p->m.acts[k]);
		option(sel, v, p->h.ptr);
	}
	select_field(fs, "f-kind", "Kind of entry", "All kinds");
	sel = fs->last->last;
	for (k = 1; k < 4; k++)
		option(sel, kinds[k], kind_title[k]);
	select_field(fs, "f-status", "Status", "Any status");
	sel = fs->last->last;
	for (s = p->years ? YOY_SAME : YOY_CHANGED; s <= YOY_REMOVED; s++)
		option(sel, yoy_status_name((enum yoy_status)s),
		    status_words((enum yoy_status)s, p->years));
	if (!p->years)
		option(sel, "same", "unchanged");
	view_switch(fs);
	text(el(fs, "button", "yoy-secondary"), "Clear filters");
	yoy_tree_attr(fs->last, "type", "reset");
	live = yoy_tree_el(main, "p");
	yoy_tree_attr(live, "id", "yoy-shown");
	yoy_tree_attr(live, "role", "status");
	yoy_tree_attr(live, "tabindex", "-1");
}

/* ------------------------------------------------------------ changes */

static const char *
prefix(enum yoy_type t)
{
	return t == YOY_LI ? "\xe2\x80\xa2 " : t == YOY_TD || t == YOY_TH ?
	    "| " : "";
}

/* The script as paragraphs of `parent`: inline (side 0), or the old
 * text (side -1: kept and deleted) or the new (1: kept and inserted);
 * deletions and insertions marked in words for screen readers too. */
static void
redline(xmlNodePtr parent, const struct yoy_script *sc, int side)
{
	xmlNodePtr blk = NULL, m;
	enum yoy_type type = YOY_P;
	size_t i;
	int skip = 0;

	for (i = 0; i < sc->n; i++) {
		const struct yoy_op *op = &sc->op[i];
		int other = (side < 0 && op->kind == YOY_OP_INS) ||
		    (side > 0 && op->kind == YOY_OP_DEL);

		if (op->block) {
			/* a paragraph when it has words on this side */
			skip = other, blk = NULL, type = op->type;
			continue;
		}
		if (skip || other || op->len == 0)
			continue;
		if (blk == NULL) {
			blk = yoy_tree_el(parent, "p");
			text(blk, prefix(type));
		}
		if (op->kind == YOY_OP_SAME) {
			yoy_tree_text(blk, op->s, op->len);
			continue;
		}
		m = yoy_tree_el(blk, op->kind == YOY_OP_DEL ? "del" : "ins");
		text(el(m, "span", "yoy-visually-hidden"), op->kind ==
		    YOY_OP_DEL ? "[deleted: " : "[inserted: ");
		yoy_tree_text(m, op->s, op->len);
		text(el(m, "span", "yoy-visually-hidden"), "]");
	}
}

/* The cell's data for the filters, and its class */
static void
cell_attrs(xmlNodePtr n, const struct yoy_cell *c, struct yoy_buf *b)
{
	b->len = 0;
	yoy_buf_printf(b, "yoy-cell yoy-%s", yoy_status_name(c->status));
	yoy_tree_attr(n, "class", b->ptr);
	b->len = 0;
	if (c->action)
		yoy_buf_printf(b, "%d", c->action);
	yoy_tree_attr(n, "data-action", b->ptr);
	yoy_tree_attr(n, "data-dept", c->what == YOY_CELL_ENTRY ? c->dept_id :
	    "");
	yoy_tree_attr(n, "data-kind", c->what == YOY_CELL_ENTRY ?
	    kinds[c->kind] : "");
	yoy_tree_attr(n, "data-status", yoy_status_name(c->status));
}

/* "Progress 2013" (→ 2014 year on year), or a section's title */
static void
cell_title(const struct yoy_cell *c, struct yoy_buf *b)
{
	b->len = 0;
	if (c->what == YOY_CELL_SECTION)
		yoy_buf_puts(b, *c->section ? c->section :
		    "Text outside any section");
	else if (c->what == YOY_CELL_INTRO)
		yoy_buf_puts(b, "Title and introduction");
	else if (c->node[0] && c->node[1] && c->year[0] != c->year[1])
		yoy_buf_printf(b, "%s %d \xe2\x86\x92 %d", kind_title[c->kind],
		    c->year[0], c->year[1]);
	else
		yoy_buf_printf(b, "%s %d", kind_title[c->kind], c->node[1] ?
		    c->year[1] : c->year[0]);
}

/* A link to shown cell `j` of class `cls`; none when j is (size_t)-1 */
static void
nav_link(struct page *p, xmlNodePtr nav, size_t j, const char *words,
    const char *cls)
{
	char id[40];

	if (j == (size_t)-1)
		return;
	id[0] = '#';
	cell_id(p->shown[j], id + 1, sizeof(id) - 1);
	yoy_tree_attr(link(nav, id, words), "class", cls);
}

/* Links back to the grid and to the changes before and after */
static void
cell_nav(struct page *p, xmlNodePtr art, size_t k)
{
	const struct yoy_cell *c = &p->df->cell[p->shown[k]];
	xmlNodePtr nav = el(art, "div", "yoy-nav");

	if (c->what == YOY_CELL_ENTRY && p->m.na) {
		dept_id(&p->h, "#m-", c);
		link(nav, p->h.ptr, "Back to the grid");
	}
	nav_link(p, nav, p->prev[k], "Previous change", "yoy-prev");
	nav_link(p, nav, p->next[k], "Next change", "yoy-next");
}

/* One cell: a change as an article, an unchanged cell to open */
static void
cell(struct page *p, xmlNodePtr parent, size_t k)
{
	struct yoy_cell *c = &p->df->cell[p->shown[k]];
	xmlNodePtr art, h, side, col;
	char id[32];

	if (c->status == YOY_SAME && !p->df->all) {
		/* a diff made without its same cells' text (yoy_diff_opts
		 * .all): named, not shown */
		art = yoy_tree_el(parent, "p");
		cell_attrs(art, c, &p->h);
		yoy_tree_attr(art, "id", cell_id(p->shown[k], id, sizeof(id)));
		cell_title(c, &p->h);
		yoy_buf_printf(&p->h, ": %s", status_words(c->status, p->years));
		text(art, p->h.ptr);
		return;
	}
	yoy_diff_script(p->df, c, &p->sc);
	if (c->status == YOY_SAME) {
		art = yoy_tree_el(parent, "details");
		cell_attrs(art, c, &p->h);
		yoy_tree_attr(art, "id", cell_id(p->shown[k], id, sizeof(id)));
		cell_title(c, &p->h);
		yoy_buf_printf(&p->h, ": %s", status_words(c->status, p->years));
		text(yoy_tree_el(art, "summary"), p->h.ptr);
		h = yoy_tree_el(art, "div");
		redline(h, &p->sc, 0);
		if (h->children == NULL)
			text(yoy_tree_el(h, "p"), "No text.");
		return;
	}
	art = yoy_tree_el(parent, "article");
	cell_attrs(art, c, &p->h);
	yoy_tree_attr(art, "id", cell_id(p->shown[k], id, sizeof(id)));
	yoy_tree_attr(art, "tabindex", "-1");
	h = yoy_tree_el(art, c->what == YOY_CELL_ENTRY ? "h4" : "h3");
	cell_title(c, &p->h);
	text(h, p->h.ptr);
	text(el(h, "strong", "yoy-tag"), status_words(c->status, p->years));
	p->h.len = 0;
	yoy_buf_printf(&p->h, "%zu words deleted, %zu inserted", c->deleted,
	    c->inserted);
	text(el(art, "p", "yoy-words"), p->h.ptr);
	cell_nav(p, art, k);
	redline(el(art, "div", "yoy-inline"), &p->sc, 0);
	side = el(art, "div", "yoy-side");
	col = yoy_tree_el(side, "div");
	text(el(col, "p", "yoy-side-label"), p->years ? "The year before" :
	    "Old");
	redline(col, &p->sc, -1);
	col = yoy_tree_el(side, "div");
	text(el(col, "p", "yoy-side-label"), p->years ? "This year" : "New");
	redline(col, &p->sc, 1);
}

/* The title of a cell's action, from either edition */
static void
action_title(const struct yoy_cell *c, struct yoy_buf *b)
{
	const struct yoy_node *n = c->node[1] ? c->node[1] : c->node[0], *t;

	b->len = 0;
	yoy_buf_printf(b, "Action %d", c->action);
	for (; n && n->type != YOY_ACTION; n = n->parent)
		;
	for (t = n ? n->first : NULL; t; t = t->next)
		if (t->type == YOY_TITLE) {
			yoy_buf_puts(b, ": ");
			yoy_node_text(t, b);
			break;
		}
}

/* Every cell on the page, in sections by action and department */
static void
changes(struct page *p, xmlNodePtr main)
{
	xmlNodePtr act = NULL, dept = NULL, h;
	int cur = -1;
	const char *cur_dept = NULL;
	size_t k;

	for (k = 0; k < p->nshown; k++) {
		const struct yoy_cell *c = &p->df->cell[p->shown[k]];

		if (act == NULL || c->action != cur) {
			cur = c->action, cur_dept = NULL, dept = NULL;
			act = el(main, "section", "yoy-action");
			p->h.len = 0;
			yoy_buf_printf(&p->h, c->action ? "a%d" : "sections",
			    c->action);
			yoy_tree_attr(act, "id", p->h.ptr);
			yoy_tree_attr(act, "tabindex", "-1");
			h = yoy_tree_el(act, "h2");
			if (c->action)
				action_title(c, &p->h);
			else
				yoy_buf_puts((p->h.len = 0, &p->h), "Sections");
			text(h, p->h.ptr);
		}
		if (c->what == YOY_CELL_ENTRY && (cur_dept == NULL ||
		    strcmp(cur_dept, c->dept_id) != 0)) {
			cur_dept = c->dept_id;
			dept_id(&p->h, "", c);
			/* a department met again in the action: its section */
			for (dept = act->children; dept; dept = dept->next) {
				xmlChar *id = xmlGetProp(dept, BAD_CAST "id");
				int same = id && strcmp((char *)id, p->h.ptr) == 0;

				xmlFree(id);
				if (same)
					break;
			}
			if (dept == NULL) {
				dept = el(act, "section", "yoy-dept");
				yoy_tree_attr(dept, "id", p->h.ptr);
				yoy_tree_attr(dept, "tabindex", "-1");
				text(yoy_tree_el(dept, "h3"), dept_name(c));
			}
		}
		cell(p, c->what == YOY_CELL_ENTRY ? dept : act, k);
	}
}

/* Links to every cell of each status: where the counts lead without the
 * script; year on year, the unchanged ones first, in a panel */
static void
status_list(struct page *p, xmlNodePtr parent, enum yoy_status s, int level)
{
	xmlNodePtr sec, ul = NULL;
	size_t k, n = 0;
	char id[40];

	sec = yoy_tree_el(parent, "div");
	snprintf(id, sizeof(id), "list-%s", yoy_status_name(s));
	yoy_tree_attr(sec, "id", id);
	yoy_tree_attr(sec, "tabindex", "-1");
	for (k = 0; k < p->nshown; k++) {
		const struct yoy_cell *c = &p->df->cell[p->shown[k]];

		if (c->status != s)
			continue;
		if (ul == NULL) {
			p->h.len = 0;
			yoy_buf_puts(&p->h, status_words(s, p->years));
			p->h.ptr[0] = (char)(p->h.ptr[0] - 'a' + 'A');
			text(yoy_tree_el(sec, level == 2 ? "h2" : "h3"), p->h.ptr);
			ul = yoy_tree_el(sec, "ul");
		}
		n++;
		id[0] = '#';
		cell_id(p->shown[k], id + 1, sizeof(id) - 1);
		cell_title(c, &p->h);
		if (c->what == YOY_CELL_ENTRY) {
			struct yoy_buf t = YOY_BUF_INIT;

			yoy_buf_printf(&t, "Action %d, %s, %s", c->action,
			    dept_name(c), p->h.ptr);
			link(yoy_tree_el(ul, "li"), id, t.ptr);
			yoy_buf_free(&t);
		} else {
			link(yoy_tree_el(ul, "li"), id, p->h.ptr);
		}
	}
	if (n == 0) {
		text(yoy_tree_el(sec, level == 2 ? "h2" : "h3"),
		    status_words(s, p->years));
		text(yoy_tree_el(sec, "p"), "None.");
	}
}

static void
lists(struct page *p, xmlNodePtr main)
{
	xmlNodePtr sec = el(main, "section", "yoy-lists");
	int s;

	text(yoy_tree_el(sec, "h2"), "Every cell, by status");
	for (s = YOY_SAME; s <= YOY_REMOVED; s++)
		if (!(p->years && s == YOY_SAME))
			status_list(p, sec, (enum yoy_status)s, 3);
}

/* ---------------------------------------------------------------- page */

static void
head(struct page *p, xmlNodePtr html, const char *title)
{
	xmlNodePtr head = yoy_tree_el(html, "head"), n;
	struct yoy_buf css = YOY_BUF_INIT;
	const char *s;

	yoy_tree_attr(yoy_tree_el(head, "meta"), "charset", "utf-8");
	n = yoy_tree_el(head, "meta");
	yoy_tree_attr(n, "name", "viewport");
	yoy_tree_attr(n, "content", "width=device-width, initial-scale=1");
	text(yoy_tree_el(head, "title"), title);
	text(yoy_tree_el(head, "style"), yoy_review_css);
	if (p->o->css) {
		/* the user's stylesheet, which cannot end the element: "</"
		 * is written "<\\/", the same to CSS */
		for (s = p->o->css; *s; s++) {
			if (s[0] == '<' && s[1] == '/')
				yoy_buf_puts(&css, "<\\");
			else
				yoy_buf_putc(&css, *s);
		}
		yoy_tree_text(yoy_tree_el(head, "style"), css.ptr ? css.ptr : "",
		    css.len);
	}
	yoy_buf_free(&css);
}

/* The page's title: the edition's own ("Changes to Action 2: …"), and
 * for a split page its department or action first */
static void
page_title(struct page *p, struct yoy_buf *b)
{
	struct yoy_buf t = YOY_BUF_INIT, date = YOY_BUF_INIT;
	const char *kind;

	b->len = 0;
	edition_meta(p, p->years ? 0 : 1, &t, &date, &kind);
	if (p->only->dept && p->nshown)
		yoy_buf_printf(b, "%s: ", dept_name(&p->df->cell[p->shown[0]]));
	else if (p->only->action)
		yoy_buf_printf(b, "Action %d: ", p->only->action);
	yoy_buf_printf(b, "%s %s", p->years ? "Year on year in" :
	    "Changes to", t.ptr);
	yoy_buf_free(&t);
	yoy_buf_free(&date);
}

/* The split's index: a page per department and per action */
static void
pages(struct page *p, xmlNodePtr main)
{
	xmlNodePtr ul;
	size_t k;

	text(yoy_tree_el(main, "h2"), "A page per department");
	ul = yoy_tree_el(main, "ul");
	for (k = 0; k < p->m.ncols; k++) {
		p->h.len = 0;
		yoy_buf_printf(&p->h, "department-%s.html", p->m.cols[k]->dept_id);
		link(yoy_tree_el(ul, "li"), p->h.ptr, dept_name(p->m.cols[k]));
	}
	text(yoy_tree_el(main, "h2"), "A page per action");
	ul = yoy_tree_el(main, "ul");
	for (k = 0; k < p->m.na; k++) {
		char href[32], t[32];

		snprintf(href, sizeof(href), "action-%d.html", p->m.acts[k]);
		snprintf(t, sizeof(t), "Action %d", p->m.acts[k]);
		link(yoy_tree_el(ul, "li"), href, t);
	}
}

static xmlDocPtr
page_doc(struct page *p)
{
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr html, body, main, n;
	struct yoy_buf title = YOY_BUF_INIT;

	if (doc == NULL || xmlCreateIntSubset(doc, BAD_CAST "html", NULL,
	    NULL) == NULL)
		yoy_oom();
	html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	yoy_tree_attr(html, "lang", "en");
	page_title(p, &title);
	head(p, html, title.ptr);
	body = yoy_tree_el(html, "body");
	link(body, "#main", "Skip to main content");
	yoy_tree_attr(body->last, "class", "yoy-skip-link");
	n = el(body, "header", "yoy-header");
	text(el(el(n, "div", "yoy-width"), "p", NULL), "yoy review");
	n = el(body, "div", "yoy-width");
	main = yoy_tree_el(n, "main");
	yoy_tree_attr(main, "id", "main");
	yoy_tree_attr(main, "tabindex", "-1");
	text(el(main, "span", "yoy-caption"), p->years ? "Year on year" :
	    "Review of changes");
	text(yoy_tree_el(main, "h1"), title.ptr);
	if (p->only->index)
		link(el(main, "p", NULL), p->only->index, "Every department "
		    "and action");
	summary(p, main);
	if (p->years) {
		xmlNodePtr panel = el(main, "div", "yoy-panel");

		status_list(p, panel, YOY_SAME, 2);
	}
	if (p->only->is_index) {
		grid(p, main);
		pages(p, main);
	} else {
		filters(p, main);
		grid(p, main);
		changes(p, main);
		lists(p, main);
	}
	n = el(body, "footer", NULL);
	text(el(n, "div", "yoy-width"), "Made by yoy-diff " YOY_VERSION
	    ": entries matched by action, department, kind and year, and "
	    "compared word by word.");
	text(yoy_tree_el(body, "script"), yoy_review_js);
	yoy_buf_free(&title);
	return doc;
}

static void
page_new(struct page *p, struct yoy_diff *df, const struct yoy_diff_out *o,
    const struct only *only)
{
	size_t i, at;

	memset(p, 0, sizeof(*p));
	p->df = df, p->o = o, p->only = only;
	p->years = df->doc[1] == NULL;
	p->shown = yoy_malloc((df->n + 1) * sizeof(*p->shown));
	for (i = 0; i < df->n; i++)
		if (on_page(p, &df->cell[i]))
			p->shown[p->nshown++] = i;
	/* the changes either side of each cell, in one pass each way */
	p->prev = yoy_malloc((p->nshown + 1) * sizeof(*p->prev));
	p->next = yoy_malloc((p->nshown + 1) * sizeof(*p->next));
	for (i = 0, at = (size_t)-1; i < p->nshown; i++) {
		p->prev[i] = at;
		if (df->cell[p->shown[i]].status != YOY_SAME)
			at = i;
	}
	for (i = p->nshown, at = (size_t)-1; i-- > 0; ) {
		p->next[i] = at;
		if (df->cell[p->shown[i]].status != YOY_SAME)
			at = i;
	}
	matrix_new(p);
}

static void
page_free(struct page *p)
{
	free(p->m.cols);
	free(p->m.acts);
	free(p->m.grid);
	free(p->shown);
	free(p->prev);
	free(p->next);
	yoy_buf_free(&p->h);
	yoy_script_free(&p->sc);
}

static int
page_write(struct yoy_diff *df, FILE *f, const struct yoy_diff_out *o,
    const struct only *only)
{
	struct page p;
	xmlDocPtr doc;
	int rc;

	page_new(&p, df, o, only);
	doc = page_doc(&p);
	rc = yoy_tree_save(doc, f, 1);
	xmlFreeDoc(doc);
	page_free(&p);
	return rc;
}

int
yoy_diff_html(struct yoy_diff *df, FILE *f, const struct yoy_diff_out *o)
{
	static const struct only all = { 0, NULL, NULL, 0 };

	return page_write(df, f, o, &all);
}

/* One page of the split, written to dir/name; -1 after a diagnostic. */
static int
split_page(struct yoy_diff *df, const char *dir, const char *name,
    const struct yoy_diff_out *o, const struct only *only)
{
	struct yoy_buf path = YOY_BUF_INIT;
	FILE *f;
	int rc;

	yoy_buf_printf(&path, "%s/%s", dir, name);
	if ((f = fopen(path.ptr, "w")) == NULL) {
		yoy_diag(YOY_FATAL, path.ptr, 0, 0, "cannot open: %s",
		    strerror(errno));
		yoy_buf_free(&path);
		return -1;
	}
	rc = page_write(df, f, o, only);
	if (fclose(f) != 0 || rc < 0) {
		yoy_diag(YOY_FATAL, path.ptr, 0, 0, "write error: %s",
		    strerror(errno ? errno : EIO));
		rc = -1;
	}
	yoy_buf_free(&path);
	return rc;
}

int
yoy_diff_html_split(struct yoy_diff *df, const char *dir,
    const struct yoy_diff_out *o)
{
	static const struct only index = { 0, NULL, NULL, 1 };
	struct page p;
	struct stat st;
	size_t k;
	int rc = 0;

	if (mkdir(dir, 0777) < 0 && (errno != EEXIST || stat(dir, &st) < 0 ||
	    !S_ISDIR(st.st_mode))) {
		yoy_diag(YOY_FATAL, dir, 0, 0, "cannot make the directory: %s",
		    errno == EEXIST ? "a file of that name is there" :
		    strerror(errno));
		return -1;
	}
	page_new(&p, df, o, &index);
	for (k = 0; k < p.m.ncols && rc == 0; k++) {
		struct only one = { 0, p.m.cols[k]->dept_id, "index.html", 0 };

		p.h.len = 0;
		yoy_buf_printf(&p.h, "department-%s.html", one.dept);
		rc = split_page(df, dir, p.h.ptr, o, &one);
	}
	for (k = 0; k < p.m.na && rc == 0; k++) {
		struct only one = { p.m.acts[k], NULL, "index.html", 0 };
		char name[32];

		snprintf(name, sizeof(name), "action-%d.html", one.action);
		rc = split_page(df, dir, name, o, &one);
	}
	if (rc == 0)
		rc = split_page(df, dir, "index.html", o, &index);
	page_free(&p);
	return rc;
}
