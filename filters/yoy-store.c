/* yoy-store: every edition in a git repository, one file per action and
 * department. */
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char synopsis[] =
"usage: yoy-store init DIR\n"
"       yoy-store [--store DIR] import [--date YYYY-MM-DD] [--tag NAME]\n"
"                 [--message TEXT] [--fsync] [FILE ...]\n"
"       yoy-store [--store DIR] log [--action N] [--department ID]\n"
"       yoy-store [--store DIR] show REV [--action N] [--department ID]\n"
"       yoy-store [--store DIR] ls REV\n"
"       yoy-store [--store DIR] verify\n"
"       yoy-store [--store DIR] push|pull REMOTE\n";
static const char usage[] =
"\n"
"Keep editions of the reports, in yoy's canonical XML, in a git\n"
"repository: one commit an import, dated by the edition, one file per\n"
"action and department (actions/02/cabinet-office.xml).  The store is\n"
"--store DIR, else $YOY_STORE.  REV is a tag, a commit id, or @YYYY-MM-DD\n"
"(the edition in force that day).\n"
"\n"
"  -s, --store DIR         the store\n"
"      --date YYYY-MM-DD   import: the edition's date (default: its own)\n"
"  -t, --tag NAME          import: tag the edition\n"
"  -m, --message TEXT      import: the commit message\n"
"      --fsync             import: make the commit durable before exit\n"
"  -a, --action N          log, show: only action N\n"
"  -d, --department ID     log, show: only this department\n"
"  -o, --output FILE       show: write to FILE\n"
"      --departments FILE  add or override registry entries\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version and the libraries'\n"
"\n"
"Exit status: 0 success (an import of nothing new makes no commit),\n"
"1 verify found damage, 2 trouble.\n";

static int bad_usage(const char *, ...) __attribute__((format(printf, 1, 2)));

static int
bad_usage(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	yoy_diag(YOY_FATAL, NULL, 0, 0, "%s", msg);
	fputs(synopsis, stderr);
	return 2;
}

/* yoy-diff --store: revisions, for yoy_diff_main. */
static void *
rev_open(const char *dir)
{
	return yoy_store_open(dir);
}

static struct yoy_doc *
rev_doc(void *st, const char *rev)
{
	return yoy_store_doc(st, rev, 0, NULL);
}

static void
rev_close(void *st)
{
	yoy_store_close(st);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "store", required_argument, NULL, 's' },
		{ "date", required_argument, NULL, 'D' },
		{ "tag", required_argument, NULL, 't' },
		{ "message", required_argument, NULL, 'm' },
		{ "fsync", no_argument, NULL, 'F' },
		{ "action", required_argument, NULL, 'a' },
		{ "department", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "departments", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct yoy_import_opts io = { NULL, NULL, NULL, 0 };
	const char *dir = getenv("YOY_STORE"), *dept = NULL, *output = NULL,
	    *registry = NULL, *cmd;
	struct yoy_store *s = NULL;
	int c, action = 0, status = 2;
	const char *self = strrchr(argv[0], '/');

	/* run as yoy-diff (yoy-diff --store hands itself over) */
	if (strcmp(self ? self + 1 : argv[0], "yoy-diff") == 0) {
		static const struct yoy_diff_store rev = {
			rev_open, rev_doc, rev_close
		};

		return yoy_diff_main(argc, argv, &rev);
	}
	yoy_diag_init("yoy-store");
	yoy_xml_errors_init();
	while ((c = getopt_long(argc, argv, "s:t:m:a:d:o:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 's':
			dir = optarg;
			break;
		case 'D':
			io.date = optarg;
			break;
		case 't':
			io.tag = optarg;
			break;
		case 'm':
			io.message = optarg;
			break;
		case 'F':
			io.fsync = 1;
			break;
		case 'a':
			if ((action = yoy_cli_number("--action", optarg, 1,
			    999)) < 0) {
				fputs(synopsis, stderr);
				return 2;
			}
			break;
		case 'd':
			dept = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'R':
			registry = optarg;
			break;
		case 'h':
			fputs(synopsis, stdout);
			fputs(usage, stdout);
			return 0;
		case 'V':
			printf("yoy-store %s (libgit2 %s, libxml2 %s)\n",
			    YOY_VERSION, yoy_libgit2_version(),
			    yoy_libxml2_version());
			puts(YOY_LICENCE);
			return 0;
		default:
			fputs(synopsis, stderr);
			return 2;
		}
	}
	if (optind == argc)
		return bad_usage("no command (init, import, log, show, ls, verify, "
		    "push or pull)");
	cmd = argv[optind++];
	if (yoy_registry_load(registry) < 0)
		return 2;
	if (dept && (dept = yoy_cli_department_id(dept)) == NULL)
		goto done;
	if (strcmp(cmd, "init") == 0) {
		if (argc - optind != 1)
			return bad_usage("init wants one directory");
		status = yoy_store_init(argv[optind]) < 0 ? 2 : 0;
		goto done;
	}
	if (strcmp(cmd, "import") && strcmp(cmd, "log") && strcmp(cmd, "show") &&
	    strcmp(cmd, "ls") && strcmp(cmd, "verify") && strcmp(cmd, "push") &&
	    strcmp(cmd, "pull"))
		return bad_usage("unknown command '%s'", cmd);
	if (dir == NULL || *dir == '\0')
		return bad_usage("which store? (--store DIR, or YOY_STORE)");
	if (strcmp(cmd, "import") == 0) {
		int n = argc - optind, i, got = 0;
		double bytes;
		struct yoy_buf *in = yoy_cli_read(argv + optind, n, &n, &bytes);
		struct yoy_doc **docs = yoy_malloc((size_t)n * sizeof(*docs));
		const char **names = yoy_malloc((size_t)n * sizeof(*names));

		/* a file past RLIMIT_FSIZE is an error to report, not a
		 * signal that kills */
		signal(SIGXFSZ, SIG_IGN);
		for (i = 0; i < n; i++) {
			const char *path = argc > optind ? argv[optind + i] : NULL;

			names[i] = yoy_diag_name(path);
			docs[i] = yoy_diag_status() == 2 ? NULL :
			    yoy_xml_read(in[i].ptr ? in[i].ptr : "", in[i].len,
			    path);
			got += docs[i] != NULL;
		}
		if (got == n && (s = yoy_store_open(dir)) != NULL) {
			int rc = yoy_store_import(s, docs, names, n, &io);

			status = rc < 0 ? 2 : 0;
		}
		for (i = 0; i < n; i++)
			yoy_doc_free(docs[i]);
		free(docs);
		free(names);
		yoy_cli_free(in, n);
		goto done;
	}
	if ((strcmp(cmd, "log") == 0 || strcmp(cmd, "verify") == 0) &&
	    argc > optind)
		return bad_usage("%s takes no argument, not '%s'", cmd,
		    argv[optind]);
	if (strcmp(cmd, "log") != 0 && strcmp(cmd, "verify") != 0 &&
	    argc - optind != 1)
		return bad_usage("%s wants one argument", cmd);
	if ((s = yoy_store_open(dir)) == NULL)
		goto done;
	if (strcmp(cmd, "log") == 0) {
		status = yoy_store_log(s, stdout, action, dept) < 0 ? 2 : 0;
	} else if (strcmp(cmd, "verify") == 0) {
		int r = yoy_store_verify(s, stdout);

		status = r < 0 ? 2 : r;
	} else if (strcmp(cmd, "ls") == 0) {
		status = yoy_store_ls(s, argv[optind], stdout) < 0 ? 2 : 0;
	} else if (strcmp(cmd, "show") == 0) {
		struct yoy_doc *d = yoy_store_doc(s, argv[optind], action, dept);

		if (d)
			status = yoy_xml_output(d, output, NULL) < 0 ? 2 : 0;
		yoy_doc_free(d);
	} else if (strcmp(cmd, "push") == 0) {
		status = yoy_store_push(s, argv[optind]) < 0 ? 2 : 0;
	} else {
		status = yoy_store_pull(s, argv[optind]) < 0 ? 2 : 0;
	}
	if (fflush(stdout) != 0 && status == 0) {
		yoy_diag(YOY_FATAL, "<stdout>", 0, 0, "write error");
		status = 2;
	}
done:
	yoy_store_close(s);
	yoy_registry_free();
	return yoy_diag_status() == 2 ? 2 : status;
}
