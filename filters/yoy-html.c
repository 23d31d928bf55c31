/* yoy-html: GOV.UK pages of every era, and bare bodies, to canonical XML. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: yoy-html [-o FILE] [-d ID] [-t TITLE] [--departments FILE]\n"
"                [--sourcepos] [--time-limit SECONDS] [-W warning|error]\n"
"                [FILE ...]\n"
"\n"
"Convert GOV.UK pages (whole saved pages of any era, or bare govspeak\n"
"bodies) to the canonical XML of yoy.  Reads the FILEs (standard input if\n"
"none, or for '-') as one document and writes it to standard output.\n"
"\n"
"  -o, --output FILE       write to FILE instead of standard output\n"
"  -d, --department ID     the page is this department's (slug or any\n"
"                          spelling the registry knows)\n"
"  -t, --title TEXT        the page's title, for a body saved without it\n"
"                          (\"Action 2: …\" makes it a per-action page)\n"
"      --departments FILE  add or override registry entries\n"
"      --sourcepos         add line=\"N\" to blocks\n"
"      --time-limit SECONDS  CPU time allowed (default: 5 + 1 per 10 MB)\n"
"  -W, --warnings LEVEL    exit 1 on findings at LEVEL or above\n"
"                          (warning or error; default error)\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version and the libraries'\n"
"\n"
"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n";

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "department", required_argument, NULL, 'd' },
		{ "title", required_argument, NULL, 't' },
		{ "departments", required_argument, NULL, 'D' },
		{ "sourcepos", no_argument, NULL, 'S' },
		{ "time-limit", required_argument, NULL, 'T' },
		{ "warnings", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct yoy_html_opts opts = { NULL, NULL };
	struct yoy_write_opts wopts = { 0 };
	const char *output = NULL, *registry = NULL;
	struct yoy_doc *doc;
	struct yoy_buf *in;
	double limit = -1, total = 0;
	char lx[32];
	int c, i, n, status;

	yoy_diag_init("yoy-html");
	yoy_xml_errors_init();
	while ((c = getopt_long(argc, argv, "o:d:t:W:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'd':
			opts.department = optarg;
			break;
		case 't':
			if (yoy_text_check(optarg, strlen(optarg), "--title") > 0)
				return 2;
			opts.title = optarg;
			break;
		case 'D':
			registry = optarg;
			break;
		case 'S':
			wopts.sourcepos = 1;
			break;
		case 'T':
			if (yoy_cli_seconds("--time-limit", optarg, &limit) < 0)
				return 2;
			break;
		case 'W':
			if (yoy_diag_set_threshold(optarg) < 0)
				return 2;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'V':
			printf("yoy-html %s (libxml2 %s, PCRE2 %s)\n",
			    YOY_VERSION, yoy_libxml2_version(),
			    yoy_pcre2_version());
			puts(YOY_LICENCE);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (yoy_registry_load(registry) < 0)
		return 2;
	if (opts.department && yoy_cli_department(opts.department) < 0)
		return 2;

	/* read every file first: the time limit follows the input's size */
	in = yoy_cli_read(argv + optind, argc - optind, &n, &total);
	doc = yoy_doc_new();
	if (yoy_diag_status() < 2) {
		/* libxml2 2.9's HTML parser is quadratic in the attributes of
		 * one tag and in unmatched end tags */
		snprintf(lx, sizeof(lx), "libxml2 %s", yoy_libxml2_version());
		yoy_watchdog(limit > 0 ? limit : 5 + total / 1e7, n == 1 ?
		    yoy_diag_name(optind < argc ? argv[optind] : NULL) :
		    "input", "HTML", lx);
		for (i = 0; i < n; i++)
			yoy_html_read(doc, in[i].ptr, in[i].len, optind < argc ?
			    argv[optind + i] : NULL, &opts);
	}
	yoy_cli_free(in, n);
	yoy_doc_normalize(doc);
	if (yoy_diag_status() == 2)
		goto done;
	yoy_xml_output(doc, output, &wopts);
done:
	status = yoy_diag_status();
	yoy_doc_free(doc);
	yoy_registry_free();
	return status;
}
