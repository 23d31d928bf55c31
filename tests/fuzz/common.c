/* What the fuzz targets share (fuzz.h says what each function does). */
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "fuzz.h"

void
fuzz_init(const char *name)
{
	static int done;

	if (!done) {
		yoy_xml_errors_init();
		if (yoy_registry_load(NULL) < 0)
			abort();
		done = 1;
	}
	yoy_diag_init(name);
}

/* A malloc'd, NUL-terminated copy (readers may adopt it). */
char *
fuzz_copy(const unsigned char *data, size_t size)
{
	char *p = yoy_malloc(size + 1);

	memcpy(p, data, size);
	p[size] = '\0';
	return p;
}

void
fuzz_fail(const char *what, const struct yoy_buf *out)
{
	fprintf(stderr, "fuzz: broken promise: %s\n", what);
	if (out && out->ptr)
		fwrite(out->ptr, 1, out->len, stderr);
	abort();
}

/* The converter's promise, for `doc` as it stands after a conversion
 * that said no fatal error. */
void
fuzz_check_output(const struct yoy_doc *doc)
{
	struct yoy_buf out = YOY_BUF_INIT, again = YOY_BUF_INIT;
	struct yoy_doc *back;
	const char *why;

	if (yoy_diag_status() == 2)
		return;                 /* trouble: no output is promised */
	if (yoy_xml_write_buf(doc, &out, NULL) < 0)
		fuzz_fail("the writer failed", &out);
	if (yoy_pattern_utf8_error(out.ptr, out.len, &why) >= 0)
		fuzz_fail("output is not UTF-8", &out);
	if (yoy_xml_validate(out.ptr, out.len, "<output>") < 0)
		fuzz_fail("output is not valid canonical XML", &out);
	if ((back = yoy_xml_read(out.ptr, out.len, "<output>")) == NULL)
		fuzz_fail("output does not read back", &out);
	if (yoy_xml_write_buf(back, &again, NULL) < 0 || again.len != out.len ||
	    memcmp(again.ptr, out.ptr, out.len) != 0)
		fuzz_fail("output read back is not the same bytes", &out);
	yoy_doc_free(back);
	yoy_buf_free(&out);
	yoy_buf_free(&again);
}

/* Fails unless `b` is UTF-8 and, when `xml`, well-formed XML (and valid
 * against `rng` when not NULL). */
void
fuzz_check_report(const struct yoy_buf *b, int xml, const char *rng,
    const char *what)
{
	const char *why;
	xmlDocPtr d;

	if (b->len && yoy_pattern_utf8_error(b->ptr, b->len, &why) >= 0) {
		fprintf(stderr, "fuzz: not UTF-8: %s\n", why);
		fuzz_fail(what, b);
	}
	if (!xml)
		return;
	d = xmlReadMemory(b->ptr, (int)b->len, "report.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (d == NULL) {
		fprintf(stderr, "fuzz: not well-formed XML\n");
		fuzz_fail(what, b);
	}
	if (rng) {
		static xmlRelaxNGPtr schema;
		xmlRelaxNGValidCtxtPtr v;

		if (schema == NULL) {
			xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewParserCtxt(rng);

			if ((schema = xmlRelaxNGParse(p)) == NULL)
				abort();
			xmlRelaxNGFreeParserCtxt(p);
		}
		v = xmlRelaxNGNewValidCtxt(schema);
		if (xmlRelaxNGValidateDoc(v, d) != 0) {
			fprintf(stderr, "fuzz: not valid against %s\n", rng);
			fuzz_fail(what, b);
		}
		xmlRelaxNGFreeValidCtxt(v);
	}
	xmlFreeDoc(d);
}

/* Runs yoy_diff_write in `format` into `b`. */
static void
fuzz_diff_format(struct yoy_diff *df, enum yoy_format format,
    struct yoy_buf *b)
{
	struct yoy_diff_out o;
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);

	memset(&o, 0, sizeof(o));
	o.format = format;
	o.name[0] = "old.xml";
	o.name[1] = "new.xml";
	if (f == NULL || yoy_diff_write(df, f, &o) < 0)
		abort();
	fclose(f);
	b->len = 0;
	yoy_buf_put(b, p ? p : "", n);
	free(p);
}

/* Every diff format of old against new, checked; the text of them all
 * into `all` when not NULL. */
void
fuzz_diff(const struct yoy_doc *old, struct yoy_lazy *old_lazy,
    const struct yoy_doc *new, struct yoy_lazy *new_lazy,
    const struct yoy_diff_opts *o, int valid, struct yoy_buf *all)
{
	static const enum yoy_format formats[] = {
		YOY_FMT_TEXT, YOY_FMT_TSV, YOY_FMT_XML, YOY_FMT_HTML
	};
	struct yoy_diff *df = yoy_diff_lazy(old, old_lazy, new, new_lazy, o);
	struct yoy_buf b = YOY_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		fuzz_diff_format(df, formats[i], &b);
		fuzz_check_report(&b, formats[i] == YOY_FMT_XML,
		    formats[i] == YOY_FMT_XML && valid ? YOY_DIFF_RNG : NULL,
		    "a diff report");
		if (all)
			yoy_buf_put(all, b.ptr ? b.ptr : "", b.len);
	}
	yoy_diff_free(df);
	yoy_buf_free(&b);
}


/* Every finding within the source: its line one of the source's. */
static void
placed(const struct yoy_findings *f, const char *src, size_t len,
    enum yoy_input_format fmt)
{
	size_t k, i, lines = 1;

	/* a CR alone ends a line too, for markdown */
	for (i = 0; i < len; i++)
		lines += src[i] == '\n' || (fmt == YOY_INPUT_MD && src[i] == '\r' &&
		    (i + 1 == len || src[i + 1] != '\n'));
	for (k = 0; k < f->n; k++)
		if (f->v[k].line > lines) {
			fprintf(stderr, "fuzz: finding at %u:%u of %zu lines\n",
			    f->v[k].line, f->v[k].col, lines);
			abort();
		}
}

void
fuzz_check_rules(const struct yoy_doc *d, const char *xml, size_t xml_len,
    const char *src, size_t src_len, enum yoy_input_format fmt)
{
	static const enum yoy_check_format formats[] = {
		YOY_CHECK_TEXT, YOY_CHECK_JUNIT, YOY_CHECK_SARIF,
		YOY_CHECK_GITHUB, YOY_CHECK_CODEQUALITY
	};
	struct yoy_findings f = YOY_FINDINGS_INIT;
	struct yoy_check_opts o;
	struct yoy_check_input in;
	struct yoy_report_opts ro = { 0, YOY_ERROR, NULL, 1 };
	struct yoy_buf b = YOY_BUF_INIT;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.rules = ro.rules = (1u << YOY_RULE_N) - 1;
	o.previous = d;
	o.previous_name = "previous.xml";
	o.against = d;
	o.against_name = "against.xml";
	o.verbose = 1;
	memset(&in, 0, sizeof(in));
	f.inputs = yoy_malloc(sizeof(*f.inputs));
	f.inputs[f.ninputs++] = yoy_strndup("fuzz.in", 7);
	in.file = f.inputs[0];
	in.xml = in.xml_lines = src == NULL;
	in.buf = xml, in.len = xml_len;
	in.loc = src ? yoy_locator_new(src, src_len, fmt) : NULL;
	yoy_check_doc(&f, &in, d, &o);
	yoy_check_sort(&f);
	if (src)
		placed(&f, src, src_len, fmt);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *p = NULL;
		size_t n = 0;
		FILE *out = open_memstream(&p, &n);

		if (out == NULL)
			abort();
		yoy_check_write(&f, out, "fuzz", formats[i], &ro);
		fclose(out);
		b.len = 0;
		yoy_buf_put(&b, p ? p : "", n);
		free(p);
		fuzz_check_report(&b, formats[i] == YOY_CHECK_JUNIT, NULL,
		    "a check report");
	}
	yoy_locator_free((struct yoy_locator *)in.loc);
	yoy_findings_free(&f);
	yoy_buf_free(&b);
}
