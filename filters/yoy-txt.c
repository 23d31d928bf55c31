/* yoy-txt: plain-text captures and drafts of the reports to canonical XML. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
"usage: yoy-txt [-o FILE] [-d ID] [--departments FILE] [--sourcepos]\n"
"               [-W warning|error] [FILE ...]\n"
"\n"
"Convert plain-text captures of GOV.UK report pages, and drafts, to the\n"
"canonical XML of yoy.  Reads the FILEs (standard input if none, or for\n"
"'-') as one document and writes it to standard output.\n"
"\n"
"  -o, --output FILE       write to FILE instead of standard output\n"
"  -d, --department ID     the page is this department's (slug or any\n"
"                          spelling the registry knows)\n"
"      --departments FILE  add or override registry entries\n"
"      --sourcepos         add line=\"N\" to blocks\n"
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
		{ "departments", required_argument, NULL, 'D' },
		{ "sourcepos", no_argument, NULL, 'S' },
		{ "warnings", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct yoy_txt_opts opts = { NULL };
	struct yoy_write_opts wopts = { 0 };
	const char *output = NULL, *registry = NULL;
	struct yoy_doc *doc;
	int c, i, status;

	yoy_diag_init("yoy-txt");
	yoy_xml_errors_init();
	while ((c = getopt_long(argc, argv, "o:d:W:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'd':
			opts.department = optarg;
			break;
		case 'D':
			registry = optarg;
			break;
		case 'S':
			wopts.sourcepos = 1;
			break;
		case 'W':
			if (yoy_diag_set_threshold(optarg) < 0)
				return 2;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'V':
			printf("yoy-txt %s (libxml2 %s, PCRE2 %s)\n",
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

	doc = yoy_doc_new();
	for (i = optind; i < argc || i == optind; i++) {
		const char *path = i < argc ? argv[i] : NULL;
		struct yoy_buf b = YOY_BUF_INIT;

		if (yoy_buf_read_file(&b, path) < 0) {
			yoy_buf_free(&b);
			continue;   /* reported; the status says 2 */
		}
		yoy_txt_read(doc, b.ptr, b.len, path, &opts);
	}
	if (yoy_diag_status() == 2)
		goto done;
	yoy_xml_output(doc, output, &wopts);
done:
	status = yoy_diag_status();
	yoy_doc_free(doc);
	yoy_registry_free();
	return status;
}
