/* yoy-md: the strategy's extended markdown to canonical XML. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: yoy-md [-o FILE] [-I DIR] [--year YYYY] [--departments FILE]\n"
"              [--sourcepos] [--time-limit SECONDS] [-W warning|error]\n"
"              [FILE ...]\n"
"\n"
"Convert the Government Digital Strategy's extended markdown (kramdown\n"
"and the strategy site's directives) to the canonical XML of yoy.  The\n"
"FILEs (standard input if none, or for '-') form one document, in the\n"
"order given, and it is written to standard output.\n"
"\n"
"  -o, --output FILE        write to FILE instead of standard output\n"
"  -I, --include-dir DIR    resolve {include x} against DIR (partials)\n"
"      --year YYYY          the year of department statements (2012)\n"
"      --departments FILE   add or override registry entries\n"
"      --sourcepos          add line=\"N\" to blocks\n"
"      --time-limit SECONDS CPU time allowed (default: 5 + 1 per 10 MB)\n"
"  -W, --warnings LEVEL     exit 1 on findings at LEVEL or above\n"
"                           (warning or error; default error)\n"
"  -h, --help               show this help\n"
"  -V, --version            show the version and the libraries'\n"
"\n"
"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n";

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "include-dir", required_argument, NULL, 'I' },
		{ "year", required_argument, NULL, 'Y' },
		{ "departments", required_argument, NULL, 'D' },
		{ "sourcepos", no_argument, NULL, 'S' },
		{ "time-limit", required_argument, NULL, 'T' },
		{ "warnings", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct yoy_md_opts opts = { NULL, NULL, NULL, 0 };
	struct yoy_write_opts wopts = { 0 };
	const char *output = NULL, *registry = NULL;
	struct yoy_buf *in;
	struct yoy_doc *doc;
	struct yoy_md *md;
	double limit = -1, total = 0;
	int c, i, n, status;

	yoy_diag_init("yoy-md");
	yoy_xml_errors_init();
	while ((c = getopt_long(argc, argv, "o:I:W:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'I':
			opts.include_dir = optarg;
			break;
		case 'Y':
			if (strlen(optarg) != 4 || strspn(optarg,
			    "0123456789") != 4) {
				yoy_diag(YOY_FATAL, NULL, 0, 0, "--year wants "
				    "four digits, not '%s'", optarg);
				return 2;
			}
			opts.year = optarg;
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
			printf("yoy-md %s (cmark %s, libxml2 %s, PCRE2 %s)\n",
			    YOY_VERSION, yoy_cmark_version(),
			    yoy_libxml2_version(), yoy_pcre2_version());
			puts(YOY_LICENCE);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (yoy_registry_load(registry) < 0)
		return 2;
	/* read every file first: the time limit follows the input's size */
	in = yoy_cli_read(argv + optind, argc - optind, &n, &total);
	doc = yoy_doc_new();
	opts.spill = &wopts;    /* the body is written as it is read */
	md = yoy_md_new(doc, &opts);
	if (yoy_diag_status() < 2) {
		char cm[32];

		snprintf(cm, sizeof(cm), "cmark %s", yoy_cmark_version());
		yoy_watchdog(limit > 0 ? limit : 5 + total / 1e7, n == 1 ?
		    yoy_diag_name(optind < argc ? argv[optind] : NULL) :
		    "input", "markdown", cm);
		for (i = 0; i < n; i++)
			if (yoy_md_add(md, in[i].ptr, in[i].len, optind < argc ?
			    argv[optind + i] : NULL) < 0)
				break;
	} else {
		for (i = 0; i < n; i++)
			yoy_buf_free(&in[i]);
	}
	free(in);
	yoy_md_finish(md);
	if (yoy_diag_status() == 2)
		goto done;
	yoy_xml_output(doc, output, &wopts);
done:
	status = yoy_diag_status();
	yoy_doc_free(doc);
	yoy_registry_free();
	return status;
}
