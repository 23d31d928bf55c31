/* The action › department › entry tree, built the same way by every reader.
 *
 * Three kinds of page:
 *   per-action      the title is "Action N: …"; the first paragraph is the
 *                   action's statement, department headings then entries
 *   per-department  the title is "CO's actions in response to …" (or
 *                   --department): "Action N: …" headings, then entries
 *   generic         anything else: sections, and "Action N: …" headings
 *                   as actions inside them
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
yoy_shape_init(struct yoy_shape *sh, struct yoy_doc *doc, const char *file,
    const char *department)
{
	memset(sh, 0, sizeof(*sh));
	sh->doc = doc;
	sh->file = file;
	sh->year = "2012";
	sh->ids_arena = yoy_arena_scratch();
	if (department) {
		const struct yoy_dept *d = yoy_registry_find(department,
		    strlen(department));

		sh->page = YOY_PAGE_DEPT;
		sh->page_id = d ? d->id : department;
		sh->page_name = d ? d->name : department;
	}
}

void
yoy_shape_free(struct yoy_shape *sh)
{
	yoy_map_free(&sh->ids);
	yoy_arena_free(sh->ids_arena);
}

void
yoy_shape_page(struct yoy_shape *sh, const char *title, size_t len,
    unsigned line)
{
	size_t off, n;
	int num;

	if (sh->page == YOY_PAGE_DEPT)
		return;         /* --department */
	if (yoy_pattern_dept_page(title, len, &off, &n)) {
		const struct yoy_dept *d = yoy_registry_find(title + off, n);
		struct yoy_buf slug = YOY_BUF_INIT;

		sh->page = YOY_PAGE_DEPT;
		if (d) {
			sh->page_id = d->id;
			sh->page_name = d->name;
			return;
		}
		yoy_registry_slug(title + off, n, &slug);
		yoy_diag(YOY_WARNING, sh->file, line, 1,
		    "unknown department '%.*s'; using id '%s'",
		    (int)n, title + off, slug.ptr);
		sh->page_id = yoy_arena_strndup(sh->doc->arena, slug.ptr,
		    slug.len);
		sh->page_name = yoy_arena_strndup(sh->doc->arena, title + off,
		    n);
		yoy_buf_free(&slug);
	} else if ((num = yoy_pattern_action(title, len, &off)) > 0) {
		sh->page = YOY_PAGE_ACTION;
		yoy_shape_action(sh, NULL, num, line);
	}
}

void
yoy_shape_meta(struct yoy_shape *sh, enum yoy_type t, const char *s,
    size_t len, unsigned line)
{
	struct yoy_node *n;

	if (yoy_node_child(sh->doc->meta, t) != NULL)
		return;
	n = yoy_doc_meta(sh->doc, t);
	n->line = line;
	yoy_node_add_text(sh->doc, n, s, len, 0);
}

/* Whether "YYYY-MM-DD" is a day of the calendar (the schema's xsd:date:
 * no 31 February, no month 00, no year 0000). */
static int
calendar_day(const char *iso)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, leap;

	if (strlen(iso) != 10 || strspn(iso, "0123456789-") != 10 ||
	    iso[4] != '-' || iso[7] != '-' ||
	    sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
	    (m != 2 || d <= 28 || leap);
}

void
yoy_shape_date(struct yoy_shape *sh, const char iso[11], const char *kind,
    unsigned line)
{
	struct yoy_node *m = yoy_node_child(sh->doc->meta, YOY_DATE), *d;

	if (!calendar_day(iso)) {
		yoy_diag(YOY_WARNING, sh->file, line, 0, "%s date '%.10s' is not "
		    "a day of the calendar; left out", kind, iso);
		return;
	}

	if (m && (strcmp(yoy_node_get(m, "kind"), kind) == 0 ||
	    (m->next && m->next->type == YOY_DATE)))
		return;         /* this kind, or both, there already */
	if (m == NULL) {
		d = yoy_doc_meta(sh->doc, YOY_DATE);
	} else {
		d = yoy_node_new(sh->doc, YOY_DATE);
		yoy_node_insert_after(m, d);
		if (strcmp(kind, "published") == 0) {   /* schema order */
			yoy_node_unlink(m);
			yoy_node_insert_after(d, m);
		}
	}
	d->line = line;
	yoy_node_set(sh->doc, d, "kind", kind);
	yoy_node_add_text(sh->doc, d, iso, 10, 0);
}

struct yoy_node *
yoy_shape_statement(struct yoy_shape *sh, unsigned line)
{
	sh->entry = yoy_node_add(sh->doc, sh->dept, YOY_ENTRY);
	sh->entry->line = line;
	yoy_node_set(sh->doc, sh->entry, "kind", "commitment");
	yoy_node_set(sh->doc, sh->entry, "year", sh->year);
	sh->last.kind = YOY_COMMITMENT;
	sh->last.year = atoi(sh->year);
	return sh->entry;
}

struct yoy_node *
yoy_shape_container(struct yoy_shape *sh, unsigned line)
{
	if (sh->dept && sh->entry == NULL) {
		/* a department holds entries alone: text under its heading
		 * outside any entry is its statement */
		yoy_diag(YOY_WARNING, sh->file, line, 1, "text under department "
		    "'%s' outside any entry; kept as its statement",
		    yoy_node_get(sh->dept, "name"));
		yoy_shape_statement(sh, line);
	}
	if (sh->entry)
		return sh->entry;
	/* an action holds its blocks before its departments */
	if (sh->action && !sh->depts)
		return sh->action;
	if (sh->section)
		return sh->section;
	return sh->doc->body;
}

void
yoy_shape_end(struct yoy_shape *sh, enum yoy_type t)
{
	if (t == YOY_ACTION)
		sh->action = NULL;
	if (t != YOY_ENTRY)
		sh->dept = NULL;
	sh->entry = NULL;
}

struct yoy_node *
yoy_shape_action(struct yoy_shape *sh, struct yoy_node *parent, int num,
    unsigned line)
{
	char n[4];

	sh->action = yoy_node_add(sh->doc, parent ? parent : sh->doc->body,
	    YOY_ACTION);
	sh->action->line = line;
	snprintf(n, sizeof(n), "%d", num);
	yoy_node_set(sh->doc, sh->action, "n", n);
	sh->titled = 0;
	sh->depts = 0;
	sh->dept = sh->entry = NULL;
	yoy_map_clear(&sh->ids);
	yoy_arena_reset(sh->ids_arena);
	return sh->action;
}

int
yoy_shape_dept_heading(struct yoy_shape *sh, const char *text, unsigned line)
{
	if (sh->action)
		return 1;
	yoy_diag(YOY_WARNING, sh->file, line, 1, "department heading '%s' "
	    "outside any action; kept as a paragraph", text);
	return 0;
}

void
yoy_shape_dept(struct yoy_shape *sh, const char *id, const char *name,
    unsigned line)
{
	size_t *seen;

	sh->dept = yoy_node_add(sh->doc, sh->action, YOY_DEPARTMENT);
	sh->dept->line = line;
	yoy_node_set(sh->doc, sh->dept, "id", id);
	yoy_node_set(sh->doc, sh->dept, "name", name);
	sh->entry = NULL;
	sh->depts = 1;
	/* a set, not a walk over the action: pages with thousands of
	 * departments stay linear */
	seen = yoy_map_at(&sh->ids, id, strlen(id), sh->ids_arena);
	if (*seen != (size_t)-1)
		yoy_diag(YOY_WARNING, sh->file, line, 1,
		    "department '%s' appears twice in action %s; keeping both",
		    name, yoy_node_get(sh->action, "n"));
	*seen = 1;
}

void
yoy_shape_unknown_dept(struct yoy_shape *sh, const char *name, size_t len,
    unsigned line)
{
	struct yoy_buf slug = YOY_BUF_INIT;
	char *n = yoy_arena_strndup(sh->doc->arena, name, len);

	yoy_registry_slug(name, len, &slug);
	/* (never empty: a name without letters or digits is "department") */
	yoy_diag(YOY_WARNING, sh->file, line, 1,
	    "unknown department '%s'; using id '%s'", n, slug.ptr);
	yoy_shape_dept(sh, slug.ptr, n, line);
	yoy_buf_free(&slug);
}

int
yoy_shape_entry(struct yoy_shape *sh, const char *label, size_t len,
    const struct yoy_label *l, unsigned line)
{
	char year[8];

	if (sh->action == NULL) {
		yoy_diag(YOY_WARNING, sh->file, line, 1, "entry label '%.*s' "
		    "outside any action; kept as a paragraph", (int)len, label);
		return 0;
	}
	if (sh->dept == NULL) {
		if (sh->page != YOY_PAGE_DEPT) {
			yoy_diag(YOY_WARNING, sh->file, line, 1,
			    "entry label '%.*s' has no department heading; "
			    "kept as a paragraph", (int)len, label);
			return 0;
		}
		yoy_shape_dept(sh, sh->page_id, sh->page_name, line);
	}
	sh->entry = yoy_node_add(sh->doc, sh->dept, YOY_ENTRY);
	sh->entry->line = line;
	snprintf(year, sizeof(year), "%04d", l->year);
	yoy_node_set(sh->doc, sh->entry, "kind", yoy_kind_name(l->kind));
	yoy_node_set(sh->doc, sh->entry, "year", year);
	yoy_node_set(sh->doc, sh->entry, "label",
	    yoy_arena_strndup(sh->doc->arena, label, len));
	sh->last = *l;
	return 1;
}

int
yoy_shape_take_title(struct yoy_shape *sh)
{
	if (sh->page != YOY_PAGE_ACTION || sh->action == NULL ||
	    sh->titled || sh->entry || sh->dept || sh->action->first)
		return 0;
	sh->titled = 1;
	return 1;
}
