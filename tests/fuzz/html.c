/* yoy-html's reader, its output's promise, and yoy-check's findings on
 * the page placed within it. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct yoy_doc *doc;
	char *in;
	int item;

	fuzz_init("fuzz-html");
	doc = yoy_doc_new();
	in = fuzz_copy(data, size);
	/* as yoy-html reads it: JSON as a Content API item; takes `in` */
	if ((item = yoy_content_is_item(in, size)) != 0)
		yoy_content_read(doc, in, size, "fuzz.html", NULL);
	else
		yoy_html_read(doc, in, size, "fuzz.html", NULL);
	yoy_doc_normalize(doc);
	fuzz_check_output(doc);
	/* an item's body lines are not the file's: yoy-check places its
	 * findings by file alone */
	fuzz_check_rules(doc, NULL, 0, item ? NULL : (const char *)data, size,
	    YOY_INPUT_HTML);
	yoy_doc_free(doc);
	return 0;
}
