/* yoy-diff's program: what each department changed, action by action,
 * year on year.  Its main is this, from filters/yoy-diff.c without
 * revisions of a store (it links no libgit2) and from yoy-store, run as
 * yoy-diff, with them: see yoy_diff_main in yoy.h. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char synopsis[] =
"usage: yoy-diff [options] OLD NEW\n"
"       yoy-diff --years [options] FILE\n"
"       yoy-diff --store DIR [options] REV REV\n"
"       yoy-diff --store DIR --years [options] REV\n";
static const char usage[] =
"\n"
"Compare two editions in yoy's canonical XML cell by cell: entries are\n"
"matched by action, department, kind and year, never by position, and\n"
"each changed entry is shown word by word.  With --years, compare each\n"
"entry of one edition with the same department's entry of the year\n"
"before.  '-' reads standard input.  With --store, OLD and NEW are\n"
"revisions of a yoy-store (tags, commit ids, @YYYY-MM-DD).\n"
"\n"
"  -a, --action N          only action N\n"
"  -d, --department ID     only this department (slug or any spelling\n"
"                          the registry knows)\n"
"  -k, --kind KIND         only commitment, progress or plan entries\n"
"  -y, --year YEAR         only entries of YEAR\n"
"      --years             one edition, each entry against the year before\n"
"  -s, --store DIR         compare revisions of this store\n"
"  -t, --ignore-typography quotes, dashes, ellipses, white space: equal\n"
"  -f, --format FORMAT     text (default), tsv, xml or html\n"
"      --color[=WHEN]      text: colours, not brackets (auto, always,\n"
"                          never; default auto: on a terminal)\n"
"      --all               also the cells that are the same\n"
"  -o, --output FILE       write to FILE instead of standard output\n"
"      --departments FILE  add or override registry entries\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version and the libraries'\n"
"\n"
"Exit status: 0 no differences, 1 differences, 2 trouble.\n";

int
yoy_diff_main(int argc, char **argv, const struct yoy_diff_store *rev)
{
	static const struct option longopts[] = {
		{ "action", required_argument, NULL, 'a' },
		{ "department", required_argument, NULL, 'd' },
		{ "kind", required_argument, NULL, 'k' },
		{ "year", required_argument, NULL, 'y' },
		{ "years", no_argument, NULL, 'Y' },
		{ "store", required_argument, NULL, 's' },
		{ "ignore-typography", no_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "color", optional_argument, NULL, 'C' },
		{ "colour", optional_argument, NULL, 'C' },
		{ "all", no_argument, NULL, 'A' },
		{ "output", required_argument, NULL, 'o' },
		{ "departments", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const formats[] = { "text", "tsv", "xml", "html" };
	struct yoy_diff_opts o = { 0, NULL, YOY_KIND_NONE, 0, 0, 0 };
	struct yoy_diff_out out = { YOY_FMT_TEXT, 0, 0, { NULL, NULL }, NULL };
	const char *output = NULL, *registry = NULL, *dept = NULL,
	    *color = "auto", *store = NULL;
	void *st = NULL;
	/* static: reachable, not leaked, on the early returns */
	static char **args;
	struct yoy_doc *doc[2] = { NULL, NULL };
	struct yoy_diff *df = NULL;
	FILE *f = stdout;
	int c, i, want, status = 2;

	yoy_diag_init("yoy-diff");
	yoy_xml_errors_init();
	/* as given: getopt_long permutes argv */
	args = yoy_malloc(((size_t)argc + 1) * sizeof(*args));
	memcpy(args, argv, ((size_t)argc + 1) * sizeof(*args));
	while ((c = getopt_long(argc, argv, "a:d:k:y:ts:f:o:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			if ((o.action = yoy_cli_number("--action", optarg, 1, 999)) < 0)
				return 2;
			break;
		case 'd':
			dept = optarg;
			break;
		case 'k':
			if ((o.kind = yoy_kind_from_name(optarg)) == 0) {
				yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown kind "
				    "'%s' (use commitment, progress or plan)",
				    optarg);
				return 2;
			}
			break;
		case 'y':
			if ((o.year = yoy_cli_number("--year", optarg, 1900, 2999)) < 0)
				return 2;
			break;
		case 'Y':
			o.years = 1;
			break;
		case 's':
			store = optarg;
			break;
		case 't':
			o.ignore_typography = 1;
			break;
		case 'f':
			for (i = 0; i < 4 && strcmp(optarg, formats[i]); i++)
				;
			if (i == 4) {
				yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown format "
				    "'%s' (use text, tsv, xml or html)", optarg);
				return 2;
			}
			out.format = (enum yoy_format)i;
			break;
		case 'C':
			color = optarg ? optarg : "always";
			if (strcmp(color, "auto") && strcmp(color, "always") &&
			    strcmp(color, "never")) {
				yoy_diag(YOY_FATAL, NULL, 0, 0, "--color wants "
				    "auto, always or never, not '%s'", color);
				return 2;
			}
			break;
		case 'A':
			out.all = 1;
			break;
		case 'o':
			output = out.output = optarg;
			break;
		case 'D':
			registry = optarg;
			break;
		case 'h':
			fputs(synopsis, stdout);
			fputs(usage, stdout);
			return 0;
		case 'V':
			printf("yoy-diff %s (libxml2 %s, PCRE2 %s)\n",
			    YOY_VERSION, yoy_libxml2_version(),
			    yoy_pcre2_version());
			puts(YOY_LICENCE);
			return 0;
		default:
			fputs(synopsis, stderr);
			return 2;
		}
	}
	want = o.years ? 1 : 2;
	if (argc - optind != want) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, o.years ? "--years compares "
		    "one %s, not %d" : "two %ss to compare, not %d",
		    store ? "revision" : "file", argc - optind);
		fputs(synopsis, stderr);
		return 2;
	}
	if (yoy_registry_load(registry) < 0)
		return 2;
	if (dept && (o.department = yoy_cli_department_id(dept)) == NULL)
		goto done;
	if (store && rev == NULL) {
		/* revisions are read by yoy-store, the program that links
		 * libgit2, run as yoy-diff: a diff of files never loads it */
		yoy_cli_exec("yoy-store", args);
		goto done;
	}
	if (store && (st = rev->open(store)) == NULL)
		goto done;
	for (i = 0; i < want; i++) {
		out.name[i] = store ? argv[optind + i] :
		    yoy_diag_name(argv[optind + i]);
		doc[i] = st ? rev->doc(st, argv[optind + i]) :
		    o.years || out.all ? yoy_xml_read_file(argv[optind + i]) :
		    yoy_xml_read_lazy(argv[optind + i]);
		if (doc[i] == NULL)
			goto done;
	}
	if (output && (f = fopen(output, "w")) == NULL) {
		yoy_diag(YOY_FATAL, output, 0, 0, "cannot open: %s",
		    strerror(errno));
		goto done;
	}
	out.color = strcmp(color, "always") == 0 || (strcmp(color, "auto") ==
	    0 && output == NULL && isatty(1) && getenv("NO_COLOR") == NULL);
	df = yoy_diff_new(doc[0], doc[1], &o);
	if (yoy_diff_write(df, f, &out) < 0)
		goto done;
	if (output) {
		int bad = fclose(f) != 0;

		f = stdout;
		if (bad) {
			yoy_diag(YOY_FATAL, output, 0, 0, "write error: %s",
			    strerror(errno));
			goto done;
		}
	}
	status = yoy_diff_changes(df) > 0;
done:
	if (f != NULL && f != stdout)
		fclose(f);
	yoy_diff_free(df);
	if (st)
		rev->close(st);
	free(args);
	yoy_doc_free(doc[0]);
	yoy_doc_free(doc[1]);
	yoy_registry_free();
	return yoy_diag_status() == 2 ? 2 : status;
}
