/* yoy-store: every edition in a git repository, one file per action and
 * department. */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char synopsis[] =
"usage: yoy-store init DIR\n"
"       yoy-store [--store DIR] import [--date YYYY-MM-DD] [--tag NAME]\n"
"                 [--message TEXT] [--fsync] [FILE ...]\n"
"       yoy-store [--store DIR] log [-p [-f text|tsv]] [--action N]\n"
"                 [--department ID]\n"
"       yoy-store [--store DIR] since [--action N] [--department ID]\n"
"       yoy-store [--store DIR] show REV [--action N] [--department ID]\n"
"       yoy-store [--store DIR] ls REV\n"
"       yoy-store [--store DIR] verify\n"
"       yoy-store [--store DIR] gc\n"
"       yoy-store [--store DIR] [--ssh-key FILE] push|pull REMOTE\n"
"       yoy-store [--ssh-key FILE] clone URL DIR\n";
static const char about[] =
"Keep editions of the reports, in yoy's canonical XML, in a git\n"
"repository: one commit an import, dated by the edition, one file per\n"
"action and department (actions/02/cabinet-office.xml).  The store is\n"
"--store DIR, else $YOY_STORE.  REV is a tag, a commit id, or @YYYY-MM-DD\n"
"(the edition in force that day), each followed by ~N (N editions before)\n"
"or ^ (the one before) if need be.  since says, for each department's\n"
"cell, the edition since which it has been the same.  Over HTTP(S) a\n"
"remote is given the token in $YOY_STORE_TOKEN, else what git's credential\n"
"helpers give; over SSH, --ssh-key or the SSH agent's keys.\n";

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
	fputs("Try 'yoy-store --help'.\n", stderr);
	return -1;
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

static int
rev_date(void *st, const char *rev, char *date)
{
	return yoy_store_rev_date(st, rev, date);
}

static void
rev_close(void *st)
{
	yoy_store_close(st);
}

/* What yoy-store's options ask for. */
struct store_args {
	struct yoy_import_opts io;
	const char *dir, *dept, *output;
	int action, patch;
	enum yoy_format format;         /* log -p: text or tsv */
	struct yoy_remote_opts ro;
};

static int
option(void *ctx, enum yoy_opt o, const char *arg)
{
	struct store_args *sa = ctx;

	switch (o) {
	case YOY_OPT_STORE:
		sa->dir = arg;
		break;
	case YOY_OPT_DATE:
		sa->io.date = arg;
		break;
	case YOY_OPT_TAG:
		sa->io.tag = arg;
		break;
	case YOY_OPT_MESSAGE:
		sa->io.message = arg;
		break;
	case YOY_OPT_FSYNC:
		sa->io.fsync = 1;
		break;
	case YOY_OPT_PATCH:
		sa->patch = 1;
		break;
	case YOY_OPT_SSH_KEY:
		sa->ro.ssh_key = arg;
		break;
	case YOY_OPT_FORMAT: {
		static const char *const names[] = { "text", "tsv", NULL };
		int i = yoy_cli_choice("format", arg, names);

		if (i < 0)
			return -1;
		sa->format = i == 0 ? YOY_FMT_TEXT : YOY_FMT_TSV;
		break;
	}
	default:        /* YOY_OPT_ACTION */
		if ((sa->action = yoy_cli_number("--action", arg, 1, 999)) < 0)
			return -1;
		break;
	}
	return 0;
}

static const struct yoy_cli_opt options[] = {
	{ YOY_OPT_STORE, NULL }, { YOY_OPT_DATE, NULL }, { YOY_OPT_TAG, NULL },
	{ YOY_OPT_MESSAGE, NULL }, { YOY_OPT_FSYNC, NULL },
	{ YOY_OPT_PATCH, NULL },
	{ YOY_OPT_FORMAT, "log -p: text (default) or tsv, as yoy-diff's" },
	{ YOY_OPT_ACTION, "log, show, since: only action N" },
	{ YOY_OPT_DEPARTMENT, "log, show, since: only this department" },
	{ YOY_OPT_OUTPUT, "show: write to FILE" },
	{ YOY_OPT_SSH_KEY, NULL },
	{ YOY_OPT_DEPARTMENTS, NULL }, { YOY_OPT_HELP, NULL },
	{ YOY_OPT_VERSION, NULL }, { YOY_OPT_END, NULL }
};

/* An input that is not canonical XML but one of the formats yoy's
 * converters read: said, with the converter to use.  1 if so, 0 when
 * it is for the XML reader to judge. */
static int
not_xml(const char *buf, size_t len, const char *path)
{
	const char *s = buf, *end = buf + len, *what, *use;
	enum yoy_input_format f = yoy_input_format_detect(buf, len, path);
	int line = 1, col = 1;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (; s < end && *s && strchr(" \t\r\n", *s); s++)
		line += *s == '\n', col = *s == '\n' ? 1 : col + 1;
	if (s == end || f == YOY_INPUT_XML ||
	    (f == YOY_INPUT_UNKNOWN && *s == '<'))
		return 0;
	if (yoy_content_is_item(s, (size_t)(end - s)))
		what = "JSON", use = "yoy-html (if it is a GOV.UK Content API "
		    "item)";
	else if (f == YOY_INPUT_HTML)
		what = "HTML", use = "yoy-html";
	else if (f == YOY_INPUT_MD)
		what = "markdown", use = "yoy-md";
	else if (f == YOY_INPUT_TXT)
		what = "plain text", use = "yoy-txt";
	else
		what = "markdown or plain text", use = "yoy-md or yoy-txt";
	yoy_diag(YOY_FATAL, yoy_diag_name(path), line, col, "this is %s, not "
	    "yoy's canonical XML: convert it with %s first", what, use);
	return 1;
}

/* import FILE...: 0 committed or nothing new, -1 trouble (said).  One
 * input at a time: each read, made into its cells and let go before
 * the next. */
static int
import(struct store_args *sa, char **paths, int n)
{
	struct yoy_store *s = yoy_store_open(sa->dir);
	struct yoy_import *im;
	int i, rc;

	if (s == NULL)
		return -1;
	/* a file past RLIMIT_FSIZE is an error to report, not a signal
	 * that kills */
	signal(SIGXFSZ, SIG_IGN);
	im = yoy_store_import_new(s, &sa->io);
	for (i = 0; i < (n > 0 ? n : 1); i++) {
		const char *path = n > 0 ? paths[i] : NULL;
		struct yoy_buf in = YOY_BUF_INIT;
		struct yoy_doc *d = NULL;

		if (yoy_buf_read_file(&in, path) == 0 &&
		    !not_xml(in.ptr ? in.ptr : "", in.len, path))
			d = yoy_xml_read(in.ptr ? in.ptr : "", in.len, path);
		yoy_buf_free(&in);
		yoy_store_import_add(im, d, yoy_diag_name(path));
		yoy_doc_free(d);
	}
	rc = yoy_store_import_commit(im) < 0 ? -1 : 0;
	yoy_store_close(s);
	return rc;
}

/* log -p: each edition's line, then the word diff it made to the cells
 * asked for (from nothing, for the first edition). */
struct patch {
	struct yoy_store *s;
	const struct store_args *sa;
	struct yoy_diff_opts o;
	struct yoy_diff_out out;
};

static int
patch_one(void *ctx, const struct yoy_log_entry *e)
{
	struct patch *p = ctx;
	struct yoy_doc *old = *e->parent ? yoy_store_doc(p->s, e->parent,
	    p->sa->action, p->sa->dept) : yoy_doc_new();
	struct yoy_doc *new = old ? yoy_store_doc(p->s, e->id, p->sa->action,
	    p->sa->dept) : NULL;
	struct yoy_diff *d = NULL;
	int r = -1;

	printf("%s\n", e->line);
	if (new && (d = yoy_diff_new(old, new, &p->o)) != NULL) {
		p->out.name[0] = *e->parent ? e->parent : "/dev/null";
		p->out.name[1] = e->id;
		r = yoy_diff_write(d, stdout, &p->out);
		putchar('\n');
	}
	yoy_diff_free(d);
	yoy_doc_free(old);
	yoy_doc_free(new);
	return r < 0 ? -1 : 0;
}

static int
log_patch(struct yoy_store *s, const struct store_args *sa)
{
	struct patch p;

	memset(&p, 0, sizeof(p));
	p.s = s, p.sa = sa;
	p.o.action = sa->action, p.o.department = sa->dept;
	p.o.kind = YOY_KIND_NONE;
	p.out.format = sa->format;
	return yoy_store_log_each(s, sa->action, sa->dept, patch_one, &p);
}

/* A command that reads the store, with its argument (NULL for log,
 * since and verify): 0 done, 1 verify found damage, -1 trouble (said). */
static int
command(struct store_args *sa, const char *cmd, const char *arg)
{
	struct yoy_store *s = yoy_store_open(sa->dir);
	struct yoy_doc *d;
	int r = -1;

	if (s == NULL)
		return -1;
	if (strcmp(cmd, "log") == 0) {
		r = sa->patch ? log_patch(s, sa) :
		    yoy_store_log(s, stdout, sa->action, sa->dept);
	} else if (strcmp(cmd, "since") == 0) {
		r = yoy_store_since(s, stdout, sa->action, sa->dept);
	} else if (strcmp(cmd, "verify") == 0) {
		r = yoy_store_verify(s, stdout);
	} else if (strcmp(cmd, "gc") == 0) {
		r = yoy_store_gc(s);
	} else if (strcmp(cmd, "ls") == 0) {
		r = yoy_store_ls(s, arg, stdout);
	} else if (strcmp(cmd, "show") == 0) {
		if ((d = yoy_store_doc(s, arg, sa->action, sa->dept)) != NULL)
			r = yoy_xml_output(d, sa->output, NULL);
		yoy_doc_free(d);
	} else if (strcmp(cmd, "push") == 0) {
		r = yoy_store_push(s, arg, &sa->ro);
	} else {
		r = yoy_store_pull(s, arg, &sa->ro);
	}
	yoy_store_close(s);
	if (fflush(stdout) != 0 && r >= 0) {
		yoy_diag(YOY_FATAL, "<stdout>", 0, 0, "write error");
		r = -1;
	}
	return r;
}

/* Runs command `cmd` with the `n` operands of `args`: 0, 1 (verify
 * found damage) or -1 (said; 2 for a usage error: the synopsis too). */
static int
run(struct store_args *sa, const char *cmd, char **args, int n)
{
	static const char *const commands[] = { "import", "log", "show", "ls",
		"verify", "push", "pull", "since", "gc", NULL };
	int i, none;

	if (strcmp(cmd, "init") == 0)
		return n == 1 ? yoy_store_init(args[0]) :
		    bad_usage("init wants one directory");
	if (strcmp(cmd, "clone") == 0)
		return n == 2 ? yoy_store_clone(args[0], args[1], &sa->ro) :
		    bad_usage("clone wants a URL and a directory");
	for (i = 0; commands[i] && strcmp(cmd, commands[i]); i++)
		;
	if (commands[i] == NULL)
		return bad_usage("unknown command '%s'", cmd);
	if (sa->dir == NULL || *sa->dir == '\0')
		return bad_usage("which store? (--store DIR, or YOY_STORE)");
	if (strcmp(cmd, "import") == 0)
		return import(sa, n ? args : (char *[]){ NULL }, n);
	none = strcmp(cmd, "log") == 0 || strcmp(cmd, "verify") == 0 ||
	    strcmp(cmd, "since") == 0 || strcmp(cmd, "gc") == 0;
	if ((sa->patch || sa->format != YOY_FMT_TEXT) && strcmp(cmd, "log"))
		return bad_usage("-p and -f are for log -p, not %s", cmd);
	if (none && n > 0)
		return bad_usage("%s takes no argument, not '%s'", cmd, args[0]);
	if (!none && n != 1)
		return bad_usage("%s wants one argument", cmd);
	return command(sa, cmd, none ? NULL : args[0]);
}

static void
libraries(FILE *f)
{
	fprintf(f, "libgit2 %s, libxml2 %s", yoy_libgit2_version(),
	    yoy_libxml2_version());
}

int
main(int argc, char **argv)
{
	struct store_args sa = { { NULL, NULL, NULL, 0 }, NULL, NULL, NULL, 0, 0,
		YOY_FMT_TEXT, { NULL } };
	const struct yoy_cli cli = {
		"yoy-store", synopsis, about,
		"Exit status: 0 success (an import of nothing new makes no commit),\n"
		"1 verify found damage, 2 trouble.\n",
		options, libraries, option, &sa
	};
	struct yoy_cli_args a;
	const char *self = strrchr(argv[0], '/');
	int r;

	/* run as yoy-diff (yoy-diff --store hands itself over) */
	if (strcmp(self ? self + 1 : argv[0], "yoy-diff") == 0) {
		static const struct yoy_diff_store rev = {
			rev_open, rev_doc, rev_date, rev_close
		};

		return yoy_diff_main(argc, argv, &rev);
	}
	yoy_diag_init("yoy-store");
	yoy_xml_errors_init();
	sa.dir = getenv("YOY_STORE");
	if ((r = yoy_cli_parse(&cli, argc, argv, &a)) != 0)
		return r > 0 ? 0 : 2;
	sa.output = a.output;
	sa.dept = a.department;
	if (a.first == argc) {
		bad_usage("no command (init, clone, import, log, since, show, "
		    "ls, verify, gc, push or pull)");
		return 2;
	}
	if (yoy_registry_load(a.departments) < 0)
		return 2;
	r = -1;
	if (sa.dept == NULL || (sa.dept = yoy_cli_department_id(sa.dept)))
		r = run(&sa, argv[a.first], argv + a.first + 1,
		    argc - a.first - 1);
	yoy_registry_free();
	return yoy_diag_status() == 2 || r < 0 ? 2 : r;
}
