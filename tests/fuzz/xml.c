/* The canonical-XML reader, the rules of yoy-check in every format, and
 * the document compared with itself in every diff format. */
#include "fuzz.h"

static void
check_formats(const struct yoy_doc *d, const char *buf, size_t len)
{
	static const enum yoy_check_format formats[] = {
		YOY_CHECK_TEXT, YOY_CHECK_JUNIT, YOY_CHECK_SARIF
	};
	struct yoy_findings f = { NULL, 0, 0 };
	struct yoy_check_opts o;
	struct yoy_buf b = YOY_BUF_INIT;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.rules = (1u << YOY_RULE_N) - 1;
	o.previous = d;
	o.previous_name = "previous.xml";
	o.against = d;
	o.against_name = "against.xml";
	o.verbose = 1;
	yoy_check_doc(&f, "fuzz.xml", 0, buf, len, d, &o);
	yoy_check_sort(&f);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *p = NULL;
		size_t n = 0;
		FILE *out = open_memstream(&p, &n);

		if (out == NULL)
			abort();
		yoy_check_write(&f, out, formats[i], o.rules, YOY_ERROR);
		fclose(out);
		b.len = 0;
		yoy_buf_put(&b, p ? p : "", n);
		free(p);
		fuzz_check_report(&b, formats[i] == YOY_CHECK_JUNIT, NULL,
		    "a check report");
	}
	yoy_findings_free(&f);
	yoy_buf_free(&b);
}

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
		check_formats(d, in, size);
		memset(&o, 0, sizeof(o));
		fuzz_diff(d, NULL, d, NULL, &o, valid, NULL);
		o.years = 1;
		fuzz_diff(d, NULL, d, NULL, &o, valid, NULL);
		yoy_doc_free(d);
	}
	free(in);
	return 0;
}
