/* test-validate FILE...: each canonical XML file validates against the
 * schema, reads back, and writes back to the very same bytes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/yoy.h"

static int
check(const char *path)
{
	struct yoy_buf in = YOY_BUF_INIT, out = YOY_BUF_INIT;
	struct yoy_doc *doc;
	FILE *f;
	int ok = 0;
	char chunk[65536];
	size_t n;

	if (yoy_buf_read_file(&in, path) < 0)
		return 0;
	if (yoy_xml_validate(in.ptr, in.len, path) < 0)
		goto done;
	if ((doc = yoy_xml_read(in.ptr, in.len, path)) == NULL)
		goto done;
	if ((f = tmpfile()) == NULL || yoy_xml_write(doc, f, NULL) < 0) {
		fprintf(stderr, "%s: cannot write back\n", path);
	} else {
		rewind(f);
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			yoy_buf_put(&out, chunk, n);
		/* goldens made with --sourcepos carry line="N": the writer
		 * without it must give the same bytes less those */
		ok = out.len == in.len && memcmp(out.ptr, in.ptr, in.len) == 0;
		if (!ok && strstr(in.ptr, " line=\"") != NULL) {
			struct yoy_write_opts o = { 1 };

			rewind(f);
			if (ftruncate(fileno(f), 0) == 0 &&
			    yoy_xml_write(doc, f, &o) == 0) {
				out.len = 0;
				rewind(f);
				while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
					yoy_buf_put(&out, chunk, n);
				ok = out.len == in.len &&
				    memcmp(out.ptr, in.ptr, in.len) == 0;
			}
		}
		if (!ok)
			fprintf(stderr, "%s: writing back changes the bytes\n",
			    path);
	}
	if (f)
		fclose(f);
	yoy_doc_free(doc);
done:
	yoy_buf_free(&in);
	yoy_buf_free(&out);
	return ok;
}

int
main(int argc, char **argv)
{
	int i, bad = 0;

	yoy_diag_init("test-validate");
	for (i = 1; i < argc; i++)
		if (!check(argv[i]))
			bad++;
	return bad ? 1 : 0;
}
