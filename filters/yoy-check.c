/* yoy-check: publication rules for CI. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: yoy-check [-v] [-W warning|error] [--rules LIST] [--no-rules LIST]\n"
"                 [--previous FILE] [--against FILE] [--expect FILE]\n"
"                 [--patterns FILE] [--departments FILE]\n"
"                 [--format text|junit|sarif] [FILE ...]\n"
"\n"
"Check editions in yoy's canonical XML against the publication rules and\n"
"say each finding as 'yoy-check: FILE:LINE: level: message [rule]', by\n"
"file and line, on standard output.  Rules: schema, placeholder,\n"
"editorial-note, empty-entry, duplicate-department, unknown-department,\n"
"missing-entry, missing-department, stale, inconsistent, link.\n"
"\n"
"  -W, --warnings LEVEL    exit 1 on findings at LEVEL or above\n"
"                          (warning or error; default error)\n"
"      --rules LIST        only these rules (comma-separated)\n"
"      --no-rules LIST     not these rules\n"
"      --previous FILE     the edition before: its departments must stay\n"
"      --against FILE      the other view of this edition: cells agree\n"
"      --expect FILE       departments every action must have, one a line\n"
"      --patterns FILE     more placeholder patterns (PCRE2), one a line\n"
"      --departments FILE  add or override registry entries\n"
"  -f, --format FORMAT     text (default), junit (JUnit XML) or sarif\n"
"                          (SARIF 2.1.0)\n"
"  -v, --verbose           show the word diff of inconsistent cells\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version and the libraries'\n"
"\n"
"Exit status: 0 no finding at the level, 1 findings, 2 trouble.\n";

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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "warnings", required_argument, NULL, 'W' },
		{ "rules", required_argument, NULL, 'r' },
		{ "no-rules", required_argument, NULL, 'n' },
		{ "previous", required_argument, NULL, 'p' },
		{ "against", required_argument, NULL, 'a' },
		{ "expect", required_argument, NULL, 'e' },
		{ "patterns", required_argument, NULL, 'P' },
		{ "departments", required_argument, NULL, 'D' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct yoy_check_opts o;
	struct yoy_findings f = { NULL, 0, 0 };
	struct yoy_buf pb = YOY_BUF_INIT, ab = YOY_BUF_INIT, eb = YOY_BUF_INIT;
	struct yoy_doc *prev = NULL, *against = NULL;
	const char *previous = NULL, *against_path = NULL, *expect = NULL,
	    *patterns = NULL, *registry = NULL;
	enum yoy_check_format format = YOY_CHECK_TEXT;
	unsigned only = 0, not = 0;
	int c, i, n, status = 0;

	memset(&o, 0, sizeof(o));
	yoy_diag_init("yoy-check");
	yoy_xml_errors_init();
	while ((c = getopt_long(argc, argv, "W:vf:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'W':
			if (yoy_diag_set_threshold(optarg) < 0)
				return 2;
			break;
		case 'r':
			if (rule_list("--rules", optarg, &only) < 0)
				return 2;
			break;
		case 'n':
			if (rule_list("--no-rules", optarg, &not) < 0)
				return 2;
			break;
		case 'p':
			previous = optarg;
			break;
		case 'a':
			against_path = optarg;
			break;
		case 'e':
			expect = optarg;
			break;
		case 'P':
			patterns = optarg;
			break;
		case 'D':
			registry = optarg;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				format = YOY_CHECK_TEXT;
			else if (strcmp(optarg, "junit") == 0)
				format = YOY_CHECK_JUNIT;
			else if (strcmp(optarg, "sarif") == 0)
				format = YOY_CHECK_SARIF;
			else {
				yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown format "
				    "'%s' (use text, junit or sarif)", optarg);
				return 2;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'V':
			printf("yoy-check %s (libxml2 %s, PCRE2 %s)\n",
			    YOY_VERSION, yoy_libxml2_version(),
			    yoy_pcre2_version());
			puts(YOY_LICENCE);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	o.rules = (only ? only : (1u << YOY_RULE_N) - 1) & ~not;
	if (yoy_registry_load(registry) < 0 || yoy_check_patterns(patterns) < 0)
		goto done;
	if (previous && (o.previous = prev = load(previous, &pb)) == NULL)
		goto done;
	o.previous_name = previous ? yoy_diag_name(previous) : NULL;
	if (against_path && (o.against = against = load(against_path, &ab)) ==
	    NULL)
		goto done;
	o.against_name = against_path ? yoy_diag_name(against_path) : NULL;
	if (expect && expect_list(expect, &o, &eb) < 0)
		goto done;
	n = argc - optind;
	for (i = 0; i < n || (n == 0 && i == 0); i++) {
		const char *path = n ? argv[optind + i] : NULL;
		struct yoy_buf b = YOY_BUF_INIT;
		struct yoy_doc *d = load(path, &b);

		if (d)
			yoy_check_doc(&f, yoy_diag_name(path), i, b.ptr, b.len, d,
			    &o);
		yoy_doc_free(d);
		yoy_buf_free(&b);
	}
	yoy_check_sort(&f);
	if (yoy_diag_status() != 2)
		status = yoy_check_write(&f, stdout, format, o.rules,
		    yoy_diag_threshold());
done:
	yoy_findings_free(&f);
	yoy_doc_free(prev);
	yoy_doc_free(against);
	yoy_buf_free(&pb);
	yoy_buf_free(&ab);
	yoy_buf_free(&eb);
	free(o.expect);
	yoy_check_free();
	yoy_registry_free();
	return yoy_diag_status() == 2 ? 2 : status;
}
