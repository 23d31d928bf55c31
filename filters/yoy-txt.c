/* yoy-txt: plain-text captures and drafts of the reports to canonical XML. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int
read_input(void *ctx, struct yoy_doc *doc, char *buf, size_t len,
    const char *file)
{
	return yoy_txt_read(doc, buf, len, file, ctx);
}

int
main(int argc, char **argv)
{
	static const struct yoy_cli_opt opts[] = {
		{ YOY_OPT_OUTPUT, NULL }, { YOY_OPT_OUTPUT_DIR, NULL },
		{ YOY_OPT_DEPARTMENT, NULL },
		{ YOY_OPT_DEPARTMENTS, NULL }, { YOY_OPT_SOURCEPOS, NULL },
		{ YOY_OPT_WARNINGS, NULL }, { YOY_OPT_HELP, NULL },
		{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
	};
	struct yoy_txt_opts topts = { NULL };
	const struct yoy_cli cli = {
		"yoy-txt",
		"usage: yoy-txt [-o FILE | -O DIR] [-d ID] [--departments FILE] [--sourcepos]\n"
		"               [-W warning|error] [FILE ...]\n",
		"Convert plain-text captures of GOV.UK report pages, and drafts, to the\n"
		"canonical XML of yoy.  Reads the FILEs (standard input if none, or for\n"
		"'-') as one document and writes it to standard output.\n"
		"With -O DIR, each FILE is a document of its own, written to DIR/NAME.xml.\n",
		"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n",
		opts, yoy_cli_xml_pcre2, NULL, &topts
	};
	const struct yoy_convert cv = {
		&cli, &topts.department, NULL, read_input, 0, NULL, NULL, NULL, NULL
	};

	return yoy_cli_convert(&cv, argc, argv);
}
