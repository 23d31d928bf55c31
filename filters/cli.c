/* What the programs' mains share: one table of options and their
 * parsing, checks of option arguments, reading every input before a parse
 * whose time limit follows their size, and running a sibling program. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Every option, once.  An argument in brackets is optional. */
static const struct {
	const char *name;
	int letter;                 /* 0: a long option only */
	const char *arg;            /* NULL: takes none */
	const char *help;
} table[YOY_OPT_N] = {
	[YOY_OPT_OUTPUT] = { "output", 'o', "FILE",
		"write to FILE instead of standard output" },
	[YOY_OPT_OUTPUT_DIR] = { "output-dir", 'O', "DIR",
		"each FILE its own document, written to\n"
		"DIR/NAME.xml (NAME: FILE's, less its extension)" },
	[YOY_OPT_DEPARTMENTS] = { "departments", 0, "FILE",
		"add or override registry entries" },
	[YOY_OPT_SOURCEPOS] = { "sourcepos", 0, NULL,
		"add line=\"N\" to blocks" },
	[YOY_OPT_TIME_LIMIT] = { "time-limit", 0, "SECONDS",
		"CPU seconds before giving up" },
	[YOY_OPT_WARNINGS] = { "warnings", 'W', "LEVEL",
		"exit 1 on findings at LEVEL or above\n"
		"(warning or error; default error)" },
	[YOY_OPT_HELP] = { "help", 'h', NULL, "show this help" },
	[YOY_OPT_VERSION] = { "version", 'V', NULL,
		"show the version and the libraries'" },
	[YOY_OPT_DEPARTMENT] = { "department", 'd', "ID",
		"the page is this department's (slug or any\n"
		"spelling the registry knows)" },
	[YOY_OPT_TITLE] = { "title", 't', "TEXT",
		"the page's title, for a body without it" },
	[YOY_OPT_INCLUDE_DIR] = { "include-dir", 'I', "DIR",
		"where {include name} finds partials" },
	[YOY_OPT_ACTION] = { "action", 'a', "N", "only action N" },
	[YOY_OPT_KIND] = { "kind", 'k', "KIND",
		"only commitment, progress or plan entries" },
	[YOY_OPT_YEAR] = { "year", 'y', "YEAR", "only entries of YEAR" },
	[YOY_OPT_YEARS] = { "years", 0, NULL,
		"one edition, each entry against the year before" },
	[YOY_OPT_STORE] = { "store", 's', "DIR", "the store" },
	[YOY_OPT_IGNORE_TYPOGRAPHY] = { "ignore-typography", 0, NULL,
		"quotes, dashes, ellipses, white space: equal" },
	[YOY_OPT_FORMAT] = { "format", 'f', "FORMAT", "the output's format" },
	[YOY_OPT_COLOR] = { "color", 0, "[=WHEN]",
		"text: colours, not brackets (auto, always,\n"
		"never; default auto: on a terminal)" },
	[YOY_OPT_COLOUR] = { "colour", 0, "[=WHEN]", NULL },
	[YOY_OPT_ALL] = { "all", 0, NULL, "also the cells that are the same" },
	[YOY_OPT_RULES] = { "rules", 0, "LIST",
		"only these rules (comma-separated)" },
	[YOY_OPT_NO_RULES] = { "no-rules", 0, "LIST", "not these rules" },
	[YOY_OPT_PREVIOUS] = { "previous", 0, "FILE",
		"the edition before: its departments must stay" },
	[YOY_OPT_AGAINST] = { "against", 0, "FILE",
		"the other view of this edition: cells agree" },
	[YOY_OPT_EXPECT] = { "expect", 0, "FILE",
		"departments every action must have, one a line" },
	[YOY_OPT_PATTERNS] = { "patterns", 0, "FILE",
		"more placeholder patterns (PCRE2), one a line" },
	[YOY_OPT_VERBOSE] = { "verbose", 'v', NULL,
		"show the word diff of inconsistent cells" },
	[YOY_OPT_DATE] = { "date", 0, "YYYY-MM-DD",
		"import: the edition's date (default: its own)" },
	[YOY_OPT_TAG] = { "tag", 0, "NAME", "import: tag the edition" },
	[YOY_OPT_MESSAGE] = { "message", 'm', "TEXT",
		"import: the commit message" },
	[YOY_OPT_FSYNC] = { "fsync", 0, NULL,
		"import: make the commit durable before exit" },
	[YOY_OPT_FROM] = { "from", 0, "FORMAT",
		"read the inputs as html, md, txt or xml\n"
		"(default: each one's content, then its name)" },
	[YOY_OPT_LOCATE] = { "locate", 0, "WHERE",
		"source (default): findings at the source's\n"
		"lines; xml: at the XML's own" },
	[YOY_OPT_REPORT] = { "report", 0, "FORMAT:FILE",
		"also write the findings in FORMAT to FILE\n"
		"(repeatable)" },
	[YOY_OPT_CSS] = { "css", 0, "FILE",
		"html: add FILE's stylesheet to the page's" },
	[YOY_OPT_SPLIT] = { "split", 0, "DIR",
		"html: a page per department and per action,\n"
		"and index.html, in DIR" },
	[YOY_OPT_CONTENT_ITEM] = { "content-item", 0, NULL,
		"read the inputs as GOV.UK Content API items\n"
		"(JSON; by default, any input that is JSON)" },
	[YOY_OPT_PATCH] = { "patch", 'p', NULL,
		"log: each edition's word diff of the cells" },
	[YOY_OPT_SSH_KEY] = { "ssh-key", 0, "FILE",
		"push, pull, clone over SSH: this private key\n"
		"(default: the SSH agent's keys)" },
	[YOY_OPT_SOURCE_ROOT] = { "source-root", 0, "DIR",
		"reports name files relative to DIR (default:\n"
		"the current directory)" },
};

#define HELP_COLUMN 26

/* One option's lines of --help: its names and argument, then its help,
 * each further line of which starts at HELP_COLUMN. */
static void
help_line(FILE *f, enum yoy_opt o, const char *help)
{
	int n;

	if (help == NULL)
		return;         /* another spelling, not listed */
	n = table[o].letter ? fprintf(f, "  -%c, --%s", table[o].letter,
	    table[o].name) : fprintf(f, "      --%s", table[o].name);
	if (table[o].arg)
		n += fprintf(f, "%s%s", table[o].arg[0] == '[' ? "" : " ",
		    table[o].arg);
	fprintf(f, "%*s", n < HELP_COLUMN ? HELP_COLUMN - n : 1, "");
	for (; *help; help++) {
		putc(*help, f);
		if (*help == '\n')
			fprintf(f, "%*s", HELP_COLUMN, "");
	}
	putc('\n', f);
}

static void
help(const struct yoy_cli *c)
{
	const struct yoy_cli_opt *o;

	fputs(c->synopsis, stdout);
	printf("\n%s\n", c->about);
	for (o = c->opts; o->opt != YOY_OPT_END; o++)
		help_line(stdout, o->opt, o->help ? o->help : table[o->opt].help);
	printf("\n%s", c->exit_status);
}

int
yoy_cli_usage(const struct yoy_cli *c)
{
	fprintf(stderr, "Try '%s --help'.\n", c->prog);
	return -1;
}

/* getopt_long's tables for the options `c` takes: each long option's
 * value is its yoy_opt; a letter is mapped back by `letters`. */
static void
getopt_tables(const struct yoy_cli *c, struct option *longopts,
	char *shortopts, enum yoy_opt *letters)
{
	const struct yoy_cli_opt *o;
	struct option *l = longopts;
	char *s = shortopts;

	for (o = c->opts; o->opt != YOY_OPT_END; o++) {
		const char *arg = table[o->opt].arg;
		int has = arg == NULL ? no_argument : arg[0] == '[' ?
		    optional_argument : required_argument;

		*l++ = (struct option){ table[o->opt].name, has, NULL,
		    (int)o->opt };
		if (table[o->opt].letter) {
			*s++ = (char)table[o->opt].letter;
			if (has == required_argument)
				*s++ = ':';
			letters[(unsigned char)table[o->opt].letter] = o->opt;
		}
	}
	*l = (struct option){ NULL, 0, NULL, 0 };
	*s = '\0';
}

/* A shared option; 1 when it was --help or --version, -1 after a
 * diagnostic. */
static int
shared(const struct yoy_cli *c, enum yoy_opt o, const char *arg,
	struct yoy_cli_args *a)
{
	switch (o) {
	case YOY_OPT_OUTPUT:
		a->output = arg;
		return 0;
	case YOY_OPT_OUTPUT_DIR:
		a->output_dir = arg;
		return 0;
	case YOY_OPT_DEPARTMENTS:
		a->departments = arg;
		return 0;
	case YOY_OPT_DEPARTMENT:
		a->department = arg;
		return 0;
	case YOY_OPT_SOURCEPOS:
		a->sourcepos = 1;
		return 0;
	case YOY_OPT_TIME_LIMIT:
		return yoy_cli_seconds("--time-limit", arg, &a->time_limit);
	case YOY_OPT_WARNINGS:
		return yoy_diag_set_threshold(arg);
	case YOY_OPT_HELP:
		help(c);
		return 1;
	case YOY_OPT_VERSION:
		printf("%s %s (", c->prog, YOY_VERSION);
		c->libraries(stdout);
		printf(")\n%s\n", YOY_LICENCE);
		return 1;
	default:
		/* a program's own: it lists it, so it takes it */
		return c->option && c->option(c->ctx, o, arg) < 0 ? -1 : 0;
	}
}

int
yoy_cli_parse(const struct yoy_cli *c, int argc, char **argv,
	struct yoy_cli_args *a)
{
	struct option longopts[YOY_OPT_N + 1];
	char shortopts[2 * YOY_OPT_N + 1];
	enum yoy_opt letters[256] = { YOY_OPT_END };
	int ch, r;

	memset(a, 0, sizeof(*a));
	getopt_tables(c, longopts, shortopts, letters);
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (ch == '?' || ch == ':')
			return yoy_cli_usage(c);
		if (ch > 0 && ch < 256 && letters[ch] != YOY_OPT_END)
			ch = (int)letters[ch];
		if ((r = shared(c, (enum yoy_opt)ch, optarg, a)) != 0)
			return r;
	}
	a->first = optind;
	return 0;
}

int
yoy_cli_choice(const char *what, const char *arg, const char *const *names)
{
	struct yoy_buf list = YOY_BUF_INIT;
	int i, n;

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	for (n = i, i = 0; i < n; i++)
		yoy_buf_printf(&list, "%s%s", i == 0 ? "" : i == n - 1 ?
		    " or " : ", ", names[i]);
	yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown %s '%s' (use %s)", what, arg,
	    list.ptr);
	yoy_buf_free(&list);
	return -1;
}

void
yoy_cli_xml_pcre2(FILE *f)
{
	fprintf(f, "libxml2 %s, PCRE2 %s", yoy_libxml2_version(),
	    yoy_pcre2_version());
}

const char *
yoy_cli_department_id(const char *arg)
{
	const struct yoy_dept *d = yoy_registry_find(arg, strlen(arg));

	if (d)
		return d->id;
	return yoy_cli_department(arg) < 0 ? NULL : arg;
}

int
yoy_cli_number(const char *opt, const char *arg, int min, int max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end || errno || v < min || v > max) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "%s wants a number from %d to "
		    "%d, not '%s'", opt, min, max, arg);
		return -1;
	}
	return (int)v;
}

int
yoy_cli_department(const char *id)
{
	size_t len = strlen(id);

	if (yoy_text_check(id, len, "--department") > 0)
		return -1;
	if (yoy_registry_find(id, len) != NULL)
		return 0;
	if (!yoy_registry_valid_id(id)) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown department '%s' (not "
		    "in the registry, not a slug)", id);
		return -1;
	}
	yoy_diag(YOY_WARNING, NULL, 0, 0, "unknown department '%s'; using it "
	    "as the id", id);
	return 0;
}

int
yoy_cli_seconds(const char *opt, const char *arg, double *out)
{
	char *end;

	*out = strtod(arg, &end);
	if (end == arg || *end || !(*out > 0)) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "%s wants a positive number "
		    "of seconds, not '%s'", opt, arg);
		return -1;
	}
	return 0;
}

struct yoy_buf *
yoy_cli_read(char **paths, int n, int *count, double *bytes)
{
	struct yoy_buf *in;
	int i;

	*count = n > 0 ? n : 1;
	*bytes = 0;
	in = yoy_malloc((size_t)*count * sizeof(*in));
	for (i = 0; i < *count; i++) {
		memset(&in[i], 0, sizeof(in[i]));
		if (yoy_buf_read_file(&in[i], n > 0 ? paths[i] : NULL) == 0)
			*bytes += (double)in[i].len;
	}
	return in;
}

void
yoy_cli_free(struct yoy_buf *in, int count)
{
	int i;

	for (i = 0; i < count; i++)
		yoy_buf_free(&in[i]);
	free(in);
}

/* Runs `prog` from this program's own directory (else from PATH), with
 * argv as it is (argv[0] says which program to be); returns only on
 * failure, said. */
void
yoy_cli_exec(const char *prog, char **argv)
{
	char self[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	size_t len;

	fflush(stdout);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL &&
		    (len = (size_t)(slash + 1 - self)) + strlen(prog) <
		    sizeof(self)) {
			strcpy(self + len, prog);
			execv(self, argv);
		}
	}
	execvp(prog, argv);
	yoy_diag(YOY_FATAL, NULL, 0, 0, "cannot run %s: %s", prog,
	    strerror(errno));
}
