/* The store, read: a revision resolved, reassembled as one canonical
 * document, listed; its history per cell. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

/* Commit of a revision: a tag, a commit id (or a prefix, or any other
 * revision git knows), or "@YYYY-MM-DD", the edition in force that day:
 * the newest commit on main dated that day or before. */
int
yoy_store_resolve(struct yoy_store *s, const char *rev, git_commit **out)
{
	git_object *obj = NULL;
	int r;

	*out = NULL;
	if (rev[0] == '@') {
		git_time_t until = yoy_store_day(rev + 1);
		git_revwalk *w = NULL;
		git_oid id;

		if (until < 0) {
			yoy_diag(YOY_FATAL, NULL, 0, 0, "invalid date in '%s' "
			    "(use @YYYY-MM-DD)", rev);
			return -1;
		}
		until += 86400;         /* the whole day */
		if (git_revwalk_new(&w, s->repo) < 0 ||
		    git_revwalk_push_ref(w, MAIN) < 0) {
			git_revwalk_free(w);
			yoy_diag(YOY_FATAL, s->dir, 0, 0, "the store holds no "
			    "edition");
			return -1;
		}
		git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL);
		while (git_revwalk_next(&id, w) == 0) {
			git_commit *c;

			if (git_commit_lookup(&c, s->repo, &id) < 0)
				break;
			if (git_commit_time(c) < until && (*out == NULL ||
			    git_commit_time(c) > git_commit_time(*out))) {
				git_commit_free(*out);
				*out = c;
			} else {
				git_commit_free(c);
			}
		}
		git_revwalk_free(w);
		if (*out == NULL) {
			yoy_diag(YOY_FATAL, s->dir, 0, 0, "no edition on or "
			    "before %s", rev + 1);
			return -1;
		}
		return 0;
	}
	r = git_revparse_single(&obj, s->repo, rev);
	if (r == 0)
		r = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (r < 0) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "unknown revision '%s'", rev);
		return -1;
	}
	return 0;
}

/* A cell's document, read from its blob. */
static struct yoy_doc *
read_cell(struct yoy_store *s, const git_tree_entry *e, const char *path)
{
	git_blob *b;
	struct yoy_doc *d;
	char name[700];

	if (git_blob_lookup(&b, s->repo, git_tree_entry_id(e)) < 0) {
		yoy_store_fail(s->dir, -1, "cannot read the store");
		return NULL;
	}
	snprintf(name, sizeof(name), "%s:%s", s->dir, path);
	d = yoy_xml_read(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
	    name);
	git_blob_free(b);
	return d;
}

static git_tree *
subtree(struct yoy_store *s, git_tree *t, const char *path)
{
	git_tree_entry *e;
	git_tree *sub = NULL;

	if (git_tree_entry_bypath(&e, t, path) != 0)
		return NULL;
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&sub, s->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return sub;
}

/* The first node of `type` in a cell's body, walking into actions. */
static const struct yoy_node *
find(const struct yoy_doc *d, enum yoy_type type)
{
	const struct yoy_node *n;

	for (n = d->body; n; n = yoy_node_walk(d->body, n))
		if (n->type == type)
			return n;
	return NULL;
}

struct yoy_doc *
yoy_store_doc(struct yoy_store *s, const char *rev, int action,
    const char *dept)
{
	git_commit *c;
	git_tree *root = NULL, *acts, *docs;
	struct yoy_doc *out;
	struct yoy_node *src;
	size_t i, j;
	int bad = 0;

	if (yoy_store_resolve(s, rev, &c) < 0)
		return NULL;
	if (git_commit_tree(&root, c) < 0) {
		git_commit_free(c);
		yoy_store_fail(s->dir, -1, "cannot read the store");
		return NULL;
	}
	git_commit_free(c);
	out = yoy_doc_new();
	src = yoy_doc_meta(out, YOY_SOURCE);
	yoy_node_set(out, src, "format", "xml");
	{
		char name[300];

		snprintf(name, sizeof(name), "%s@%s", s->dir, rev);
		yoy_node_set(out, src, "name", name);
	}
	if ((acts = subtree(s, root, "actions")) != NULL) {
		for (i = 0; i < git_tree_entrycount(acts) && !bad; i++) {
			const git_tree_entry *ae = git_tree_entry_byindex(acts, i);
			const char *num = git_tree_entry_name(ae);
			struct yoy_node *a = NULL;
			git_tree *at;
			char path[700];

			if (action && atoi(num) != action)
				continue;
			snprintf(path, sizeof(path), "actions/%s", num);
			if ((at = subtree(s, root, path)) == NULL)
				continue;
			/* action.xml first, then departments by id */
			for (j = 0; j < git_tree_entrycount(at) && !bad; j++) {
				const git_tree_entry *e = git_tree_entry_byindex(at, j);
				const char *name = git_tree_entry_name(e);
				int own = strcmp(name, "action.xml") == 0;
				const struct yoy_node *n, *k;
				struct yoy_doc *cd;

				if (a == NULL) {
					const git_tree_entry *o =
					    git_tree_entry_byname(at, "action.xml");

					a = yoy_node_add(out, out->body, YOY_ACTION);
					snprintf(path, sizeof(path), "%d", atoi(num));
					yoy_node_set(out, a, "n", path);
					snprintf(path, sizeof(path),
					    "actions/%s/action.xml", num);
					if (o && !dept) {
						if ((cd = read_cell(s, o, path)) == NULL) {
							bad = 1;
							break;
						}
						if ((n = find(cd, YOY_ACTION)) != NULL)
							for (k = n->first; k; k = k->next)
								yoy_node_copy(out, a, k);
						yoy_doc_free(cd);
					}
				}
				if (own || strlen(name) < 5 ||
				    strcmp(name + strlen(name) - 4, ".xml") != 0)
					continue;
				if (dept && (strncmp(name, dept, strlen(dept)) ||
				    strlen(name) != strlen(dept) + 4))
					continue;
				snprintf(path, sizeof(path), "actions/%s/%s", num, name);
				if ((cd = read_cell(s, e, path)) == NULL) {
					bad = 1;
					break;
				}
				if ((n = find(cd, YOY_DEPARTMENT)) != NULL)
					yoy_node_copy(out, a, n);
				yoy_doc_free(cd);
			}
			git_tree_free(at);
			/* asked for one department: no action without it */
			if (dept && a && a->first == NULL)
				yoy_node_unlink(a);
		}
		git_tree_free(acts);
	}
	if (!bad && !action && !dept && (docs = subtree(s, root,
	    "documents")) != NULL) {
		for (i = 0; i < git_tree_entrycount(docs) && !bad; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(docs, i);
			struct yoy_doc *cd;
			const struct yoy_node *k;
			char path[700];

			snprintf(path, sizeof(path), "documents/%s",
			    git_tree_entry_name(e));
			if ((cd = read_cell(s, e, path)) == NULL) {
				bad = 1;
				break;
			}
			for (k = cd->body->first; k; k = k->next)
				yoy_node_copy(out, out->body, k);
			yoy_doc_free(cd);
		}
		git_tree_free(docs);
	}
	git_tree_free(root);
	if (bad) {
		yoy_doc_free(out);
		return NULL;
	}
	return out;
}

static int
ls_cb(const char *root, const git_tree_entry *e, void *arg)
{
	FILE *f = arg;

	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		fprintf(f, "%s%s\n", root, git_tree_entry_name(e));
	return 0;
}

int
yoy_store_ls(struct yoy_store *s, const char *rev, FILE *f)
{
	git_commit *c;
	git_tree *t;
	int r;

	if (yoy_store_resolve(s, rev, &c) < 0)
		return -1;
	r = git_commit_tree(&t, c);
	git_commit_free(c);
	if (r == 0)
		r = git_tree_walk(t, GIT_TREEWALK_PRE, ls_cb, f);
	git_tree_free(t);
	return r < 0 ? yoy_store_fail(s->dir, r, "cannot read the store") : 0;
}

/* What a commit holds of the cells asked for: the ids of their files. */
static void
cells_of(struct yoy_store *s, git_commit *c, int action, const char *dept,
    struct yoy_buf *out)
{
	git_tree *root = NULL, *acts;
	char path[700];
	size_t i;

	out->len = 0;
	if (c == NULL || git_commit_tree(&root, c) < 0)
		return;
	if ((acts = subtree(s, root, "actions")) != NULL) {
		for (i = 0; i < git_tree_entrycount(acts); i++) {
			const char *num = git_tree_entry_name(
			    git_tree_entry_byindex(acts, i));
			git_tree_entry *e;

			if (action && atoi(num) != action)
				continue;
			if (dept)
				snprintf(path, sizeof(path), "actions/%s/%s.xml",
				    num, dept);
			else
				snprintf(path, sizeof(path), "actions/%s", num);
			if (git_tree_entry_bypath(&e, root, path) == 0) {
				yoy_buf_printf(out, "%s %s\n", path,
				    git_oid_tostr_s(git_tree_entry_id(e)));
				git_tree_entry_free(e);
			}
		}
		git_tree_free(acts);
	}
	git_tree_free(root);
}

struct tagmap {
	git_oid *id;
	char **name;
	size_t n, cap;
	git_repository *repo;
};

static int
tag_cb(const char *name, git_oid *id, void *arg)
{
	struct tagmap *m = arg;
	git_object *o = NULL, *c = NULL;

	if (git_object_lookup(&o, m->repo, id, GIT_OBJECT_ANY) == 0 &&
	    git_object_peel(&c, o, GIT_OBJECT_COMMIT) == 0) {
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 16;
			m->id = yoy_realloc(m->id, m->cap * sizeof(*m->id));
			m->name = yoy_realloc(m->name, m->cap * sizeof(*m->name));
		}
		git_oid_cpy(&m->id[m->n], git_object_id(c));
		m->name[m->n++] = yoy_strndup(name + 10, strlen(name + 10));
	}
	git_object_free(c);
	git_object_free(o);
	return 0;
}

int
yoy_store_log(struct yoy_store *s, FILE *f, int action, const char *dept)
{
	struct tagmap tags = { NULL, NULL, 0, 0, s->repo };
	struct yoy_buf a = YOY_BUF_INIT, b = YOY_BUF_INIT;
	git_revwalk *w = NULL;
	git_oid id;
	size_t i;
	int r;

	if (git_reference_name_to_id(&id, s->repo, MAIN) != 0)
		return 0;       /* no edition yet: nothing to list */
	git_tag_foreach(s->repo, tag_cb, &tags);
	if ((r = git_revwalk_new(&w, s->repo)) < 0 ||
	    (r = git_revwalk_push(w, &id)) < 0) {
		git_revwalk_free(w);
		return yoy_store_fail(s->dir, r, "cannot read the store");
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL);
	while (git_revwalk_next(&id, w) == 0) {
		git_commit *c, *parent = NULL;
		char date[16];
		time_t t;
		struct tm tm;

		if (git_commit_lookup(&c, s->repo, &id) < 0)
			break;
		if (action || dept) {
			if (git_commit_parentcount(c) > 0)
				git_commit_parent(&parent, c, 0);
			cells_of(s, c, action, dept, &a);
			cells_of(s, parent, action, dept, &b);
			git_commit_free(parent);
			if (a.len == b.len && (a.len == 0 ||
			    memcmp(a.ptr, b.ptr, a.len) == 0)) {
				git_commit_free(c);
				continue;
			}
		}
		t = (time_t)git_commit_time(c);
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		fprintf(f, "%.12s %s", git_oid_tostr_s(&id), date);
		for (i = 0; i < tags.n; i++)
			if (git_oid_equal(&tags.id[i], &id))
				fprintf(f, " (%s)", tags.name[i]);
		fprintf(f, " %s\n", git_commit_summary(c));
		git_commit_free(c);
	}
	git_revwalk_free(w);
	for (i = 0; i < tags.n; i++)
		free(tags.name[i]);
	free(tags.name);
	free(tags.id);
	yoy_buf_free(&a);
	yoy_buf_free(&b);
	return 0;
}

