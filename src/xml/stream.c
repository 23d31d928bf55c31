/* A body written as it is read.
 *
 * A reader of a large document (yoy-md on hundreds of megabytes) need not
 * hold the whole tree: what it has finished it hands here, and frees.  The
 * stream keeps the XML of the body's first part, and which open nodes'
 * start tags are in it; the document is written at the end, meta first
 * (a reader learns the title, sources and dates as it goes), then the
 * stream's bytes, then what the tree still holds.  The bytes are the very
 * ones yoy_xml_write gives for the whole tree: tests/mdspill.c checks.
 * Kept beside the model, not in it: the document and its nodes know
 * nothing of it. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_OPEN 64

struct yoy_xml_stream {
	struct yoy_write_opts o;
	struct yoy_buf bytes;
	const struct yoy_node *open[MAX_OPEN];  /* start tags written */
	size_t nopen;
};

struct yoy_xml_stream *
yoy_xml_stream_new(const struct yoy_write_opts *o)
{
	struct yoy_xml_stream *st = yoy_malloc(sizeof(*st));

	memset(st, 0, sizeof(*st));
	if (o)
		st->o = *o;
	return st;
}

void
yoy_xml_stream_free(struct yoy_xml_stream *st)
{
	if (st == NULL)
		return;
	yoy_buf_free(&st->bytes);
	free(st);
}

static struct yoy_xml_part
part(const struct yoy_xml_stream *st)
{
	struct yoy_xml_part p = { &st->bytes, st->open, st->nopen };

	return p;
}

int
yoy_xml_stream_opened(const struct yoy_xml_stream *st,
    const struct yoy_node *n)
{
	struct yoy_xml_part p = part(st);

	return yoy_xml_part_opened(&p, n);
}

int
yoy_xml_stream_started(const struct yoy_xml_stream *st)
{
	return st->bytes.len > 0;
}

int
yoy_xml_stream_open(struct yoy_xml_stream *st, const struct yoy_node *n)
{
	struct yoy_xml_part p = part(st);

	if (st->nopen == MAX_OPEN) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "the body's open nodes are "
		    "nested more than %d deep", MAX_OPEN);
		return -1;
	}
	st->open[st->nopen++] = n;
	return yoy_xml_write_node(&st->bytes, n, 1, &st->o, &p);
}

int
yoy_xml_stream_put(struct yoy_xml_stream *st, const struct yoy_node *n)
{
	struct yoy_xml_part p = part(st);
	const struct yoy_node *c;
	size_t i, j;

	if (yoy_xml_write_node(&st->bytes, n, 0, &st->o, &p) < 0)
		return -1;
	/* n and what it held are closed now */
	for (i = j = 0; i < st->nopen; i++) {
		for (c = st->open[i]; c && c != n; c = c->parent)
			;
		if (c == NULL)
			st->open[j++] = st->open[i];
	}
	st->nopen = j;
	return 0;
}

void
yoy_xml_stream_moved(struct yoy_xml_stream *st, const struct yoy_node *from,
    const struct yoy_node *to)
{
	size_t i;

	for (i = 0; i < st->nopen; i++)
		if (st->open[i] == from)
			st->open[i] = to;
}

int
yoy_xml_stream_output(const struct yoy_xml_stream *st,
    const struct yoy_doc *doc, const char *path)
{
	struct yoy_xml_part p = part(st);

	return yoy_xml_output_part(doc, path, &st->o, &p);
}

int
yoy_xml_stream_write_buf(const struct yoy_xml_stream *st,
    const struct yoy_doc *doc, struct yoy_buf *out)
{
	struct yoy_xml_part p = part(st);

	return yoy_xml_write_buf_part(doc, out, &st->o, &p);
}
