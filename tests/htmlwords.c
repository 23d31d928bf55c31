/* test-htmlwords MIN HTML XML [HTML XML ...]: the share of an HTML body's
 * words that reach its canonical XML is at least MIN percent.
 *
 * The HTML side is read independently of yoy-html: libxml2's tree parser,
 * every text node of the content (the .govspeak element when the page has
 * one, else the body) except script, style and the like, and the
 * boilerplate govuk-html.md §7 calls non-text.  Words are
 * compared as multisets after yoy_text_fold, so a word kept once where
 * the page has it twice counts once; headings that became attributes
 * (department names, entry labels, "Action N:") count as kept.  Prints
 * each file's share, and with HTMLWORDS_MISSING set the words missed. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "internal.h"

struct table {
	char **key;
	long *in, *out;
	size_t cap, n;
};

static size_t
hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static void
count(struct table *t, const char *s, size_t n, int side)
{
	size_t i;

	if (t->n * 2 >= t->cap) {
		struct table g = { NULL, NULL, NULL, t->cap ? t->cap * 2 : 1024,
		    0 };

		g.key = calloc(g.cap, sizeof(*g.key));
		g.in = calloc(g.cap, sizeof(*g.in));
		g.out = calloc(g.cap, sizeof(*g.out));
		for (i = 0; i < t->cap; i++) {
			size_t j;

			if (t->key[i] == NULL)
				continue;
			j = hash(t->key[i], strlen(t->key[i])) & (g.cap - 1);
			while (g.key[j])
				j = (j + 1) & (g.cap - 1);
			g.key[j] = t->key[i];
			g.in[j] = t->in[i];
			g.out[j] = t->out[i];
			g.n++;
		}
		free(t->key);
		free(t->in);
		free(t->out);
		*t = g;
	}
	i = hash(s, n) & (t->cap - 1);
	while (t->key[i] && (strlen(t->key[i]) != n ||
	    memcmp(t->key[i], s, n) != 0))
		i = (i + 1) & (t->cap - 1);
	if (t->key[i] == NULL) {
		t->key[i] = yoy_strndup(s, n);
		t->n++;
	}
	if (side)
		t->out[i]++;
	else
		t->in[i]++;
}

static void
words(struct table *t, struct yoy_buf *b, int side)
{
	size_t n = yoy_text_fold(b->ptr, b->len), i = 0, j;

	while (i < n) {
		for (j = i; j < n && b->ptr[j] != ' '; j++)
			;
		count(t, b->ptr + i, j - i, side);
		i = j + 1;
	}
	b->len = 0;
}

static int
has_class(xmlNodePtr x, const char *tok)
{
	xmlChar *c = xmlGetProp(x, BAD_CAST "class");
	const char *p;
	int yes = 0;

	for (p = (const char *)c; p && (p = strstr(p, tok)) != NULL;
	    p += strlen(tok))
		if ((p == (const char *)c || p[-1] == ' ') &&
		    (p[strlen(tok)] == '\0' || p[strlen(tok)] == ' '))
			yes = 1;
	xmlFree(c);
	return yes;
}

static int
skipped(xmlNodePtr x)
{
	static const char *const tags[] = { "script", "style", "noscript",
	    "template", "svg", "head", NULL };
	size_t i;

	for (i = 0; tags[i]; i++)
		if (xmlStrcasecmp(x->name, BAD_CAST tags[i]) == 0)
			return 1;
	/* boilerplate inside bodies (govuk-html.md §7): an attachment's
	 * "Request an accessible format" text and its thumbnail */
	return has_class(x, "accessibility-warning") ||
	    has_class(x, "attachment-thumb");
}

/* The content root: the first .govspeak, else the body. */
static xmlNodePtr
root(xmlDocPtr h)
{
	xmlNodePtr top = xmlDocGetRootElement(h), x = top, body = NULL;

	while (x) {
		if (x->type == XML_ELEMENT_NODE && has_class(x, "govspeak"))
			return x;
		if (x->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(x->name, BAD_CAST "body") == 0 && !body)
			body = x;
		if (x->children && x->type == XML_ELEMENT_NODE) {
			x = x->children;
			continue;
		}
		while (x && x->next == NULL)
			x = x->parent == (xmlNodePtr)h ? NULL : x->parent;
		if (x)
			x = x->next;
	}
	return body ? body : top;
}

/* Whether an element runs within text (no word boundary at its edges). */
static int
inline_element(xmlNodePtr x)
{
	static const char *const tags[] = { "a", "abbr", "acronym", "b",
	    "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font",
	    "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
	    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", NULL };
	size_t i;

	for (i = 0; tags[i]; i++)
		if (xmlStrcasecmp(x->name, BAD_CAST tags[i]) == 0)
			return 1;
	return 0;
}

static void
html_words(struct table *t, const char *path)
{
	xmlDocPtr h = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | XML_PARSE_HUGE);
	xmlNodePtr r = h ? root(h) : NULL, x = r;
	struct yoy_buf b = YOY_BUF_INIT;

	while (x) {
		int down = x->type == XML_ELEMENT_NODE && x->children &&
		    !skipped(x);

		if (x->type == XML_TEXT_NODE && x->content)
			yoy_buf_puts(&b, (const char *)x->content);
		else if (x->type == XML_ELEMENT_NODE && !inline_element(x))
			yoy_buf_putc(&b, ' ');
		if (down) {
			x = x->children;
			continue;
		}
		while (x && x != r && x->next == NULL) {
			x = x->parent;
			if (!inline_element(x))
				yoy_buf_putc(&b, ' ');
		}
		x = x == r ? NULL : x->next;
	}
	if (b.len)
		words(t, &b, 0);
	yoy_buf_free(&b);
	if (h)
		xmlFreeDoc(h);
}

static int
xml_words(struct table *t, const char *path)
{
	struct yoy_buf in = YOY_BUF_INIT, b = YOY_BUF_INIT;
	struct yoy_doc *d;

	if (yoy_buf_read_file(&in, path) < 0 ||
	    (d = yoy_xml_read(in.ptr, in.len, path)) == NULL)
		return -1;
	const struct yoy_node *n;

	yoy_node_text(d->body, &b);
	/* headings that became attributes are text kept */
	for (n = d->body; n; n = yoy_node_walk(d->body, n)) {
		if (n->type == YOY_ACTION)
			yoy_buf_printf(&b, " Action %s:", yoy_node_get(n, "n"));
		else if (n->type == YOY_DEPARTMENT)
			yoy_buf_printf(&b, " %s", yoy_node_get(n, "name"));
		else if (n->type == YOY_ENTRY && yoy_node_get(n, "label"))
			yoy_buf_printf(&b, " %s", yoy_node_get(n, "label"));
	}
	if (b.len)
		words(t, &b, 1);
	yoy_buf_free(&b);
	yoy_buf_free(&in);
	yoy_doc_free(d);
	return 0;
}

int
main(int argc, char **argv)
{
	double min;
	int i, bad = 0;

	if (argc < 4 || argc % 2) {
		fprintf(stderr, "usage: test-htmlwords MIN HTML XML ...\n");
		return 2;
	}
	yoy_diag_init("test-htmlwords");
	yoy_xml_errors_init();
	min = atof(argv[1]);
	for (i = 2; i + 1 < argc; i += 2) {
		struct table t = { NULL, NULL, NULL, 0, 0 };
		long total = 0, kept = 0;
		size_t k;

		html_words(&t, argv[i]);
		if (xml_words(&t, argv[i + 1]) < 0)
			return 2;
		for (k = 0; k < t.cap; k++) {
			if (t.key[k] == NULL)
				continue;
			total += t.in[k];
			kept += t.in[k] < t.out[k] ? t.in[k] : t.out[k];
			if (getenv("HTMLWORDS_MISSING") && t.in[k] > t.out[k])
				printf("  missing %ld× '%s'\n", t.in[k] -
				    t.out[k], t.key[k]);
			free(t.key[k]);
		}
		free(t.key);
		free(t.in);
		free(t.out);
		printf("%6.2f%% of %6ld words  %s\n", total ? 100.0 * kept /
		    total : 100.0, total, argv[i]);
		if (total == 0 || 100.0 * kept < min * total)
			bad++;
	}
	return bad ? 1 : 0;
}
