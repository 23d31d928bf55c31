/* yoy-html's reader, and its output's promise. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct yoy_doc *doc;
	char *in;

	fuzz_init("fuzz-html");
	doc = yoy_doc_new();
	in = fuzz_copy(data, size);
	yoy_html_read(doc, in, size, "fuzz.html", NULL);     /* takes `in` */
	yoy_doc_normalize(doc);
	fuzz_check_output(doc);
	yoy_doc_free(doc);
	return 0;
}
