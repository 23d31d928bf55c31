/* yoy-md: the strategy's extended markdown to canonical XML. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The markdown reader, its options and the stream it writes to. */
struct md_args {
	struct yoy_md_opts o;
	struct yoy_md *md;
};

static int
option(void *ctx, enum yoy_opt o, const char *arg)
{
	struct md_args *m = ctx;

	if (o == YOY_OPT_INCLUDE_DIR) {
		m->o.include_dir = arg;
	} else if (o == YOY_OPT_YEAR) {
		if (strlen(arg) != 4 || strspn(arg, "0123456789") != 4) {
			yoy_diag(YOY_FATAL, NULL, 0, 0, "--year wants four "
			    "digits, not '%s'", arg);
			return -1;
		}
		m->o.year = arg;
	}
	return 0;
}

static void
begin(void *ctx, struct yoy_doc *doc, const struct yoy_write_opts *w)
{
	struct md_args *m = ctx;

	/* the body is written as it is read; -O: a stream a document */
	yoy_xml_stream_free(m->o.stream);
	m->o.stream = yoy_xml_stream_new(w);
	m->md = yoy_md_new(doc, &m->o);
}

static int
read_input(void *ctx, struct yoy_doc *doc, char *buf, size_t len,
    const char *file)
{
	(void)doc;
	return yoy_md_add(((struct md_args *)ctx)->md, buf, len, file);
}

static void
end(void *ctx, struct yoy_doc *doc)
{
	(void)doc;
	yoy_md_finish(((struct md_args *)ctx)->md);
}

static int
output(void *ctx, const struct yoy_doc *doc, const char *path)
{
	return yoy_xml_stream_output(((struct md_args *)ctx)->o.stream, doc,
	    path);
}

static const char *
parser(void)
{
	static char name[32];

	snprintf(name, sizeof(name), "cmark %s", yoy_cmark_version());
	return name;
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
		{ YOY_OPT_OUTPUT, NULL }, { YOY_OPT_OUTPUT_DIR, NULL },
		{ YOY_OPT_INCLUDE_DIR, "resolve {include x} against DIR (partials)" },
		{ YOY_OPT_YEAR, "the year of department statements (2012)" },
		{ YOY_OPT_DEPARTMENTS, NULL }, { YOY_OPT_SOURCEPOS, NULL },
		{ YOY_OPT_TIME_LIMIT, "CPU time allowed (default: 5 + 1 per 10 MB)" },
		{ YOY_OPT_WARNINGS, NULL }, { YOY_OPT_HELP, NULL },
		{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
	};
	struct md_args m = { { NULL, NULL, NULL, 0 }, NULL };
	const struct yoy_cli cli = {
		"yoy-md",
		"usage: yoy-md [-o FILE | -O DIR] [-I DIR] [-y YEAR] [--departments FILE]\n"
		"              [--sourcepos] [--time-limit SECONDS] [-W warning|error]\n"
		"              [FILE ...]\n",
		"Convert the Government Digital Strategy's extended markdown (kramdown\n"
		"and the strategy site's directives) to the canonical XML of yoy.  The\n"
		"FILEs (standard input if none, or for '-') form one document, in the\n"
		"order given, and it is written to standard output.\n"
		"With -O DIR, each FILE is a document of its own, written to DIR/NAME.xml.\n",
		"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n",
		opts, libraries, option, &m
	};
	const struct yoy_convert cv = {
		&cli, NULL, begin, read_input, 1, end, output, "markdown", parser
	};

	int r = yoy_cli_convert(&cv, argc, argv);

	yoy_xml_stream_free(m.o.stream);
	return r;
}
