/* yoy-md's reader, and its output's promise; streamed as yoy-md writes
 * it (each finished part at once), the same bytes as the whole tree;
 * yoy-check's findings on the markdown placed within it. */
#include "fuzz.h"

static int
convert(const unsigned char *data, size_t size, int spill,
    struct yoy_buf *out)
{
	struct yoy_md_opts o;
	struct yoy_doc *doc;
	struct yoy_md *md;
	int status;

	fuzz_init("fuzz-md");
	memset(&o, 0, sizeof(o));
	if (spill) {
		o.stream = yoy_xml_stream_new(NULL);
		o.stream_at = 1;
	}
	doc = yoy_doc_new();
	md = yoy_md_new(doc, &o);
	yoy_md_add(md, fuzz_copy(data, size), size, "fuzz.md");
	yoy_md_finish(md);
	if (!spill) {
		fuzz_check_output(doc);
		fuzz_check_rules(doc, NULL, 0, (const char *)data, size,
		    YOY_INPUT_MD);
	}
	status = yoy_diag_status();
	if (status < 2 && (o.stream ? yoy_xml_stream_write_buf(o.stream, doc,
	    out) : yoy_xml_write_buf(doc, out, NULL)) < 0)
		fuzz_fail("the writer failed", out);
	yoy_xml_stream_free(o.stream);
	yoy_doc_free(doc);
	return status;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct yoy_buf whole = YOY_BUF_INIT, spilt = YOY_BUF_INIT;
	int a = convert(data, size, 0, &whole), b = convert(data, size, 1,
	    &spilt);

	if (a != b)
		fuzz_fail("streamed, another exit status", NULL);
	if (a < 2 && (whole.len != spilt.len ||
	    memcmp(whole.ptr, spilt.ptr, whole.len) != 0))
		fuzz_fail("streamed, other bytes", &spilt);
	yoy_buf_free(&whole);
	yoy_buf_free(&spilt);
	return 0;
}
