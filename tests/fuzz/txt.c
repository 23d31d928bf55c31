/* yoy-txt's reader, and its output's promise. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct yoy_doc *doc;

	fuzz_init("fuzz-txt");
	doc = yoy_doc_new();
	yoy_txt_read(doc, fuzz_copy(data, size), size, "fuzz.txt", NULL);
	fuzz_check_output(doc);
	yoy_doc_free(doc);
	return 0;
}
