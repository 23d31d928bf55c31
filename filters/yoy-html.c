/* yoy-html: GOV.UK pages of every era, and bare bodies, to canonical XML. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int
option(void *ctx, enum yoy_opt o, const char *arg)
{
	struct yoy_html_opts *opts = ctx;

	if (o == YOY_OPT_DEPARTMENT) {
		opts->department = arg;
	} else if (o == YOY_OPT_TITLE) {
		if (yoy_text_check(arg, strlen(arg), "--title") > 0)
			return -1;
		opts->title = arg;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct yoy_cli_opt opts[] = {
		{ YOY_OPT_OUTPUT, NULL },
		{ YOY_OPT_DEPARTMENT, "the page is this department's (slug or any\n"
		    "spelling the registry knows)" },
		{ YOY_OPT_TITLE, "the page's title, for a body saved without it\n"
		    "(\"Action 2: …\" makes it a per-action page)" },
		{ YOY_OPT_DEPARTMENTS, NULL }, { YOY_OPT_SOURCEPOS, NULL },
		{ YOY_OPT_TIME_LIMIT, "CPU time allowed (default: 5 + 1 per 10 MB)" },
		{ YOY_OPT_WARNINGS, NULL }, { YOY_OPT_HELP, NULL },
		{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
	};
	struct yoy_html_opts hopts = { NULL, NULL };
	const struct yoy_cli cli = {
		"yoy-html",
		"usage: yoy-html [-o FILE] [-d ID] [-t TITLE] [--departments FILE]\n"
		"                [--sourcepos] [--time-limit SECONDS] [-W warning|error]\n"
		"                [FILE ...]\n",
		"Convert GOV.UK pages (whole saved pages of any era, or bare govspeak\n"
		"bodies) to the canonical XML of yoy.  Reads the FILEs (standard input if\n"
		"none, or for '-') as one document and writes it to standard output.\n",
		"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n",
		opts, yoy_cli_xml_pcre2, option, &hopts
	};
	struct yoy_cli_args a;
	struct yoy_write_opts wopts = { 0 };
	struct yoy_doc *doc;
	struct yoy_buf *in;
	double total = 0;
	char lx[32];
	int i, n, status, r;

	yoy_diag_init("yoy-html");
	yoy_xml_errors_init();
	if ((r = yoy_cli_parse(&cli, argc, argv, &a)) != 0)
		return r > 0 ? 0 : 2;
	wopts.sourcepos = a.sourcepos;
	if (yoy_registry_load(a.departments) < 0)
		return 2;
	if (hopts.department && yoy_cli_department(hopts.department) < 0)
		return 2;
	/* read every file first: the time limit follows the input's size */
	in = yoy_cli_read(argv + a.first, argc - a.first, &n, &total);
	doc = yoy_doc_new();
	if (yoy_diag_status() < 2) {
		/* libxml2 2.9's HTML parser is quadratic in the attributes of
		 * one tag and in unmatched end tags */
		snprintf(lx, sizeof(lx), "libxml2 %s", yoy_libxml2_version());
		yoy_watchdog(a.time_limit > 0 ? a.time_limit : 5 + total / 1e7,
		    n == 1 ? yoy_diag_name(a.first < argc ? argv[a.first] :
		    NULL) : "input", "HTML", lx);
		for (i = 0; i < n; i++)
			yoy_html_read(doc, in[i].ptr, in[i].len, a.first < argc ?
			    argv[a.first + i] : NULL, &hopts);
	} else {
		for (i = 0; i < n; i++)
			yoy_buf_free(&in[i]);
	}
	free(in);
	yoy_doc_normalize(doc);
	if (yoy_diag_status() == 2)
		goto done;
	yoy_xml_output(doc, a.output, &wopts);
done:
	status = yoy_diag_status();
	yoy_doc_free(doc);
	yoy_registry_free();
	return status;
}
