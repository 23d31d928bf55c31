/* An edition's history, per cell: the commits on main that changed the
 * cells asked for, newest first, with their tags. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* What a commit holds of the cells asked for, "path id" a line in tree
 * order: each department file asked for (action.xml aside), or with
 * `dirs` and no department, each action's directory.  -1 damaged
 * (said). */
static int
cells_of(struct yoy_store *s, git_commit *c, int action, const char *dept,
    int dirs, struct yoy_buf *out)
{
	git_tree *root = NULL, *acts = NULL;
	char path[700], name[300];
	size_t i, k;
	int r;

	out->len = 0;
	if (c == NULL)
		return 0;
	if ((r = yoy_store_tree(s, c, git_oid_tostr_s(git_commit_id(c)),
	    &root)) < 0 || (r = yoy_store_subtree(s, root, "actions", "actions",
	    &acts)) != 0) {
		git_tree_free(root);
		return r < 0 ? -1 : 0;
	}
	if (dept)
		snprintf(name, sizeof(name), "%s.xml", dept);
	for (i = 0; i < git_tree_entrycount(acts) && r == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(acts, i);
		const char *num = git_tree_entry_name(e);
		git_tree *at;

		if (action && atoi(num) != action)
			continue;
		snprintf(path, sizeof(path), "actions/%s", num);
		if (dirs && !dept) {
			yoy_buf_printf(out, "%s %s\n", path,
			    git_oid_tostr_s(git_tree_entry_id(e)));
			continue;
		}
		if ((r = yoy_store_subtree(s, acts, num, path, &at)) != 0)
			break;
		for (k = 0; k < git_tree_entrycount(at); k++) {
			const git_tree_entry *f = git_tree_entry_byindex(at, k);
			const char *file = git_tree_entry_name(f);

			if (strcmp(file, "action.xml") == 0 ||
			    (dept && strcmp(file, name) != 0))
				continue;
			yoy_buf_printf(out, "%s/%s %s\n", path, file,
			    git_oid_tostr_s(git_tree_entry_id(f)));
		}
		git_tree_free(at);
	}
	git_tree_free(acts);
	git_tree_free(root);
	return r < 0 ? -1 : 0;
}

struct tagmap {
	git_oid *id;
	char **name;
	size_t n, cap;
};

/* Tag `name` names edition `id`. */
static void
tag_add(struct tagmap *m, const char *name, const git_oid *id)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->id = yoy_realloc(m->id, m->cap * sizeof(*m->id));
		m->name = yoy_realloc(m->name, m->cap * sizeof(*m->name));
	}
	git_oid_cpy(&m->id[m->n], id);
	m->name[m->n++] = yoy_strndup(name, strlen(name));
}

static void
tags_free(struct tagmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->name[i]);
	free(m->name);
	free(m->id);
}

/* Whether commit `c` changed the cells asked for: 1 yes, 0 no, -1
 * damaged. */
static int
changed(struct yoy_store *s, git_commit *c, int action, const char *dept,
    struct yoy_buf *a, struct yoy_buf *b)
{
	git_commit *parent = NULL;
	int r = 0;

	if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c,
	    0) < 0)
		return yoy_store_damaged(s, git_commit_parent_id(c, 0),
		    "commit", "a parent");
	if (cells_of(s, c, action, dept, 1, a) < 0 ||
	    cells_of(s, parent, action, dept, 1, b) < 0)
		r = -1;
	git_commit_free(parent);
	if (r < 0)
		return -1;
	return a->len != b->len || (a->len && memcmp(a->ptr, b->ptr, a->len));
}

/* The log line of `c`: "id12 date (tag) summary". */
static void
log_line(struct yoy_buf *b, git_commit *c, const struct tagmap *tags,
    char date[11])
{
	time_t t = (time_t)git_commit_time(c);
	struct tm tm;
	size_t i;

	gmtime_r(&t, &tm);
	strftime(date, 11, "%Y-%m-%d", &tm);
	b->len = 0;
	yoy_buf_printf(b, "%.12s %s", git_oid_tostr_s(git_commit_id(c)), date);
	for (i = 0; i < tags->n; i++)
		if (git_oid_equal(&tags->id[i], git_commit_id(c)))
			yoy_buf_printf(b, " (%s)", tags->name[i]);
	yoy_buf_printf(b, " %s", git_commit_summary(c));
}

/* The tags, each with the commit it names; -1 damaged (said).  A tag
 * that packed-refs holds peeled (gc packs them, as git's does) costs no
 * object read; any other is peeled from its objects. */
static int
tags_load(struct yoy_store *s, struct tagmap *tags)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_commit *c;
	int r;

	if (git_reference_iterator_glob_new(&it, s->repo, "refs/tags/*") < 0)
		return yoy_store_fail(s->dir, "damaged store: cannot list the "
		    "tags");
	while ((r = git_reference_next(&ref, it)) == 0) {
		const char *name = git_reference_name(ref) + 10;
		const git_oid *peeled = git_reference_target_peel(ref);
		const git_oid *id = git_reference_target(ref);

		if (peeled)
			tag_add(tags, name, peeled);
		else if (id && yoy_store_peel(s, id, name, &c) == 0) {
			tag_add(tags, name, git_commit_id(c));
			git_commit_free(c);
		} else if (id)
			r = -2;         /* said */
		git_reference_free(ref);
		if (r < 0)
			break;
	}
	git_reference_iterator_free(it);
	if (r == GIT_ITEROVER)
		return 0;
	tags_free(tags);
	return r == -2 ? -1 : yoy_store_fail(s->dir, "damaged store: cannot "
	    "list the tags");
}

/* One edition of the walk, told to `each`: 0 go on, -1 stop. */
static int
tell(git_commit *c, const struct tagmap *tags, struct yoy_buf *line,
    int (*each)(void *, const struct yoy_log_entry *), void *ctx)
{
	struct yoy_log_entry e;
	char id[GIT_OID_HEXSZ + 1], parent[GIT_OID_HEXSZ + 1] = "", date[11];

	git_oid_tostr(id, sizeof(id), git_commit_id(c));
	if (git_commit_parentcount(c) > 0)
		git_oid_tostr(parent, sizeof(parent), git_commit_parent_id(c, 0));
	log_line(line, c, tags, date);
	e.id = id, e.parent = parent, e.date = date, e.line = line->ptr;
	return each(ctx, &e);
}

int
yoy_store_log_each(struct yoy_store *s, int action, const char *dept,
    int (*each)(void *ctx, const struct yoy_log_entry *), void *ctx)
{
	struct tagmap tags = { NULL, NULL, 0, 0 };
	struct yoy_buf a = YOY_BUF_INIT, b = YOY_BUF_INIT, line = YOY_BUF_INIT;
	git_revwalk *w = NULL;
	git_oid id, tip;
	int r;

	if ((r = yoy_store_main(s, &tip)) <= 0)
		return r;       /* no edition yet: nothing to list */
	if (tags_load(s, &tags) < 0)
		return -1;
	if (git_revwalk_new(&w, s->repo) < 0 || git_revwalk_push(w, &tip) < 0) {
		git_revwalk_free(w);
		tags_free(&tags);
		return yoy_store_damaged(s, &tip, "commit", MAIN);
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL);
	while ((r = git_revwalk_next(&id, w)) == 0) {
		git_commit *c;
		int ch;

		if (yoy_store_commit(s, &id, "history of main", &c) < 0) {
			r = GIT_EUSER;      /* said */
			break;
		}
		ch = action || dept ? changed(s, c, action, dept, &a, &b) : 1;
		if (ch > 0 && tell(c, &tags, &line, each, ctx) < 0)
			ch = -1;
		git_commit_free(c);
		if (ch < 0) {
			r = GIT_EUSER;
			break;
		}
	}
	if (r != GIT_ITEROVER && r != GIT_EUSER)
		yoy_store_fail(s->dir, "damaged store: cannot walk the "
		    "history of main");
	git_revwalk_free(w);
	tags_free(&tags);
	yoy_buf_free(&a);
	yoy_buf_free(&b);
	yoy_buf_free(&line);
	return r == GIT_ITEROVER ? 0 : -1;
}

static int
print_line(void *f, const struct yoy_log_entry *e)
{
	fprintf(f, "%s\n", e->line);
	return 0;
}

int
yoy_store_log(struct yoy_store *s, FILE *f, int action, const char *dept)
{
	return yoy_store_log_each(s, action, dept, print_line, f);
}

/* ---------------------------------------------------------------- since */

/* Each of the n lines ("path id") still open stays open if `older`
 * (cells_of's text) holds the same line, and closes if not.  How many
 * stay open. */
static size_t
still_same(char **line, int *open, size_t n, struct yoy_buf *older,
    struct yoy_map *m, struct yoy_arena *ar)
{
	char *p, *nl;
	size_t i, left = 0;

	yoy_map_clear(m);
	yoy_arena_reset(ar);
	for (p = older->ptr; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*yoy_map_at(m, p, (size_t)(nl - p), ar) = 1;
	}
	for (i = 0; i < n; i++)
		if (open[i] && (open[i] = yoy_map_get(m, line[i]) == 1))
			left++;
	return left;
}

int
yoy_store_since(struct yoy_store *s, FILE *f, int action, const char *dept)
{
	struct tagmap tags = { NULL, NULL, 0, 0 };
	struct yoy_buf tip = YOY_BUF_INIT, older = YOY_BUF_INIT;
	struct yoy_buf text = YOY_BUF_INIT;
	struct yoy_map m = YOY_MAP_INIT;
	struct yoy_arena *ar = yoy_arena_scratch();
	git_commit **walked = NULL, **since = NULL;
	char **line = NULL, *p, date[11];
	int *open = NULL, r;
	size_t n = 0, nw = 0, i, left;
	git_oid id;

	if ((r = yoy_store_main(s, &id)) <= 0 || (r = tags_load(s, &tags)) < 0) {
		yoy_arena_free(ar);
		return r;
	}
	walked = yoy_malloc(sizeof(*walked));
	if ((r = yoy_store_commit(s, &id, MAIN, &walked[0])) < 0 ||
	    (nw = 1, r = cells_of(s, walked[0], action, dept, 0, &tip)) < 0)
		goto out;
	for (p = tip.ptr; p && *p; p = strchr(p, '\n') + 1) {
		line = yoy_realloc(line, (n + 1) * sizeof(*line));
		line[n++] = p;
	}
	for (i = 0; i < n; i++)
		*strchr(line[i], '\n') = '\0';
	since = yoy_malloc((n + 1) * sizeof(*since));
	open = yoy_malloc((n + 1) * sizeof(*open));
	for (i = 0; i < n; i++)
		since[i] = walked[0], open[i] = 1;
	/* back along main while each cell's file stays the same */
	for (left = n; left > 0 && git_commit_parentcount(walked[nw - 1]) > 0; ) {
		git_commit *c = walked[nw - 1];

		walked = yoy_realloc(walked, (nw + 1) * sizeof(*walked));
		if (git_commit_parent(&walked[nw], c, 0) < 0) {
			r = yoy_store_damaged(s, git_commit_parent_id(c, 0),
			    "commit", "a parent");
			break;
		}
		if ((r = cells_of(s, walked[nw++], action, dept, 0, &older)) < 0)
			break;
		left = still_same(line, open, n, &older, &m, ar);
		for (i = 0; i < n; i++)
			if (open[i])
				since[i] = walked[nw - 1];
	}
	for (i = 0; r >= 0 && i < n; i++) {
		*strchr(line[i], ' ') = '\0';
		log_line(&text, since[i], &tags, date);
		fprintf(f, "%s %s\n", line[i], text.ptr);
	}
out:
	for (i = 0; i < nw; i++)
		git_commit_free(walked[i]);
	free(walked);
	free(since);
	free(open);
	free(line);
	tags_free(&tags);
	yoy_map_free(&m);
	yoy_arena_free(ar);
	yoy_buf_free(&tip);
	yoy_buf_free(&older);
	yoy_buf_free(&text);
	return r < 0 ? -1 : 0;
}
