/* yoy-txt: plain-text captures and drafts of the reports to canonical XML. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int
option(void *ctx, enum yoy_opt o, const char *arg)
{
	struct yoy_txt_opts *opts = ctx;

	if (o == YOY_OPT_DEPARTMENT)
		opts->department = arg;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct yoy_cli_opt opts[] = {
		{ YOY_OPT_OUTPUT, NULL },
		{ YOY_OPT_DEPARTMENT, "the page is this department's (slug or any\n"
		    "spelling the registry knows)" },
		{ YOY_OPT_DEPARTMENTS, NULL }, { YOY_OPT_SOURCEPOS, NULL },
		{ YOY_OPT_WARNINGS, NULL }, { YOY_OPT_HELP, NULL },
		{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
	};
	struct yoy_txt_opts topts = { NULL };
	const struct yoy_cli cli = {
		"yoy-txt",
		"usage: yoy-txt [-o FILE] [-d ID] [--departments FILE] [--sourcepos]\n"
		"               [-W warning|error] [FILE ...]\n",
		"Convert plain-text captures of GOV.UK report pages, and drafts, to the\n"
		"canonical XML of yoy.  Reads the FILEs (standard input if none, or for\n"
		"'-') as one document and writes it to standard output.\n",
		"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n",
		opts, yoy_cli_xml_pcre2, option, &topts
	};
	struct yoy_cli_args a;
	struct yoy_write_opts wopts = { 0 };
	struct yoy_doc *doc;
	int i, status, r;

	yoy_diag_init("yoy-txt");
	yoy_xml_errors_init();
	if ((r = yoy_cli_parse(&cli, argc, argv, &a)) != 0)
		return r > 0 ? 0 : 2;
	wopts.sourcepos = a.sourcepos;
	if (yoy_registry_load(a.departments) < 0)
		return 2;
	if (topts.department && yoy_cli_department(topts.department) < 0)
		return 2;

	doc = yoy_doc_new();
	for (i = a.first; i < argc || i == a.first; i++) {
		const char *path = i < argc ? argv[i] : NULL;
		struct yoy_buf b = YOY_BUF_INIT;

		if (yoy_buf_read_file(&b, path) < 0) {
			yoy_buf_free(&b);
			continue;   /* reported; the status says 2 */
		}
		yoy_txt_read(doc, b.ptr, b.len, path, &topts);
	}
	if (yoy_diag_status() == 2)
		goto done;
	yoy_xml_output(doc, a.output, &wopts);
done:
	status = yoy_diag_status();
	yoy_doc_free(doc);
	yoy_registry_free();
	return status;
}
