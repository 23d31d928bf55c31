/* The strategy's extended markdown (kramdown plus the site's preprocessor)
 * to the canonical form.
 *
 * A line scanner, driven by PCRE2, takes what is not CommonMark: the
 * directives ({div .x} … {/div}, {: attribute lists}, {include}, site
 * furniture), <div> lines holding markdown, pipe tables, definition lists
 * and footnote definitions.  Every run of lines between them goes whole to
 * cmark, with its first line number, so source positions stay true; the
 * builder then places cmark's blocks in sections, actions, departments and
 * entries.  A last pass finds footnote references and editorial markers.
 *
 * Streaming (yoy_md_opts.stream), the tree holds only what is being
 * read.  The open nodes (the innermost section and those around it, the
 * action, the department, the entry) make a line down from the body;
 * every node before that line is finished.  Once the body's arena has
 * grown by SPILL_AT, the finished nodes get the last pass and their
 * normalization and go to the stream (xml/stream.c), each open node's
 * start tag before its children; the open line and what follows it is
 * copied to a fresh arena, and the old one is reset.  What
 * outlives the body's nodes (the meta, file names, footnote labels) is
 * allocated from the document's own arena, `keep`.
 *
 * Where each block goes (action, department, statement) is shape.c's to
 * say, as for every reader. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"

#define MAX_FRAMES 256      /* nested {div}s */
#define MAX_INCLUDES 8      /* nested {include}s */
#define RELEASE (64 * 1024) /* input given back in steps of this */
#define SPILL_AT (128 * 1024) /* the body written out when its arena is this */

enum frame_kind { F_DIV, F_DEPARTMENT, F_STATEMENT, F_HTML };

struct frame {
	enum frame_kind kind;
	const char *file;
	unsigned line;
};

struct fn {                 /* a footnote reference or definition */
	const char *label, *file;
	unsigned line;
};

struct fns {
	struct fn *v;
	size_t n, cap;
};

struct yoy_md {
	struct yoy_doc *doc;
	struct yoy_md_opts o;
	const char *file;           /* the file being read, for diagnostics */
	int dr;                     /* a department-response file */
	int includes;
	struct yoy_node *sect[7];   /* open sections by heading level */
	struct yoy_shape sh;        /* the action, department and entry */
	int action_level;
	struct frame frames[MAX_FRAMES];
	int nframes;
	struct yoy_buf chunk;       /* markdown lines gathered for cmark */
	unsigned chunk_line;        /* source line of the chunk's first line */
	size_t chunk_last;          /* offset of its last line */
	unsigned chunk_last_no;     /* and that line's number */
	int toc;                    /* a {:toc} follows: drop the dummy list */
	struct yoy_buf text;        /* inline text not yet made a node */
	unsigned line;              /* the block it belongs to */
	struct fns refs, defs;
	int titled;
	int nest_warned;
	struct yoy_arena *keep;     /* the document's arena */
	struct yoy_arena *work;     /* the body's nodes, when spilling */
	struct yoy_arena *fresh;    /* and the one they are copied to */
};

struct line {
	char *s;
	size_t len;
	unsigned no;
};

/* ---------------------------------------------------------------- build */

static const char *
arena_str(struct yoy_md *m, const char *s, size_t len)
{
	return yoy_arena_strndup(m->doc->arena, s, len);
}

/* A copy that outlives the body's nodes. */
static const char *
keep_str(struct yoy_md *m, const char *s, size_t len)
{
	return yoy_arena_strndup(m->keep, s, len);
}

/* Allocations from here to unkeep() outlive the body's nodes. */
static struct yoy_arena *
keep(struct yoy_md *m)
{
	return yoy_doc_use_arena(m->doc, m->keep);
}

static void
unkeep(struct yoy_md *m, struct yoy_arena *was)
{
	yoy_doc_use_arena(m->doc, was);
}

/* A list item or definition holds inline content or blocks, not both:
 * once it holds a block (or one is `coming`), each run of inline content
 * in it (raw HTML's text, say) becomes a paragraph. */
static void
settle(struct yoy_md *m, struct yoy_node *li, int coming)
{
	struct yoy_node *c, *next, *p = NULL;

	if (!coming && !yoy_node_holds_block(li))
		return;
	for (c = li->first; c; c = next) {
		next = c->next;
		if (yoy_node_is_block(c)) {
			p = NULL;
			continue;
		}
		if (p == NULL) {
			p = yoy_node_new(m->doc, YOY_P);
			p->line = c->line ? c->line : li->line;
			yoy_node_insert_after(c, p);
		}
		yoy_node_unlink(c);
		yoy_node_append(p, c);
	}
}

static struct yoy_node *
add(struct yoy_md *m, struct yoy_node *parent, enum yoy_type t, unsigned line)
{
	struct yoy_node *n;

	if ((parent->type == YOY_LI || parent->type == YOY_DD) &&
	    !yoy_type_is_inline(t) && parent->last &&
	    !yoy_node_is_block(parent->last))
		settle(m, parent, 1);
	n = yoy_node_add(m->doc, parent, t);

	n->line = line;
	return n;
}

/* The innermost open section, or the body. */
static struct yoy_node *
section(struct yoy_md *m)
{
	int l;

	for (l = 6; l > 0; l--)
		if (m->sect[l])
			return m->sect[l];
	return m->doc->body;
}

/* Where blocks go now (shape.c's rules). */
static struct yoy_node *
container(struct yoy_md *m, unsigned line)
{
	struct yoy_node *c;

	m->sh.section = section(m);
	c = yoy_shape_container(&m->sh, line);
	m->sh.section = NULL;   /* the sections are m->sect's */
	return c;
}

static void add_fn(struct fns *, const char *, const char *, unsigned);

/* Text from cmark, without what XML cannot hold (what cmark decoded
 * from a character reference, &#1;), as a node of its own (none when
 * empty: an empty code block is <pre/>, as it reads back). */
static void
add_literal(struct yoy_md *m, struct yoy_node *parent, const char *s,
    size_t len, unsigned line)
{
	char *own = yoy_arena_strndup(m->doc->arena, s, len);

	len = yoy_text_clean(own, len, 1, NULL, m->file, line, 0);
	own[len] = '\0';
	if (len)
		yoy_node_add_text(m->doc, parent, own, len, 1);
}

/* An attribute's value from cmark or raw HTML, cleaned likewise. */
static void
set_clean(struct yoy_md *m, struct yoy_node *n, const char *name,
    const char *value, unsigned line)
{
	yoy_node_set(m->doc, n, name, yoy_text_clean_value(m->doc->arena,
	    value, name, m->file, line, 0));
}

/* Makes the pending text a node, noting its footnote references (found
 * here, where cmark's pieces are joined, and made links at the end). */
static void
flush_text(struct yoy_md *m, struct yoy_node *parent)
{
	size_t ov[4], at = 0;

	if (m->text.len == 0)
		return;
	while (memchr(m->text.ptr + at, '[', m->text.len - at) &&
	    yoy_re_match(YOY_RE_MD_BRACKET, m->text.ptr + at,
	    m->text.len - at, ov, 4)) {
		if (ov[2] != (size_t)-1)
			add_fn(&m->refs, keep_str(m, m->text.ptr + at + ov[2],
			    ov[3] - ov[2]), m->file, m->line);
		at += ov[1];
	}
	m->text.len = yoy_text_clean(m->text.ptr, m->text.len, 1, NULL,
	    m->file, m->line, 0);
	yoy_node_add_text(m->doc, parent, m->text.ptr, m->text.len, 0);
	m->text.len = 0;
}

/* Whether a node under `parent` would be deeper than YOY_MAX_NEST (said
 * once): then it is not made, and its text stays in `parent`. */
static int
too_deep(struct yoy_md *m, const struct yoy_node *parent, unsigned line)
{
	unsigned depth = 1;

	for (; parent->parent; parent = parent->parent)
		if (++depth > YOY_MAX_NEST)
			break;
	if (depth <= YOY_MAX_NEST)
		return 0;
	if (!m->nest_warned++)
		yoy_diag(YOY_WARNING, m->file, line, 1, "elements nested over "
		    "%d deep: the deeper ones are flattened, their text kept",
		    YOY_MAX_NEST);
	return 1;
}

/* Inline HTML: <br>, the inline elements, and tags that only wrap. */
static struct yoy_node *
html_inline(struct yoy_md *m, struct yoy_node *cur, const char *s,
    unsigned line)
{
	static const struct { const char *tag; enum yoy_type t; } map[] = {
		{ "sup", YOY_SUP }, { "sub", YOY_SUB }, { "em", YOY_EM },
		{ "i", YOY_EM }, { "strong", YOY_STRONG }, { "b", YOY_STRONG },
		{ "code", YOY_CODE }, { "abbr", YOY_ABBR }, { "a", YOY_A },
	};
	size_t ov[10], len = strlen(s), i, at;
	char tag[16];
	int t = -1;

	if (strncmp(s, "<!--", 4) == 0)
		return cur;         /* a comment: not published */
	if (!yoy_re_match(YOY_RE_MD_TAG, s, len, ov, 10) ||
	    ov[5] - ov[4] >= sizeof(tag)) {
		yoy_diag(YOY_WARNING, m->file, line, 0, "HTML '%s' kept as "
		    "text", s);
		yoy_buf_puts(&m->text, s);
		return cur;
	}
	for (i = 0; i < ov[5] - ov[4]; i++)
		tag[i] = (char)(s[ov[4] + i] | 0x20);
	tag[i] = '\0';
	if (strcmp(tag, "br") == 0) {
		flush_text(m, cur);
		yoy_node_add(m->doc, cur, YOY_BR);
		return cur;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(tag, map[i].tag) == 0)
			t = (int)map[i].t;
	if (t < 0)
		return cur;         /* span, font, u…: the text stays */
	flush_text(m, cur);
	if (ov[3] > ov[2]) {    /* a closing tag: up to its element */
		struct yoy_node *n;

		for (n = cur; n && yoy_type_is_inline(n->type); n = n->parent)
			if ((int)n->type == t)
				return n->parent;
		return cur;
	}
	if ((ov[9] > ov[8] && ov[9] != (size_t)-1) || too_deep(m, cur, line))
		return cur;         /* <x/> holds nothing */
	cur = yoy_node_add(m->doc, cur, (enum yoy_type)t);
	if (t != YOY_A && t != YOY_ABBR)
		return cur;
	for (at = ov[6]; at < ov[7];) {
		const char *want = t == YOY_A ? "href" : "title";
		size_t av[10];
		int g;

		if (!yoy_re_match(YOY_RE_MD_ATTR, s + at, ov[7] - at, av, 10))
			break;
		for (g = 2; g < 4 && av[2 * g] == (size_t)-1; g++)
			;
		if (av[3] - av[2] == strlen(want) &&
		    strncasecmp(s + at + av[2], want, strlen(want)) == 0)
			set_clean(m, cur, want, arena_str(m, s + at +
			    av[2 * g], av[2 * g + 1] - av[2 * g]), line);
		at += av[1];
	}
	return cur;
}

/* The inline content of cmark block `b` into `parent`. */
static void
inlines(struct yoy_md *m, cmark_node *b, struct yoy_node *parent,
    unsigned line)
{
	cmark_iter *it = cmark_iter_new(b);
	cmark_event_type ev;
	struct yoy_node *cur = parent, *y;
	const char *lit;

	m->line = line;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		enum yoy_type t = YOY_TEXT;

		if (n == b)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			yoy_buf_puts(&m->text, cmark_node_get_literal(n));
			continue;
		case CMARK_NODE_SOFTBREAK:
			yoy_buf_putc(&m->text, ' ');
			continue;
		case CMARK_NODE_LINEBREAK:
			flush_text(m, cur);
			yoy_node_add(m->doc, cur, YOY_BR);
			continue;
		case CMARK_NODE_CODE:
			flush_text(m, cur);
			lit = cmark_node_get_literal(n);
			add_literal(m, yoy_node_add(m->doc, cur, YOY_CODE), lit,
			    strlen(lit), line);
			continue;
		case CMARK_NODE_HTML_INLINE:
			cur = html_inline(m, cur, cmark_node_get_literal(n),
			    line);
			continue;
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER)
				yoy_diag(YOY_WARNING, m->file, line, 0,
				    "image '%s' inside text; kept as its alt "
				    "text", cmark_node_get_url(n));
			continue;
		case CMARK_NODE_EMPH:
			t = YOY_EM;
			break;
		case CMARK_NODE_STRONG:
			t = YOY_STRONG;
			break;
		case CMARK_NODE_LINK:
			t = YOY_A;
			break;
		default:
			continue;
		}
		flush_text(m, cur);
		if (ev == CMARK_EVENT_ENTER) {
			if (too_deep(m, cur, line))
				continue;       /* its text goes to cur */
			y = yoy_node_add(m->doc, cur, t);
			if (t == YOY_A && *cmark_node_get_url(n))
				set_clean(m, y, "href", cmark_node_get_url(n),
				    line);
			cmark_node_set_user_data(n, y);
			cur = y;
		} else if ((y = cmark_node_get_user_data(n)) != NULL) {
			cur = y->parent;
		}
	}
	flush_text(m, cur);
	cmark_iter_free(it);
}

/* The text of an inline cmark subtree as written, <br> included. */
static void
plain(cmark_node *b, struct yoy_buf *out)
{
	cmark_iter *it = cmark_iter_new(b);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			yoy_buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK: case CMARK_NODE_LINEBREAK:
			yoy_buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (out->ptr == NULL)
		yoy_buf_puts(out, "");
}

/* Whether cmark text is white space as the canonical form folds it
 * (no-break and zero-width spaces included). */
static int
white(cmark_node *c)
{
	char *s = yoy_strndup(cmark_node_get_literal(c),
	    strlen(cmark_node_get_literal(c)));
	int w = yoy_text_fold(s, strlen(s)) == 0;

	free(s);
	return w;
}

/* A paragraph that is only an image (perhaps linked) is a figure. */
static cmark_node *
lone_image(cmark_node *p)
{
	cmark_node *c = cmark_node_first_child(p), *img = NULL;

	for (; c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);

		if (t == CMARK_NODE_SOFTBREAK ||
		    (t == CMARK_NODE_TEXT && white(c)))
			continue;
		if (img)
			return NULL;    /* more than the image: a paragraph */
		if (t == CMARK_NODE_LINK && cmark_node_first_child(c) &&
		    cmark_node_first_child(c) == cmark_node_last_child(c) &&
		    cmark_node_get_type(cmark_node_first_child(c)) ==
		    CMARK_NODE_IMAGE)
			img = cmark_node_first_child(c);
		else if (t == CMARK_NODE_IMAGE)
			img = c;
		else
			return NULL;
	}
	return img;
}

/* cmark block `top` (not a heading at the top level) into `parent`. */
static void
blocks(struct yoy_md *m, cmark_node *top, struct yoy_node *parent,
    unsigned base)
{
	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	struct yoy_node *cur = parent, *y, *img;
	struct yoy_buf alt = YOY_BUF_INIT;
	cmark_node *im;
	unsigned depth = 0, flat = 0;

	for (y = parent; y->parent; y = y->parent)
		depth++;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		unsigned line = base + (unsigned)cmark_node_get_start_line(n);
		cmark_node_type t = cmark_node_get_type(n);
		int box = t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST ||
		    t == CMARK_NODE_ITEM;

		/* past YOY_MAX_NEST, a quote, list or item is its parent's:
		 * the innermost are the flattened ones */
		if (box && ev == CMARK_EVENT_ENTER && depth >= YOY_MAX_NEST) {
			too_deep(m, cur, line);
			flat++;
			continue;
		}
		if (box && ev == CMARK_EVENT_EXIT && flat) {
			flat--;
			continue;
		}
		if (box)
			depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
		if (ev == CMARK_EVENT_EXIT) {
			if (!box)
				continue;
			y = cur;
			cur = cur->parent;
			/* an item of one paragraph holds its text itself */
			if (t == CMARK_NODE_ITEM && y->first &&
			    y->first == y->last && y->first->type == YOY_P) {
				struct yoy_node *p = y->first, *c;

				yoy_node_unlink(p);
				while ((c = p->first) != NULL) {
					yoy_node_unlink(c);
					yoy_node_append(y, c);
				}
			}
			continue;
		}
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (t == CMARK_NODE_PARAGRAPH &&
			    (im = lone_image(n)) != NULL) {
				img = add(m, cur, YOY_FIGURE, line);
				set_clean(m, img, "src", cmark_node_get_url(im),
				    line);
				alt.len = 0;
				plain(im, &alt);
				set_clean(m, img, "alt", alt.ptr, line);
			} else {
				inlines(m, n, add(m, cur, YOY_P, line), line);
			}
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			cur = add(m, cur, YOY_BLOCKQUOTE, line);
			break;
		case CMARK_NODE_LIST:
			cur = add(m, cur, cmark_node_get_list_type(n) ==
			    CMARK_ORDERED_LIST ? YOY_OL : YOY_UL, line);
			break;
		case CMARK_NODE_ITEM:
			cur = add(m, cur, YOY_LI, line);
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			size_t len = strlen(lit);

			if (len && lit[len - 1] == '\n')
				len--;
			add_literal(m, add(m, cur, YOY_PRE, line), lit, len,
			    line);
			break;
		}
		case CMARK_NODE_HTML_BLOCK: {
			/* raw HTML, markdown inside it read already */
			const char *h = cmark_node_get_literal(n);

			yoy_html_fragment(m->doc, cur, h, strlen(h), m->file,
			    line);
			if ((cur->type == YOY_LI || cur->type == YOY_DD) &&
			    cur->first && cur->first != cur->last)
				settle(m, cur, 0);
			break;
		}
		default:
			break;      /* thematic breaks: no text */
		}
	}
	cmark_iter_free(it);
	yoy_buf_free(&alt);
}

/* ------------------------------------------------------------ structure */

static void spill(struct yoy_md *, int force);

static void
close_sections(struct yoy_md *m, int level)
{
	int l;

	for (l = level; l <= 6; l++)
		m->sect[l] = NULL;
	if (m->sh.action && m->action_level >= level)
		yoy_shape_end(&m->sh, YOY_ACTION);
}

static void
set_title(struct yoy_md *m, cmark_node *h)
{
	struct yoy_node *t;
	struct yoy_arena *was;

	if (m->titled)
		return;
	m->titled = 1;
	was = keep(m);
	t = yoy_doc_meta(m->doc, YOY_TITLE);
	inlines(m, h, t, 0);
	unkeep(m, was);
}

/* Drops `n` bytes of text from the start of inline content `b`. */
static void
drop_prefix(struct yoy_node *b, size_t n)
{
	struct yoy_node *c;

	for (c = b->first; c && n; c = c->next) {
		size_t k;

		if (c->type != YOY_TEXT)
			break;
		k = n < c->len ? n : c->len;
		c->text += k;
		c->len -= k;
		n -= k;
	}
}

static void
start_action(struct yoy_md *m, cmark_node *h, int num, size_t off,
    unsigned line, int level)
{
	struct yoy_node *t;

	yoy_shape_end(&m->sh, YOY_ACTION);
	/* a department response's action follows all before it in the
	 * body: what comes after it goes after it, not into a section left
	 * open before */
	if (m->dr)
		close_sections(m, 1);
	spill(m, 0);
	yoy_shape_action(&m->sh, m->dr ? m->doc->body : section(m), num, line);
	m->action_level = level;
	t = add(m, m->sh.action, YOY_TITLE, line);
	inlines(m, h, t, line);
	drop_prefix(t, off);
	if (t->first == NULL || (t->first == t->last &&
	    t->first->type == YOY_TEXT && strspn(t->first->text, " ") ==
	    t->first->len))
		yoy_node_unlink(t);
}

static void
start_department(struct yoy_md *m, cmark_node *h, unsigned line)
{
	struct yoy_buf s = YOY_BUF_INIT, name = YOY_BUF_INIT;
	const struct yoy_dept *d;
	struct yoy_node *t;

	yoy_shape_end(&m->sh, YOY_DEPARTMENT);
	spill(m, 0);
	plain(h, &s);
	if (s.len == 0) {
		yoy_diag(YOY_WARNING, m->file, line, 1, "an empty heading where "
		    "a department's was expected; ignored");
	} else if (!yoy_shape_dept_heading(&m->sh, s.ptr, line)) {
		inlines(m, h, add(m, container(m, line), YOY_P, line), line);
	} else if ((d = yoy_registry_find(s.ptr, s.len)) != NULL) {
		yoy_shape_dept(&m->sh, d->id, d->name, line);
	} else {
		t = yoy_node_new(m->doc, YOY_TITLE);
		inlines(m, h, t, line);   /* <br> as breaks, entities read */
		yoy_node_text(t, &name);
		yoy_buf_putc(&name, '\0');     /* never NULL, even empty */
		name.len = yoy_text_fold(name.ptr, name.len - 1);
		yoy_shape_unknown_dept(&m->sh, name.ptr, name.len, line);
	}
	yoy_buf_free(&s);
	yoy_buf_free(&name);
}

static void
heading(struct yoy_md *m, cmark_node *h, unsigned line)
{
	int level = cmark_node_get_heading_level(h), num;
	struct yoy_buf s = YOY_BUF_INIT;
	struct yoy_node *sec, *t;
	size_t off, lead;

	plain(h, &s);
	lead = strspn(s.ptr, " \t");
	num = yoy_pattern_action(s.ptr + lead, s.len - lead, &off);
	if (level == 1)
		set_title(m, h);
	if (m->dr && level == 1 && num > 0) {
		start_action(m, h, num, lead + off, line, level);
	} else if (m->dr && level == 2) {
		start_department(m, h, line);
	} else if (!m->dr && num > 0) {
		start_action(m, h, num, lead + off, line, level);
	} else if (m->dr || (m->sh.action && level > m->action_level)) {
		/* a heading inside an action: its text stays, as a paragraph */
		inlines(m, h, add(m, container(m, line), YOY_P, line), line);
	} else {
		close_sections(m, level);
		spill(m, 0);
		sec = add(m, section(m), YOY_SECTION, line);
		m->sect[level] = sec;
		t = add(m, sec, YOY_TITLE, line);
		inlines(m, h, t, line);
	}
	yoy_buf_free(&s);
}

/* ---------------------------------------------------------------- cmark */

/*
 * cmark's memory comes from a scratch arena, reset when the document it
 * parsed is done with: no malloc and free for each of its nodes and
 * strings (a fifth of the work on the bench input), and no walk to free
 * the tree.  cmark_mem has no context, so the arena is the program's:
 * one reader at a time.  A block keeps its size before it, for realloc;
 * calloc clears its own (the arena is raw: only calloc needs zeros).
 */
static struct yoy_arena *cm_arena;
static int cm_depth;                /* documents not done with */

struct cm_block {
	size_t size;
	size_t pad;         /* the arena's alignment, kept */
};

static void *
cm_calloc(size_t n, size_t size)
{
	struct cm_block *b;

	if (size && n > (SIZE_MAX - sizeof(*b)) / size)
		abort();        /* as cmark does when memory fails */
	b = yoy_arena_alloc(cm_arena, sizeof(*b) + n * size);
	b->size = n * size;
	memset(b + 1, 0, b->size);      /* a raw arena's block */
	return b + 1;
}

static void *
cm_malloc(size_t size)
{
	struct cm_block *b;

	if (size > SIZE_MAX - sizeof(*b))
		abort();
	b = yoy_arena_alloc(cm_arena, sizeof(*b) + size);
	b->size = size;
	return b + 1;
}

static void *
cm_realloc(void *p, size_t size)
{
	struct cm_block *old = p ? (struct cm_block *)p - 1 : NULL;
	void *q;

	if (old && size <= old->size)
		return p;
	q = cm_malloc(size);
	if (old)
		memcpy(q, p, old->size);
	return q;
}

static void
cm_free(void *p)
{
	(void)p;            /* the arena goes whole */
}

static cmark_mem cm_mem = { cm_calloc, cm_realloc, cm_free };

/* `s` parsed by cmark; parsed_done() when it is no longer looked at. */
static cmark_node *
parse(const char *s, size_t len, int options)
{
	cmark_parser *p;
	cmark_node *doc;

	if (cm_arena == NULL)
		cm_arena = yoy_arena_raw();
	cm_depth++;
	p = cmark_parser_new_with_mem(options, &cm_mem);
	cmark_parser_feed(p, s ? s : "", len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

static void
parsed_done(void)
{
	if (--cm_depth == 0)
		yoy_arena_reset(cm_arena);
}

/* Parses the gathered lines with cmark and places their blocks. */
static void
flush_chunk(struct yoy_md *m)
{
	cmark_node *doc, *n, *last = NULL;
	unsigned base = m->chunk_line - 1;

	if (m->chunk.len == 0) {
		m->toc = 0;
		return;
	}
	doc = parse(m->chunk.ptr, m->chunk.len, CMARK_OPT_SOURCEPOS);
	if (m->toc)
		last = cmark_node_last_child(doc);
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		unsigned line = base + (unsigned)cmark_node_get_start_line(n);

		if (n == last && cmark_node_get_type(n) == CMARK_NODE_LIST)
			continue;   /* the list {:toc} replaces */
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
			heading(m, n, line);
		else
			blocks(m, n, container(m, line), base);
	}
	parsed_done();
	m->chunk.len = 0;
	m->toc = 0;
}

/* cmark block `c` as inline content of `parent` (a cell, a term, a
 * footnote): after a break when `parent` holds something already. */
static void
inline_block(struct yoy_md *m, cmark_node *c, struct yoy_node *parent,
    unsigned line)
{
	struct yoy_buf t = YOY_BUF_INIT;

	if (parent->first)
		yoy_node_add(m->doc, parent, YOY_BR);
	if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH ||
	    cmark_node_get_type(c) == CMARK_NODE_HEADING) {
		inlines(m, c, parent, line);
		return;
	}
	plain(c, &t);
	add_literal(m, parent, t.ptr, t.len, line);
	yoy_buf_free(&t);
}

/* Parses `s` as markdown, for the inline content of a term, a
 * definition or a footnote. */
static void
inline_md(struct yoy_md *m, const char *s, size_t len,
    struct yoy_node *parent, unsigned line)
{
	cmark_node *doc = parse(s, len, 0), *c;

	for (c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
		inline_block(m, c, parent, line);
	parsed_done();
}

/* ------------------------------------------------------------ the lines */

static int
blank_line(const struct line *l)
{
	return strspn(l->s, " \t") == l->len;
}

static void
chunk_add(struct yoy_md *m, const struct line *l)
{
	size_t ov[4], at = 0;

	if (m->chunk.len == 0) {
		if (blank_line(l))
			return;
		m->chunk_line = l->no;
	}
	m->chunk_last = m->chunk.len;
	m->chunk_last_no = l->no;
	/* "##Heading": kramdown's, not CommonMark's; give it its space */
	if (l->s[0] == '#' && yoy_re_match(YOY_RE_MD_ATX, l->s, l->len, ov,
	    2)) {
		yoy_buf_put(&m->chunk, l->s, ov[1]);
		yoy_buf_putc(&m->chunk, ' ');
		at = ov[1];
	}
	/* "3^rd^" and "{PDF=file}" */
	while (at < l->len) {
		const char *s = l->s + at;
		size_t left = l->len - at;
		char *caret = memchr(s, '^', left), *pdf = memchr(s, '{', left);

		if (caret && yoy_re_match(YOY_RE_MD_SUP, s, left, ov, 4)) {
			yoy_buf_put(&m->chunk, s, ov[0]);
			yoy_buf_puts(&m->chunk, "<sup>");
			yoy_buf_put(&m->chunk, s + ov[2], ov[3] - ov[2]);
			yoy_buf_puts(&m->chunk, "</sup>");
			at += ov[1];
		} else if (pdf && yoy_re_match(YOY_RE_MD_PDF, s, left, ov, 4)) {
			yoy_buf_put(&m->chunk, s, ov[0]);
			yoy_buf_puts(&m->chunk, "[PDF format](");
			yoy_buf_put(&m->chunk, s + ov[2], ov[3] - ov[2]);
			yoy_buf_puts(&m->chunk, ")");
			at += ov[1];
		} else {
			yoy_buf_put(&m->chunk, s, left);
			at = l->len;
		}
	}
	yoy_buf_putc(&m->chunk, '\n');
}

struct cells {
	struct yoy_node **v;    /* the cells, in order */
	size_t n, cap;
	struct yoy_buf md;      /* their text, each after a "<!---->" line */
};

/* Splits a table row into cells: '|' outside code spans and not escaped. */
static void
row(struct yoy_md *m, const struct line *l, struct yoy_node *tr,
    enum yoy_type type, struct cells *cs)
{
	const char *s = l->s, *end = l->s + l->len, *c;
	int code = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (s < end && *s == '|')
		s++;
	if (end > s && end[-1] == '|' && (end - 1 == s || end[-2] != '\\'))
		end--;
	for (c = s;; c++) {
		if (c < end && *c == '`')
			code = !code;
		if (c < end && (*c != '|' || code || (c > s && c[-1] == '\\')))
			continue;
		if (cs->n == cs->cap) {
			cs->cap = cs->cap ? 2 * cs->cap : 16;
			cs->v = yoy_realloc(cs->v, cs->cap * sizeof(*cs->v));
		}
		cs->v[cs->n++] = add(m, tr, type, l->no);
		yoy_buf_puts(&cs->md, "<!---->\n");
		while (s < c && (*s == ' ' || *s == '\t'))
			s++;    /* never past the cell's end */
		yoy_buf_put(&cs->md, s, (size_t)(c - s));
		yoy_buf_puts(&cs->md, "\n\n");
		if (c >= end)
			break;
		s = c + 1;
	}
}

static int
is_sep(const struct line *l)
{
	return memchr(l->s, '-', l->len) != NULL &&
	    yoy_re_match(YOY_RE_MD_TABLESEP, l->s, l->len, NULL, 0) > 0;
}

/* A pipe table; its cells' markdown goes to cmark in one parse, each
 * cell after an HTML comment line that marks where it starts. */
static size_t
table(struct yoy_md *m, struct line *v, size_t n, size_t i)
{
	struct yoy_node *t = add(m, container(m, v[i].no), YOY_TABLE,
	    v[i].no);
	struct cells cs = { NULL, 0, 0, YOY_BUF_INIT };
	cmark_node *doc, *c;
	size_t k = 0;

	row(m, &v[i], add(m, t, YOY_TR, v[i].no), YOY_TH, &cs);
	for (i += 2; i < n && !blank_line(&v[i]) &&
	    memchr(v[i].s, '|', v[i].len); i++)
		if (!is_sep(&v[i]))
			row(m, &v[i], add(m, t, YOY_TR, v[i].no), YOY_TD, &cs);
	doc = parse(cs.md.ptr, cs.md.len, 0);
	for (c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK &&
		    strncmp(cmark_node_get_literal(c), "<!---->", 7) == 0)
			k++;
		else if (k > 0 && k <= cs.n)
			inline_block(m, c, cs.v[k - 1], cs.v[k - 1]->line);
	}
	parsed_done();
	free(cs.v);
	yoy_buf_free(&cs.md);
	return i;
}

/* "Term" then ": definition" (which may run on unindented), repeated. */
static size_t
deflist(struct yoy_md *m, struct line *v, size_t n, size_t i)
{
	struct yoy_node *dl = add(m, container(m, v[i - 1].no), YOY_DL,
	    v[i - 1].no);
	struct yoy_buf d = YOY_BUF_INIT;
	size_t ov[2];

	for (;;) {
		inline_md(m, v[i - 1].s, v[i - 1].len, add(m, dl, YOY_DT,
		    v[i - 1].no), v[i - 1].no);
		while (i < n && yoy_re_match(YOY_RE_MD_DLDEF, v[i].s, v[i].len,
		    ov, 2)) {
			unsigned at = v[i].no;

			d.len = 0;
			yoy_buf_put(&d, v[i].s + ov[1], v[i].len - ov[1]);
			for (i++; i < n && !blank_line(&v[i]) &&
			    !yoy_re_match(YOY_RE_MD_DLDEF, v[i].s, v[i].len,
			    NULL, 0); i++) {
				yoy_buf_putc(&d, '\n');
				yoy_buf_put(&d, v[i].s, v[i].len);
			}
			inline_md(m, d.ptr, d.len, add(m, dl, YOY_DD, at), at);
		}
		/* another term after a blank line continues the list */
		if (i + 2 < n && blank_line(&v[i]) && !blank_line(&v[i + 1]) &&
		    yoy_re_match(YOY_RE_MD_DLDEF, v[i + 2].s, v[i + 2].len,
		    NULL, 0)) {
			i += 2;
			continue;
		}
		break;
	}
	yoy_buf_free(&d);
	return i;
}

static void
add_fn(struct fns *f, const char *label, const char *file, unsigned line)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->v = yoy_realloc(f->v, f->cap * sizeof(*f->v));
	}
	f->v[f->n].label = label;
	f->v[f->n].file = file;
	f->v[f->n].line = line;
	f->n++;
}

/* "[^1]: text", its indented (or lazy) continuation lines. */
static size_t
footnote(struct yoy_md *m, struct line *v, size_t n, size_t i)
{
	struct yoy_buf d = YOY_BUF_INIT;
	struct yoy_node *note;
	size_t ov[4];
	unsigned at = v[i].no;

	yoy_re_match(YOY_RE_MD_FOOTDEF, v[i].s, v[i].len, ov, 4);
	note = add(m, container(m, at), YOY_NOTE, at);
	yoy_node_set(m->doc, note, "kind", "footnote");
	yoy_node_set(m->doc, note, "label", arena_str(m, v[i].s + ov[2],
	    ov[3] - ov[2]));
	add_fn(&m->defs, keep_str(m, v[i].s + ov[2], ov[3] - ov[2]), m->file,
	    at);
	yoy_buf_put(&d, v[i].s + ov[1], v[i].len - ov[1]);
	for (i++; i < n; i++) {
		const char *s = v[i].s;
		size_t skip = s[0] == '\t' ? 1 : strspn(s, " ") >= 4 ? 4 : 0;

		if (blank_line(&v[i])) {
			if (i + 1 < n && !blank_line(&v[i + 1]) &&
			    (v[i + 1].s[0] == '\t' ||
			    strspn(v[i + 1].s, " ") >= 4)) {
				yoy_buf_puts(&d, "\n");
				continue;
			}
			break;
		}
		if (skip == 0 && (yoy_re_match(YOY_RE_MD_FOOTDEF, s, v[i].len,
		    NULL, 0) || s[0] == '{' || s[0] == '#'))
			break;
		yoy_buf_putc(&d, '\n');
		yoy_buf_put(&d, s + skip, v[i].len - skip);
	}
	inline_md(m, d.ptr ? d.ptr : "", d.len, note, at);
	yoy_buf_free(&d);
	return i;
}

static void read_lines(struct yoy_md *, char *, size_t);

/* Pastes a partial's lines in; 0 (said why) when it cannot. */
static int
include(struct yoy_md *m, const char *path, size_t len, unsigned line)
{
	struct yoy_buf file = YOY_BUF_INIT, b = YOY_BUF_INIT;
	const char *slash, *saved = m->file;
	int ok = 0;

	if (m->o.include_dir == NULL) {
		yoy_diag(YOY_WARNING, m->file, line, 1, "'{include %.*s}' not "
		    "resolved (no --include-dir); kept as text", (int)len,
		    path);
		return 0;
	}
	if (m->includes >= MAX_INCLUDES) {
		yoy_diag(YOY_ERROR, m->file, line, 1, "'{include %.*s}' nested "
		    "more than %d deep; kept as text", (int)len, path,
		    MAX_INCLUDES);
		return 0;
	}
	/* the site's rule: {include dir/name.md} is partials/dir/_name.md */
	for (slash = path + len; slash > path && slash[-1] != '/'; slash--)
		;
	slash = slash > path ? slash - 1 : NULL;
	yoy_buf_printf(&file, "%s/%.*s_%.*s", m->o.include_dir,
	    slash ? (int)(slash - path + 1) : 0, path,
	    slash ? (int)(len - (size_t)(slash - path + 1)) : (int)len,
	    slash ? slash + 1 : path);
	if (access(file.ptr, R_OK) != 0) {
		file.len = 0;
		yoy_buf_printf(&file, "%s/%.*s", m->o.include_dir, (int)len,
		    path);
	}
	if (access(file.ptr, R_OK) != 0) {
		yoy_diag(YOY_ERROR, m->file, line, 1, "'{include %.*s}': no "
		    "such file in '%s'; kept as text", (int)len, path,
		    m->o.include_dir);
	} else if (yoy_buf_read_file(&b, file.ptr) == 0 &&
	    yoy_text_check(b.ptr, b.len, file.ptr) == 0) {
		ok = 1;
	}
	if (ok) {
		m->file = keep_str(m, file.ptr, file.len);
		m->includes++;
		flush_chunk(m);
		yoy_doc_adopt(m->doc, b.ptr);
		read_lines(m, b.ptr, b.len);
		flush_chunk(m);
		m->includes--;
		m->file = saved;
	} else {
		yoy_buf_free(&b);
	}
	yoy_buf_free(&file);
	return ok;
}

static void
push(struct yoy_md *m, enum frame_kind k, unsigned line)
{
	struct frame *f;

	if (m->nframes == MAX_FRAMES) {
		yoy_diag(YOY_FATAL, m->file, line, 1, "blocks nested more "
		    "than %d deep", MAX_FRAMES);
		return;
	}
	f = &m->frames[m->nframes++];
	f->kind = k;
	f->file = m->file;
	f->line = line;
	if (k == F_DEPARTMENT) {
		yoy_shape_end(&m->sh, YOY_DEPARTMENT);
		spill(m, 0);
	} else if (k == F_STATEMENT) {
		if (m->sh.dept == NULL) {
			yoy_diag(YOY_WARNING, m->file, line, 1, "statement "
			    "outside a department; its text stays where it is");
			return;
		}
		yoy_shape_statement(&m->sh, line);
	}
}

static void
pop(struct yoy_md *m, const char *what, unsigned line, int base)
{
	struct frame *f;

	if (m->nframes <= base) {
		yoy_diag(YOY_ERROR, m->file, line, 1, "'%s' closes nothing",
		    what);
		return;
	}
	f = &m->frames[--m->nframes];
	if (f->kind == F_DEPARTMENT) {
		yoy_shape_end(&m->sh, YOY_DEPARTMENT);
		spill(m, 0);
	} else if (f->kind == F_STATEMENT)
		yoy_shape_end(&m->sh, YOY_ENTRY);
}

static void
directive(struct yoy_md *m, struct line *l, size_t *ov, int base)
{
#define G(k) (ov[2 * (k)] != (size_t)-1)
#define S(k) (l->s + ov[2 * (k)])
#define N(k) (ov[2 * (k) + 1] - ov[2 * (k)])
	if (G(1)) {
		m->dr = 1;
	} else if (G(2)) {
		flush_chunk(m);
		pop(m, l->s + strspn(l->s, " \t"), l->no, base);
	} else if (G(3)) {
		flush_chunk(m);
		if (!include(m, S(3), N(3), l->no))
			chunk_add(m, l);
	} else if (G(4)) {
		enum frame_kind k = F_DIV;

		flush_chunk(m);
		if (m->dr && N(5) == 10 && memcmp(S(5), "department", 10) == 0)
			k = F_DEPARTMENT;
		else if (m->dr && N(5) == 9 && memcmp(S(5), "statement", 9) == 0)
			k = F_STATEMENT;
		push(m, k, l->no);
	} else if (G(9)) {
		m->toc = 1;
		flush_chunk(m);
	} else {
		/* furniture, attribute lists, options: nothing to keep */
		flush_chunk(m);
	}
#undef G
#undef S
#undef N
}

static void
read_lines(struct yoy_md *m, char *buf, size_t len)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0, i, ov[22];
	char *p = buf, *end = buf + len, *eol, *done = buf + 1;
	unsigned no = 0;
	int base = m->nframes, comment = 0;

	for (; p < end; p = eol + 1) {
		char *cr;

		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		/* a CR alone ends a line too, as CommonMark (and so cmark,
		 * and the locator of yoy-check) counts them */
		if ((cr = memchr(p, '\r', (size_t)(eol - p))) != NULL &&
		    cr + 1 < eol)
			eol = cr;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			v = yoy_realloc(v, cap * sizeof(*v));
		}
		v[n].s = p;
		v[n].len = (size_t)(eol - p);
		if (v[n].len && p[v[n].len - 1] == '\r')
			v[n].len--;
		v[n].s[v[n].len] = '\0';
		v[n].no = ++no;
		n++;
	}
	for (i = 0; i < n;) {
		struct line *l = &v[i];
		size_t lead = strspn(l->s, " \t");
		char c = l->s[lead];

		/* lines are copied or done with once read, but for the two
		 * before this one: the pages of the input and of the line
		 * records before them go */
		if (i >= 2 && (size_t)(v[i - 2].s - done) >= RELEASE) {
			yoy_buf_release(done, v[i - 2].s);
			yoy_buf_release((char *)v + 1, (char *)&v[i - 2]);
			done = v[i - 2].s;
		}

		if (comment) {
			if (c == '{' && strstr(l->s, "{:/comment}"))
				comment = 0;
			i++;
			continue;
		}
		if (c == '{' && yoy_re_match(YOY_RE_MD_DIRECTIVE, l->s, l->len,
		    ov, 22)) {
			if (ov[14] != (size_t)-1) {
				flush_chunk(m);
				comment = 1;
			} else {
				directive(m, l, ov, base);
			}
			i++;
			continue;
		}
		if (c == '<' && yoy_re_match(YOY_RE_MD_HTMLDIV, l->s, l->len,
		    ov, 4)) {
			flush_chunk(m);
			if (ov[3] > ov[2])
				pop(m, "</div>", l->no, base);
			else
				push(m, F_HTML, l->no);
			i++;
			continue;
		}
		if (c == '[' && lead == 0 && l->s[1] == '^' &&
		    yoy_re_match(YOY_RE_MD_FOOTDEF, l->s, l->len, NULL, 0)) {
			flush_chunk(m);
			i = footnote(m, v, n, i);
			continue;
		}
		if (c == ':' && lead == 0 && i > 0 && !blank_line(&v[i - 1]) &&
		    m->chunk.len && m->chunk_last_no == v[i - 1].no &&
		    (i < 2 || blank_line(&v[i - 2])) &&
		    yoy_re_match(YOY_RE_MD_DLDEF, l->s, l->len, NULL, 0)) {
			m->chunk.len = m->chunk_last;   /* the term */
			flush_chunk(m);
			i = deflist(m, v, n, i);
			continue;
		}
		if (i + 1 < n && memchr(l->s, '|', l->len) &&
		    memchr(v[i + 1].s, '|', v[i + 1].len) && is_sep(&v[i + 1]) &&
		    !is_sep(l)) {
			flush_chunk(m);
			i = table(m, v, n, i);
			continue;
		}
		chunk_add(m, l);
		i++;
	}
	flush_chunk(m);
	if (comment)
		yoy_diag(YOY_WARNING, m->file, 0, 0, "'{::comment}' never "
		    "closed; the rest of the file was a comment");
	while (m->nframes > base) {
		struct frame *f = &m->frames[m->nframes - 1];

		yoy_diag(YOY_ERROR, f->file, f->line, 1, "'%s' opened here "
		    "is never closed", f->kind == F_HTML ? "<div>" :
		    f->kind == F_DEPARTMENT ? "{div .department}" :
		    f->kind == F_STATEMENT ? "{div .statement}" : "{div}");
		pop(m, "", 0, base);
	}
	free(v);
}

/* ------------------------------------------------------------ the pass */

static int
inside(const struct yoy_node *n, enum yoy_type a, enum yoy_type b,
    enum yoy_type c)
{
	for (; n; n = n->parent)
		if (n->type == a || n->type == b || n->type == c)
			return 1;
	return 0;
}

/* Footnote references and bracketed editorial markers inside text. */
static struct yoy_node *
marks(struct yoy_md *m, struct yoy_node *t)
{
	size_t ov[6];
	struct yoy_node *x, *rest;

	if (memchr(t->text, '[', t->len) == NULL ||
	    inside(t, YOY_A, YOY_CODE, YOY_NOTE) ||
	    !yoy_re_match(YOY_RE_MD_BRACKET, t->text, t->len, ov, 6))
		return t;
	/* t = before | mark | after (the rest, looked at next) */
	rest = yoy_node_new(m->doc, YOY_TEXT);
	rest->text = arena_str(m, t->text + ov[1], t->len - ov[1]);
	rest->len = t->len - ov[1];
	yoy_node_insert_after(t, rest);
	if (ov[2] != (size_t)-1) {
		const char *label = arena_str(m, t->text + ov[2],
		    ov[3] - ov[2]);
		struct yoy_buf h = YOY_BUF_INIT;

		x = yoy_node_new(m->doc, YOY_SUP);
		yoy_node_insert_after(t, x);
		yoy_buf_printf(&h, "#fn:%s", label);
		yoy_node_set(m->doc, yoy_node_add(m->doc, x, YOY_A), "href",
		    h.ptr);
		yoy_buf_free(&h);
		yoy_node_add_text(m->doc, x->first, label, strlen(label), 1);
	} else {
		x = yoy_node_new(m->doc, YOY_NOTE);
		yoy_node_insert_after(t, x);
		yoy_node_set(m->doc, x, "kind", "editorial");
		yoy_node_add_text(m->doc, x, t->text + ov[4], ov[5] - ov[4], 0);
	}
	t->len = ov[0];
	((char *)t->text)[t->len] = '\0';
	return rest;
}

static int
fn_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fn *)a)->label,
	    ((const struct fn *)b)->label);
}

static void
check_footnotes(struct yoy_md *m)
{
	size_t i;

	if (m->defs.n)
		qsort(m->defs.v, m->defs.n, sizeof(struct fn), fn_cmp);
	for (i = 0; i < m->refs.n; i++)
		if (m->defs.n == 0 || bsearch(&m->refs.v[i], m->defs.v,
		    m->defs.n, sizeof(struct fn), fn_cmp) == NULL)
			yoy_diag(YOY_WARNING, m->refs.v[i].file,
			    m->refs.v[i].line, 0, "footnote '[^%s]' has no "
			    "definition", m->refs.v[i].label);
	for (i = 0; i + 1 < m->defs.n; i++)
		if (strcmp(m->defs.v[i].label, m->defs.v[i + 1].label) == 0)
			yoy_diag(YOY_WARNING, m->defs.v[i + 1].file,
			    m->defs.v[i + 1].line, 0, "footnote '[^%s]' is "
			    "defined twice", m->defs.v[i].label);
}

/* Paragraphs that are only a bracketed marker become notes. */
static void
marker_paragraph(struct yoy_md *m, struct yoy_node *p)
{
	struct yoy_buf t = YOY_BUF_INIT;
	struct yoy_node *c;
	size_t ov[4];
	int bracket = 0;

	for (c = p->first; c; c = yoy_node_walk(p, c))
		if (c->type == YOY_A || c->type == YOY_CODE)
			return;
		else if (c->type == YOY_TEXT && memchr(c->text, '[', c->len))
			bracket = 1;
	if (!bracket)
		return;
	yoy_node_text(p, &t);
	if (t.len && yoy_re_match(YOY_RE_MD_MARKER, t.ptr, t.len, ov, 4)) {
		while (p->first)
			yoy_node_unlink(p->first);
		p->type = YOY_NOTE;
		yoy_node_set(m->doc, p, "kind", "editorial");
		yoy_node_add_text(m->doc, p, t.ptr + ov[2], ov[3] - ov[2], 0);
	}
	yoy_buf_free(&t);
}

/* Whether text under `n` is code, left as it was written. */
static int
verbatim(const struct yoy_node *n)
{
	return n && (n->type == YOY_PRE || n->type == YOY_CODE);
}

/* The node after `n` and all it holds, within `root`. */
static struct yoy_node *
after(struct yoy_node *root, struct yoy_node *n)
{
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

/* Footnote references and editorial markers in `root`, a text node
 * (whose rest, split off, follows it) or all a node holds. */
static void
last_pass(struct yoy_md *m, struct yoy_node *root)
{
	struct yoy_node *n, *next;

	if (root->type == YOY_TEXT) {
		if (!verbatim(root->parent))
			marks(m, root);
		return;
	}
	for (n = root; n; n = next) {
		if (verbatim(n)) {      /* code is as it was written */
			next = after(root, n);
			continue;
		}
		if (n->type == YOY_P && n->line)
			marker_paragraph(m, n);
		if (n->type == YOY_TEXT && (next = marks(m, n)) != n)
			continue;   /* the rest of the text, next */
		next = yoy_node_walk(root, n);
	}
}

/* The open nodes, path[1] (a child of the body) down to path[k], k
 * returned: the innermost section and the sections around it, the
 * action, the department, the entry; path[0] is the body.  -1 when the
 * reader's pointers are not all on that line. */
static int
open_path(struct yoy_md *m, struct yoy_node **path, int max)
{
	struct yoy_node *body = m->doc->body, *deep, *n, *live[10];
	int k = 0, i, j, l;

	deep = m->sh.entry ? m->sh.entry : m->sh.dept ? m->sh.dept :
	    m->sh.action ? m->sh.action : section(m);
	for (n = deep; n != body; n = n->parent)
		if (n == NULL || ++k == max)
			return -1;
	for (n = deep, i = k; i >= 0; n = n->parent)
		path[i--] = n;
	for (l = 1, j = 0; l <= 6; l++)
		live[j++] = m->sect[l];
	live[j++] = m->sh.action;
	live[j++] = m->sh.dept;
	live[j++] = m->sh.entry;
	for (i = 0; i < j; i++) {
		for (l = 1; live[i] && l <= k && path[l] != live[i]; l++)
			;
		if (live[i] && l > k)
			return -1;
	}
	return k;
}

/* What the reader points to, in `from`, now its copy in `to`. */
static void
repoint(struct yoy_md *m, struct yoy_node **from, struct yoy_node **to,
    int k)
{
	struct yoy_node **live[9];
	int i, l, j = 0;

	for (l = 1; l <= 6; l++)
		live[j++] = &m->sect[l];
	live[j++] = &m->sh.action;
	live[j++] = &m->sh.dept;
	live[j++] = &m->sh.entry;
	for (i = 0; i < j; i++)
		for (l = 1; l <= k; l++)
			if (*live[i] == from[l])
				*live[i] = to[l];
}

/* yoy_node_normalize_child for `c`, whose start tag may be in the
 * stream: then it held a block, so what is left of it is normalized as
 * a block's children are, one by one. */
static void
normalize_part(struct yoy_md *m, struct yoy_node *c)
{
	struct yoy_node *n, *next;

	if (!yoy_xml_stream_opened(m->o.stream, c)) {
		yoy_node_normalize_child(c);
		return;
	}
	for (n = c->first; n; n = next) {
		next = n->next;
		normalize_part(m, n);
	}
}

/* Every node before `stop` among the children of `n` (all of them if
 * NULL): the last pass, normalization, out to the stream, unlinked. */
static void
spill_children(struct yoy_md *m, struct yoy_node *n, struct yoy_node *stop)
{
	struct yoy_node *c, *next;

	for (c = n->first; c != stop; c = c->next)
		last_pass(m, c);
	for (c = n->first; c != stop; c = next) {
		next = c->next;
		normalize_part(m, c);
	}
	for (c = n->first; c != stop; c = next) {
		next = c->next;
		if (yoy_xml_stream_put(m->o.stream, c) < 0)
			yoy_diag(YOY_FATAL, m->file, c->line, 0, "cannot "
			    "write the output: out of memory");
		yoy_node_unlink(c);
	}
}

/* When spilling, and the body's arena has grown by SPILL_AT (or when
 * forced): writes out what is finished, and moves what is not to a fresh
 * arena.  A node is opened (its start tag written) only once it holds a
 * block: then it will, and normalizing its children one by one is what
 * normalizing it does (else it stays whole, for later). */
static void
spill(struct yoy_md *m, int force)
{
	struct yoy_node *path[16], *copy[16], *n, *c;
	struct yoy_arena *old = m->work;
	int k, d, i;

	if (m->o.stream == NULL || (!force && yoy_arena_size(old) <
	    (m->o.stream_at ? m->o.stream_at : SPILL_AT)) ||
	    (k = open_path(m, path, 16)) < 0)
		return;
	for (d = 0; d <= k; d++) {
		n = path[d];
		if (d > 0 ? !yoy_xml_stream_opened(m->o.stream, n) :
		    !yoy_xml_stream_started(m->o.stream)) {
			if (!yoy_node_holds_block(n))
				break;
			if (d > 0 && yoy_xml_stream_open(m->o.stream, n) < 0)
				yoy_diag(YOY_FATAL, m->file, n->line, 0,
				    "cannot write the output: out of memory");
		}
		spill_children(m, n, d < k ? path[d + 1] : NULL);
	}
	/* to `fresh`: the open line, and what follows each node of it */
	yoy_doc_use_arena(m->doc, m->fresh);
	copy[0] = path[0];
	for (d = 1; d <= k; d++) {
		struct yoy_node *o = path[d];

		n = copy[d] = yoy_node_new(m->doc, o->type);
		for (i = 0; i < YOY_NATTR; i++)
			if (o->attr[i])
				n->attr[i] = arena_str(m, o->attr[i],
				    strlen(o->attr[i]));
		n->line = o->line;
		yoy_xml_stream_moved(m->o.stream, o, n);
	}
	for (d = 0; d <= k; d++) {
		/* the old nodes stay as they are until the reset */
		c = path[d]->first;
		if (d == 0)
			path[0]->first = path[0]->last = NULL;
		for (; c; c = c->next)
			if (d < k && c == path[d + 1])
				yoy_node_append(copy[d], copy[d + 1]);
			else
				yoy_node_copy(m->doc, copy[d], c);
	}
	repoint(m, path, copy, k);
	yoy_arena_reset(old);
	m->fresh = old;
	m->work = m->doc->arena;
}

/* ------------------------------------------------------------------ api */

struct yoy_md *
yoy_md_new(struct yoy_doc *doc, const struct yoy_md_opts *o)
{
	struct yoy_md *m = yoy_malloc(sizeof(*m));

	memset(m, 0, sizeof(*m));
	m->doc = doc;
	if (o)
		m->o = *o;
	m->keep = m->work = doc->arena;
	if (m->o.stream) {
		m->work = yoy_arena_scratch();
		yoy_doc_use_arena(doc, m->work);
		m->fresh = yoy_arena_scratch();
	}
	yoy_shape_init(&m->sh, doc, NULL, NULL);
	if (m->o.year)
		m->sh.year = m->o.year;
	return m;
}

int
yoy_md_add(struct yoy_md *m, char *buf, size_t len, const char *file)
{
	const char *name = yoy_diag_name(file);
	struct yoy_arena *was = keep(m);

	yoy_doc_adopt(m->doc, buf);
	yoy_doc_source(m->doc, "md", file);
	unkeep(m, was);
	if (yoy_text_check(buf, len, name) > 0)
		return -1;
	m->sh.file = m->file = keep_str(m, name, strlen(name));
	if (m->dr) {        /* a department response ends with its file */
		yoy_shape_end(&m->sh, YOY_ACTION);
		spill(m, 0);
	}
	m->dr = 0;          /* {{DEPARTMENTRESPONSE}} is per file */
	if (buf[strspn(buf, " \t\r\n")] == '\0')
		yoy_diag(YOY_WARNING, name, 0, 0, "no text in input");
	read_lines(m, buf, len);
	return 0;
}

int
yoy_md_finish(struct yoy_md *m)
{
	int l;

	for (l = 0; l <= 6; l++)
		m->sect[l] = NULL;
	yoy_shape_end(&m->sh, YOY_ACTION);
	spill(m, 1);
	last_pass(m, m->doc->body);
	yoy_doc_normalize(m->doc);
	if (m->work != m->keep) {
		yoy_doc_use_arena(m->doc, m->keep);
		if (m->doc->body->first)    /* not spilled: still in use */
			yoy_arena_join(m->keep, m->work);
		else
			yoy_arena_free(m->work);
		yoy_arena_free(m->fresh);
	}
	yoy_shape_free(&m->sh);
	if (cm_depth == 0) {
		yoy_arena_free(cm_arena);
		cm_arena = NULL;
	}
	check_footnotes(m);
	free(m->refs.v);
	free(m->defs.v);
	yoy_buf_free(&m->chunk);
	yoy_buf_free(&m->text);
	free(m);
	return 0;
}

const char *
yoy_cmark_version(void)
{
	return cmark_version_string();
}
