/* JUnit XML as Ant writes it and Jenkins' xUnit plugin, GitLab and most
 * CI systems read it (fixtures/specs/junit-10.xsd): a test suite an input
 * file, a test case a rule that ran, a failure a finding at the -W level
 * or above, with its file, line and column in its message; a finding
 * below the level is said in the case's system-out and the case passes. */
#include <string.h>

#include "internal.h"

/* A rule's case in input `in`'s suite; 1 when it fails. */
static int
rule_case(xmlNodePtr suite, const struct yoy_findings *f, int in,
    enum yoy_rule r, enum yoy_level fail, const char *classname)
{
	struct yoy_buf b = YOY_BUF_INIT, out = YOY_BUF_INIT;
	xmlNodePtr tc = yoy_tree_el(suite, "testcase"), fl;
	size_t k;
	int failed = 0;

	yoy_tree_attr(tc, "name", yoy_rule_name(r));
	yoy_tree_attr(tc, "classname", classname);
	for (k = 0; k < f->n; k++) {
		const struct yoy_finding *x = &f->v[k];

		if (x->fileno != in || x->rule != r)
			continue;
		b.len = 0;
		yoy_finding_put(&b, x);
		if (x->level < fail) {
			yoy_buf_printf(&out, "%s\n", b.ptr);
			continue;
		}
		failed = 1;
		fl = yoy_tree_el(tc, "failure");
		yoy_tree_attr(fl, "type", yoy_rule_name(r));
		yoy_tree_attr(fl, "message", b.ptr);
		if (x->detail)
			yoy_buf_printf(&b, "\n   %s", x->detail);
		yoy_buf_printf(&b, "\n%s", yoy_rule_info(r)->fix);
		yoy_tree_text(fl, b.ptr, b.len);
	}
	if (out.len)
		yoy_tree_text(yoy_tree_el(tc, "system-out"), out.ptr, out.len);
	yoy_buf_free(&b);
	yoy_buf_free(&out);
	return failed;
}

/* An input as a class name: its path from the source root, without
 * leading "../", dots as '_' (CI systems take dots for packages). */
static void
classname(struct yoy_buf *b, const char *file, const char *root)
{
	struct yoy_buf path = YOY_BUF_INIT;
	const char *p;
	char *dot;

	yoy_report_path(&path, file, root);
	for (p = path.ptr; strncmp(p, "../", 3) == 0 || strncmp(p, "./", 2) == 0; )
		p += p[1] == '/' ? 2 : 3;
	b->len = 0;
	yoy_diag_put_name(b, p);
	for (dot = b->ptr; (dot = strchr(dot, '.')) != NULL; )
		*dot = '_';
	yoy_buf_free(&path);
}

int
yoy_report_junit(const struct yoy_findings *f, FILE *out,
    const struct yoy_report_opts *o)
{
	xmlNodePtr root;
	xmlDocPtr doc = yoy_tree_doc("testsuites", &root);
	struct yoy_buf cls = YOY_BUF_INIT;
	size_t in, cases = 0, failures = 0;
	int r, rc;

	yoy_tree_attr(root, "name", "yoy-check");
	for (in = 0; in < f->ninputs; in++) {
		xmlNodePtr suite = yoy_tree_el(root, "testsuite");
		size_t n = 0, bad = 0;

		classname(&cls, f->inputs[in], o->source_root);
		yoy_tree_attr(suite, "name", f->inputs[in]);
		for (r = 0; r < YOY_RULE_N; r++)
			if (o->rules & (1u << r)) {
				n++;
				bad += (size_t)rule_case(suite, f, (int)in,
				    (enum yoy_rule)r, o->fail, cls.ptr);
			}
		yoy_tree_attr_n(suite, "tests", (long)n);
		yoy_tree_attr_n(suite, "failures", (long)bad);
		yoy_tree_attr_n(suite, "errors", 0);
		cases += n, failures += bad;
	}
	yoy_tree_attr_n(root, "tests", (long)cases);
	yoy_tree_attr_n(root, "failures", (long)failures);
	yoy_tree_attr_n(root, "errors", 0);
	rc = yoy_tree_save(doc, out, 0);
	xmlFreeDoc(doc);
	yoy_buf_free(&cls);
	return rc;
}
