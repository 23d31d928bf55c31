/* GitLab's Code Quality report: a JSON array of issues, each with its
 * description, check name, fingerprint, severity and the path and line
 * of its file (relative to the source root), which merge requests show
 * beside the lines changed. */
#include "internal.h"

void
yoy_report_codequality(const struct yoy_findings *f, struct yoy_buf *b,
    const struct yoy_report_opts *o)
{
	struct yoy_buf path = YOY_BUF_INIT;
	size_t k;

	yoy_buf_puts(b, "[");
	for (k = 0; k < f->n; k++) {
		const struct yoy_finding *x = &f->v[k];

		yoy_buf_puts(b, k ? ",\n  {\n    \"description\": " :
		    "\n  {\n    \"description\": ");
		yoy_json_string(b, x->msg);
		yoy_buf_printf(b, ",\n    \"check_name\": \"%s\",\n"
		    "    \"fingerprint\": \"%s\",\n    \"severity\": \"%s\",\n"
		    "    \"location\": {\n      \"path\": ", yoy_rule_name(x->rule),
		    x->fingerprint, x->level == YOY_WARNING ? "minor" : "major");
		path.len = 0;
		yoy_report_path(&path, x->file, o->source_root);
		yoy_json_string(b, path.ptr);
		/* a line is required: a finding of the whole file is at 1 */
		yoy_buf_printf(b, ",\n      \"lines\": { \"begin\": %u }\n"
		    "    }\n  }", x->line ? x->line : 1);
	}
	yoy_buf_puts(b, f->n ? "\n]\n" : "]\n");
	yoy_buf_free(&path);
}
