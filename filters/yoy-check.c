/* yoy-check: publication rules for CI. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* "a,b,c" -> rule bits; -1 after a diagnostic. */
static int
rule_list(const char *opt, const char *list, unsigned *out)
{
	const char *p = list;

	*out = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		int r = yoy_rule_from_name(p, n);

		if (r < 0) {
			yoy_diag(YOY_FATAL, NULL, 0, 0, "%s: unknown rule '%.*s'",
			    opt, (int)n, p);
			return -1;
		}
		*out |= 1u << r;
		p += n + (p[n] == ',');
	}
	return 0;
}

static struct yoy_doc *
load(const char *path, struct yoy_buf *b)
{
	if (yoy_buf_read_file(b, path) < 0)
		return NULL;
	return yoy_xml_read(b->ptr ? b->ptr : "", b->len, path);
}

/* --expect: one department a line, any spelling; '#' lines aside. */
static int
expect_list(const char *path, struct yoy_check_opts *o, struct yoy_buf *b)
{
	char *p, *nl;
	unsigned line = 0;

	if (yoy_buf_read_file(b, path) < 0)
		return -1;
	for (p = b->ptr; p && *p; p = nl ? nl + 1 : NULL) {
		const char *id;

		line++;
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (nl && nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		if ((id = yoy_cli_department_id(p)) == NULL) {
			yoy_diag(YOY_FATAL, path, line, 1, "not a department");
			return -1;
		}
		o->expect = yoy_realloc(o->expect, (o->nexpect + 1) *
		    sizeof(*o->expect));
		o->expect[o->nexpect++] = id;
	}
	return 0;
}

/* What yoy-check's options ask for. */
struct check_args {
	struct yoy_check_opts o;
	const char *previous, *against, *expect, *patterns;
	enum yoy_check_format format;
	unsigned only, not;
};

static int
option(void *ctx, enum yoy_opt opt, const char *arg)
{
	static const char *const formats[] = { "text", "junit", "sarif", NULL };
	struct check_args *c = ctx;
	int i;

	switch (opt) {
	case YOY_OPT_RULES:
		return rule_list("--rules", arg, &c->only);
	case YOY_OPT_NO_RULES:
		return rule_list("--no-rules", arg, &c->not);
	case YOY_OPT_PREVIOUS:
		c->previous = arg;
		return 0;
	case YOY_OPT_AGAINST:
		c->against = arg;
		return 0;
	case YOY_OPT_EXPECT:
		c->expect = arg;
		return 0;
	case YOY_OPT_PATTERNS:
		c->patterns = arg;
		return 0;
	case YOY_OPT_VERBOSE:
		c->o.verbose = 1;
		return 0;
	default:        /* YOY_OPT_FORMAT */
		if ((i = yoy_cli_choice("format", arg, formats)) < 0)
			return -1;
		c->format = (enum yoy_check_format)i;
		return 0;
	}
}

static const struct yoy_cli_opt options[] = {
	{ YOY_OPT_WARNINGS, NULL }, { YOY_OPT_RULES, NULL },
	{ YOY_OPT_NO_RULES, NULL }, { YOY_OPT_PREVIOUS, NULL },
	{ YOY_OPT_AGAINST, NULL }, { YOY_OPT_EXPECT, NULL },
	{ YOY_OPT_PATTERNS, NULL }, { YOY_OPT_DEPARTMENTS, NULL },
	{ YOY_OPT_FORMAT, "text (default), junit (JUnit XML) or sarif\n"
	    "(SARIF 2.1.0)" },
	{ YOY_OPT_VERBOSE, NULL }, { YOY_OPT_HELP, NULL },
	{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
};

/* Reads the editions --previous and --against name, and --expect's
 * list; -1 after a diagnostic. */
static int
references(struct check_args *c, struct yoy_doc **prev,
    struct yoy_doc **against, struct yoy_buf *b)
{
	if (c->previous && (c->o.previous = *prev = load(c->previous,
	    &b[0])) == NULL)
		return -1;
	c->o.previous_name = c->previous ? yoy_diag_name(c->previous) : NULL;
	if (c->against && (c->o.against = *against = load(c->against,
	    &b[1])) == NULL)
		return -1;
	c->o.against_name = c->against ? yoy_diag_name(c->against) : NULL;
	return c->expect ? expect_list(c->expect, &c->o, &b[2]) : 0;
}

int
main(int argc, char **argv)
{
	struct check_args c;
	const struct yoy_cli cli = {
		"yoy-check",
		"usage: yoy-check [-v] [-W warning|error] [--rules LIST] [--no-rules LIST]\n"
		"                 [--previous FILE] [--against FILE] [--expect FILE]\n"
		"                 [--patterns FILE] [--departments FILE]\n"
		"                 [--format text|junit|sarif] [FILE ...]\n",
		"Check editions in yoy's canonical XML against the publication rules and\n"
		"say each finding as 'yoy-check: FILE:LINE: level: message [rule]', by\n"
		"file and line, on standard output.  Rules: schema, placeholder,\n"
		"editorial-note, empty-entry, duplicate-department, unknown-department,\n"
		"missing-entry, missing-department, stale, inconsistent, link.\n",
		"Exit status: 0 no finding at the level, 1 findings, 2 trouble.\n",
		options, yoy_cli_xml_pcre2, option, &c
	};
	struct yoy_cli_args a;
	struct yoy_findings f = { NULL, 0, 0 };
	struct yoy_buf refs[3] = { YOY_BUF_INIT, YOY_BUF_INIT, YOY_BUF_INIT };
	struct yoy_doc *prev = NULL, *against = NULL;
	int i, n, status = 0;

	memset(&c, 0, sizeof(c));
	c.format = YOY_CHECK_TEXT;
	yoy_diag_init("yoy-check");
	yoy_xml_errors_init();
	if ((i = yoy_cli_parse(&cli, argc, argv, &a)) != 0)
		return i > 0 ? 0 : 2;
	c.o.rules = (c.only ? c.only : (1u << YOY_RULE_N) - 1) & ~c.not;
	if (yoy_registry_load(a.departments) < 0 ||
	    yoy_check_patterns(c.patterns) < 0 ||
	    references(&c, &prev, &against, refs) < 0)
		goto done;
	n = argc - a.first;
	for (i = 0; i < n || (n == 0 && i == 0); i++) {
		const char *path = n ? argv[a.first + i] : NULL;
		struct yoy_buf b = YOY_BUF_INIT;
		struct yoy_doc *d = load(path, &b);

		if (d)
			yoy_check_doc(&f, yoy_diag_name(path), i, b.ptr, b.len, d,
			    &c.o);
		yoy_doc_free(d);
		yoy_buf_free(&b);
	}
	yoy_check_sort(&f);
	if (yoy_diag_status() != 2 && (status = yoy_check_write(&f, stdout,
	    c.format, c.o.rules, yoy_diag_threshold())) < 0)
		status = 2;
done:
	yoy_findings_free(&f);
	yoy_doc_free(prev);
	yoy_doc_free(against);
	for (i = 0; i < 3; i++)
		yoy_buf_free(&refs[i]);
	free(c.o.expect);
	yoy_check_free();
	yoy_registry_free();
	return yoy_diag_status() == 2 ? 2 : status;
}
