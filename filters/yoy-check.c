/* yoy-check: publication rules for CI. */
#include <errno.h>
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

/* A report --report asks for: its format and file. */
struct report {
	enum yoy_check_format format;
	const char *path;
};

/* What yoy-check's options ask for. */
struct check_args {
	struct yoy_check_opts o;
	const char *previous, *against, *expect, *patterns, *source_root;
	enum yoy_check_format format;
	unsigned only, not;
	struct report *reports;
	size_t nreports;
};

static int
format_arg(const char *what, const char *arg, enum yoy_check_format *out)
{
	static const char *const names[] = { "text", "junit", "sarif",
	    "github", "codequality", NULL };
	int i = yoy_cli_choice(what, arg, names);

	if (i < 0)
		return -1;
	*out = (enum yoy_check_format)yoy_check_format_from_name(names[i]);
	return 0;
}

/* --report FORMAT:FILE */
static int
report_arg(struct check_args *c, const char *arg)
{
	const char *colon = strchr(arg, ':');
	struct report r;
	char fmt[16];

	if (colon == NULL || colon == arg || colon[1] == '\0' ||
	    (size_t)(colon - arg) >= sizeof(fmt)) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "--report wants FORMAT:FILE, "
		    "not '%s'", arg);
		return -1;
	}
	memcpy(fmt, arg, (size_t)(colon - arg));
	fmt[colon - arg] = '\0';
	if (format_arg("report format", fmt, &r.format) < 0)
		return -1;
	r.path = colon + 1;
	c->reports = yoy_realloc(c->reports, (c->nreports + 1) *
	    sizeof(*c->reports));
	c->reports[c->nreports++] = r;
	return 0;
}

/* The readers' options and where findings are placed. */
static int
reading(struct check_args *c, enum yoy_opt opt, const char *arg)
{
	static const char *const from[] = { "html", "md", "txt", "xml", NULL };
	static const char *const locate[] = { "source", "xml", NULL };
	int i;

	switch (opt) {
	case YOY_OPT_FROM:
		if ((i = yoy_cli_choice("format", arg, from)) < 0)
			return -1;
		c->o.from = (enum yoy_input_format)yoy_input_format_from_name(from[i]);
		return 0;
	case YOY_OPT_LOCATE:
		if ((i = yoy_cli_choice("place", arg, locate)) < 0)
			return -1;
		c->o.locate_xml = i == 1;
		return 0;
	case YOY_OPT_INCLUDE_DIR:
		c->o.source.include_dir = arg;
		return 0;
	default:        /* YOY_OPT_TITLE */
		if (yoy_text_check(arg, strlen(arg), "--title") > 0)
			return -1;
		c->o.source.title = arg;
		return 0;
	}
}

static int
option(void *ctx, enum yoy_opt opt, const char *arg)
{
	struct check_args *c = ctx;

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
	case YOY_OPT_REPORT:
		return report_arg(c, arg);
	case YOY_OPT_SOURCE_ROOT:
		c->source_root = arg;
		return 0;
	case YOY_OPT_FORMAT:
		return format_arg("format", arg, &c->format);
	default:
		return reading(c, opt, arg);
	}
}

static const struct yoy_cli_opt options[] = {
	{ YOY_OPT_OUTPUT, NULL }, { YOY_OPT_WARNINGS, NULL },
	{ YOY_OPT_RULES, NULL }, { YOY_OPT_NO_RULES, NULL },
	{ YOY_OPT_PREVIOUS, NULL }, { YOY_OPT_AGAINST, NULL },
	{ YOY_OPT_EXPECT, NULL }, { YOY_OPT_PATTERNS, NULL },
	{ YOY_OPT_DEPARTMENTS, NULL },
	{ YOY_OPT_FROM, NULL }, { YOY_OPT_DEPARTMENT, NULL },
	{ YOY_OPT_TITLE, NULL }, { YOY_OPT_INCLUDE_DIR, NULL },
	{ YOY_OPT_LOCATE, NULL },
	{ YOY_OPT_FORMAT, "text (default), junit, sarif, github\n"
	    "(workflow commands) or codequality (GitLab)" },
	{ YOY_OPT_REPORT, NULL }, { YOY_OPT_SOURCE_ROOT, NULL },
	{ YOY_OPT_VERBOSE, NULL }, { YOY_OPT_HELP, NULL },
	{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
};

/* Reads the editions --previous and --against name, and --expect's
 * list; -1 after a diagnostic. */
static int
references(struct check_args *c, struct yoy_doc **prev,
    struct yoy_doc **against, struct yoy_buf *b)
{
	if (c->previous && (c->o.previous = *prev = yoy_check_read(c->previous,
	    &c->o)) == NULL)
		return -1;
	c->o.previous_name = c->previous ? yoy_diag_name(c->previous) : NULL;
	if (c->against && (c->o.against = *against = yoy_check_read(c->against,
	    &c->o)) == NULL)
		return -1;
	c->o.against_name = c->against ? yoy_diag_name(c->against) : NULL;
	return c->expect ? expect_list(c->expect, &c->o, b) : 0;
}

/* Writes the findings in `format` to `path` (NULL: standard output);
 * -1 after a diagnostic. */
static int
write_to(const struct yoy_findings *f, const char *path,
    enum yoy_check_format format, const struct yoy_report_opts *ro)
{
	FILE *out = path ? fopen(path, "w") : stdout;
	int rc;

	if (out == NULL) {
		yoy_diag(YOY_FATAL, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	rc = yoy_check_write(f, out, path ? path : "<stdout>", format, ro);
	if (path && fclose(out) != 0 && rc == 0) {
		yoy_diag(YOY_FATAL, path, 0, 0, "write error: %s",
		    strerror(errno));
		rc = -1;
	}
	return rc;
}

/* Every report: standard output's (or -o's), then each --report's. */
static int
reports(const struct check_args *c, const struct yoy_findings *f,
    const char *output)
{
	struct yoy_report_opts ro;
	size_t i;
	int rc = 0;

	ro.rules = c->o.rules;
	ro.fail = yoy_diag_threshold();
	ro.source_root = c->source_root;
	ro.exit_status = yoy_check_status(f, ro.fail);
	if (write_to(f, output, c->format, &ro) < 0)
		rc = -1;
	for (i = 0; i < c->nreports; i++)
		if (write_to(f, c->reports[i].path, c->reports[i].format,
		    &ro) < 0)
			rc = -1;
	return rc < 0 ? -1 : ro.exit_status;
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
		"                 [--from FORMAT] [-d ID] [-t TITLE] [-I DIR]\n"
		"                 [--locate source|xml] [-f FORMAT] [-o FILE]\n"
		"                 [--report FORMAT:FILE ...] [--source-root DIR]\n"
		"                 [FILE ...]\n",
		"Check editions (GOV.UK HTML, extended markdown, plain text or yoy's\n"
		"canonical XML) against the publication rules and say each finding as\n"
		"'yoy-check: FILE:LINE:COL: level: message [rule]' at the line of the\n"
		"source that holds it, on standard output.  Rules: schema, placeholder,\n"
		"editorial-note, empty-entry, duplicate-department, unknown-department,\n"
		"missing-entry, missing-department, stale, inconsistent, link.\n",
		"Exit status: 0 no finding at the level, 1 findings, 2 trouble.\n",
		options, yoy_cli_xml_pcre2, option, &c
	};
	struct yoy_cli_args a;
	struct yoy_findings f = YOY_FINDINGS_INIT;
	struct yoy_buf expect = YOY_BUF_INIT;
	struct yoy_doc *prev = NULL, *against = NULL;
	int i, n, status = 0;

	memset(&c, 0, sizeof(c));
	c.format = YOY_CHECK_TEXT;
	yoy_diag_init("yoy-check");
	yoy_xml_errors_init();
	if ((i = yoy_cli_parse(&cli, argc, argv, &a)) != 0)
		return i > 0 ? 0 : 2;
	c.o.rules = (c.only ? c.only : (1u << YOY_RULE_N) - 1) & ~c.not;
	c.o.source.department = a.department;
	if (yoy_registry_load(a.departments) < 0 ||
	    (a.department && yoy_cli_department(a.department) < 0) ||
	    yoy_check_patterns(c.patterns) < 0 ||
	    references(&c, &prev, &against, &expect) < 0)
		goto done;
	n = argc - a.first;
	for (i = 0; i < n || (n == 0 && i == 0); i++)
		yoy_check_file(&f, n ? argv[a.first + i] : NULL, &c.o);
	yoy_check_sort(&f);
	if (yoy_diag_status() != 2 && (status = reports(&c, &f, a.output)) < 0)
		status = 2;
done:
	yoy_findings_free(&f);
	yoy_doc_free(prev);
	yoy_doc_free(against);
	yoy_buf_free(&expect);
	free(c.o.expect);
	free(c.reports);
	yoy_check_free();
	yoy_registry_free();
	return yoy_diag_status() == 2 ? 2 : status;
}
