/* yoy-diff's comparison of two documents (the input cut in two at its
 * first NUL byte): every format checked, and the lazy reading of files
 * giving what the whole reading gives. */
#include <unistd.h>

#include "fuzz.h"

static char *
temp(const char *s, size_t len)
{
	static char name[2][64];
	static int k;
	char *p = name[k++ & 1];
	FILE *f;

	snprintf(p, 64, "/tmp/yoy-fuzz-diff-%ld-%d.xml", (long)getpid(), k & 1);
	if ((f = fopen(p, "w")) == NULL || fwrite(s, 1, len, f) != len ||
	    fclose(f) != 0)
		abort();
	return p;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const unsigned char *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size, ny;
	struct yoy_buf whole = YOY_BUF_INIT, lazy = YOY_BUF_INIT;
	struct yoy_doc *a, *b, *la = NULL, *lb = NULL;
	struct yoy_lazy *ta = NULL, *tb = NULL;
	struct yoy_diff_opts o;
	char *x, *y;

	fuzz_init("fuzz-diff");
	ny = nul ? size - n - 1 : 0;
	x = fuzz_copy(data, n);
	y = fuzz_copy(nul ? nul + 1 : data, ny);
	a = yoy_xml_read(x, n, "old.xml");
	b = yoy_xml_read(y, ny, "new.xml");
	memset(&o, 0, sizeof(o));
	if (a && b) {
		int valid = yoy_xml_validate(x, n, "old.xml") == 0 &&
		    yoy_xml_validate(y, ny, "new.xml") == 0;

		fuzz_diff(a, NULL, b, NULL, &o, valid, &whole);
		la = yoy_xml_read_lazy(temp(x, n), &ta);
		lb = yoy_xml_read_lazy(temp(y, ny), &tb);
		if (la == NULL || lb == NULL)
			fuzz_fail("read whole, not lazily", NULL);
		fuzz_diff(la, ta, lb, tb, &o, valid, &lazy);
		/* (of documents the schema takes: the reader takes more,
		 * an entry inside a paragraph, and reads it either way) */
		if (valid && (whole.len != lazy.len ||
		    memcmp(whole.ptr, lazy.ptr, whole.len) != 0))
			fuzz_fail("lazy reading, another diff", &lazy);
		o.ignore_typography = 1;
		fuzz_diff(a, NULL, b, NULL, &o, valid, NULL);
	}
	yoy_doc_free(a);
	yoy_doc_free(b);
	yoy_doc_free(la);
	yoy_doc_free(lb);
	yoy_lazy_free(ta);
	yoy_lazy_free(tb);
	yoy_buf_free(&whole);
	yoy_buf_free(&lazy);
	free(x);
	free(y);
	return 0;
}
