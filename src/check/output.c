/* yoy-check's formats: one line a finding; JUnit XML (a test suite a
 * rule, a test case a finding, or one passing case for a clean rule),
 * through libxml2's tree and serializer; SARIF 2.1.0, JSON, whose
 * strings are escaped here (no library of the four writes JSON). */
#include <errno.h>
#include <string.h>

#include "internal.h"

static const char *const about[YOY_RULE_N] = {
	[YOY_RULE_SCHEMA] = "the document follows the canonical schema",
	[YOY_RULE_PLACEHOLDER] = "no text stands in for content",
	[YOY_RULE_EDITORIAL] = "no draft's editorial note is left in",
	[YOY_RULE_EMPTY] = "no entry is empty",
	[YOY_RULE_DUPLICATE] = "no department appears twice in an action",
	[YOY_RULE_UNKNOWN] = "every department is in the registry",
	[YOY_RULE_MISSING_ENTRY] = "a department has the entries half its "
	    "action's departments have",
	[YOY_RULE_MISSING_DEPT] = "no department of the previous edition "
	    "or of the expected list is missing",
	[YOY_RULE_STALE] = "no entry repeats the previous year's",
	[YOY_RULE_INCONSISTENT] = "the per-action and per-department views "
	    "agree",
	[YOY_RULE_LINK] = "links are well formed and use https",
};

static const char *
level_name(enum yoy_level l)
{
	return l == YOY_WARNING ? "warning" : "error";
}

static void
text(const struct yoy_findings *f, FILE *out)
{
	struct yoy_buf b = YOY_BUF_INIT;
	size_t k;

	for (k = 0; k < f->n; k++) {
		const struct yoy_finding *x = &f->v[k];

		b.len = 0;
		yoy_buf_puts(&b, "yoy-check: ");
		yoy_diag_put_name(&b, x->file);
		if (x->line)
			yoy_buf_printf(&b, ":%u", x->line);
		yoy_buf_printf(&b, ": %s: ", level_name(x->level));
		yoy_diag_put_text(&b, x->msg);
		if (x->srcline)
			yoy_buf_printf(&b, " (source line %u)", x->srcline);
		yoy_buf_printf(&b, " [%s]\n", yoy_rule_name(x->rule));
		if (x->detail)          /* -v's diff: lines of its own */
			yoy_buf_printf(&b, "   %s\n", x->detail);
		fwrite(b.ptr, 1, b.len, out);
	}
	yoy_buf_free(&b);
}

/* ---------------------------------------------------------------- junit */

static int
junit(const struct yoy_findings *f, FILE *out, unsigned rules,
    enum yoy_level fail)
{
	xmlNodePtr root;
	xmlDocPtr doc = yoy_tree_doc("testsuites", &root);
	size_t k, cases = 0, failures = 0;
	struct yoy_buf b = YOY_BUF_INIT;
	int r, rc;

	yoy_tree_attr(root, "name", "yoy-check");
	for (r = 0; r < YOY_RULE_N; r++) {
		xmlNodePtr suite, tc;
		size_t n = 0, bad = 0;

		if (!(rules & (1u << r)))
			continue;
		suite = yoy_tree_el(root, "testsuite");
		yoy_tree_attr(suite, "name", yoy_rule_name((enum yoy_rule)r));
		for (k = 0; k < f->n; k++) {
			const struct yoy_finding *x = &f->v[k];
			xmlNodePtr fl;

			if (x->rule != (enum yoy_rule)r)
				continue;
			n++;
			tc = yoy_tree_el(suite, "testcase");
			yoy_tree_attr(tc, "classname", yoy_rule_name(x->rule));
			b.len = 0;
			yoy_buf_printf(&b, "%s:%u: %s", x->file, x->line, x->msg);
			yoy_tree_attr(tc, "name", b.ptr);
			yoy_tree_attr(tc, "file", x->file);
			yoy_tree_attr_n(tc, "line", x->line);
			if (x->level >= fail) {
				bad++;
				fl = yoy_tree_el(tc, "failure");
				yoy_tree_attr(fl, "type", level_name(x->level));
				yoy_tree_attr(fl, "message", x->msg);
				if (x->detail)
					yoy_tree_text(fl, x->detail, strlen(x->detail));
			} else {
				/* below the failing level: said, not failed */
				yoy_tree_text(yoy_tree_el(tc, "system-out"), b.ptr, b.len);
			}
		}
		if (n == 0) {
			n = 1;
			tc = yoy_tree_el(suite, "testcase");
			yoy_tree_attr(tc, "classname", yoy_rule_name((enum yoy_rule)r));
			yoy_tree_attr(tc, "name", about[r]);
		}
		yoy_tree_attr_n(suite, "tests", n);
		yoy_tree_attr_n(suite, "failures", bad);
		yoy_tree_attr_n(suite, "errors", 0);
		cases += n, failures += bad;
	}
	yoy_tree_attr_n(root, "tests", cases);
	yoy_tree_attr_n(root, "failures", failures);
	yoy_tree_attr_n(root, "errors", 0);
	rc = yoy_tree_save(doc, out, 0);
	xmlFreeDoc(doc);
	yoy_buf_free(&b);
	return rc;
}

/* ---------------------------------------------------------------- sarif */

/* A JSON string: quotes, backslashes and control characters escaped;
 * the rest, valid UTF-8 from the reader, as it is. */
static void
json(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void
sarif(const struct yoy_findings *f, FILE *out)
{
	size_t k;
	int r, first = 1;

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	    "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
	    "      \"tool\": {\n        \"driver\": {\n"
	    "          \"name\": \"yoy-check\",\n", out);
	fprintf(out, "          \"version\": \"%s\",\n          \"rules\": [",
	    YOY_VERSION);
	for (r = 0; r < YOY_RULE_N; r++) {
		fprintf(out, "%s\n            { \"id\": ", r ? "," : "");
		json(out, yoy_rule_name((enum yoy_rule)r));
		fputs(", \"shortDescription\": { \"text\": ", out);
		json(out, about[r]);
		fprintf(out, " }, \"defaultConfiguration\": { \"level\": \"%s\" } }",
		    level_name(yoy_rule_level((enum yoy_rule)r)));
	}
	fputs("\n          ]\n        }\n      },\n      \"results\": [", out);
	for (k = 0; k < f->n; k++) {
		const struct yoy_finding *x = &f->v[k];

		fprintf(out, "%s\n        {\n          \"ruleId\": ", first ? "" :
		    ",");
		first = 0;
		json(out, yoy_rule_name(x->rule));
		fprintf(out, ",\n          \"ruleIndex\": %d,\n"
		    "          \"level\": \"%s\",\n          \"message\": { \"text\": ",
		    (int)x->rule, level_name(x->level));
		json(out, x->msg);
		fputs(" },\n          \"locations\": [ { \"physicalLocation\": {"
		    " \"artifactLocation\": { \"uri\": ", out);
		json(out, x->file);
		fputs(" }", out);
		if (x->line)
			fprintf(out, ", \"region\": { \"startLine\": %u }", x->line);
		fputs(" } } ]\n        }", out);
	}
	fputs(first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n", out);
}

int
yoy_check_write(const struct yoy_findings *f, FILE *out,
    enum yoy_check_format format, unsigned rules, enum yoy_level fail)
{
	size_t k;
	int rc = 0;

	switch (format) {
	case YOY_CHECK_TEXT:
		text(f, out);
		break;
	case YOY_CHECK_JUNIT:
		rc = junit(f, out, rules, fail);
		break;
	case YOY_CHECK_SARIF:
		sarif(f, out);
		break;
	}
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	if (rc < 0) {
		yoy_diag(YOY_FATAL, "<stdout>", 0, 0, "write error: %s",
		    strerror(errno));
		return -1;
	}
	for (k = 0; k < f->n; k++)
		if (f->v[k].level >= fail)
			return 1;
	return 0;
}
