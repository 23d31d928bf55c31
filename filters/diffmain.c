/* yoy-diff's program: what each department changed, action by action,
 * year on year.  Its main is this, from filters/yoy-diff.c without
 * revisions of a store (it links no libgit2) and from yoy-store, run as
 * yoy-diff, with them: see yoy_diff_main in yoy.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* What yoy-diff's options ask for. */
struct diff_args {
	struct yoy_diff_opts o;
	struct yoy_diff_out out;
	const char *color, *store, *css, *split;
	struct yoy_buf css_text;
	char date[2][11];
};

static int
option(void *ctx, enum yoy_opt opt, const char *arg)
{
	static const char *const formats[] = { "text", "tsv", "xml", "html",
		NULL };
	static const char *const colors[] = { "auto", "always", "never",
		NULL };
	struct diff_args *d = ctx;
	int i;

	switch (opt) {
	case YOY_OPT_ACTION:
		d->o.action = yoy_cli_number("--action", arg, 1, 999);
		return d->o.action < 0 ? -1 : 0;
	case YOY_OPT_KIND:
		if ((d->o.kind = yoy_kind_from_name(arg)) == 0) {
			yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown kind '%s' (use "
			    "commitment, progress or plan)", arg);
			return -1;
		}
		return 0;
	case YOY_OPT_YEAR:
		d->o.year = yoy_cli_number("--year", arg, 1900, 2999);
		return d->o.year < 0 ? -1 : 0;
	case YOY_OPT_YEARS:
		d->o.years = 1;
		return 0;
	case YOY_OPT_STORE:
		d->store = arg;
		return 0;
	case YOY_OPT_IGNORE_TYPOGRAPHY:
		d->o.ignore_typography = 1;
		return 0;
	case YOY_OPT_CSS:
		d->css = arg;
		return 0;
	case YOY_OPT_SPLIT:
		d->split = arg;
		return 0;
	case YOY_OPT_FORMAT:
		if ((i = yoy_cli_choice("format", arg, formats)) < 0)
			return -1;
		d->out.format = (enum yoy_format)i;
		return 0;
	case YOY_OPT_COLOR:
	case YOY_OPT_COLOUR:
		d->color = arg ? arg : "always";
		for (i = 0; colors[i] && strcmp(d->color, colors[i]); i++)
			;
		if (colors[i] == NULL) {
			yoy_diag(YOY_FATAL, NULL, 0, 0, "--color wants auto, "
			    "always or never, not '%s'", d->color);
			return -1;
		}
		return 0;
	default:        /* YOY_OPT_ALL */
		d->out.all = 1;
		return 0;
	}
}

static const struct yoy_cli_opt options[] = {
	{ YOY_OPT_ACTION, NULL },
	{ YOY_OPT_DEPARTMENT, "only this department (slug or any\n"
	    "spelling the registry knows)" },
	{ YOY_OPT_KIND, NULL },
	{ YOY_OPT_YEAR, NULL }, { YOY_OPT_YEARS, NULL },
	{ YOY_OPT_STORE, "compare revisions of this store" },
	{ YOY_OPT_IGNORE_TYPOGRAPHY, NULL },
	{ YOY_OPT_FORMAT, "text (default), tsv, xml or html" },
	{ YOY_OPT_COLOR, NULL }, { YOY_OPT_COLOUR, NULL }, { YOY_OPT_ALL, NULL },
	{ YOY_OPT_CSS, NULL }, { YOY_OPT_SPLIT, NULL },
	{ YOY_OPT_OUTPUT, NULL }, { YOY_OPT_DEPARTMENTS, NULL },
	{ YOY_OPT_HELP, NULL }, { YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
};

static const char synopsis[] =
"usage: yoy-diff [options] OLD NEW\n"
"       yoy-diff --years [options] FILE\n"
"       yoy-diff --store DIR [options] REV REV\n"
"       yoy-diff --store DIR --years [options] REV\n";
static const char about[] =
"Compare two editions in yoy's canonical XML cell by cell: entries are\n"
"matched by action, department, kind and year, never by position, and\n"
"each changed entry is shown word by word.  With --years, compare each\n"
"entry of one edition with the same department's entry of the year\n"
"before.  '-' reads standard input.  With --store, OLD and NEW are\n"
"revisions of a yoy-store (tags, commit ids, @YYYY-MM-DD).\n";

/* Reads the editions (from the store when `rev` is set) into doc[];
 * -1 after a diagnostic. */
static int
editions(struct diff_args *d, char **names, int n,
    const struct yoy_diff_store *rev, void *st, struct yoy_doc **doc,
    struct yoy_lazy **lazy)
{
	int i;

	for (i = 0; i < n; i++) {
		d->out.name[i] = st ? names[i] : yoy_diag_name(names[i]);
		/* most entries of two editions are the same: read lazily,
		 * an entry's content is read only when it may differ (the
		 * review page shows every entry) */
		doc[i] = st ? rev->doc(st, names[i]) : d->o.years ||
		    d->out.all || d->out.format == YOY_FMT_HTML ?
		    yoy_xml_read_file(names[i]) :
		    yoy_xml_read_lazy(names[i], &lazy[i]);
		if (doc[i] == NULL)
			return -1;
		if (st && rev->date(st, names[i], d->date[i]) == 0)
			d->out.date[i] = d->date[i];
	}
	return 0;
}

/* Writes the comparison to `output` (standard output when NULL): 0 the
 * same, 1 differences, -1 trouble (said). */
static int
compare(struct diff_args *d, struct yoy_doc **doc, struct yoy_lazy **lazy,
    const char *output)
{
	struct yoy_diff *df;
	FILE *f = stdout;
	int r = -1;

	if (output && (f = fopen(output, "w")) == NULL) {
		yoy_diag(YOY_FATAL, output, 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	d->out.output = output;
	d->out.color = strcmp(d->color, "always") == 0 || (strcmp(d->color,
	    "auto") == 0 && output == NULL && isatty(1) &&
	    getenv("NO_COLOR") == NULL);
	d->o.all = d->out.all || d->out.format == YOY_FMT_HTML;
	df = yoy_diff_lazy(doc[0], lazy[0], doc[1], lazy[1], &d->o);
	if ((d->split ? yoy_diff_html_split(df, d->split, &d->out) :
	    yoy_diff_write(df, f, &d->out)) == 0)
		r = yoy_diff_changes(df) > 0;
	if (output && fclose(f) != 0 && r >= 0) {
		yoy_diag(YOY_FATAL, output, 0, 0, "write error: %s",
		    strerror(errno));
		r = -1;
	}
	yoy_diff_free(df);
	return r;
}

int
yoy_diff_main(int argc, char **argv, const struct yoy_diff_store *rev)
{
	struct diff_args d = {
		{ 0, NULL, YOY_KIND_NONE, 0, 0, 0, 0 },
		{ YOY_FMT_TEXT, 0, 0, { NULL, NULL }, NULL, { NULL, NULL }, NULL },
		"auto", NULL, NULL, NULL, YOY_BUF_INIT, { "", "" }
	};
	const struct yoy_cli cli = {
		"yoy-diff", synopsis, about,
		"Exit status: 0 no differences, 1 differences, 2 trouble.\n",
		options, yoy_cli_xml_pcre2, option, &d
	};
	struct yoy_cli_args a;
	struct yoy_doc *doc[2] = { NULL, NULL };
	struct yoy_lazy *lazy[2] = { NULL, NULL };
	/* static: reachable, not leaked, on the early returns */
	static char **args;
	void *st = NULL;
	int want, status = 2, r;

	yoy_diag_init("yoy-diff");
	yoy_xml_errors_init();
	/* as given: getopt_long permutes argv */
	args = yoy_malloc(((size_t)argc + 1) * sizeof(*args));
	memcpy(args, argv, ((size_t)argc + 1) * sizeof(*args));
	if ((r = yoy_cli_parse(&cli, argc, argv, &a)) != 0)
		return r > 0 ? 0 : 2;
	want = d.o.years ? 1 : 2;
	if (argc - a.first != want) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, d.o.years ? "--years compares "
		    "one %s, not %d" : "two %ss to compare, not %d",
		    d.store ? "revision" : "file", argc - a.first);
		yoy_cli_usage(&cli);
		return 2;
	}
	if ((d.split || d.css) && d.out.format != YOY_FMT_HTML) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "--%s is for the review page: "
		    "add -f html", d.split ? "split" : "css");
		return 2;
	}
	if (d.split && a.output) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "--split writes its pages in "
		    "its directory: no -o with it");
		return 2;
	}
	if (d.css && (yoy_buf_read_file(&d.css_text, d.css) < 0 ||
	    yoy_text_check(d.css_text.ptr ? d.css_text.ptr : "",
	    d.css_text.len, d.css) > 0))
		goto done;
	d.out.css = d.css ? (d.css_text.ptr ? d.css_text.ptr : "") : NULL;
	if (yoy_registry_load(a.departments) < 0)
		goto done;
	if (a.department && (d.o.department =
	    yoy_cli_department_id(a.department)) == NULL)
		goto done;
	if (d.store && rev == NULL) {
		/* revisions are read by yoy-store, the program that links
		 * libgit2, run as yoy-diff: a diff of files never loads it */
		yoy_cli_exec("yoy-store", args);
		goto done;
	}
	if (d.store && (st = rev->open(d.store)) == NULL)
		goto done;
	if (editions(&d, argv + a.first, want, rev, st, doc, lazy) == 0)
		status = compare(&d, doc, lazy, a.output);
done:
	if (st)
		rev->close(st);
	free(args);
	yoy_doc_free(doc[0]);
	yoy_doc_free(doc[1]);
	yoy_lazy_free(lazy[0]);
	yoy_lazy_free(lazy[1]);
	yoy_buf_free(&d.css_text);
	yoy_registry_free();
	return yoy_diag_status() == 2 || status < 0 ? 2 : status;
}
