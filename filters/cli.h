/* The programs' shared helpers (filters/): one table of options and
 * their parsing (cli.c), the converters' main (convert.c), checks of
 * option arguments, reading the inputs, the CPU-time watchdog
 * (watchdog.c), and yoy-diff's main (diffmain.c), which yoy-store runs
 * too.  Not part of the library. */
#ifndef YOY_CLI_H
#define YOY_CLI_H

#include "yoy.h"

/* --------------------------------------------------------------- options */

/* Every option of yoy's programs, named once (cli.c's table holds each
 * one's long name, letter, argument and help); a program lists those it
 * takes. */
enum yoy_opt {
	YOY_OPT_END,
	/* handled by yoy_cli_parse itself */
	YOY_OPT_OUTPUT, YOY_OPT_OUTPUT_DIR, YOY_OPT_DEPARTMENTS,
	YOY_OPT_SOURCEPOS, YOY_OPT_TIME_LIMIT, YOY_OPT_WARNINGS, YOY_OPT_HELP,
	YOY_OPT_VERSION, YOY_OPT_DEPARTMENT,
	/* handed to the program */
	YOY_OPT_TITLE, YOY_OPT_INCLUDE_DIR,
	YOY_OPT_ACTION, YOY_OPT_KIND, YOY_OPT_YEAR,
	YOY_OPT_YEARS, YOY_OPT_STORE, YOY_OPT_IGNORE_TYPOGRAPHY,
	YOY_OPT_FORMAT, YOY_OPT_COLOR, YOY_OPT_COLOUR, YOY_OPT_ALL,
	YOY_OPT_RULES, YOY_OPT_NO_RULES, YOY_OPT_PREVIOUS, YOY_OPT_AGAINST,
	YOY_OPT_EXPECT, YOY_OPT_PATTERNS, YOY_OPT_VERBOSE, YOY_OPT_DATE,
	YOY_OPT_TAG, YOY_OPT_MESSAGE, YOY_OPT_FSYNC, YOY_OPT_FROM,
	YOY_OPT_LOCATE, YOY_OPT_REPORT, YOY_OPT_SOURCE_ROOT, YOY_OPT_CSS,
	YOY_OPT_SPLIT, YOY_OPT_CONTENT_ITEM, YOY_OPT_PATCH, YOY_OPT_SSH_KEY,
	YOY_OPT_N
};

/* An option a program takes; `help`, when not NULL, says what it does in
 * this program instead of the table's words. */
struct yoy_cli_opt {
	enum yoy_opt opt;
	const char *help;
};

/* A program's command line: its usage and options. */
struct yoy_cli {
	const char *prog;
	const char *synopsis;       /* the "usage:" lines */
	const char *about;          /* what it does (--help) */
	const char *exit_status;    /* the closing lines of --help */
	const struct yoy_cli_opt *opts;     /* ends with YOY_OPT_END */
	/* --version: the libraries it uses, "libxml2 2.9.14, PCRE2 10.42" */
	void (*libraries)(FILE *);
	/* a program's own option; -1 after a diagnostic (NULL: it has
	 * none) */
	int (*option)(void *ctx, enum yoy_opt, const char *arg);
	void *ctx;
};

/* What yoy_cli_parse keeps of the options every program shares. */
struct yoy_cli_args {
	const char *output;         /* -o */
	const char *output_dir;     /* -O */
	const char *departments;    /* --departments */
	const char *department;     /* -d, as given */
	int sourcepos;              /* --sourcepos */
	double time_limit;          /* --time-limit, 0 when not given */
	int first;                  /* the first operand: argv[first] */
};

/* Parses argv's options: the shared ones into `a` (-W sets the
 * diagnostics' threshold), the rest handed to cli->option.  0 to go on;
 * 1 when --help or --version has been answered (exit 0); -1 after a
 * diagnostic (exit 2), which for an unknown option is getopt's and the
 * synopsis. */
int yoy_cli_parse(const struct yoy_cli *, int argc, char **argv,
	struct yoy_cli_args *a);
/* Says "Try 'PROG --help'." on standard error after a usage error
 * (said first, in one line); -1. */
int yoy_cli_usage(const struct yoy_cli *);
/* `arg` as one of `names` (NULL-terminated): its index, or -1 after
 * "unknown WHAT 'arg' (use a, b or c)". */
int yoy_cli_choice(const char *what, const char *arg,
	const char *const *names);
/* --version's libraries, for cli->libraries. */
void yoy_cli_xml_pcre2(FILE *);

/* ------------------------------------------------------------ converters */

/* A converter: its command line and its reader. */
struct yoy_convert {
	const struct yoy_cli *cli;          /* cli->ctx is the reader's too */
	const char **department;    /* where -d goes, once checked */
	/* before the inputs: the reader made (NULL: none) */
	void (*begin)(void *ctx, struct yoy_doc *, const struct yoy_write_opts *);
	/* one input: `buf` is taken; -1 on trouble (said) */
	int (*read)(void *ctx, struct yoy_doc *, char *buf, size_t len,
		const char *file);
	int stop;                           /* the first trouble ends reading */
	/* after the inputs (NULL: none) */
	void (*end)(void *ctx, struct yoy_doc *);
	/* writes the document to `path` (NULL: standard output), said on
	 * failure: -1 (NULL: yoy_xml_output) */
	int (*output)(void *ctx, const struct yoy_doc *, const char *path);
	/* a parser that may take too long or abort: what it reads
	 * ("markdown") and its name and version, for the watchdog */
	const char *what;
	const char *(*parser)(void);
};
/* A converter's main: options, registry, inputs, output; the exit
 * status. */
int yoy_cli_convert(const struct yoy_convert *, int argc, char **argv);

/* ---------------------------------------------------------- arguments */

/* Checks of option arguments the programs share; -1 after a diagnostic. */
int yoy_cli_department(const char *id);     /* -d: known, or a slug */
/* -d as an id: the registry's slug for any spelling, or the argument
 * when it is a slug the registry does not know (with a warning); NULL
 * after a diagnostic. */
const char *yoy_cli_department_id(const char *arg);
int yoy_cli_seconds(const char *opt, const char *arg, double *out);
/* An option's whole number in [min, max] (min >= 0), or -1. */
int yoy_cli_number(const char *opt, const char *arg, int min, int max);
/* Reads the `n` files of `paths` (standard input when n is 0) into
 * `*count` buffers, their total size in `*bytes`; failures are reported
 * (the diagnostics' status says 2). */
struct yoy_buf *yoy_cli_read(char **paths, int n, int *count, double *bytes);
void yoy_cli_free(struct yoy_buf *, int count);
/* Runs `prog` (this program's directory first, then PATH) with `argv`;
 * returns only after saying why it could not. */
void yoy_cli_exec(const char *prog, char **argv);

/* ------------------------------------------------------------ watchdog */

/* Limits the CPU time of what follows to `seconds`: past it, or when a
 * library abort()s, the program says that `what` ("markdown") took too
 * long (input pathological for `suspect`?) or aborted, and exits 2. */
void yoy_watchdog(double seconds, const char *file, const char *what,
	const char *suspect);

/* ------------------------------------------------------------ yoy-diff */

/* Revisions for yoy-diff --store: a store opened, one revision read, the
 * store closed (NULL from open and doc: said). */
struct yoy_diff_store {
	void *(*open)(const char *dir);
	struct yoy_doc *(*doc)(void *store, const char *rev);
	/* the revision's date, YYYY-MM-DD, into date[11]; -1: said */
	int (*date)(void *store, const char *rev, char *date);
	void (*close)(void *store);
};
/* The program yoy-diff.  Without `rev`, --store runs yoy-store as
 * yoy-diff, which calls this with them. */
int yoy_diff_main(int argc, char **argv, const struct yoy_diff_store *rev);

#endif
