/* yoy-md: the strategy's extended markdown to canonical XML. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int
option(void *ctx, enum yoy_opt o, const char *arg)
{
	struct yoy_md_opts *opts = ctx;

	if (o == YOY_OPT_INCLUDE_DIR) {
		opts->include_dir = arg;
	} else if (o == YOY_OPT_YEAR) {
		if (strlen(arg) != 4 || strspn(arg, "0123456789") != 4) {
			yoy_diag(YOY_FATAL, NULL, 0, 0, "--year wants four "
			    "digits, not '%s'", arg);
			return -1;
		}
		opts->year = arg;
	}
	return 0;
}

static void
libraries(FILE *f)
{
	fprintf(f, "cmark %s, ", yoy_cmark_version());
	yoy_cli_xml_pcre2(f);
}

int
main(int argc, char **argv)
{
	static const struct yoy_cli_opt opts[] = {
		{ YOY_OPT_OUTPUT, NULL },
		{ YOY_OPT_INCLUDE_DIR, "resolve {include x} against DIR (partials)" },
		{ YOY_OPT_YEAR, "the year of department statements (2012)" },
		{ YOY_OPT_DEPARTMENTS, NULL }, { YOY_OPT_SOURCEPOS, NULL },
		{ YOY_OPT_TIME_LIMIT, "CPU time allowed (default: 5 + 1 per 10 MB)" },
		{ YOY_OPT_WARNINGS, NULL }, { YOY_OPT_HELP, NULL },
		{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
	};
	struct yoy_md_opts mopts = { NULL, NULL, NULL, 0 };
	const struct yoy_cli cli = {
		"yoy-md",
		"usage: yoy-md [-o FILE] [-I DIR] [-y YEAR] [--departments FILE]\n"
		"              [--sourcepos] [--time-limit SECONDS] [-W warning|error]\n"
		"              [FILE ...]\n",
		"Convert the Government Digital Strategy's extended markdown (kramdown\n"
		"and the strategy site's directives) to the canonical XML of yoy.  The\n"
		"FILEs (standard input if none, or for '-') form one document, in the\n"
		"order given, and it is written to standard output.\n",
		"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n",
		opts, libraries, option, &mopts
	};
	struct yoy_cli_args a;
	struct yoy_write_opts wopts = { 0 };
	struct yoy_buf *in;
	struct yoy_doc *doc;
	struct yoy_md *md;
	double total = 0;
	int i, n, status, r;

	yoy_diag_init("yoy-md");
	yoy_xml_errors_init();
	if ((r = yoy_cli_parse(&cli, argc, argv, &a)) != 0)
		return r > 0 ? 0 : 2;
	wopts.sourcepos = a.sourcepos;
	if (yoy_registry_load(a.departments) < 0)
		return 2;
	/* read every file first: the time limit follows the input's size */
	in = yoy_cli_read(argv + a.first, argc - a.first, &n, &total);
	doc = yoy_doc_new();
	mopts.spill = &wopts;   /* the body is written as it is read */
	md = yoy_md_new(doc, &mopts);
	if (yoy_diag_status() < 2) {
		char cm[32];

		snprintf(cm, sizeof(cm), "cmark %s", yoy_cmark_version());
		yoy_watchdog(a.time_limit > 0 ? a.time_limit : 5 + total / 1e7,
		    n == 1 ? yoy_diag_name(a.first < argc ? argv[a.first] :
		    NULL) : "input", "markdown", cm);
		for (i = 0; i < n; i++)
			if (yoy_md_add(md, in[i].ptr, in[i].len, a.first < argc ?
			    argv[a.first + i] : NULL) < 0)
				break;
	} else {
		for (i = 0; i < n; i++)
			yoy_buf_free(&in[i]);
	}
	free(in);
	yoy_md_finish(md);
	if (yoy_diag_status() == 2)
		goto done;
	yoy_xml_output(doc, a.output, &wopts);
done:
	status = yoy_diag_status();
	yoy_doc_free(doc);
	yoy_registry_free();
	return status;
}
