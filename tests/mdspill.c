/* test-mdspill [-I DIR] [--each] FILE...: spilling changes nothing.  The
 * files are read as one document three times: once keeping the whole
 * tree, as the library's other users do; once spilling what is finished
 * as it is read, as yoy-md does; and once spilling at every chance (not
 * only every 128 KB), down to each open section, action, department and
 * entry.  All must write the very same bytes, and the spilling readers
 * must have spilled: their tree's body is empty at the end.  With
 * --each, each file is a document of its own.
 * Prints one line per document; exit 1 on a mismatch.  The reader's own
 * diagnostics go to standard error, twice. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The files read as one document, spilling or not, written into `out`;
 * *state says where the body went: 1 it holds nodes, 2 it was spilled,
 * 3 both, 0 neither.  -1 on trouble. */
static int
convert(char **files, int n, const char *include_dir, int spill,
    struct yoy_buf *out, int *state)
{
	struct yoy_md_opts o = { NULL, NULL, NULL, 0 };
	struct yoy_doc *doc = yoy_doc_new();
	struct yoy_md *md;
	int i, rc = 0;

	o.include_dir = include_dir;
	o.stream = spill ? yoy_xml_stream_new(NULL) : NULL;
	o.stream_at = spill == 2 ? 1 : 0;
	md = yoy_md_new(doc, &o);
	for (i = 0; i < n; i++) {
		struct yoy_buf b = YOY_BUF_INIT;

		if (yoy_buf_read_file(&b, files[i]) < 0) {
			rc = -1;
			break;
		}
		yoy_md_add(md, b.ptr, b.len, files[i]);
	}
	yoy_md_finish(md);
	*state = (doc->body->first != NULL) |
	    (o.stream && yoy_xml_stream_started(o.stream)) << 1;
	if (rc == 0)
		rc = o.stream ? yoy_xml_stream_write_buf(o.stream, doc, out) :
		    yoy_xml_write_buf(doc, out, NULL);
	yoy_xml_stream_free(o.stream);
	yoy_doc_free(doc);
	return rc;
}

static int
check(char **files, int n, const char *include_dir)
{
	struct yoy_buf whole = YOY_BUF_INIT, spilt = YOY_BUF_INIT;
	int s0, s1, mode, ok;

	if (!(ok = convert(files, n, include_dir, 0, &whole, &s0) == 0))
		printf("FAIL %s: cannot convert\n", files[0]);
	for (mode = 1; ok && mode <= 2; mode++) {
		if (convert(files, n, include_dir, mode, &spilt, &s1) != 0) {
			printf("FAIL %s: cannot convert\n", files[0]);
			ok = 0;
		} else if (whole.len != spilt.len ||
		    memcmp(whole.ptr, spilt.ptr, whole.len) != 0) {
			size_t i = 0;

			while (i < whole.len && i < spilt.len &&
			    whole.ptr[i] == spilt.ptr[i])
				i++;
			printf("FAIL %s%s: spilling%s writes other bytes, "
			    "from byte %zu\n", files[0], n > 1 ?
			    " (and the rest)" : "", mode == 2 ?
			    " at every chance" : "", i);
			ok = 0;
		} else if (s0 > 1 || s1 != 2 * s0) {
			printf("FAIL %s: the body was %s\n", files[0],
			    s0 > 1 ? "spilled without asking" :
			    "not spilled whole");
			ok = 0;
		}
	}
	if (ok)
		printf("ok %s%s: %zu bytes\n", files[0],
		    n > 1 ? " (and the rest)" : "", whole.len);
	yoy_buf_free(&whole);
	yoy_buf_free(&spilt);
	return ok;
}

int
main(int argc, char **argv)
{
	const char *include_dir = NULL;
	int i = 1, each = 0, bad = 0;

	yoy_diag_init("test-mdspill");
	yoy_xml_errors_init();
	if (yoy_registry_load(NULL) < 0)
		return 2;
	for (; i < argc && argv[i][0] == '-'; i++)
		if (strcmp(argv[i], "-I") == 0 && i + 1 < argc)
			include_dir = argv[++i];
		else if (strcmp(argv[i], "--each") == 0)
			each = 1;
	if (i == argc) {
		fputs("usage: test-mdspill [-I DIR] [--each] FILE...\n", stderr);
		return 2;
	}
	if (each)
		for (; i < argc; i++)
			bad += !check(argv + i, 1, include_dir);
	else
		bad += !check(argv + i, argc - i, include_dir);
	yoy_registry_free();
	return bad ? 1 : 0;
}
