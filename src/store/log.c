/* An edition's history, per cell: the commits on main that changed the
 * cells asked for, newest first, with their tags. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* What a commit holds of the cells asked for: the ids of their files,
 * one "path id" line each; -1 damaged (said). */
static int
cells_of(struct yoy_store *s, git_commit *c, int action, const char *dept,
    struct yoy_buf *out)
{
	git_tree *root = NULL, *acts = NULL;
	char path[700], name[300];
	size_t i;
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
	for (i = 0; i < git_tree_entrycount(acts) && r == 0; i++) {
		const char *num = git_tree_entry_name(
		    git_tree_entry_byindex(acts, i));
		const git_tree_entry *e;
		git_tree *at;

		if (action && atoi(num) != action)
			continue;
		snprintf(path, sizeof(path), "actions/%s", num);
		if (!dept) {
			e = git_tree_entry_byname(acts, num);
			yoy_buf_printf(out, "%s %s\n", path,
			    git_oid_tostr_s(git_tree_entry_id(e)));
			continue;
		}
		if ((r = yoy_store_subtree(s, acts, num, path, &at)) != 0)
			break;
		snprintf(name, sizeof(name), "%s.xml", dept);
		if ((e = git_tree_entry_byname(at, name)) != NULL)
			yoy_buf_printf(out, "%s/%s %s\n", path, name,
			    git_oid_tostr_s(git_tree_entry_id(e)));
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
	struct yoy_store *s;
	int damaged;
};

static int
tag_cb(const char *name, git_oid *id, void *arg)
{
	struct tagmap *m = arg;
	git_commit *c;

	if (yoy_store_peel(m->s, id, name + 10, &c) < 0) {
		m->damaged = 1;
		return -1;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->id = yoy_realloc(m->id, m->cap * sizeof(*m->id));
		m->name = yoy_realloc(m->name, m->cap * sizeof(*m->name));
	}
	git_oid_cpy(&m->id[m->n], git_commit_id(c));
	m->name[m->n++] = yoy_strndup(name + 10, strlen(name + 10));
	git_commit_free(c);
	return 0;
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
	if (cells_of(s, c, action, dept, a) < 0 ||
	    cells_of(s, parent, action, dept, b) < 0)
		r = -1;
	git_commit_free(parent);
	if (r < 0)
		return -1;
	return a->len != b->len || (a->len && memcmp(a->ptr, b->ptr, a->len));
}

static void
log_line(FILE *f, git_commit *c, const struct tagmap *tags)
{
	char date[16];
	time_t t = (time_t)git_commit_time(c);
	struct tm tm;
	size_t i;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	fprintf(f, "%.12s %s", git_oid_tostr_s(git_commit_id(c)), date);
	for (i = 0; i < tags->n; i++)
		if (git_oid_equal(&tags->id[i], git_commit_id(c)))
			fprintf(f, " (%s)", tags->name[i]);
	fprintf(f, " %s\n", git_commit_summary(c));
}

int
yoy_store_log(struct yoy_store *s, FILE *f, int action, const char *dept)
{
	struct tagmap tags = { NULL, NULL, 0, 0, s, 0 };
	struct yoy_buf a = YOY_BUF_INIT, b = YOY_BUF_INIT;
	git_revwalk *w = NULL;
	git_oid id, tip;
	int r;

	if ((r = yoy_store_main(s, &tip)) <= 0)
		return r;       /* no edition yet: nothing to list */
	if (git_tag_foreach(s->repo, tag_cb, &tags) < 0 && !tags.damaged) {
		tags_free(&tags);
		return yoy_store_fail(s->dir, "damaged store: cannot list "
		    "the tags");
	}
	if (tags.damaged) {
		tags_free(&tags);
		return -1;
	}
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
		if (ch > 0)
			log_line(f, c, &tags);
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
	return r == GIT_ITEROVER ? 0 : -1;
}
