/* test-validate FILE...: each canonical XML file validates against the
 * schema, reads back (from memory, streamed from the file, and lazily
 * with every entry then read), and writes back to the very same bytes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static int
same(const struct yoy_buf *a, const struct yoy_buf *b)
{
	return a->len == b->len && memcmp(a->ptr, b->ptr, a->len) == 0;
}

/* Reads `path` lazily, then each lazy entry: it must be `full` again,
 * node for node, lines included.  Where the file has an entry with
 * content, at least one entry must have been lazy. */
static int
lazy_same(const char *path, const struct yoy_doc *full, const char *bytes)
{
	struct yoy_lazy *t;
	struct yoy_doc *d = yoy_xml_read_lazy(path, &t);
	const struct yoy_node *a, *b;
	size_t lazy = 0, n, at = 0;
	long i;
	int ok = d != NULL;

	for (b = d ? d->root : NULL; b; b = yoy_node_walk(d->root, b))
		if ((i = yoy_lazy_find(t, b, &at)) >= 0 &&
		    yoy_lazy_bytes(t, (size_t)i, &n) != NULL) {
			lazy++;
			if (yoy_lazy_expand(t, (size_t)i) < 0)
				ok = 0;
		}
	for (a = full->root, b = d ? d->root : NULL; ok && (a || b);
	    a = yoy_node_walk(full->root, a), b = yoy_node_walk(d->root, b))
		if (!a || !b || a->type != b->type || a->xml_line != b->xml_line ||
		    a->len != b->len || (a->len && memcmp(a->text, b->text, a->len))) {
			fprintf(stderr, "%s: read lazily, the node of line %u "
			    "differs\n", path, a ? a->xml_line : b->xml_line);
			ok = 0;
		}
	if (ok && lazy == 0 && strstr(bytes, "</entry>")) {
		fprintf(stderr, "%s: no entry was read lazily\n", path);
		ok = 0;
	}
	yoy_doc_free(d);
	yoy_lazy_free(t);
	return ok;
}

static int
check(const char *path)
{
	struct yoy_buf in = YOY_BUF_INIT, out = YOY_BUF_INIT,
	    streamed = YOY_BUF_INIT;
	struct yoy_write_opts plain = { 0 }, lines = { 1 };
	const struct yoy_write_opts *o = &plain;
	struct yoy_doc *doc = NULL, *doc2 = NULL;
	int ok = 0;

	if (yoy_buf_read_file(&in, path) < 0)
		return 0;
	if (yoy_xml_validate(in.ptr, in.len, path) < 0)
		goto done;
	if ((doc = yoy_xml_read(in.ptr, in.len, path)) == NULL ||
	    (doc2 = yoy_xml_read_file(path)) == NULL)
		goto done;
	/* goldens made with --sourcepos carry line="N": the writer with it
	 * must give the same bytes */
	if (yoy_xml_write_buf(doc, &out, o) < 0 || (!same(&out, &in) &&
	    strstr(in.ptr, " line=\"") != NULL &&
	    yoy_xml_write_buf(doc, &out, o = &lines) < 0) ||
	    yoy_xml_write_buf(doc2, &streamed, o) < 0) {
		fprintf(stderr, "%s: cannot write back\n", path);
		goto done;
	}
	if (!(ok = same(&out, &in)))
		fprintf(stderr, "%s: writing back changes the bytes\n", path);
	else if (!(ok = same(&streamed, &in)))
		fprintf(stderr, "%s: read streamed, it writes back other "
		    "bytes\n", path);
	else
		ok = lazy_same(path, doc2, in.ptr);
done:
	yoy_doc_free(doc);
	yoy_doc_free(doc2);
	yoy_buf_free(&in);
	yoy_buf_free(&out);
	yoy_buf_free(&streamed);
	return ok;
}

int
main(int argc, char **argv)
{
	int i, bad = 0;

	yoy_diag_init("test-validate");
	yoy_xml_errors_init();
	for (i = 1; i < argc; i++)
		if (!check(argv[i]))
			bad++;
	return bad ? 1 : 0;
}
