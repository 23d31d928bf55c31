/* The programs' shared helpers (filters/): option checks, reading the
 * inputs, the CPU-time watchdog, and yoy-diff's main, which yoy-store
 * diff runs too.  Not part of the library. */
#ifndef YOY_CLI_H
#define YOY_CLI_H

#include "yoy.h"

/* ---------------------------------------------------------- command line */

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
	void (*close)(void *store);
};
/* The program yoy-diff.  Without `rev`, --store runs yoy-store as
 * yoy-diff, which calls this with them. */
int yoy_diff_main(int argc, char **argv, const struct yoy_diff_store *rev);

#endif
