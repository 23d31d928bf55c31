/* Internal: the action › department › entry tree that every reader builds
 * (shape.c).  The readers find headings, labels and blocks in their own
 * syntax; the rules for what they become live here, once, so that the same
 * page reaches the same tree whatever it was written in. */
#ifndef YOY_SHAPE_H
#define YOY_SHAPE_H

#include "yoy.h"

/* A set of department ids, for "appears twice" in linear time: the table
 * lives in the document's arena, the ids must too. */
struct yoy_idset {
	const char **v;
	size_t n, cap;
};
/* Adds `id`; 0 when it was there already. */
int yoy_idset_add(struct yoy_doc *, struct yoy_idset *, const char *id);
void yoy_idset_clear(struct yoy_idset *);

enum yoy_page {
	YOY_PAGE_GENERIC,   /* sections; "Action N:" headings are actions */
	YOY_PAGE_ACTION,    /* "Action N: …": department headings, entries */
	YOY_PAGE_DEPT       /* "CO's actions …": actions, entries */
};

struct yoy_shape {
	struct yoy_doc *doc;
	const char *file;           /* for diagnostics */
	enum yoy_page page;
	const char *page_id, *page_name;    /* YOY_PAGE_DEPT */
	struct yoy_node *section, *action, *dept, *entry;
	struct yoy_label last;      /* the current entry's label */
	int titled;                 /* the current action has its title */
	struct yoy_idset ids;       /* the current action's departments */
};

void yoy_shape_init(struct yoy_shape *, struct yoy_doc *, const char *file,
	const char *department);
/* Sets the page kind from the page's title ("Action 2: …", "CO's actions
 * in response to …") unless a department was given; a per-action page
 * opens its action. */
void yoy_shape_page(struct yoy_shape *, const char *title, size_t len,
	unsigned line);
/* Sets a meta field (its text copied) unless set already: with several
 * inputs the first one's stands. */
void yoy_shape_meta(struct yoy_shape *, enum yoy_type, const char *s,
	size_t len, unsigned line);
/* A date of the page, "2015-01-16", of kind "published" or "updated":
 * the first of each kind stands, published before updated. */
void yoy_shape_date(struct yoy_shape *, const char iso[11], const char *kind,
	unsigned line);
/* Where a block of `line` goes now: the entry, action, section or body
 * (under a department before any label: a commitment entry, warned). */
struct yoy_node *yoy_shape_container(struct yoy_shape *, unsigned line);
/* Opens action `num` under `parent` (the body when NULL). */
struct yoy_node *yoy_shape_action(struct yoy_shape *, struct yoy_node *parent,
	int num, unsigned line);
/* Opens a department of the current action; warns when it is there
 * already. */
void yoy_shape_dept(struct yoy_shape *, const char *id, const char *name,
	unsigned line);
/* Opens a department known only by its heading: a slug made from it, and
 * a warning. */
void yoy_shape_unknown_dept(struct yoy_shape *, const char *name,
	size_t len, unsigned line);
/* Opens an entry labelled `label`; 0 (with a warning) when there is no
 * action or department to hold it. */
int yoy_shape_entry(struct yoy_shape *, const char *label, size_t len,
	const struct yoy_label *, unsigned line);
/* Whether the first block of the current action should be its title (a
 * per-action page's statement); marks it taken. */
int yoy_shape_take_title(struct yoy_shape *);

#endif
