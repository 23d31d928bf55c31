/* The store, verified: every object reads back; every edition that main
 * or a tag names reads back as valid canonical XML, cell by cell.  This
 * is yoy-store verify; an import checks the tip it builds on the same
 * way (every object read), so that it never carries damage forward. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct walk {
	struct yoy_store *s;
	git_odb *odb;
	enum yoy_level level;   /* YOY_ERROR: say all; YOY_FATAL: stop */
	int cells;              /* read each file as a canonical document */
	struct yoy_map seen;    /* objects checked already, by id */
	struct yoy_arena *keys;
	size_t nobjects, ncells, ncommits, bad;
	const char *rev;        /* what is being walked, for messages */
};

static void
walk_init(struct walk *w, struct yoy_store *s, enum yoy_level level,
    int cells)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
	w->level = level;
	w->cells = cells;
	w->keys = yoy_arena_new();
}

static void
walk_free(struct walk *w)
{
	git_odb_free(w->odb);
	yoy_map_free(&w->seen);
	yoy_arena_free(w->keys);
}

/* A problem found: said at the walk's level; -1 when the walk stops. */
static int problem(struct walk *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
problem(struct walk *w, const char *fmt, ...)
{
	struct yoy_buf b = YOY_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	yoy_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	w->bad++;
	yoy_diag(w->level, w->s->dir, 0, 0, "%s", b.ptr);
	yoy_buf_free(&b);
	return w->level == YOY_FATAL ? -1 : 0;
}

static const char *
hex(const git_oid *id)
{
	static char h[GIT_OID_HEXSZ + 1];

	return git_oid_tostr(h, 13, id);
}

static const char *
why(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

/* Whether `id` was read already by a walk. */
static int
known(struct walk *w, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	return yoy_map_get(&w->seen, hex) != (size_t)-1;
}

/* Whether `id` was seen already (marks it seen). */
static int
seen(struct walk *w, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	size_t *at;

	git_oid_tostr(hex, sizeof(hex), id);
	at = yoy_map_at(&w->seen, hex, GIT_OID_HEXSZ, w->keys);
	if (*at != (size_t)-1)
		return 1;
	*at = 1;
	return 0;
}

/* A cell's bytes as yoy wrote them: a document that validates and that
 * the writer gives back byte for byte. */
static int
check_cell(struct walk *w, const git_oid *id, const char *path,
    const char *data, size_t len)
{
	struct yoy_buf again = YOY_BUF_INIT;
	struct yoy_doc *d;
	char name[800];
	int r = 0;

	snprintf(name, sizeof(name), "%s:%s", w->s->dir, path);
	if ((d = yoy_xml_read(data, len, name)) == NULL ||
	    yoy_xml_validate(data, len, name) < 0)
		r = problem(w, "file %s (%s in %s) is not a valid canonical "
		    "document", hex(id), path, w->rev);
	else if (yoy_xml_write_buf(d, &again, NULL) < 0 || again.len != len ||
	    memcmp(again.ptr, data, len) != 0)
		r = problem(w, "file %s (%s in %s) is not in canonical form",
		    hex(id), path, w->rev);
	yoy_doc_free(d);
	yoy_buf_free(&again);
	return r;
}

static int
check_blob(struct walk *w, const git_oid *id, const char *path)
{
	git_odb_object *o;
	int r = 0;

	if (seen(w, id))
		return 0;
	w->nobjects++;
	if (git_odb_read(&o, w->odb, id) < 0)
		return problem(w, "damaged store: cannot read file %s (%s in "
		    "%s): %s", hex(id), path, w->rev, why());
	if (git_odb_object_type(o) != GIT_OBJECT_BLOB)
		r = problem(w, "damaged store: %s (%s in %s) is not a file",
		    hex(id), path, w->rev);
	else if (w->cells) {
		w->ncells++;
		r = check_cell(w, id, path, git_odb_object_data(o),
		    git_odb_object_size(o));
	}
	git_odb_object_free(o);
	return r;
}

static int check_tree(struct walk *, const git_oid *, const char *path);

static int
check_entries(struct walk *w, git_tree *t, const char *path)
{
	size_t i;
	int r = 0;

	for (i = 0; i < git_tree_entrycount(t) && r == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		struct yoy_buf p = YOY_BUF_INIT;

		yoy_buf_printf(&p, "%s%s%s", path, *path ? "/" : "",
		    git_tree_entry_name(e));
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
			r = check_tree(w, git_tree_entry_id(e), p.ptr);
		else if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
			r = check_blob(w, git_tree_entry_id(e), p.ptr);
		else
			r = problem(w, "damaged store: %s (%s in %s) is "
			    "neither a file nor a directory",
			    hex(git_tree_entry_id(e)), p.ptr, w->rev);
		yoy_buf_free(&p);
	}
	return r;
}

static int
check_tree(struct walk *w, const git_oid *id, const char *path)
{
	git_tree *t;
	int r;

	if (seen(w, id))
		return 0;
	w->nobjects++;
	if (git_tree_lookup(&t, w->s->repo, id) < 0)
		return problem(w, "damaged store: cannot read directory %s "
		    "(%s in %s): %s", hex(id), *path ? path : "/", w->rev,
		    why());
	r = check_entries(w, t, path);
	git_tree_free(t);
	return r;
}

int
yoy_store_check_tip(struct yoy_store *s, git_tree *tree)
{
	struct walk w;
	int r;

	walk_init(&w, s, YOY_FATAL, 0);
	w.rev = "the tip of main";
	if (git_repository_odb(&w.odb, s->repo) < 0)
		r = yoy_store_fail(s->dir, "cannot open the store's objects");
	else
		r = check_entries(&w, tree, "");
	walk_free(&w);
	if (r < 0)
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "nothing imported: the tip "
		    "of main cannot be read (yoy-store verify lists the damage)");
	return r;
}

/* --------------------------------------------------------------- verify */

struct objects {
	git_oid *v;
	size_t n, cap;
};

static int
object_cb(const git_oid *id, void *arg)
{
	struct objects *o = arg;

	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 256;
		o->v = yoy_realloc(o->v, o->cap * sizeof(*o->v));
	}
	git_oid_cpy(&o->v[o->n++], id);
	return 0;
}

/* Every object in the store that the walks did not read, read back (as
 * git fsck does): damage out of reach of main and the tags, found too,
 * and each damaged object said once. */
static int
check_objects(struct walk *w)
{
	struct objects all = { NULL, 0, 0 };
	git_odb_object *o;
	size_t i;

	if (git_odb_foreach(w->odb, object_cb, &all) < 0) {
		problem(w, "damaged store: cannot list the objects: %s", why());
		free(all.v);
		return -1;
	}
	for (i = 0; i < all.n; i++) {
		if (known(w, &all.v[i]))
			continue;
		if (git_odb_read(&o, w->odb, &all.v[i]) < 0)
			problem(w, "damaged store: cannot read object %s: %s",
			    hex(&all.v[i]), why());
		else
			git_odb_object_free(o);
	}
	free(all.v);
	return (int)all.n;
}

/* Each commit reachable from `tip`, its tree cell by cell. */
static void
check_history(struct walk *w, const git_oid *tip, const char *name)
{
	git_revwalk *rw = NULL;
	git_commit *c;
	git_oid id;
	int r;

	if (git_revwalk_new(&rw, w->s->repo) < 0 ||
	    git_revwalk_push(rw, tip) < 0) {
		problem(w, "damaged store: cannot read commit %s (%s): %s",
		    hex(tip), name, why());
		git_revwalk_free(rw);
		return;
	}
	while ((r = git_revwalk_next(&id, rw)) == 0) {
		char rev[64];

		if (seen(w, &id))
			continue;
		w->ncommits++;
		snprintf(rev, sizeof(rev), "%s", hex(&id));
		w->rev = rev;
		if (git_commit_lookup(&c, w->s->repo, &id) < 0) {
			problem(w, "damaged store: cannot read commit %s (in the "
			    "history of %s): %s", rev, name, why());
			continue;
		}
		check_tree(w, git_commit_tree_id(c), "");
		git_commit_free(c);
	}
	if (r != GIT_ITEROVER)
		problem(w, "damaged store: cannot walk the history of %s: %s",
		    name, why());
	git_revwalk_free(rw);
}

static int
tag_cb(const char *name, git_oid *id, void *arg)
{
	struct walk *w = arg;
	git_object *o = NULL, *c = NULL;

	if (git_object_lookup(&o, w->s->repo, id, GIT_OBJECT_ANY) < 0 ||
	    git_object_peel(&c, o, GIT_OBJECT_COMMIT) < 0)
		problem(w, "damaged store: the tag '%s' (%s) does not lead to "
		    "an edition: %s", name + 10, hex(id), why());
	else
		check_history(w, git_object_id(c), name + 10);
	git_object_free(c);
	git_object_free(o);
	return 0;
}

int
yoy_store_verify(struct yoy_store *s, FILE *out)
{
	struct walk w;
	git_oid tip;
	int n, r;

	walk_init(&w, s, YOY_ERROR, 1);
	if (git_repository_odb(&w.odb, s->repo) < 0) {
		walk_free(&w);
		return yoy_store_fail(s->dir, "cannot open the store's "
		    "objects");
	}
	if ((r = yoy_store_main_at(s, &tip, YOY_ERROR)) > 0)
		check_history(&w, &tip, "main");
	else if (r < 0)
		w.bad++;
	if (git_tag_foreach(s->repo, tag_cb, &w) < 0)
		problem(&w, "damaged store: cannot list the tags: %s", why());
	n = check_objects(&w);
	fprintf(out, "%s: %d objects, %zu edition%s, %zu cells read: %zu "
	    "problem%s\n", s->dir, n < 0 ? 0 : n, w.ncommits,
	    w.ncommits == 1 ? "" : "s", w.ncells, w.bad, w.bad == 1 ? "" : "s");
	r = w.bad ? 1 : 0;
	walk_free(&w);
	return r;
}
