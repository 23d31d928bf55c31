/* The converters' main (yoy-txt, yoy-md, yoy-html): options, the
 * registry, every input read first (a parse's time limit follows their
 * size), each handed to the reader, the document written; with -O, each
 * input its own document, in one process. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* Reads the inputs into `doc`, under the watchdog when the reader has
 * one; the readers take the buffers. */
static void
read_all(const struct yoy_convert *cv, struct yoy_doc *doc, char **paths,
    int npaths, double limit)
{
	struct yoy_buf *in;
	double total;
	int i, n;

	in = yoy_cli_read(paths, npaths, &n, &total);
	if (yoy_diag_status() == 2) {
		yoy_cli_free(in, n);
		return;
	}
	if (cv->parser)
		yoy_watchdog(limit > 0 ? limit : 5 + total / 1e7, n == 1 ?
		    yoy_diag_name(npaths ? paths[0] : NULL) : "input",
		    cv->what, cv->parser());
	for (i = 0; i < n; i++)
		if (cv->read(cv->cli->ctx, doc, in[i].ptr, in[i].len, npaths ?
		    paths[i] : NULL) < 0 && cv->stop) {
			for (i++; i < n; i++)
				yoy_buf_free(&in[i]);
			break;
		}
	free(in);
}

/* -O's file for input `path`: DIR/NAME.xml, NAME its last component
 * less its extension */
static char *
out_path(const char *dir, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	struct yoy_buf b = YOY_BUF_INIT;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	yoy_buf_printf(&b, "%s/%.*s.xml", dir, (int)(dot - base), base);
	return b.ptr;
}

static char **sorting;          /* out_paths' names, for by_name */

static int
by_name(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b, c = strcmp(sorting[i],
	    sorting[j]);

	return c ? c : i - j;
}

/* Every input's output file, checked before any is written: names for
 * all, none standard input, no two the same; the directory there (made
 * when missing).  NULL after a diagnostic. */
static char **
out_paths(const char *dir, char **paths, int n)
{
	char **out = yoy_malloc(((size_t)n + 1) * sizeof(*out));
	int *order = yoy_malloc(((size_t)n + 1) * sizeof(*order));
	struct stat st;
	int i, bad = n == 0;

	if (n == 0)
		yoy_diag(YOY_FATAL, NULL, 0, 0, "-O converts the files named: "
		    "name at least one");
	for (i = 0; i < n; i++) {
		order[i] = i;
		out[i] = out_path(dir, paths[i]);
		if (strcmp(paths[i], "-") == 0) {
			yoy_diag(YOY_FATAL, NULL, 0, 0, "-O writes a file an input: "
			    "standard input has no name");
			bad = 1;
		}
	}
	/* sorted by output name, two alike are neighbours */
	sorting = out;
	qsort(order, (size_t)n, sizeof(*order), by_name);
	for (i = 1; i < n; i++)
		if (strcmp(out[order[i]], out[order[i - 1]]) == 0) {
			yoy_diag(YOY_FATAL, paths[order[i]], 0, 0, "would be written "
			    "to %s, as %s is", out[order[i]], paths[order[i - 1]]);
			bad = 1;
		}
	free(order);
	if (!bad && mkdir(dir, 0777) < 0 && (errno != EEXIST ||
	    stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))) {
		yoy_diag(YOY_FATAL, dir, 0, 0, "cannot make the directory: %s",
		    errno == EEXIST ? "a file of that name is there" :
		    strerror(errno));
		bad = 1;
	}
	if (bad) {
		for (i = 0; i < n; i++)
			free(out[i]);
		free(out);
		return NULL;
	}
	return out;
}

/* One input, one document, written to `out` when its conversion said no
 * trouble; the document and the reader's memory go before the next. */
static void
convert_one(const struct yoy_convert *cv, const char *path, const char *out,
    const struct yoy_write_opts *w, double limit)
{
	unsigned long before = yoy_diag_fatals();
	struct yoy_buf in = YOY_BUF_INIT;
	struct yoy_doc *doc = yoy_doc_new();

	if (cv->begin)
		cv->begin(cv->cli->ctx, doc, w);
	if (yoy_buf_read_file(&in, path) == 0) {
		if (cv->parser)
			yoy_watchdog(limit > 0 ? limit : 5 + (double)in.len / 1e7,
			    path, cv->what, cv->parser());
		/* the reader takes the buffer */
		cv->read(cv->cli->ctx, doc, in.ptr, in.len, path);
	}
	if (cv->end)
		cv->end(cv->cli->ctx, doc);
	if (yoy_diag_fatals() == before) {
		if (cv->output)
			cv->output(cv->cli->ctx, doc, out);
		else
			yoy_xml_output(doc, out, w);
	}
	yoy_doc_free(doc);
}

/* -O: each input its own document; the exit status is the worst */
static void
convert_each(const struct yoy_convert *cv, const struct yoy_cli_args *a,
    char **paths, int n, const struct yoy_write_opts *w)
{
	char **out;
	int i;

	if (a->output) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "-o and -O: one output file, or "
		    "one an input, not both");
		return;
	}
	if ((out = out_paths(a->output_dir, paths, n)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		convert_one(cv, paths[i], out[i], w, a->time_limit);
		free(out[i]);
	}
	free(out);
}

int
yoy_cli_convert(const struct yoy_convert *cv, int argc, char **argv)
{
	struct yoy_cli_args a;
	struct yoy_write_opts wopts = { 0 };
	struct yoy_doc *doc;
	int status, r;

	yoy_diag_init(cv->cli->prog);
	yoy_xml_errors_init();
	if ((r = yoy_cli_parse(cv->cli, argc, argv, &a)) != 0)
		return r > 0 ? 0 : 2;
	wopts.sourcepos = a.sourcepos;
	if (yoy_registry_load(a.departments) < 0)
		return 2;
	if (a.department && yoy_cli_department(a.department) < 0)
		return 2;
	if (cv->department)
		*cv->department = a.department;
	if (a.output_dir) {
		convert_each(cv, &a, argv + a.first, argc - a.first, &wopts);
		yoy_registry_free();
		return yoy_diag_status();
	}
	doc = yoy_doc_new();
	if (cv->begin)
		cv->begin(cv->cli->ctx, doc, &wopts);
	read_all(cv, doc, argv + a.first, argc - a.first, a.time_limit);
	if (cv->end)
		cv->end(cv->cli->ctx, doc);
	if (yoy_diag_status() < 2 && cv->output)
		cv->output(cv->cli->ctx, doc, a.output);
	else if (yoy_diag_status() < 2)
		yoy_xml_output(doc, a.output, &wopts);
	status = yoy_diag_status();
	yoy_doc_free(doc);
	yoy_registry_free();
	return status;
}
