/* SARIF 2.1.0 (OASIS), as code-scanning services read it: every rule with
 * its descriptions, help and tags; a result a finding, placed by a URI
 * relative to %SRCROOT% (--source-root), line and column, with a
 * fingerprint that does not move with the lines; the invocation's exit
 * status.  fixtures/specs holds the schema the tests validate against. */
#include <string.h>

#include "internal.h"

/* "content,editorial" -> ["content", "editorial"] */
static void
tags(struct yoy_buf *b, const char *list)
{
	struct yoy_buf t = YOY_BUF_INIT;
	const char *p;

	yoy_buf_puts(b, "[");
	for (p = list; *p; ) {
		size_t n = strcspn(p, ",");

		t.len = 0;
		yoy_buf_put(&t, p, n);
		yoy_buf_puts(b, p == list ? " " : ", ");
		yoy_json_string(b, t.ptr);
		p += n + (p[n] == ',');
	}
	yoy_buf_puts(b, " ]");
	yoy_buf_free(&t);
}

static void
rule(struct yoy_buf *b, const struct yoy_rule_info *r)
{
	struct yoy_buf h = YOY_BUF_INIT;

	yoy_buf_puts(b, "            {\n              \"id\": ");
	yoy_json_string(b, r->id);
	yoy_buf_puts(b, ",\n              \"name\": ");
	yoy_json_string(b, r->name);
	yoy_buf_puts(b, ",\n              \"shortDescription\": { \"text\": ");
	yoy_json_string(b, r->about);
	yoy_buf_puts(b, " },\n              \"fullDescription\": { \"text\": ");
	yoy_json_string(b, r->full);
	yoy_buf_printf(&h, "%s\n\nHow to fix it: %s\n\nExample: %s", r->full,
	    r->fix, r->example);
	yoy_buf_puts(b, " },\n              \"help\": {\n"
	    "                \"text\": ");
	yoy_json_string(b, h.ptr);
	h.len = 0;
	yoy_buf_printf(&h, "%s\n\n**How to fix it:** %s\n\n**Example:** `%s`",
	    r->full, r->fix, r->example);
	yoy_buf_puts(b, ",\n                \"markdown\": ");
	yoy_json_string(b, h.ptr);
	yoy_buf_printf(b, "\n              },\n"
	    "              \"defaultConfiguration\": { \"level\": \"%s\" },\n"
	    "              \"properties\": { \"tags\": ",
	    r->level == YOY_WARNING ? "warning" : "error");
	tags(b, r->tags);
	yoy_buf_puts(b, " }\n            }");
	yoy_buf_free(&h);
}

static void
result(struct yoy_buf *b, const struct yoy_finding *x, const char *root)
{
	int rel;

	yoy_buf_puts(b, "        {\n          \"ruleId\": ");
	yoy_json_string(b, yoy_rule_name(x->rule));
	yoy_buf_printf(b, ",\n          \"ruleIndex\": %d,\n"
	    "          \"level\": \"%s\",\n          \"message\": { \"text\": ",
	    (int)x->rule, x->level == YOY_WARNING ? "warning" : "error");
	yoy_json_string(b, x->msg);
	yoy_buf_puts(b, " },\n          \"locations\": [ { \"physicalLocation\": "
	    "{\n            \"artifactLocation\": { ");
	if (strcmp(x->file, "<stdin>") == 0) {
		yoy_buf_puts(b, "\"description\": { \"text\": \"standard input\" }");
	} else {
		yoy_buf_puts(b, "\"uri\": ");
		yoy_json_uri(b, x->file, root, &rel);
		if (rel)
			yoy_buf_puts(b, ", \"uriBaseId\": \"%SRCROOT%\"");
	}
	yoy_buf_puts(b, " }");
	if (x->line) {
		yoy_buf_printf(b, ",\n            \"region\": { \"startLine\": %u",
		    x->line);
		if (x->col)
			yoy_buf_printf(b, ", \"startColumn\": %u", x->col);
		yoy_buf_puts(b, " }");
	}
	yoy_buf_printf(b, "\n          } } ],\n"
	    "          \"partialFingerprints\": { \"yoyFinding/v1\": \"%s\" }\n"
	    "        }", x->fingerprint);
}

void
yoy_report_sarif(const struct yoy_findings *f, struct yoy_buf *b,
    const struct yoy_report_opts *o)
{
	size_t k;
	int r;

	yoy_buf_puts(b, "{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/"
	    "sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\",\n"
	    "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
	    "      \"tool\": {\n        \"driver\": {\n"
	    "          \"name\": \"yoy-check\",\n");
	yoy_buf_printf(b, "          \"version\": \"%s\",\n"
	    "          \"semanticVersion\": \"%s\",\n          \"rules\": [\n",
	    YOY_VERSION, YOY_VERSION);
	for (r = 0; r < YOY_RULE_N; r++) {
		rule(b, yoy_rule_info((enum yoy_rule)r));
		yoy_buf_puts(b, r + 1 < YOY_RULE_N ? ",\n" : "\n");
	}
	yoy_buf_printf(b, "          ]\n        }\n      },\n"
	    "      \"automationDetails\": { \"id\": \"yoy-check/\" },\n"
	    "      \"columnKind\": \"unicodeCodePoints\",\n"
	    "      \"invocations\": [ { \"executionSuccessful\": true, "
	    "\"exitCode\": %d } ],\n      \"results\": [", o->exit_status);
	for (k = 0; k < f->n; k++) {
		yoy_buf_puts(b, k ? ",\n" : "\n");
		result(b, &f->v[k], o->source_root);
	}
	yoy_buf_puts(b, f->n ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n");
}
