/* The converters' main (yoy-txt, yoy-md, yoy-html): options, the
 * registry, every input read first (a parse's time limit follows their
 * size), each handed to the reader, the document written. */
#include <stdlib.h>

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
