/* test-mdstatements FILE...: for each department-response markdown file,
 * reads the departments and statements straight from the source lines
 * ({div .department}, its ## heading, {div .statement} … {/div}) and
 * checks that yoy's markdown reader keeps exactly those: the same
 * departments in the same order (each resolved through the registry) and
 * one entry per statement holding the statement's words, link text kept
 * and link targets gone.  Prints one line per file; exit 1 on a mismatch. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct stmt {
	char *dept;
	struct yoy_buf text;
};

static int
is(const char *line, const char *directive)
{
	line += strspn(line, " \t");
	return strncmp(line, directive, strlen(directive)) == 0;
}

/* Markdown links to their text: "[a](u)" -> "a"; words single-spaced. */
static void
words(const char *s, struct yoy_buf *out)
{
	struct yoy_buf b = YOY_BUF_INIT;
	size_t i;

	for (i = 0; s[i]; i++) {
		size_t t = strcspn(s + i + 1, "[]");
		const char *close = s + i + 1 + t, *e;

		/* "[text](url)": the text, not the brackets or the url */
		if (s[i] == '[' && close[0] == ']' && close[1] == '(' &&
		    (e = strchr(close, ')')) != NULL) {
			yoy_buf_put(&b, s + i + 1, t);
			i = (size_t)(e - s);
			continue;
		}
		yoy_buf_putc(&b, s[i]);
	}
	out->len = 0;
	if (b.ptr) {
		b.len = yoy_text_fold(b.ptr, b.len);
		yoy_buf_put(out, b.ptr, b.len);
	}
	yoy_buf_puts(out, "");
	yoy_buf_free(&b);
}

static int
check(const char *path)
{
	struct yoy_buf src = YOY_BUF_INIT, xml = YOY_BUF_INIT;
	struct yoy_buf want = YOY_BUF_INIT, got = YOY_BUF_INIT;
	struct stmt *st = NULL;
	size_t n = 0, i = 0;
	char *line, *save = NULL, *dept = NULL, *copy;
	struct yoy_doc *doc, *back;
	struct yoy_md *md;
	struct yoy_node *d, *e;
	int in_stmt = 0, bad = 0;

	if (yoy_buf_read_file(&src, path) < 0)
		return 1;
	/* the source's own account, line by line */
	copy = yoy_strndup(src.ptr, src.len);
	for (line = strtok_r(copy, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		line[strcspn(line, "\r")] = '\0';
		if (is(line, "{div .department}")) {
			dept = NULL;
		} else if (!in_stmt && line[0] == '#' && line[1] == '#') {
			dept = line + strspn(line, "#");
		} else if (is(line, "{div .statement}")) {
			st = yoy_realloc(st, (n + 1) * sizeof(*st));
			st[n].dept = dept;
			memset(&st[n].text, 0, sizeof(st[n].text));
			yoy_buf_puts(&st[n].text, "");
			n++;
			in_stmt = 1;
		} else if (in_stmt && is(line, "{/div}")) {
			in_stmt = 0;
		} else if (in_stmt) {
			yoy_buf_puts(&st[n - 1].text, line);
			yoy_buf_putc(&st[n - 1].text, ' ');
		}
	}
	/* yoy's account, written and read back as canonical XML */
	doc = yoy_doc_new();
	md = yoy_md_new(doc, NULL);
	yoy_md_add(md, src.ptr, src.len, path);
	yoy_md_finish(md);
	if (yoy_xml_write_buf(doc, &xml, NULL) < 0) {
		fprintf(stderr, "%s: cannot write\n", path);
		return 1;
	}
	back = yoy_xml_read(xml.ptr, xml.len, path);
	for (d = back ? back->body->first : NULL; d; d = d->next) {
		struct yoy_node *a = d;

		if (a->type != YOY_ACTION)
			continue;
		for (d = a->first; d; d = d->next) {
			const struct yoy_dept *r;

			if (d->type != YOY_DEPARTMENT)
				continue;
			for (e = d->first; e; e = e->next, i++) {
				if (i >= n) {
					fprintf(stderr, "%s: entry %zu of '%s' "
					    "is not in the source\n", path,
					    i + 1, yoy_node_get(d, "id"));
					bad = 1;
					continue;
				}
				r = st[i].dept ? yoy_registry_find(st[i].dept,
				    strlen(st[i].dept)) : NULL;
				if (r == NULL || strcmp(r->id,
				    yoy_node_get(d, "id")) != 0) {
					fprintf(stderr, "%s: statement %zu: "
					    "department '%s', source says "
					    "'%s'\n", path, i + 1,
					    yoy_node_get(d, "id"),
					    st[i].dept ? st[i].dept : "-");
					bad = 1;
				}
				words(st[i].text.ptr, &want);
				got.len = 0;
				yoy_node_text(e, &got);
				yoy_buf_puts(&got, "");
				if (strcmp(want.ptr, got.ptr) != 0) {
					fprintf(stderr, "%s: statement %zu of "
					    "'%s' differs:\n  source: %s\n  "
					    "yoy:    %s\n", path, i + 1,
					    yoy_node_get(d, "id"), want.ptr,
					    got.ptr);
					bad = 1;
				}
			}
		}
		d = a;
	}
	if (i != n) {
		fprintf(stderr, "%s: %zu statements in the source, %zu "
		    "entries\n", path, n, i);
		bad = 1;
	}
	printf("%s: %zu statements%s\n", path, n, bad ? " MISMATCH" : "");
	for (i = 0; i < n; i++)
		yoy_buf_free(&st[i].text);
	free(st);
	free(copy);
	yoy_doc_free(doc);
	yoy_doc_free(back);
	yoy_buf_free(&xml);
	yoy_buf_free(&want);
	yoy_buf_free(&got);
	return bad;
}

int
main(int argc, char **argv)
{
	int i, bad = 0;

	yoy_diag_init("test-mdstatements");
	yoy_xml_errors_init();
	if (yoy_registry_load(NULL) < 0)
		return 2;
	for (i = 1; i < argc; i++)
		bad |= check(argv[i]);
	yoy_registry_free();
	return bad;
}
