/* yoy-txt's reader, its output's promise, and yoy-check's findings on
 * the text placed within it. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct yoy_doc *doc;

	fuzz_init("fuzz-txt");
	doc = yoy_doc_new();
	yoy_txt_read(doc, fuzz_copy(data, size), size, "fuzz.txt", NULL);
	fuzz_check_output(doc);
	fuzz_check_rules(doc, NULL, 0, (const char *)data, size, YOY_INPUT_TXT);
	yoy_doc_free(doc);
	return 0;
}
