/* test-txtlines FILE [ENTRIES]: converts FILE with yoy-txt's reader and
 * proves that no line was lost: every non-blank line of the source is
 * claimed by a node of the document, and a line that became text (a
 * paragraph, title, item, cell, label) holds exactly the line's words.
 * With ENTRIES, the document has that many entries, each keyed uniquely
 * by action, department, kind and year. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct claim {
	struct yoy_buf text;
	int structural;     /* action, department, date: existence only */
	int claimed;
};

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
claim(struct claim *c, const char *s, size_t n)
{
	c->claimed = 1;
	if (n == 0)
		return;
	if (c->text.len)
		yoy_buf_putc(&c->text, ' ');
	yoy_buf_put(&c->text, s, n);
}

/* The words of a source line as the document should hold them. */
static void
words(char *s, size_t *len)
{
	size_t i;
	const char *marks[] = { "\xe2\x80\xa2 ", "- ", "* ", "+ ",
	    "\xc2\xb7 ", NULL };
	int k;

	*len = yoy_text_fold(s, *len);
	s[*len] = '\0';
	for (k = 0; marks[k]; k++)
		if (strncmp(s, marks[k], strlen(marks[k])) == 0) {
			memmove(s, s + strlen(marks[k]), *len -
			    strlen(marks[k]) + 1);
			*len -= strlen(marks[k]);
			break;
		}
	if (memchr(s, '|', *len)) {
		for (i = 0; i < *len; i++)
			if (s[i] == '|')
				s[i] = ' ';
		*len = yoy_text_fold(s, *len);
		s[*len] = '\0';
	}
}

int
main(int argc, char **argv)
{
	struct yoy_buf src = YOY_BUF_INIT, copy = YOY_BUF_INIT;
	struct yoy_buf key = YOY_BUF_INIT;
	struct yoy_doc *doc = yoy_doc_new();
	struct claim *cl;
	struct yoy_node *n;
	unsigned nlines = 1, line;
	size_t i, entries = 0;
	char *p, *eol;
	int bad = 0;

	yoy_diag_init("test-txtlines");
	yoy_xml_errors_init();
	if (argc < 2 || yoy_buf_read_file(&src, argv[1]) < 0)
		return 2;
	yoy_buf_put(&copy, src.ptr, src.len);
	for (i = 0; i < src.len; i++)
		nlines += src.ptr[i] == '\n';
	cl = calloc(nlines + 1, sizeof(*cl));
	if (yoy_txt_read(doc, yoy_strndup(src.ptr, src.len), src.len,
	    argv[1], NULL) < 0)
		return 2;
	for (n = doc->root; n; n = yoy_node_walk(doc->root, n)) {
		struct yoy_buf t = YOY_BUF_INIT;

		if (n->line == 0 || n->line > nlines)
			continue;
		switch (n->type) {
		case YOY_ACTION: case YOY_DEPARTMENT: case YOY_DATE:
			cl[n->line].structural = cl[n->line].claimed = 1;
			break;
		case YOY_ENTRY:
			claim(&cl[n->line], yoy_node_get(n, "label"),
			    strlen(yoy_node_get(n, "label")));
			yoy_buf_printf(&key, "%s/%s/%s/%s\n",
			    yoy_node_get(n->parent->parent, "n"),
			    yoy_node_get(n->parent, "id"),
			    yoy_node_get(n, "kind"), yoy_node_get(n, "year"));
			entries++;
			break;
		case YOY_P: case YOY_TITLE: case YOY_LI: case YOY_TD:
		case YOY_TYPE: case YOY_NOTICE:
			yoy_node_text(n, &t);
			claim(&cl[n->line], t.ptr ? t.ptr : "", t.len);
			break;
		default:
			break;
		}
		yoy_buf_free(&t);
	}
	for (p = copy.ptr, line = 1; p < copy.ptr + copy.len; p = eol + 1,
	    line++) {
		size_t len;

		if ((eol = memchr(p, '\n', copy.len - (size_t)(p - copy.ptr)))
		    == NULL)
			eol = copy.ptr + copy.len;
		len = (size_t)(eol - p);
		words(p, &len);
		if (len == 0)
			continue;
		if (!cl[line].claimed) {
			fprintf(stderr, "%s:%u: line dropped: %s\n", argv[1],
			    line, p);
			bad++;
		} else if (cl[line].structural && cl[line].text.len == 0) {
			continue;
		} else if (cl[line].structural) {
			/* "Action 2: title": the title ends the line */
			size_t t = cl[line].text.len;

			if (t > len || strcmp(p + len - t, cl[line].text.ptr)) {
				fprintf(stderr, "%s:%u: title differs: %s\n",
				    argv[1], line, cl[line].text.ptr);
				bad++;
			}
		} else if (strcmp(p, cl[line].text.ptr) != 0) {
			fprintf(stderr, "%s:%u: text differs:\n  source: %s\n"
			    "  output: %s\n", argv[1], line, p,
			    cl[line].text.ptr);
			bad++;
		}
	}
	if (argc > 2) {
		/* unique keys: sort the lines and look for neighbours */
		char **v = calloc(entries + 1, sizeof(*v));
		size_t k = 0;

		for (p = strtok(key.ptr ? key.ptr : (char *)"", "\n"); p;
		    p = strtok(NULL, "\n"))
			v[k++] = p;
		qsort(v, k, sizeof(*v), cmp);
		for (i = 1; i < k; i++)
			if (strcmp(v[i - 1], v[i]) == 0) {
				fprintf(stderr, "%s: duplicate key %s\n",
				    argv[1], v[i]);
				bad++;
			}
		if (entries != (size_t)atol(argv[2])) {
			fprintf(stderr, "%s: %zu entries, expected %s\n",
			    argv[1], entries, argv[2]);
			bad++;
		}
		free(v);
	}
	for (i = 0; i <= nlines; i++)
		yoy_buf_free(&cl[i].text);
	free(cl);
	yoy_buf_free(&src);
	yoy_buf_free(&copy);
	yoy_buf_free(&key);
	yoy_doc_free(doc);
	return bad ? 1 : 0;
}
