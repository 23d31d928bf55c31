/* The canonical-XML reader, the rules of yoy-check in every format, and
 * the document compared with itself in every diff format. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct yoy_diff_opts o;
	struct yoy_doc *d;
	char *in;

	fuzz_init("fuzz-xml");
	in = fuzz_copy(data, size);
	if ((d = yoy_xml_read(in, size, "fuzz.xml")) != NULL) {
		/* valid canonical XML in: the same out (the reader takes
		 * documents the schema would not, for yoy-check to say why) */
		int valid = yoy_xml_validate(in, size, "fuzz.xml") == 0;

		if (valid) {
			yoy_diag_init("fuzz-xml");
			fuzz_check_output(d);
		}
		fuzz_check_rules(d, in, size, NULL, 0, YOY_INPUT_XML);
		memset(&o, 0, sizeof(o));
		fuzz_diff(d, NULL, d, NULL, &o, valid, NULL);
		o.years = 1;
		fuzz_diff(d, NULL, d, NULL, &o, valid, NULL);
		yoy_doc_free(d);
	}
	free(in);
	return 0;
}
