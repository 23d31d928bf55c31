/* yoy-html: GOV.UK pages of every era, and bare bodies, to canonical XML. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The reader's options, and --content-item */
struct html_args {
	struct yoy_html_opts o;
	int content;
};

static int
option(void *ctx, enum yoy_opt o, const char *arg)
{
	struct html_args *h = ctx;

	if (o == YOY_OPT_CONTENT_ITEM) {
		h->content = 1;
		return 0;
	}
	/* YOY_OPT_TITLE */
	if (yoy_text_check(arg, strlen(arg), "--title") > 0)
		return -1;
	h->o.title = arg;
	return 0;
}

/* A page or body; JSON, or with --content-item, a Content API item */
static int
read_input(void *ctx, struct yoy_doc *doc, char *buf, size_t len,
    const char *file)
{
	struct html_args *h = ctx;

	if (h->content || yoy_content_is_item(buf, len))
		return yoy_content_read(doc, buf, len, file, &h->o);
	return yoy_html_read(doc, buf, len, file, &h->o);
}

static void
end(void *ctx, struct yoy_doc *doc)
{
	(void)ctx;
	yoy_doc_normalize(doc);
}

/* libxml2 2.9's HTML parser is quadratic in the attributes of one tag
 * and in unmatched end tags: the watchdog names it. */
static const char *
parser(void)
{
	static char name[32];

	snprintf(name, sizeof(name), "libxml2 %s", yoy_libxml2_version());
	return name;
}

static void
libraries(FILE *f)
{
	yoy_cli_xml_pcre2(f);
	fprintf(f, ", jansson %s", yoy_jansson_version());
}

int
main(int argc, char **argv)
{
	static const struct yoy_cli_opt opts[] = {
		{ YOY_OPT_OUTPUT, NULL }, { YOY_OPT_OUTPUT_DIR, NULL },
		{ YOY_OPT_DEPARTMENT, NULL },
		{ YOY_OPT_TITLE, "the page's title, for a body saved without it\n"
		    "(\"Action 2: …\" makes it a per-action page)" },
		{ YOY_OPT_CONTENT_ITEM, NULL },
		{ YOY_OPT_DEPARTMENTS, NULL }, { YOY_OPT_SOURCEPOS, NULL },
		{ YOY_OPT_TIME_LIMIT, "CPU time allowed (default: 5 + 1 per 10 MB)" },
		{ YOY_OPT_WARNINGS, NULL }, { YOY_OPT_HELP, NULL },
		{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
	};
	struct html_args h = { { NULL, NULL }, 0 };
	const struct yoy_cli cli = {
		"yoy-html",
		"usage: yoy-html [-o FILE | -O DIR] [-d ID] [-t TITLE] [--departments FILE]\n"
		"                [--sourcepos] [--time-limit SECONDS] [-W warning|error]\n"
		"                [FILE ...]\n",
		"Convert GOV.UK pages (whole saved pages of any era, bare govspeak bodies,\n"
		"or Content API items: JSON) to the canonical XML of yoy.  Reads the\n"
		"FILEs (standard input if none, or for '-') as one document and writes\n"
		"it to standard output.\n"
		"With -O DIR, each FILE is a document of its own, written to DIR/NAME.xml.\n",
		"Exit status: 0 success, 1 findings at or above -W, 2 trouble.\n",
		opts, libraries, option, &h
	};
	const struct yoy_convert cv = {
		&cli, &h.o.department, NULL, read_input, 0, end, NULL, "HTML", parser
	};

	return yoy_cli_convert(&cv, argc, argv);
}
