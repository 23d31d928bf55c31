/* GOV.UK pages, bare govspeak bodies and raw HTML to the document model.
 *
 * libxml2's HTML parser drives a SAX handler: no tree is built, so memory
 * stays near the size of the result, and nothing recurses however deeply
 * the input nests.  The handler keeps a stack of open elements, each with
 * the place in the result it left (`cur`), and what it is:
 *
 *   - page furniture and derived text (contents lists, heading numbers,
 *     back-links) is skipped; scripts and the like inside the content are
 *     skipped with a warning;
 *   - the content root is `.govspeak` on a whole page (any era), else the
 *     body; outside it, text feeds the metadata (h1 title, document type,
 *     date, history notice) and any other text draws a warning;
 *   - inside it, elements with a canonical counterpart become it where the
 *     schema lets them stand; the others only wrap their content, so text
 *     is never lost to structure.
 *
 * Headings at the top of the content, and the blocks between them, go to
 * a flat list first; shape.c's rules then make them actions, departments,
 * entries and sections by their text (heading ids are not stable across
 * editions), looking one heading ahead where it must.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>

#include "internal.h"

#define MAX_HTML_ERRORS 20  /* libxml2's complaints shown per file */
#define ADOPT_TEXT 4096     /* longer texts are handed over, not copied */

enum role {
	R_WRAP,             /* only wraps its content */
	R_NODE,             /* became a node of the result */
	R_SKIP,             /* its content is not text of the document */
	R_ROOT,             /* the content root */
	R_HEADING,          /* a heading at the top of the content */
	R_FOOTNOTES,        /* div.footnotes */
	R_FIGURE            /* <figure>: its image and caption */
};

/* element flags */
#define F_BLOCK 1           /* a block: a boundary in running text */
#define F_DROP  2           /* not text (script…): dropped, said */
#define F_VOID  4           /* has no content (br, img) */

struct frame {
	struct yoy_node *cur;   /* where content went before it opened */
	struct yoy_node *figure;    /* R_FIGURE: its image */
	unsigned depth;         /* the result's depth at cur */
	size_t outer;           /* R_FIGURE: the figure it is in (r->figure) */
	unsigned char role, block, box, h1, heading, quiet;
};

struct heading {
	struct yoy_node *n;
	int level;
};

struct hreader {
	struct yoy_doc *doc;
	struct yoy_shape sh;    /* metadata now, structure at the end */
	const char *file;
	htmlParserCtxtPtr ctxt;
	int page;               /* a whole page: the content is .govspeak */
	int fragment;           /* raw HTML inside another format */
	struct frame *st;
	size_t n, cap;
	size_t skip;            /* > 0: frame skip - 1 skips its content */
	size_t roots, boxes;
	size_t headings;        /* open h1…h6 */
	size_t figure;          /* the innermost open <figure>: its frame + 1 */
	struct yoy_node *flow;  /* the content, before structure */
	struct yoy_node *notes; /* footnotes, for the end of the body */
	struct yoy_node *cur;   /* where content goes */
	struct yoy_node *implicit;  /* the paragraph bare text went to */
	struct yoy_node *implicit_row;  /* the row bare cells went to */
	unsigned depth;
	unsigned fragment_line; /* fragment: its first line in `file` */
	struct yoy_buf text;    /* characters not yet a node */
	struct yoy_buf seg;     /* text outside the content */
	struct yoy_buf held;    /* an unplaced segment ("Published:") */
	unsigned held_line;
	int held_quiet;         /* held inside a metadata list */
	char abbr_date[11];     /* whitehall's abbr.published-at[title] */
	size_t quiet;           /* open metadata lists */
	int seg_h1;
	struct yoy_buf title;   /* the page's h1 */
	unsigned title_line;
	struct heading *hd;
	size_t nhd, caphd;
	unsigned nfootnotes;
	unsigned errors;
	int nest_warned;
};

/* ------------------------------------------------------------ elements */

static const struct tag {
	const char *name;
	int type;           /* enum yoy_type, or -1: only wraps */
	int flags;
} tags[] = {            /* sorted by name, for bsearch */
	{ "a", YOY_A, 0 },
	{ "abbr", YOY_ABBR, 0 },
	{ "acronym", YOY_ABBR, 0 },
	{ "address", -1, F_BLOCK },
	{ "applet", -1, F_DROP },
	{ "article", -1, F_BLOCK },
	{ "aside", -1, F_BLOCK },
	{ "b", YOY_STRONG, 0 },
	{ "blockquote", YOY_BLOCKQUOTE, F_BLOCK },
	{ "body", -1, F_BLOCK },
	{ "br", YOY_BR, F_VOID },
	{ "canvas", -1, F_DROP },
	{ "caption", YOY_P, F_BLOCK },
	{ "center", -1, F_BLOCK },
	{ "code", YOY_CODE, 0 },
	{ "dd", YOY_DD, F_BLOCK },
	{ "details", -1, F_BLOCK },
	{ "div", -1, F_BLOCK },
	{ "dl", YOY_DL, F_BLOCK },
	{ "dt", YOY_DT, F_BLOCK },
	{ "em", YOY_EM, 0 },
	{ "embed", -1, F_DROP },
	{ "figcaption", YOY_CAPTION, F_BLOCK },
	{ "figure", -1, F_BLOCK },
	{ "footer", -1, F_BLOCK },
	{ "h1", YOY_P, F_BLOCK },
	{ "h2", YOY_P, F_BLOCK },
	{ "h3", YOY_P, F_BLOCK },
	{ "h4", YOY_P, F_BLOCK },
	{ "h5", YOY_P, F_BLOCK },
	{ "h6", YOY_P, F_BLOCK },
	{ "header", -1, F_BLOCK },
	{ "hr", -1, F_BLOCK | F_VOID },
	{ "i", YOY_EM, 0 },
	{ "iframe", -1, F_DROP },
	{ "img", YOY_FIGURE, F_VOID },
	{ "kbd", YOY_CODE, 0 },
	{ "li", YOY_LI, F_BLOCK },
	{ "main", -1, F_BLOCK },
	{ "nav", -1, F_BLOCK },
	{ "noscript", -1, F_DROP },
	{ "object", -1, F_DROP },
	{ "ol", YOY_OL, F_BLOCK },
	{ "p", YOY_P, F_BLOCK },
	{ "pre", YOY_PRE, F_BLOCK },
	{ "samp", YOY_CODE, 0 },
	{ "script", -1, F_DROP },
	{ "section", -1, F_BLOCK },
	{ "strong", YOY_STRONG, 0 },
	{ "style", -1, F_DROP },
	{ "sub", YOY_SUB, 0 },
	{ "summary", -1, F_BLOCK },
	{ "sup", YOY_SUP, 0 },
	{ "svg", -1, F_DROP },
	{ "table", YOY_TABLE, F_BLOCK },
	{ "tbody", -1, 0 },
	{ "td", YOY_TD, F_BLOCK },
	{ "template", -1, F_DROP },
	{ "tfoot", -1, 0 },
	{ "th", YOY_TH, F_BLOCK },
	{ "thead", -1, 0 },
	{ "tr", YOY_TR, F_BLOCK },
	{ "tt", YOY_CODE, 0 },
	{ "ul", YOY_UL, F_BLOCK },
};

static int
tagcmp(const void *k, const void *t)
{
	return strcmp(k, ((const struct tag *)t)->name);
}

static const struct tag *
lookup(const char *name)
{
	return bsearch(name, tags, sizeof(tags) / sizeof(tags[0]),
	    sizeof(tags[0]), tagcmp);
}

/* Whether `list`, a class attribute, holds the token `tok`. */
static int
has_class(const char *list, const char *tok)
{
	size_t n = strlen(tok);
	const char *p;

	for (p = list; p && (p = strstr(p, tok)) != NULL; p += n)
		if ((p == list || p[-1] == ' ' || p[-1] == '\t' ||
		    p[-1] == '\n') && (p[n] == '\0' || p[n] == ' ' ||
		    p[n] == '\t' || p[n] == '\n'))
			return 1;
	return 0;
}

static int
any_class(const char *list, const char *const *toks)
{
	if (list == NULL)
		return 0;
	for (; *toks; toks++)
		if (has_class(list, *toks))
			return 1;
	return 0;
}

static int
is_tag(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return 1;
	return 0;
}

/* Page furniture: govuk-html.md §7, every era. */
static const char *const furniture_class[] = {
	"gem-c-skip-link", "govuk-skip-link", "gem-c-cookie-banner",
	"govuk-cookie-banner", "gem-c-layout-super-navigation-header",
	"gem-c-emergency-banner", "gem-c-global-banner", "govuk-phase-banner",
	"gem-c-breadcrumbs", "gem-c-contextual-breadcrumbs",
	"publication-external", "gem-c-contents-list", "in-page-navigation",
	"gem-c-print-link", "print-metadata", "print-wrapper",
	"gem-c-back-to-top-link", "back-to-content", "js-back-to-content",
	"gem-c-feedback", "gem-c-single-page-notification-button",
	"gem-c-contextual-sidebar", "gem-c-contextual-footer",
	"gem-c-related-navigation", "gem-c-published-dates",
	"document-footer-meta", "govuk-footer", "gem-c-layout-footer",
	"gem-c-organisation-logo", "organisation-logos", "site-search",
	"header-context", "see-all-updates", NULL
};
/* Metadata lists: what is not type, date or notice there ("From:",
 * "Part of:") is dropped without a word. */
static const char *const meta_class[] = {
	"metadata-list", "gem-c-metadata", NULL
};
static const char *const furniture_id[] = {
	"skiplink-container", "global-cookie-message", "global-header",
	"global-header-bar", "global-breadcrumb", "report-a-problem",
	"user-satisfaction-survey-container", "footer", "global-app-error",
	"print-meta-data", "page-navigation", "more-like-this", "search",
	NULL
};
/* Outside the content these go too, as do the tags that are never text
 * (F_DROP). */
static const char *const furniture_tag[] = {
	"head", "nav", "footer", "form", "button", "select", "textarea", NULL
};
/* Derived or boilerplate text inside the content. */
static const char *const derived_class[] = {
	"reversefootnote", "accessibility-warning", "attachment-thumb", NULL
};
/* A heading's number, derived from its place. */
static const char *const number_class[] = {
	"number", "heading-number", NULL
};
/* Boxes whose headings are not the document's structure: attachments,
 * contacts and govspeak's callouts. */
static const char *const box_class[] = {
	"attachment", "gem-c-attachment", "contact", "address", "footnotes",
	"call-to-action", "example", "summary", "information",
	"additional-information", "place", "form-download", "stat-headline",
	"application-notice", "help-notice", "advisory", "devolved-content",
	NULL
};

/* -------------------------------------------------------------- output */

/* Line `l` of what libxml2 parses, as a line of the file. */
static unsigned
file_line(const struct hreader *r, int l)
{
	if (l <= 0)
		return 0;
	return (unsigned)l + (r->fragment ? r->fragment_line - 1 : 0);
}

static unsigned
line_now(const struct hreader *r)
{
	return file_line(r, r->ctxt ? xmlSAX2GetLineNumber(r->ctxt) : 0);
}

static unsigned
col_now(const struct hreader *r)
{
	int c = r->ctxt ? xmlSAX2GetColumnNumber(r->ctxt) : 0;

	return c > 0 ? (unsigned)c : 0;
}

static int
flowing(const struct yoy_node *n)
{
	switch (n->type) {
	case YOY_BODY: case YOY_SECTION: case YOY_ACTION: case YOY_ENTRY:
	case YOY_BLOCKQUOTE:
		return 1;
	default:
		return 0;
	}
}

/* Whether a list item or definition holds blocks.  block_home() keeps
 * them all inline or all blocks, so the first child says: a walk over
 * the children here made an item of many words quadratic. */
static int
has_block(const struct yoy_node *n)
{
	return n->first != NULL && yoy_node_is_block(n->first);
}

static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\f')
			return 0;
	return 1;
}

static struct yoy_node *
add(struct hreader *r, struct yoy_node *parent, enum yoy_type t)
{
	struct yoy_node *n = yoy_node_add(r->doc, parent, t);

	n->line = line_now(r);
	return n;
}

/* A paragraph for bare text in a flow: the one it went to last, if
 * nothing came after it. */
static struct yoy_node *
implicit_p(struct hreader *r, struct yoy_node *cur)
{
	if (r->implicit == NULL || cur->last != r->implicit)
		r->implicit = add(r, cur, YOY_P);
	return r->implicit;
}

/* Where inline content goes under `cur`. */
static struct yoy_node *
inline_home(struct hreader *r, struct yoy_node *cur)
{
	switch (cur->type) {
	case YOY_UL: case YOY_OL:
		return add(r, cur, YOY_LI);
	case YOY_TABLE:
		return add(r, add(r, cur, YOY_TR), YOY_TD);
	case YOY_TR:
		return add(r, cur, YOY_TD);
	case YOY_DL:
		return add(r, cur, YOY_DD);
	case YOY_LI: case YOY_DD:
		return has_block(cur) ? implicit_p(r, cur) : cur;
	default:
		return flowing(cur) ? implicit_p(r, cur) : cur;
	}
}

/* Where a block goes under `cur`: a list item's or definition's text so
 * far becomes a paragraph first, as the schema has either. */
static struct yoy_node *
block_home(struct hreader *r, struct yoy_node *cur)
{
	struct yoy_node *p, *c, *next;

	if ((cur->type != YOY_LI && cur->type != YOY_DD) || cur->first == NULL
	    || has_block(cur))
		return cur;
	for (c = cur->first; c; c = c->next)
		if (c->type != YOY_TEXT || !blank(c->text, c->len))
			break;
	if (c == NULL) {    /* white space only: it goes */
		while (cur->first)
			yoy_node_unlink(cur->first);
		return cur;
	}
	p = yoy_node_new(r->doc, YOY_P);
	p->line = cur->line;
	for (c = cur->first; c; c = next) {
		next = c->next;
		yoy_node_unlink(c);
		yoy_node_append(p, c);
	}
	yoy_node_append(cur, p);
	r->implicit = p;
	return cur;
}

/* Whether an element of type `t` may stand under `cur`. */
static int
fits(enum yoy_type t, const struct yoy_node *cur)
{
	if (cur->type == YOY_PRE)
		return 0;
	switch (t) {
	case YOY_TR:
		return cur->type == YOY_TABLE;
	case YOY_TD: case YOY_TH:
		return cur->type == YOY_TR;
	case YOY_LI:
		return cur->type == YOY_UL || cur->type == YOY_OL;
	case YOY_DT: case YOY_DD:
		return cur->type == YOY_DL;
	case YOY_CAPTION:
		return cur->type == YOY_FIGURE;
	default:
		if (yoy_type_is_inline(t))
			return 1;
		return flowing(cur) || cur->type == YOY_LI ||
		    cur->type == YOY_DD;
	}
}

/* Pending characters become a text node. */
static void
flush(struct hreader *r)
{
	struct yoy_node *home, *cur = r->cur;
	struct yoy_buf *t = &r->text;

	if (t->len == 0)
		return;
	if (blank(t->ptr, t->len) && (flowing(cur) || cur->type == YOY_UL ||
	    cur->type == YOY_OL || cur->type == YOY_TABLE ||
	    cur->type == YOY_TR || cur->type == YOY_DL ||
	    ((cur->type == YOY_LI || cur->type == YOY_DD) &&
	    has_block(cur)))) {
		t->len = 0;
		return;
	}
	home = inline_home(r, cur);
	if (t->len >= ADOPT_TEXT) {
		yoy_doc_adopt(r->doc, t->ptr);
		yoy_node_add_text(r->doc, home, t->ptr, t->len, 1);
		t->ptr = NULL;
		t->len = t->cap = 0;
	} else {
		yoy_node_add_text(r->doc, home, t->ptr, t->len, 0);
		t->len = 0;
	}
}

/* A block boundary in running text: words on either side stay apart. */
static void
boundary(struct hreader *r)
{
	if (flowing(r->cur))
		r->implicit = NULL;
	else
		yoy_buf_putc(&r->text, ' ');
}

/* --------------------------------------------------- outside the content */

static void
held_warn(struct hreader *r)
{
	size_t n = r->held.len > 60 ? 60 : r->held.len;

	/* 60 bytes, less any character they would cut */
	while (n < r->held.len && n > 0 &&
	    ((unsigned char)r->held.ptr[n] & 0xC0) == 0x80)
		n--;
	if (r->held.len && !r->held_quiet)
		yoy_diag(YOY_WARNING, r->file, r->held_line, 0, "text outside "
		    "the page's content dropped: '%.*s'", (int)n, r->held.ptr);
	r->held.len = 0;
}

/* Page metadata in a piece of text: 1 when it was.  `abbr` is the ISO
 * date of an abbr.published-at in it, or "". */
static int
meta(struct hreader *r, const char *s, size_t n, const char *abbr)
{
	char iso[11];
	const char *kind;
	size_t k = n;

	/* "10 December 2014, see all updates" lost its link: a comma left */
	while (k > 0 && strchr(",;:.- ", s[k - 1]))
		k--;
	if (yoy_pattern_doctype(s, n))
		yoy_shape_meta(&r->sh, YOY_TYPE, s, n, line_now(r));
	else if (yoy_pattern_date(s, k, iso, &kind))
		/* the abbr's ISO date, when the text had one, is exact */
		yoy_shape_date(&r->sh, abbr[0] ? abbr : iso, kind,
		    line_now(r));
	else if (yoy_pattern_notice(s, n))
		yoy_shape_meta(&r->sh, YOY_NOTICE, s, n, line_now(r));
	else
		return 0;
	return 1;
}

/* A piece of page text outside the content: the title, other metadata,
 * or a warning.  A piece that is none is held for one more piece, since
 * "Published:" and "16 January 2015" come in two elements. */
static void
segment(struct hreader *r)
{
	struct yoy_buf *s = &r->seg;
	size_t n, held;
	char abbr[11];

	if (s->len == 0)
		return;
	memcpy(abbr, r->abbr_date, sizeof(abbr));   /* this piece's only */
	r->abbr_date[0] = '\0';
	n = yoy_text_fold(s->ptr, s->len);
	s->len = 0;
	if (n == 0)
		return;
	if (r->seg_h1 && r->title.len == 0) {
		yoy_buf_put(&r->title, s->ptr, n);
		r->title_line = line_now(r);
		return;
	}
	if ((held = r->held.len) > 0) {
		yoy_buf_putc(&r->held, ' ');
		yoy_buf_put(&r->held, s->ptr, n);
		if (meta(r, r->held.ptr, r->held.len, abbr)) {
			r->held.len = 0;
			return;
		}
		r->held.len = held;
		held_warn(r);
	}
	if (meta(r, s->ptr, n, abbr))
		return;
	yoy_buf_put(&r->held, s->ptr, n);
	r->held_line = line_now(r);
	r->held_quiet = r->quiet > 0;
}

/* ----------------------------------------------------------- the stack */

static struct frame *
push(struct hreader *r)
{
	struct frame *f;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->st = yoy_realloc(r->st, r->cap * sizeof(*r->st));
	}
	f = &r->st[r->n++];
	memset(f, 0, sizeof(*f));
	f->cur = r->cur;
	f->depth = r->depth;
	return f;
}

static const char *
attr(const xmlChar **atts, const char *name)
{
	size_t i;

	for (i = 0; atts && atts[i]; i += 2)
		if (strcmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

/* An attribute's value as it reaches the output: without what XML
 * cannot hold (a vertical tab, say, which libxml2 passes in values). */
static const char *
value(struct hreader *r, const xmlChar **atts, const char *name)
{
	const char *v = attr(atts, name);

	return v ? yoy_text_clean_value(r->doc->arena, v, name, r->file,
	    line_now(r), col_now(r)) : NULL;
}

static void
set_attrs(struct hreader *r, struct yoy_node *n, const xmlChar **atts)
{
	const char *v;
	int i;

	for (i = 0; i < YOY_NATTR; i++) {
		const char *a = yoy_type_attr(n->type, i);

		if (a == NULL)
			break;
		if ((v = value(r, atts, a)) == NULL)
			continue;
		if (strcmp(a, "colspan") == 0 || strcmp(a, "rowspan") == 0) {
			/* a positive integer, and 1 is no span at all */
			if (v[0] < '1' || v[0] > '9' || v[strspn(v,
			    "0123456789")] != '\0' || strcmp(v, "1") == 0)
				continue;
		} else if (strcmp(a, "scope") == 0 && !is_tag(v, (const char
		    *const[]){ "col", "row", "colgroup", "rowgroup", NULL })) {
			continue;
		}
		yoy_node_set(r->doc, n, a, v);
	}
}

/* Makes `n` the place content goes. */
static void
enter(struct hreader *r, struct frame *f, struct yoy_node *n)
{
	f->role = R_NODE;
	r->cur = n;
	r->depth++;
}

/* The nearest open <figure>. */
static struct frame *
figure_frame(struct hreader *r)
{
	return r->figure ? &r->st[r->figure - 1] : NULL;
}

static void
skip(struct hreader *r, struct frame *f)
{
	f->role = R_SKIP;
	r->skip = r->n;
}

/* Content that is not the report's: a bare page's chrome, heading
 * numbers, back-links, boilerplate, and elements dropped.  1 skipped. */
static int
not_content(struct hreader *r, struct frame *f, const char *name,
    const char *cls, const xmlChar **atts, const struct tag *tg)
{
	const char *v;

	if ((!r->page && !r->fragment && (any_class(cls, furniture_class) ||
	    ((v = attr(atts, "id")) && is_tag(v, furniture_id)))) ||
	    any_class(cls, derived_class) || ((v = attr(atts, "role")) &&
	    strcmp(v, "doc-backlink") == 0) || (r->headings &&
	    any_class(cls, number_class))) {
		skip(r, f);
		return 1;
	}
	if (tg && (tg->flags & F_DROP)) {
		yoy_diag(YOY_WARNING, r->file, line_now(r), col_now(r),
		    "<%s> dropped", name);
		skip(r, f);
		return 1;
	}
	return 0;
}

/* Footnotes: a reference (its label is the note's, whatever the text),
 * the footnotes' div and list, and each note.  1 when handled. */
static int
footnote(struct hreader *r, struct frame *f, const char *name,
    const char *cls, const xmlChar **atts)
{
	const char *href, *v;
	struct yoy_node *n;
	char l[16];

	if (strcmp(name, "a") == 0 && fits(YOY_A, r->cur) &&
	    (href = value(r, atts, "href")) != NULL &&
	    strncmp(href, "#fn:", 4) == 0 && (has_class(cls ? cls : "",
	    "footnote") || ((v = attr(atts, "rel")) && strcmp(v,
	    "footnote") == 0) || ((v = attr(atts, "role")) && strcmp(v,
	    "doc-noteref") == 0))) {
		n = add(r, inline_home(r, r->cur), YOY_A);
		yoy_node_set(r->doc, n, "href", href);
		yoy_node_add_text(r->doc, n, href + 4, strlen(href + 4), 0);
		skip(r, f);
		return 1;
	}
	if (!r->fragment && has_class(cls ? cls : "", "footnotes") &&
	    strcmp(name, "div") == 0) {
		f->role = R_FOOTNOTES;
		r->cur = r->notes;
		return 1;
	}
	if (r->cur != r->notes)
		return 0;
	if (strcmp(name, "ol") == 0 || strcmp(name, "ul") == 0)
		return 1;       /* the list of footnotes: each is a note */
	if (strcmp(name, "li") != 0)
		return 0;
	v = value(r, atts, "id");
	n = add(r, r->notes, YOY_NOTE);
	yoy_node_set(r->doc, n, "kind", "footnote");
	snprintf(l, sizeof(l), "%u", r->nfootnotes + 1);
	yoy_node_set(r->doc, n, "label", v && strncmp(v, "fn:", 3) == 0 &&
	    v[3] ? v + 3 : l);
	r->nfootnotes++;
	enter(r, f, n);
	return 1;
}

/* A heading of the page's flow, outside any box: a title whose level
 * the structure reads later. */
static void
heading(struct hreader *r, struct frame *f, const char *name)
{
	struct heading *h;

	if (r->nhd == r->caphd) {
		r->caphd = r->caphd ? r->caphd * 2 : 64;
		r->hd = yoy_realloc(r->hd, r->caphd * sizeof(*r->hd));
	}
	h = &r->hd[r->nhd++];
	h->n = add(r, r->flow, YOY_TITLE);
	h->level = name[1] - '0';
	r->implicit = NULL;
	enter(r, f, h->n);
	f->role = R_HEADING;
}

/* An image: a figure where one fits, else its alt text. */
static void
image(struct hreader *r, const xmlChar **atts)
{
	const char *alt = value(r, atts, "alt"), *src;
	struct yoy_node *n;
	struct frame *fig;

	if (!fits(YOY_FIGURE, r->cur)) {
		if (alt && *alt)        /* an image in text: its alt text */
			yoy_buf_puts(&r->text, alt);
		return;
	}
	n = add(r, block_home(r, r->cur), YOY_FIGURE);
	yoy_node_set(r->doc, n, "src", (src = value(r, atts, "src")) ? src : "");
	if (alt && *alt)
		yoy_node_set(r->doc, n, "alt", alt);
	if ((fig = figure_frame(r)) != NULL && fig->figure == NULL)
		fig->figure = n;
}

/* A figure's caption, or a table's (a paragraph before it): 1 when
 * handled; else `*t` becomes what it is instead. */
static int
caption(struct hreader *r, struct frame *f, const char *name,
    enum yoy_type *t)
{
	struct frame *fig;
	struct yoy_node *n;

	if (*t == YOY_CAPTION) {
		fig = figure_frame(r);
		if (fig && fig->figure && fig->figure->first == NULL &&
		    r->depth < YOY_MAX_NEST) {
			enter(r, f, add(r, fig->figure, YOY_CAPTION));
			return 1;
		}
		*t = YOY_P;
	}
	if (strcmp(name, "caption") == 0 && r->cur->type == YOY_TABLE &&
	    r->cur->first == NULL && r->cur->parent) {
		struct yoy_node *table = r->cur, *parent = table->parent;

		yoy_node_unlink(table);
		n = add(r, parent, YOY_P);
		yoy_node_append(parent, table);
		r->cur = n;     /* and back to the table at its end */
		f->role = R_NODE;
		return 1;
	}
	return 0;
}

/* An element of the model, `t`: added where it fits, else its text kept
 * in its parent's. */
static void
element(struct hreader *r, struct frame *f, enum yoy_type t,
    const struct tag *tg, const xmlChar **atts)
{
	struct yoy_node *n;

	if ((t == YOY_TD || t == YOY_TH) && r->cur->type == YOY_TABLE &&
	    r->depth < YOY_MAX_NEST) {
		/* a cell straight in a table: a row for it (and its kin) */
		if (r->implicit_row == NULL || r->cur->last != r->implicit_row)
			r->implicit_row = add(r, r->cur, YOY_TR);
		f->cur = r->cur;
		r->cur = r->implicit_row;
		r->depth++;
	}
	if (!fits(t, r->cur) || (r->depth >= YOY_MAX_NEST &&
	    !(tg->flags & F_VOID))) {
		if (fits(t, r->cur) && !r->nest_warned) {
			yoy_diag(YOY_WARNING, r->file, line_now(r), col_now(r),
			    "elements nested over %d deep: the deeper ones "
			    "only wrap their text", YOY_MAX_NEST);
			r->nest_warned = 1;
		}
		if (t == YOY_BR)
			yoy_buf_putc(&r->text, ' ');
		else if (f->block)
			boundary(r);
		return;
	}
	n = add(r, yoy_type_is_inline(t) ? inline_home(r, r->cur) :
	    block_home(r, r->cur), t);
	set_attrs(r, n, atts);
	if (!yoy_type_is_inline(t))
		r->implicit = NULL;
	if (!(tg->flags & F_VOID))
		enter(r, f, n);
}

static void
start_content(struct hreader *r, struct frame *f, const char *name,
    const char *cls, const xmlChar **atts)
{
	const struct tag *tg = lookup(name);
	int hn = name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    !name[2];
	enum yoy_type t;

	if (not_content(r, f, name, cls, atts, tg))
		return;
	if (tg == NULL) {
		f->role = R_WRAP;
		return;
	}
	f->block = (tg->flags & F_BLOCK) != 0;
	if (hn) {
		f->heading = 1;
		r->headings++;
	}
	if (any_class(cls, box_class)) {
		f->box = 1;
		r->boxes++;
	}
	if (footnote(r, f, name, cls, atts))
		return;
	if (hn && !r->fragment && r->cur == r->flow && r->boxes == 0) {
		heading(r, f, name);
	} else if (strcmp(name, "figure") == 0) {
		f->role = R_FIGURE;
		f->outer = r->figure;
		r->figure = r->n;
		boundary(r);
	} else if (tg->type < 0) {
		if (f->block)
			boundary(r);
	} else if ((t = (enum yoy_type)tg->type) == YOY_FIGURE) {
		image(r, atts);
	} else if (!caption(r, f, name, &t)) {
		element(r, f, t, tg, atts);
	}
}

static void
start_outside(struct hreader *r, struct frame *f, const char *name,
    const char *cls, const xmlChar **atts)
{
	const struct tag *tg = lookup(name);
	const char *id = attr(atts, "id");

	if ((tg && (tg->flags & F_DROP)) || is_tag(name, furniture_tag) ||
	    any_class(cls, furniture_class) || (id && is_tag(id,
	    furniture_id))) {
		skip(r, f);
		return;
	}
	if ((r->page && has_class(cls ? cls : "", "govspeak")) ||
	    (!r->page && strcmp(name, "body") == 0)) {
		segment(r);
		f->role = R_ROOT;
		r->roots++;
		r->cur = r->flow;
		r->depth = 1;
		r->implicit = NULL;
		return;
	}
	if (tg && (tg->flags & F_BLOCK)) {
		f->block = 1;
		segment(r);
	}
	if (strcmp(name, "h1") == 0)
		f->h1 = r->seg_h1 = 1;
	if (strcmp(name, "abbr") == 0 && has_class(cls ? cls : "",
	    "published-at") && (id = attr(atts, "title")) != NULL &&
	    strlen(id) >= 10 && strspn(id, "0123456789") == 4 &&
	    id[4] == '-' && id[7] == '-') {
		memcpy(r->abbr_date, id, 10);
		r->abbr_date[10] = '\0';
	}
	if (any_class(cls, meta_class)) {
		f->quiet = 1;
		r->quiet++;
	}
}

static void
on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct hreader *r = ctx;
	const char *name = (const char *)xname, *cls = attr(atts, "class");
	struct frame *f;

	flush(r);
	f = push(r);
	if (r->skip) {
		f->role = R_SKIP;
		return;
	}
	if (r->roots || r->fragment)
		start_content(r, f, name, cls, atts);
	else
		start_outside(r, f, name, cls, atts);
}

/* A loose item, <li><p>text</p></li>, reads as a tight one. */
static void
tighten(struct yoy_node *li)
{
	struct yoy_node *c, *p = NULL, *next;

	for (c = li->first; c; c = c->next) {
		if (c->type == YOY_TEXT && blank(c->text, c->len))
			continue;
		if (c->type != YOY_P || p)
			return;
		p = c;
	}
	if (p == NULL)
		return;
	for (c = li->first; c; c = next) {
		next = c->next;
		yoy_node_unlink(c);
	}
	for (c = p->first; c; c = next) {
		next = c->next;
		yoy_node_unlink(c);
		yoy_node_append(li, c);
	}
}

/* Removes `n` bytes from the start of a block's text, as yoy_node_text
 * counts them (a line break is one), and the elements left empty. */
static void
drop_prefix(struct yoy_node *b, size_t n)
{
	struct yoy_node *c, *next;

	for (c = b->first; c && n; c = next) {
		next = yoy_node_walk(b, c);
		if (c->type == YOY_BR) {
			yoy_node_unlink(c);
			n--;
		} else if (c->type != YOY_TEXT) {
			continue;
		} else if (c->len <= n) {
			n -= c->len;
			c->len = 0;
		} else {
			memmove((char *)c->text, c->text + n, c->len - n + 1);
			c->len -= n;
			n = 0;
		}
	}
	yoy_node_fold(b);
	/* <strong>Action 2:</strong> left empty: one walk, children before
	 * their parent, so a parent emptied by it goes too */
	for (c = b->first; c && c->first; c = c->first)
		;
	while (c && c != b) {
		if (c->next)
			for (next = c->next; next->first; next = next->first)
				;
		else
			next = c->parent;
		if (c->type != YOY_TEXT && c->type != YOY_BR &&
		    c->first == NULL)
			yoy_node_unlink(c);
		c = next;
	}
}

static void
end_heading(struct yoy_node *h)
{
	struct yoy_node *c;
	size_t ov[2];

	yoy_node_fold(h);
	/* a number in the text since 2025: "1. Title", "1.2 Title" */
	if ((c = h->first) != NULL && c->type == YOY_TEXT &&
	    yoy_re_match(YOY_RE_HTML_NUMBER, c->text, c->len, ov, 2))
		drop_prefix(h, ov[1]);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct hreader *r = ctx;
	struct frame *f;

	(void)name;
	flush(r);
	if (r->n == 0)
		return;
	f = &r->st[--r->n];
	if (f->box)
		r->boxes--;
	if (f->heading)
		r->headings--;
	if (r->skip) {
		if (r->skip == r->n + 1)
			r->skip = 0;
		return;
	}
	switch (f->role) {
	case R_ROOT:
		r->roots--;
		break;
	case R_HEADING:
		end_heading(r->cur);
		break;
	case R_NODE:
		switch (r->cur->type) {
		case YOY_LI: case YOY_DD:
			tighten(r->cur);
			break;
		case YOY_TABLE: case YOY_TR: case YOY_UL: case YOY_OL:
		case YOY_DL:
			if (r->cur->first == NULL)  /* the schema wants one */
				yoy_node_unlink(r->cur);
			break;
		default:
			break;
		}
		break;
	default:
		break;
	}
	if (f->role == R_FIGURE)
		r->figure = f->outer;
	r->cur = f->cur;
	r->depth = f->depth;
	if (f->role == R_NODE || f->role == R_HEADING) {
		if (!yoy_type_is_inline(r->cur->type))
			r->implicit = NULL;
	} else if (f->block || f->role == R_FIGURE) {
		if (r->roots || r->fragment)
			boundary(r);
		else
			segment(r);
	}
	if (f->h1)
		r->seg_h1 = 0;
	if (f->quiet)
		r->quiet--;
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	struct hreader *r = ctx;

	if (r->skip || len <= 0)
		return;
	if (r->roots || r->fragment)
		yoy_buf_put(&r->text, (const char *)s, (size_t)len);
	else if (r->page)
		yoy_buf_put(&r->seg, (const char *)s, (size_t)len);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct hreader *r = ctx;
	size_t n;

	if (e == NULL || e->code == XML_HTML_UNKNOWN_TAG ||
	    e->code == XML_ERR_DOCUMENT_EMPTY)
		return;         /* <main>, <nav>…: HTML 5, kept as elements;
				 * an empty input is said below */
	if (e->code == XML_ERR_NO_MEMORY) {
		yoy_diag(YOY_FATAL, r->file, 0, 0, "out of memory");
		return;
	}
	if (++r->errors > MAX_HTML_ERRORS) {
		if (r->errors == MAX_HTML_ERRORS + 1)
			yoy_diag(YOY_WARNING, r->file, line_now(r), 0,
			    "more HTML errors not shown");
		return;
	}
	n = e->message ? strlen(e->message) : 0;
	while (n && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
		n--;
	yoy_diag(YOY_WARNING, r->file, file_line(r, e->line), e->int2 > 0 ?
	    (unsigned)e->int2 : 0, "HTML: %.*s", (int)n,
	    e->message ? e->message : "");
}

/* ------------------------------------------------------------ the parse */

static int
parse(struct hreader *r, const char *s, size_t len)
{
	htmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;
	xmlParserInputBufferPtr ib;
	xmlParserInputPtr in;
	int ok = 0;

	if (len > INT_MAX) {
		yoy_diag(YOY_FATAL, r->file, 0, 0, "input over 2 GB");
		return -1;
	}
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_chars;
	sax.ignorableWhitespace = on_chars;
	sax.cdataBlock = on_chars;  /* script and style are skipped anyway */
	sax.serror = on_error;
	sax.initialized = XML_SAX2_MAGIC;
	if ((ctxt = htmlNewParserCtxt()) == NULL)
		goto oom;
	/* read as UTF-8 whatever the page declares: it is UTF-8 by now
	 * (libxml2 2.9's CreateStatic, which would not copy, reads some
	 * inputs twice, and crashes on others) */
	ib = xmlParserInputBufferCreateMem(s, (int)len,
	    XML_CHAR_ENCODING_NONE);
	if (ib == NULL || (in = xmlNewIOInputStream(ctxt, ib,
	    XML_CHAR_ENCODING_NONE)) == NULL) {
		xmlFreeParserInputBuffer(ib);
		htmlFreeParserCtxt(ctxt);
		goto oom;
	}
	in->encoding = xmlStrdup(BAD_CAST "UTF-8");
	inputPush(ctxt, in);
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->userData = r;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
	ctxt->charset = XML_CHAR_ENCODING_UTF8;
	r->ctxt = ctxt;
	htmlParseDocument(ctxt);
	if (ctxt->disableSAX && ctxt->input && ctxt->input->cur <
	    ctxt->input->end) {
		yoy_diag(YOY_FATAL, r->file, line_now(r), 0, "the HTML parser "
		    "stopped here; the rest of the input would be lost");
		ok = -1;
	}
	while (r->n)        /* unbalanced input: close what is open */
		on_end(r, NULL);
	flush(r);
	r->ctxt = NULL;
	htmlFreeParserCtxt(ctxt);
	return ok;
oom:
	yoy_diag(YOY_FATAL, r->file, 0, 0, "out of memory");
	return -1;
}

/* The charset a page declares, when it is not UTF-8. */
static const char *
declared_charset(const char *s, size_t len, char *name, size_t size)
{
	size_t ov[4], n;

	if (len >= 2 && (unsigned char)s[0] == 0xFF &&
	    (unsigned char)s[1] == 0xFE)
		return "UTF-16LE";
	if (len >= 2 && (unsigned char)s[0] == 0xFE &&
	    (unsigned char)s[1] == 0xFF)
		return "UTF-16BE";
	if (!yoy_re_match(YOY_RE_HTML_CHARSET, s, len < 4096 ? len : 4096,
	    ov, 4))
		return NULL;
	n = ov[3] - ov[2];
	if (n >= size)
		n = size - 1;
	memcpy(name, s + ov[2], n);
	name[n] = '\0';
	/* as browsers do (WHATWG's prescan): a meta that says UTF-16 is
	 * read as UTF-8, since a page it can be read in is ASCII-based; only
	 * a byte-order mark makes a page UTF-16 */
	if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0 ||
	    strcasecmp(name, "us-ascii") == 0 ||
	    strcasecmp(name, "ascii") == 0 ||
	    strncasecmp(name, "utf-16", 6) == 0 ||
	    strncasecmp(name, "utf16", 5) == 0)
		return NULL;
	/* as browsers do (WHATWG Encoding): Latin-1 is read as Windows-1252 */
	if (strcasecmp(name, "iso-8859-1") == 0 ||
	    strcasecmp(name, "latin1") == 0 ||
	    strcasecmp(name, "iso8859-1") == 0)
		return "windows-1252";
	return name;
}

/* libxml2's own report of a conversion error: said by decode() instead. */
static void
quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* Decodes `s` from `charset` into `out`; -1 (reported) on failure. */
static int
decode(struct hreader *r, const char *charset, const char *s, size_t len,
    struct yoy_buf *out)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(charset);
	xmlBufferPtr in, o;
	int rc = 0;

	if (h == NULL) {
		yoy_diag(YOY_FATAL, r->file, 0, 0, "the page declares charset "
		    "'%s', which this system cannot decode", charset);
		return -1;
	}
	if (len > INT_MAX / 4) {
		yoy_diag(YOY_FATAL, r->file, 0, 0, "input over 500 MB in "
		    "charset '%s'", charset);
		xmlCharEncCloseFunc(h);
		return -1;
	}
	in = xmlBufferCreateSize(len + 1);
	o = xmlBufferCreateSize(len * 2 + 64);
	if (in == NULL || o == NULL || xmlBufferAdd(in, (const xmlChar *)s,
	    (int)len) != 0) {
		yoy_diag(YOY_FATAL, r->file, 0, 0, "out of memory");
		rc = -1;
	}
	xmlSetStructuredErrorFunc(NULL, quiet);
	while (rc == 0 && xmlBufferLength(in) > 0) {
		int before = xmlBufferLength(in);
		int w = xmlCharEncInFunc(h, o, in);

		if (xmlBufferLength(in) == before && w >= 0 &&
		    o->size - o->use > 64) {
			/* nothing taken, with room to write: what is left is
			 * less than a character, and will stay so */
			yoy_diag(YOY_FATAL, r->file, 0, 0, "the input ends inside "
			    "a character of %s (%d byte%s left over)", charset,
			    before, before == 1 ? "" : "s");
			rc = -1;
		} else if (w == -2 || (w < 0 && xmlBufferLength(in) == before)) {
			const char *p = s + (len - (size_t)xmlBufferLength(in));
			const char *q, *bol = s;
			unsigned line = 1;

			for (q = s; q < p; q++)
				if (*q == '\n') {
					line++;
					bol = q + 1;
				}
			yoy_diag(YOY_FATAL, r->file, line, (unsigned)(p - bol) + 1,
			    "a byte that is not %s", charset);
			rc = -1;
		} else if (xmlBufferLength(in) == before) {
			if (xmlBufferGrow(o, (unsigned)before * 2 + 64) < 0)
				rc = -1;
		}
	}
	yoy_xml_errors_default();
	if (rc == 0)
		yoy_buf_put(out, (const char *)xmlBufferContent(o),
		    (size_t)xmlBufferLength(o));
	xmlBufferFree(in);
	xmlBufferFree(o);
	xmlCharEncCloseFunc(h);
	return rc;
}

/* Whether the page has a .govspeak element: then that is its content.
 * One pass over the tags; the text between them is not looked at. */
static int
has_govspeak(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *lt, *gt, *g;

	while ((lt = memchr(p, '<', (size_t)(end - p))) != NULL &&
	    (gt = memchr(lt, '>', (size_t)(end - lt))) != NULL) {
		for (g = lt; gt - g >= 8 && (g = memchr(g, 'g',
		    (size_t)(gt - g - 7))) != NULL; g++)
			if (memcmp(g, "govspeak", 8) == 0) {
				if (yoy_re_match(YOY_RE_HTML_GOVSPEAK, lt,
				    (size_t)(gt - lt + 1), NULL, 0))
					return 1;
				break;
			}
		p = gt + 1;
	}
	return 0;
}

static void
reader_init(struct hreader *r, struct yoy_doc *doc, const char *file,
    const char *department)
{
	memset(r, 0, sizeof(*r));
	yoy_shape_init(&r->sh, doc, file, department);
	r->doc = doc;
	r->file = file;
	r->flow = yoy_node_new(doc, YOY_BODY);
	r->notes = yoy_node_new(doc, YOY_BODY);
	r->cur = r->flow;
	r->depth = 1;
}

static void
reader_free(struct hreader *r)
{
	yoy_buf_free(&r->text);
	yoy_buf_free(&r->seg);
	yoy_buf_free(&r->held);
	yoy_buf_free(&r->title);
	free(r->st);
	free(r->hd);
	yoy_shape_free(&r->sh);
}

/* ----------------------------------------------------------- structure */

static void
heading_text(const struct yoy_node *h, struct yoy_buf *out)
{
	out->len = 0;
	yoy_node_text(h, out);
	yoy_buf_put(out, "", 0);
	out->len = yoy_text_fold(out->ptr, out->len);
}

struct sections {
	struct yoy_node *n[8];
	int level[8];
	int depth;
};

/* The section a heading of `level` goes in, closing deeper ones. */
static struct yoy_node *
section_parent(struct sections *s, int level)
{
	while (s->depth > 0 && s->level[s->depth - 1] >= level)
		s->depth--;
	return s->depth ? s->n[s->depth - 1] : NULL;
}

static void
structure(struct hreader *r, struct yoy_shape *sh)
{
	struct yoy_buf t = YOY_BUF_INIT, nt = YOY_BUF_INIT;
	struct sections secs = { { NULL }, { 0 }, 0 };
	struct yoy_node *c, *next, *parent;
	struct yoy_label l;
	const struct yoy_dept *d;
	size_t k = 0, off;
	int level, num, action_level = sh->action ? 1 : 0;

	for (c = r->flow->first; c; c = next) {
		next = c->next;
		yoy_node_unlink(c);
		if (c->type != YOY_TITLE || k >= r->nhd || r->hd[k].n != c) {
			if (c->type == YOY_P && yoy_shape_take_title(sh))
				c->type = YOY_TITLE;
			yoy_node_append(yoy_shape_container(sh, c->line), c);
			continue;
		}
		level = r->hd[k++].level;
		heading_text(c, &t);
		if (t.len == 0)
			continue;       /* an empty heading */
		if ((num = yoy_pattern_action(t.ptr, t.len, &off)) > 0) {
			parent = NULL;
			if (sh->page == YOY_PAGE_GENERIC)
				sh->section = parent = section_parent(&secs,
				    level);
			yoy_shape_action(sh, parent, num, c->line);
			action_level = level;
			drop_prefix(c, off);
			if (c->first) {
				yoy_node_append(sh->action, c);
				sh->titled = 1;
			}
			continue;
		}
		if (yoy_label_parse(t.ptr, t.len, &l)) {
			if (!yoy_shape_entry(sh, t.ptr, t.len, &l, c->line)) {
				c->type = YOY_P;
				yoy_node_append(yoy_shape_container(sh, c->line), c);
			}
			continue;
		}
		if (sh->page != YOY_PAGE_DEPT && sh->action &&
		    level > action_level) {
			if (t.len <= 160 && (d = yoy_registry_find(t.ptr,
			    t.len)) != NULL) {
				yoy_shape_dept(sh, d->id, d->name, c->line);
				continue;
			}
			/* unknown: a heading over an entry label */
			if (k < r->nhd && r->hd[k].level > level) {
				heading_text(r->hd[k].n, &nt);
				if (yoy_label_parse(nt.ptr, nt.len, &l)) {
					yoy_shape_unknown_dept(sh, t.ptr, t.len,
					    c->line);
					continue;
				}
			}
		}
		if (sh->action == NULL || level <= action_level) {
			struct yoy_node *s;

			parent = section_parent(&secs, level);
			s = yoy_node_add(r->doc, parent ? parent :
			    r->doc->body, YOY_SECTION);
			s->line = c->line;
			yoy_node_append(s, c);
			if (secs.depth < 8) {
				secs.n[secs.depth] = s;
				secs.level[secs.depth++] = level;
			}
			sh->section = s;
			sh->action = sh->dept = sh->entry = NULL;
			action_level = 0;
			continue;
		}
		c->type = YOY_P;    /* a heading inside an action or entry */
		yoy_node_append(yoy_shape_container(sh, c->line), c);
	}
	for (c = r->notes->first; c; c = next) {
		next = c->next;
		yoy_node_unlink(c);
		yoy_node_append(r->doc->body, c);
	}
	yoy_buf_free(&t);
	yoy_buf_free(&nt);
}

int
yoy_html_read(struct yoy_doc *doc, char *buf, size_t len, const char *file,
    const struct yoy_html_opts *o)
{
	struct hreader r;
	struct yoy_buf decoded = YOY_BUF_INIT;
	const char *name = yoy_diag_name(file), *s = buf, *cs;
	char csname[64];
	int rc = -1;

	yoy_doc_source(doc, "html", file);
	reader_init(&r, doc, name, o ? o->department : NULL);
	if ((cs = declared_charset(buf, len, csname, sizeof(csname)))) {
		if (decode(&r, cs, buf, len, &decoded) < 0)
			goto done;
		s = decoded.ptr ? decoded.ptr : "";
		len = decoded.len;
	}
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;         /* a byte-order mark */
		len -= 3;
	}
	if (yoy_text_check(s, len, name) > 0)
		goto done;
	r.page = has_govspeak(s, len);
	if (parse(&r, s, len) < 0)
		goto done;
	held_warn(&r);
	if (r.flow->first == NULL && r.notes->first == NULL &&
	    r.title.len == 0)
		yoy_diag(YOY_WARNING, name, 0, 0, "no text in input");
	if (r.title.len == 0 && o && o->title) {
		yoy_buf_puts(&r.title, o->title);
		r.title.len = yoy_text_fold(r.title.ptr, r.title.len);
	}
	if (r.title.len) {
		yoy_shape_meta(&r.sh, YOY_TITLE, r.title.ptr, r.title.len,
		    r.title_line);
		yoy_shape_page(&r.sh, r.title.ptr, r.title.len, r.title_line);
	}
	structure(&r, &r.sh);
	rc = 0;
done:
	yoy_buf_free(&decoded);
	reader_free(&r);
	free(buf);      /* taken; libxml2 has copied all the tree holds */
	return rc;
}

void
yoy_html_fragment(struct yoy_doc *doc, struct yoy_node *parent,
    const char *s, size_t len, const char *file, unsigned line)
{
	struct hreader r;

	reader_init(&r, doc, file, NULL);
	r.fragment = 1;
	r.fragment_line = line ? line : 1;
	r.flow = r.cur = parent;
	parse(&r, s, len);
	reader_free(&r);
}
