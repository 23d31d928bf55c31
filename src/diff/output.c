/* The diff's renderers: text (bracketed or coloured), tsv and xml; the
 * review page (html) is html.c's.  XML is built as a libxml2 tree and
 * written by libxml2's own serializer, which escapes every text from the
 * inputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const kind_title[] = { "Text", "Commitment", "Progress",
	"Plan" };

/* "Action 2 · Cabinet Office · Progress 2013" (→ 2014 year on year) */
static void
heading(const struct yoy_cell *c, struct yoy_buf *b)
{
	b->len = 0;
	if (c->what == YOY_CELL_SECTION) {
		yoy_buf_printf(b, "%s", *c->section ? c->section :
		    "Text outside any section");
		return;
	}
	yoy_buf_printf(b, "Action %d \xc2\xb7 ", c->action);
	if (c->what == YOY_CELL_INTRO) {
		yoy_buf_puts(b, "title and introduction");
		return;
	}
	yoy_buf_printf(b, "%s \xc2\xb7 %s ", c->dept_name ? c->dept_name :
	    c->dept_id, kind_title[c->kind]);
	if (c->node[0] && c->node[1] && c->year[0] != c->year[1])
		yoy_buf_printf(b, "%d \xe2\x86\x92 %d", c->year[0], c->year[1]);
	else
		yoy_buf_printf(b, "%d", c->node[1] ? c->year[1] : c->year[0]);
}

static int
shown(const struct yoy_cell *c, const struct yoy_diff_out *o)
{
	return o->all || c->status != YOY_SAME;
}

/* ---------------------------------------------------------------- text */

static const char *
prefix(enum yoy_type t)
{
	switch (t) {
	case YOY_LI: return "\xe2\x80\xa2 ";
	case YOY_TH: case YOY_TD: return "| ";
	case YOY_DD: return "    ";
	case YOY_FIGURE: return "[figure] ";
	case YOY_CAPTION: return "[caption] ";
	case YOY_TITLE: return "[title] ";
	case YOY_NOTE: return "[note] ";
	default: return "";
	}
}

struct text {
	FILE *f;
	int color;
	enum yoy_opkind open;   /* the group open now: SAME for none */
};

static void
close_group(struct text *t)
{
	if (t->open == YOY_OP_SAME)
		return;
	if (t->color)
		fputs("\033[m", t->f);
	else
		fputs(t->open == YOY_OP_DEL ? "-]" : "+}", t->f);
	t->open = YOY_OP_SAME;
}

static void
open_group(struct text *t, enum yoy_opkind k)
{
	if (k == t->open)
		return;
	close_group(t);
	if (k == YOY_OP_SAME)
		return;
	if (t->color)
		fputs(k == YOY_OP_DEL ? "\033[31m" : "\033[32m", t->f);
	else
		fputs(k == YOY_OP_DEL ? "[-" : "{+", t->f);
	t->open = k;
}

static void
text_script(struct text *t, const struct yoy_script *sc)
{
	size_t i;
	int blocks = 0;

	for (i = 0; i < sc->n; i++) {
		const struct yoy_op *op = &sc->op[i];
		const char *s = op->s, *end = s + op->len, *nl;

		if (op->block) {
			close_group(t);
			fprintf(t->f, "%s  %s", blocks++ ? "\n" : "",
			    prefix(op->type));
			continue;
		}
		open_group(t, op->kind);
		/* preformatted text keeps its lines, indented */
		while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
			fwrite(s, 1, (size_t)(nl - s), t->f);
			fputs("\n  ", t->f);
			s = nl + 1;
		}
		fwrite(s, 1, (size_t)(end - s), t->f);
	}
	close_group(t);
	if (blocks)
		fputc('\n', t->f);
}

static void
counts(FILE *f, const size_t *n, int all)
{
	static const enum yoy_status order[] = { YOY_CHANGED, YOY_ADDED,
		YOY_REMOVED, YOY_SAME };
	size_t i;
	int first = 1;

	for (i = 0; i < 4; i++)
		if (all || n[order[i]]) {
			fprintf(f, "%s%zu %s", first ? "" : ", ", n[order[i]],
			    yoy_status_name(order[i]));
			first = 0;
		}
}

static void
write_text(struct yoy_diff *df, FILE *f, const struct yoy_diff_out *o,
    int years)
{
	struct yoy_script sc = YOY_SCRIPT_INIT;
	struct yoy_buf h = YOY_BUF_INIT;
	struct text t = { f, o->color, YOY_OP_SAME };
	size_t i, del = 0, ins = 0, nsame = 0;

	for (i = 0; i < df->n; i++) {
		struct yoy_cell *c = &df->cell[i];

		if (c->status == YOY_SAME)
			nsame++;
		if (!shown(c, o))
			continue;
		yoy_diff_script(df, c, &sc);
		del += c->deleted, ins += c->inserted;
		heading(c, &h);
		fprintf(f, "%s%s (%s)%s\n", o->color ? "\033[1m" : "", h.ptr,
		    yoy_status_name(c->status), o->color ? "\033[m" : "");
		text_script(&t, &sc);
		fputc('\n', f);
	}
	/* year on year, what did not move is the news */
	if (years && nsame && !o->all) {
		fputs("Unchanged from the year before:\n", f);
		for (i = 0; i < df->n; i++)
			if (df->cell[i].status == YOY_SAME) {
				heading(&df->cell[i], &h);
				fprintf(f, "  %s\n", h.ptr);
			}
		fputc('\n', f);
	}
	fputs(years ? "entries against the year before: " : "entries: ", f);
	counts(f, df->count, 1);
	if (df->other[0] + df->other[1] + df->other[2] + df->other[3]) {
		fputs("; action and section texts: ", f);
		counts(f, df->other, 0);
	}
	fprintf(f, "; %zu words deleted, %zu inserted\n", del, ins);
	yoy_script_free(&sc);
	yoy_buf_free(&h);
}

/* ----------------------------------------------------------------- tsv */

static void
tsv_field(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void
write_tsv(struct yoy_diff *df, FILE *f, const struct yoy_diff_out *o)
{
	struct yoy_script sc = YOY_SCRIPT_INIT;
	size_t i;

	fputs("action\tdepartment\tkind\tyear_old\tyear_new\tstatus\t"
	    "words_old\twords_new\twords_deleted\twords_inserted\tsection\n",
	    f);
	for (i = 0; i < df->n; i++) {
		struct yoy_cell *c = &df->cell[i];
		int y0 = c->node[0] ? c->year[0] : c->year[1],
		    y1 = c->node[1] ? c->year[1] : c->year[0];

		if (!shown(c, o))
			continue;
		yoy_diff_script(df, c, &sc);
		if (c->action)
			fprintf(f, "%d", c->action);
		fputc('\t', f);
		tsv_field(f, c->dept_id);
		if (c->what == YOY_CELL_ENTRY)
			fprintf(f, "\t%s\t%d\t%d", yoy_kind_name(c->kind), y0, y1);
		else
			fprintf(f, "\t%s\t\t", c->what == YOY_CELL_INTRO ?
			    "intro" : "section");
		fprintf(f, "\t%s\t%zu\t%zu\t%zu\t%zu\t",
		    yoy_status_name(c->status), c->words[0], c->words[1],
		    c->deleted, c->inserted);
		tsv_field(f, c->section);
		fputc('\n', f);
	}
	yoy_script_free(&sc);
}

/* ------------------------------------------------------ markup, shared */

static const char *
block_name(enum yoy_type t)
{
	switch (t) {
	case YOY_ENTRY: case YOY_ACTION: case YOY_SECTION: case YOY_BODY:
	case YOY_DEPARTMENT: case YOY_REPORT: case YOY_META:
		return "p";
	default:
		return yoy_type_name(t);
	}
}

/* The script's blocks under `parent`, with del and ins; in html a block
 * is a p of its kind's class. */
static void
markup_script(xmlNodePtr parent, const struct yoy_script *sc, int html)
{
	xmlNodePtr blk = NULL;
	size_t i;

	for (i = 0; i < sc->n; i++) {
		const struct yoy_op *op = &sc->op[i];

		if (op->block || blk == NULL) {
			blk = yoy_tree_el(parent, html ? "p" : block_name(op->type));
			if (html && *prefix(op->type))
				yoy_tree_text(blk, prefix(op->type),
				    strlen(prefix(op->type)));
			if (op->block)
				continue;
		}
		if (op->kind == YOY_OP_SAME)
			yoy_tree_text(blk, op->s, op->len);
		else
			yoy_tree_text(yoy_tree_el(blk, op->kind == YOY_OP_DEL ? "del" :
			    "ins"), op->s, op->len);
	}
}

/* ----------------------------------------------------------------- xml */

static int
write_xml(struct yoy_diff *df, FILE *f, const struct yoy_diff_out *o,
    int years)
{
	struct yoy_script sc = YOY_SCRIPT_INIT;
	xmlNodePtr root, action = NULL, dept = NULL, n;
	xmlDocPtr doc = yoy_tree_doc("diff", &root);
	const struct yoy_cell *prev = NULL;
	size_t i;
	int s, rc;

	yoy_tree_attr(root, "version", "1");
	if (years)
		yoy_tree_attr(root, "years", "yes");
	for (s = 0; s < 2; s++) {
		if (o->name[s] == NULL)
			continue;
		n = yoy_tree_el(root, "source");
		yoy_tree_attr(n, "side", s ? "new" : "old");
		yoy_tree_attr(n, "name", o->name[s]);
	}
	for (i = 0; i < df->n; i++) {
		struct yoy_cell *c = &df->cell[i];

		if (!shown(c, o))
			continue;
		yoy_diff_script(df, c, &sc);
		if (c->what == YOY_CELL_SECTION) {
			action = dept = NULL;
			n = yoy_tree_el(root, "section");
			yoy_tree_attr(n, "title", c->section);
		} else {
			if (action == NULL || prev == NULL ||
			    prev->action != c->action) {
				action = yoy_tree_el(root, "action");
				yoy_tree_attr_n(action, "n", c->action);
				dept = NULL;
			}
			if (c->what == YOY_CELL_INTRO) {
				n = yoy_tree_el(action, "intro");
			} else {
				if (dept == NULL || prev->what != YOY_CELL_ENTRY ||
				    strcmp(prev->dept_id, c->dept_id) != 0) {
					dept = yoy_tree_el(action, "department");
					yoy_tree_attr(dept, "id", c->dept_id);
					yoy_tree_attr(dept, "name", c->dept_name);
				}
				n = yoy_tree_el(dept, "entry");
				yoy_tree_attr(n, "kind", yoy_kind_name(c->kind));
				yoy_tree_attr_n(n, "year", c->node[1] ? c->year[1] :
				    c->year[0]);
				if (c->node[0] && c->node[1] &&
				    c->year[0] != c->year[1])
					yoy_tree_attr_n(n, "year-old", c->year[0]);
				yoy_tree_attr(n, "label", c->label);
			}
		}
		yoy_tree_attr(n, "status", yoy_status_name(c->status));
		markup_script(n, &sc, 0);
		prev = c;
	}
	yoy_script_free(&sc);
	rc = yoy_tree_save(doc, f, 0);
	xmlFreeDoc(doc);
	return rc;
}

int
yoy_diff_write(struct yoy_diff *df, FILE *f, const struct yoy_diff_out *o)
{
	int years = df->doc[1] == NULL, rc = 0;

	switch (o->format) {
	case YOY_FMT_TEXT:
		write_text(df, f, o, years);
		break;
	case YOY_FMT_TSV:
		write_tsv(df, f, o);
		break;
	case YOY_FMT_XML:
		rc = write_xml(df, f, o, years);
		break;
	case YOY_FMT_HTML:
		/* html.c, the review page */
		rc = yoy_diff_html(df, f, o);
		break;
	}
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	if (rc < 0)
		yoy_diag(YOY_FATAL, o->output ? o->output : "<stdout>", 0, 0,
		    "write error: %s", strerror(errno));
	return rc;
}
