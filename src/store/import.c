/* An import: the editions given together become one commit on main,
 * each cell a file (repo.c says how the store is laid out). */
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define TRIES 50

/* ---------------------------------------------------------------- steps */

/* What one input asks of the tree, in its order: a cell's bytes; a
 * cell's bytes only where the tree has none (a per-department page's
 * action text); or the department files of an action that it does not
 * list, gone.  Steps are recorded as each input is read, so that its
 * document can go before the next is read (an import holds the
 * edition's bytes, not every input's tree), and are played against
 * main's tip when the import commits. */
enum step_kind { STEP_PUT, STEP_PUT_ABSENT, STEP_PRUNE };

struct step {
	enum step_kind kind;
	char *path;             /* the cell; PRUNE: the action's directory */
	struct yoy_buf xml;     /* PUT, PUT_ABSENT: the cell's bytes */
	struct yoy_map listed;  /* PRUNE: the action's department files */
	struct yoy_arena *ar;   /* PRUNE: listed's keys */
	const char *from;       /* the input it came from */
};

struct steps {
	struct step *v;
	size_t n, cap;
};

static struct step *
step_add(struct steps *st, enum step_kind kind, const char *path,
    const char *from)
{
	struct step *t;

	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 64;
		st->v = yoy_realloc(st->v, st->cap * sizeof(*st->v));
	}
	t = &st->v[st->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->path = yoy_strndup(path, strlen(path));
	t->from = from;
	return t;
}

static void
steps_free(struct steps *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		free(st->v[i].path);
		yoy_buf_free(&st->v[i].xml);
		yoy_map_free(&st->v[i].listed);
		yoy_arena_free(st->v[i].ar);
	}
	free(st->v);
	memset(st, 0, sizeof(*st));
}

/* Records the cell at `path` as `d`'s bytes; -1 after a diagnostic. */
static int
step_put(struct steps *st, enum step_kind kind, const char *path,
    const struct yoy_doc *d, const char *from)
{
	struct yoy_buf b = YOY_BUF_INIT;

	if (yoy_xml_write_buf(d, &b, NULL) < 0) {
		yoy_diag(YOY_FATAL, from, 0, 0, "cannot write '%s' in memory",
		    path);
		yoy_buf_free(&b);
		return -1;
	}
	step_add(st, kind, path, from)->xml = b;
	return 0;
}

/* A per-department page: titled "CO's actions in response …", or more
 * than one action, each holding the same one department. */
static int
dept_page(const struct yoy_doc *d)
{
	const struct yoy_node *t = yoy_node_child(d->meta, YOY_TITLE), *n;
	const char *id = NULL;
	int actions = 0;
	size_t off, len;

	if (t && t->first && t->first->type == YOY_TEXT &&
	    yoy_pattern_dept_page(t->first->text, t->first->len, &off, &len))
		return 1;
	for (n = d->body; n; n = yoy_node_walk(d->body, n)) {
		const struct yoy_node *c;
		int depts = 0;

		if (n->type != YOY_ACTION)
			continue;
		actions++;
		for (c = n->first; c; c = c->next) {
			if (c->type != YOY_DEPARTMENT)
				continue;
			if (depts++ || (id && strcmp(id, yoy_node_get(c, "id"))))
				return 0;
			id = yoy_node_get(c, "id");
		}
		if (depts == 0)
			return 0;
	}
	return actions > 1;
}

/* A new document of one action, `n`, to hold a cell. */
static struct yoy_doc *
action_doc(const struct yoy_node *action, struct yoy_node **out)
{
	struct yoy_doc *d = yoy_doc_new();

	*out = yoy_node_add(d, d->body, YOY_ACTION);
	yoy_node_set(d, *out, "n", yoy_node_get(action, "n"));
	return d;
}

/* Whether every department id and action number of `d` can name a file
 * of the store: nothing from an input names a path outside actions/
 * and documents/.  Sets *matrix when `d` has departments. */
static int
valid_ids(const struct yoy_doc *d, const char *from, int *matrix)
{
	const struct yoy_node *n;
	int rc = 0;

	*matrix = 0;
	for (n = d->body; n; n = yoy_node_walk(d->body, n)) {
		const char *v;
		int num;

		if (n->type == YOY_DEPARTMENT) {
			v = yoy_node_get(n, "id");
			*matrix = 1;
			if (v == NULL || !yoy_registry_valid_id(v) ||
			    strlen(v) > 200) {
				yoy_diag(YOY_FATAL, from, n->xml_line, 0, "invalid "
				    "department id '%s'", v ? v : "");
				rc = -1;
			}
		} else if (n->type == YOY_ACTION) {
			v = yoy_node_get(n, "n");
			num = v ? atoi(v) : 0;
			if (v == NULL || num < 1 || num > 999 ||
			    strspn(v, "0123456789") != strlen(v)) {
				yoy_diag(YOY_FATAL, from, n->xml_line, 0, "invalid "
				    "action number '%s'", v ? v : "");
				rc = -1;
			}
		}
	}
	return rc;
}

/* The steps of one action of the matrix: its own text, the departments
 * it does not list gone (unless the page is one department's), and
 * each department's cell. */
static int
record_action(struct steps *st, const struct yoy_node *n, int per_dept,
    const char *from)
{
	const struct yoy_node *c;
	struct yoy_doc *cd;
	struct yoy_node *a;
	char dir[64], path[600];
	int rc;

	snprintf(dir, sizeof(dir), "actions/%02d", atoi(yoy_node_get(n, "n")));
	snprintf(path, sizeof(path), "%s/action.xml", dir);
	cd = action_doc(n, &a);
	for (c = n->first; c; c = c->next)
		if (c->type != YOY_DEPARTMENT)
			yoy_node_copy(cd, a, c);
	rc = step_put(st, per_dept ? STEP_PUT_ABSENT : STEP_PUT, path, cd, from);
	yoy_doc_free(cd);
	if (rc == 0 && !per_dept) {
		/* the action's own files, as a set: 40,000 departments stay
		 * linear */
		struct step *t = step_add(st, STEP_PRUNE, dir, from);

		t->ar = yoy_arena_new();
		for (c = n->first; c; c = c->next)
			if (c->type == YOY_DEPARTMENT) {
				snprintf(path, sizeof(path), "%s/%s.xml", dir,
				    yoy_node_get(c, "id"));
				*yoy_map_at(&t->listed, path, strlen(path), t->ar) = 0;
			}
	}
	for (c = n->first; c && rc == 0; c = c->next) {
		if (c->type != YOY_DEPARTMENT)
			continue;
		snprintf(path, sizeof(path), "%s/%s.xml", dir,
		    yoy_node_get(c, "id"));
		cd = action_doc(n, &a);
		yoy_node_copy(cd, a, c);
		rc = step_put(st, STEP_PUT, path, cd, from);
		yoy_doc_free(cd);
	}
	return rc;
}

/* What is not an action of the matrix: the document's own file,
 * documents/<its title's slug>.xml. */
static int
record_rest(struct steps *st, const struct yoy_doc *d, int matrix,
    const char *from)
{
	struct yoy_doc *cd = yoy_doc_new();
	const struct yoy_node *t = yoy_node_child(d->meta, YOY_TITLE), *c;
	struct yoy_buf slug = YOY_BUF_INIT, text = YOY_BUF_INIT;
	char path[600];
	int any = 0, rc = 0;

	for (c = d->meta->first; c; c = c->next)
		yoy_node_copy(cd, cd->meta, c);
	for (c = d->body->first; c; c = c->next)
		if (c->type != YOY_ACTION || !matrix) {
			yoy_node_copy(cd, cd->body, c);
			any = 1;
		}
	if (t)
		yoy_node_text(t, &text);
	yoy_registry_slug(text.ptr ? text.ptr : "", text.len, &slug);
	if (slug.len == 0) {
		const struct yoy_node *src = yoy_node_child(d->meta, YOY_SOURCE);
		const char *name = src ? yoy_node_get(src, "name") : NULL;

		if (name)
			yoy_registry_slug(name, strlen(name), &slug);
	}
	if (slug.len == 0)
		yoy_buf_puts(&slug, "document");
	if (slug.len > 200)
		slug.len = 200, slug.ptr[200] = '\0';
	snprintf(path, sizeof(path), "documents/%s.xml", slug.ptr);
	if (any)
		rc = step_put(st, STEP_PUT, path, cd, from);
	yoy_buf_free(&slug);
	yoy_buf_free(&text);
	yoy_doc_free(cd);
	return rc;
}

/* The steps of one edition's document; -1 after a diagnostic. */
static int
record_doc(struct steps *st, const struct yoy_doc *d, const char *from)
{
	const struct yoy_node *n;
	int per_dept = dept_page(d), matrix, rc = 0;

	if (valid_ids(d, from, &matrix) < 0)
		return -1;
	/* a document without a matrix is one file, actions and all */
	for (n = matrix ? d->body : NULL; n && rc == 0;
	    n = yoy_node_walk(d->body, n)) {
		if (n->type != YOY_ACTION)
			continue;
		rc = record_action(st, n, per_dept, from);
		/* no walking into the action's blocks */
		while (n->first)
			n = n->last;
	}
	return rc == 0 ? record_rest(st, d, matrix, from) : rc;
}

/* ----------------------------------------------------------------- plan */

/* What the steps make of the tip's tree: a path and its bytes, or its
 * going. */
struct cell {
	const char *path;
	const struct yoy_buf *xml;      /* a step's */
	int removed;
	const char *from;       /* the input it came from */
};

struct plan {
	struct cell *v;
	size_t n, cap;
	struct yoy_map at;      /* path -> its cell */
	struct yoy_arena *paths;
};

static struct cell *
plan_find(struct plan *p, const char *path)
{
	size_t i = yoy_map_get(&p->at, path);

	return i == (size_t)-1 ? NULL : &p->v[i];
}

static struct cell *
plan_add(struct plan *p, const char *path)
{
	size_t *at;
	struct cell *c;

	if (p->paths == NULL)
		p->paths = yoy_arena_new();
	at = yoy_map_at(&p->at, path, strlen(path), p->paths);
	if (*at != (size_t)-1)
		return &p->v[*at];
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->v = yoy_realloc(p->v, p->cap * sizeof(*p->v));
	}
	*at = p->n;
	c = &p->v[p->n++];
	memset(c, 0, sizeof(*c));
	c->path = yoy_map_key(&p->at, at);
	return c;
}

static void
plan_free(struct plan *p)
{
	free(p->v);
	yoy_map_free(&p->at);
	yoy_arena_free(p->paths);
	memset(p, 0, sizeof(*p));
}

/* Sets the cell at `path` to a step's bytes; two inputs of one import
 * that disagree on it: the later stands, and a warning says so. */
static void
put_cell(struct plan *p, const char *path, const struct yoy_buf *b,
    const char *from)
{
	struct cell *c = plan_add(p, path);

	if (c->from && !c->removed && (c->xml->len != b->len ||
	    memcmp(c->xml->ptr, b->ptr, b->len) != 0) && strcmp(c->from, from) != 0)
		yoy_diag(YOY_WARNING, from, 0, 0, "'%s' differs from %s's; "
		    "the later stands", path, c->from);
	else if (c->from && !c->removed && strcmp(c->from, from) == 0)
		yoy_diag(YOY_WARNING, from, 0, 0, "'%s' given twice in one "
		    "input; the later stands", path);
	c->xml = b;
	c->removed = 0;
	c->from = from;
}

/* Whether the tree (or the import so far) holds `path`. */
static int
has_path(git_tree *tree, struct plan *p, const char *path)
{
	struct cell *c = plan_find(p, path);
	git_tree_entry *e;

	if (c)
		return !c->removed;
	if (tree == NULL || git_tree_entry_bypath(&e, tree, path) != 0)
		return 0;
	git_tree_entry_free(e);
	return 1;
}

/* Marks the department files under actions/NN/ that the tree (or the
 * import so far) holds and the action does not list: gone. */
static void
drop_absent(git_tree *tree, struct plan *p, const struct step *t)
{
	const char *dir = t->path;
	git_tree_entry *e;
	git_tree *sub;
	size_t i, k, len = strlen(dir);
	char path[512];

	if (tree && git_tree_entry_bypath(&e, tree, dir) == 0) {
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    git_tree_lookup(&sub, git_tree_owner(tree),
		    git_tree_entry_id(e)) == 0) {
			for (i = 0; i < git_tree_entrycount(sub); i++) {
				const char *name = git_tree_entry_name(
				    git_tree_entry_byindex(sub, i));

				snprintf(path, sizeof(path), "%s/%s", dir, name);
				if (strcmp(name, "action.xml") != 0 &&
				    plan_find(p, path) == NULL)
					plan_add(p, path)->removed = 1;
			}
			git_tree_free(sub);
		}
		git_tree_entry_free(e);
	}
	for (k = 0; k < p->n; k++) {
		const char *name = p->v[k].path + len + 1;

		if (strncmp(p->v[k].path, dir, len) == 0 &&
		    p->v[k].path[len] == '/' && strcmp(name, "action.xml") != 0 &&
		    yoy_map_get(&t->listed, p->v[k].path) == (size_t)-1)
			p->v[k].removed = 1;
	}
}

/* The steps played in order against the tip's tree. */
static void
plan_steps(struct plan *p, git_tree *tree, const struct steps *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		const struct step *t = &st->v[i];

		if (t->kind == STEP_PRUNE)
			drop_absent(tree, p, t);
		else if (t->kind == STEP_PUT || !has_path(tree, p, t->path))
			put_cell(p, t->path, &t->xml, t->from);
	}
}
/* ------------------------------------------------------------- objects */

/* An import makes its objects in memory (libgit2's mempack backend, put
 * first in the object database) and writes the new ones out as one
 * packfile through the database's indexer, before any ref names them:
 * two files for an edition of 10,000 cells, not 10,000.  Nothing new:
 * nothing written.  (git_mempack_dump would do, but it packs only
 * commits, with every object their trees reach: no tags, and each
 * edition's pack would repeat the cells it did not change.) */
static int
mem_begin(struct yoy_store *s, git_odb **odb, git_odb_backend **mem)
{
	int r;

	*odb = NULL, *mem = NULL;
	if ((r = git_repository_odb(odb, s->repo)) < 0 ||
	    (r = git_mempack_new(mem)) < 0)
		return yoy_store_fail(s->dir, "cannot open the store's objects");
	if ((r = git_odb_add_backend(*odb, *mem, 1000)) < 0) {
		(*mem)->free(*mem);
		*mem = NULL;
		return yoy_store_fail(s->dir, "cannot open the store's objects");
	}
	return 0;
}

/* Puts in the pack the trees and blobs under `id` that are new, in
 * memory: unchanged subtrees are on disk already and are not entered. */
static int
pack_tree(git_packbuilder *pb, git_repository *repo, git_odb_backend *mem,
    const git_oid *id)
{
	git_tree *t;
	size_t i;
	int r;

	if (!mem->exists(mem, id))
		return 0;
	if ((r = git_packbuilder_insert(pb, id, NULL)) < 0 ||
	    (r = git_tree_lookup(&t, repo, id)) < 0)
		return r;
	for (i = 0; i < git_tree_entrycount(t) && r == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);

		if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
			r = pack_tree(pb, repo, mem, git_tree_entry_id(e));
		else if (mem->exists(mem, git_tree_entry_id(e)))
			r = git_packbuilder_insert(pb, git_tree_entry_id(e), NULL);
	}
	git_tree_free(t);
	return r;
}

/* Writes the new objects of `commit` (and the tag object `tag`, if not
 * NULL) as one pack. */
static int
mem_flush(struct yoy_store *s, git_odb *odb, git_odb_backend *mem,
    const git_oid *commit, const git_oid *tag)
{
	git_packbuilder *pb = NULL;
	git_buf pack = { NULL, 0, 0 };
	git_odb_writepack *wp = NULL;
	git_indexer_progress stats;
	git_commit *c = NULL;
	int r;

	r = git_packbuilder_new(&pb, s->repo);
	if (r == 0)
		git_packbuilder_set_threads(pb, 1);
	if (r == 0 && commit && mem->exists(mem, commit)) {
		r = git_packbuilder_insert(pb, commit, NULL);
		if (r == 0)
			r = git_commit_lookup(&c, s->repo, commit);
		if (r == 0)
			r = pack_tree(pb, s->repo, mem, git_commit_tree_id(c));
		git_commit_free(c);
	}
	if (r == 0 && tag)
		r = git_packbuilder_insert(pb, tag, NULL);
	if (r == 0)
		r = git_packbuilder_write_buf(&pack, pb);
	if (r == 0)
		r = git_odb_write_pack(&wp, odb, NULL, NULL);
	if (r == 0)
		r = wp->append(wp, pack.ptr, pack.size, &stats);
	if (r == 0)
		r = wp->commit(wp, &stats);
	if (wp)
		wp->free(wp);
	git_buf_dispose(&pack);
	git_packbuilder_free(pb);
	if (r < 0)
		return yoy_store_fail(s->dir, "cannot write to the store");
	/* the objects stay in memory too, found there until the refs that
	 * name them are written: libgit2 1.5 sees a new pack only when the
	 * pack directory's mtime, in whole seconds, changes */
	return 0;
}

/* -------------------------------------------------------------- import */

static int
signature(struct yoy_store *s, git_time_t when, git_signature **out)
{
	const char *name = getenv("YOY_AUTHOR_NAME"),
	    *email = getenv("YOY_AUTHOR_EMAIL");
	git_signature *def = NULL;
	int rc;

	if ((!name || !email) && git_signature_default(&def, s->repo) == 0) {
		name = name ? name : def->name;
		email = email ? email : def->email;
	}
	rc = git_signature_new(out, name ? name : "yoy-store",
	    email ? email : "yoy-store@localhost", when, 0);
	git_signature_free(def);
	if (rc < 0)
		return yoy_store_fail(s->dir, "bad author (YOY_AUTHOR_NAME, "
		    "YOY_AUTHOR_EMAIL)");
	return 0;
}

/* The edition's own date: the first updated date, else published. */
static const char *
doc_date(const struct yoy_doc *d)
{
	const struct yoy_node *n, *pub = NULL;

	for (n = d->meta->first; n; n = n->next)
		if (n->type == YOY_DATE && n->first) {
			const char *k = yoy_node_get(n, "kind");

			if (k && strcmp(k, "updated") == 0)
				return n->first->text;
			if (pub == NULL)
				pub = n;
		}
	return pub ? pub->first->text : NULL;
}

/* The tip's entry at `path` (borrowed from dc's tree), or NULL.  The
 * cells of a directory come together: its tree is looked up once, not
 * for every file (git_tree_entry_bypath parses every tree on the way,
 * and libgit2 keeps none over its cache limit). */
struct dircache {
	char dir[512];
	git_tree *tree;         /* NULL: dir is not in the tip */
	int valid;              /* dir and tree say something */
};

static const git_tree_entry *
base_entry(git_repository *repo, git_tree *base, const char *path,
    struct dircache *dc)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	git_tree_entry *e;

	if (base == NULL)
		return NULL;
	if (slash == NULL)
		return git_tree_entry_byname(base, path);
	if (n >= sizeof(dc->dir))
		return NULL;
	if (!dc->valid || strncmp(dc->dir, path, n) != 0 || dc->dir[n] != '\0') {
		git_tree_free(dc->tree);
		dc->tree = NULL;
		memcpy(dc->dir, path, n);
		dc->dir[n] = '\0';
		dc->valid = 1;
		if (git_tree_entry_bypath(&e, base, dc->dir) == 0) {
			if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
				git_tree_lookup(&dc->tree, repo, git_tree_entry_id(e));
			git_tree_entry_free(e);
		}
	}
	return dc->tree ? git_tree_entry_byname(dc->tree, slash + 1) : NULL;
}

/* The tag object for `commit` (in memory, written with the edition's
 * pack); its ref comes after main's. */
static int
tag_object(struct yoy_store *s, const char *name, const git_oid *commit,
    const git_signature *sig, const char *msg, git_oid *out)
{
	git_object *target = NULL;
	int r = git_object_lookup(&target, s->repo, commit, GIT_OBJECT_COMMIT);

	if (r == 0)
		r = git_tag_annotation_create(out, s->repo, name, target, sig, msg);
	git_object_free(target);
	return r < 0 ? yoy_store_fail(s->dir, "cannot tag the edition") : 0;
}

static int
tag_ref(struct yoy_store *s, const char *name, const git_oid *tag)
{
	git_reference *ref = NULL;
	char refname[300];
	int r;

	snprintf(refname, sizeof(refname), "refs/tags/%s", name);
	r = git_reference_create(&ref, s->repo, refname, tag, 0,
	    "yoy-store: tag");
	git_reference_free(ref);
	if (r == GIT_EEXISTS) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "tag '%s' names another "
		    "edition already", name);
		return -1;
	}
	return r < 0 ? yoy_store_fail(s->dir, "cannot tag the edition") : 0;
}

/* A tag name git accepts that no revision is read as before it: not an
 * option, not HEAD or a branch, not a full ref name, no '@' (a date). */
static int
valid_tag(struct yoy_store *s, const char *tag)
{
	char ref[300];
	const char *why = NULL;
	int valid = 0;
	size_t n = strlen(tag);
	git_reference *b = NULL;

	snprintf(ref, sizeof(ref), "refs/tags/%s", tag);
	if (n == 0 || n > 200 || git_reference_name_is_valid(&valid, ref) < 0 ||
	    !valid)
		why = "not a valid git tag name";
	else if (tag[0] == '-')
		why = "it would read as an option";
	else if (strchr(tag, '@'))
		why = "'@' begins a date (@YYYY-MM-DD)";
	else if (strncmp(tag, "refs/", 5) == 0)
		why = "it would read as a full ref name";
	else if (n >= 4 && strcmp(tag + n - 4, "HEAD") == 0)
		why = "it would read as git's HEAD";
	else if (strcmp(tag, "main") == 0 || git_branch_lookup(&b, s->repo, tag,
	    GIT_BRANCH_LOCAL) == 0)
		why = "a branch has that name";
	git_reference_free(b);
	if (why) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "invalid tag name '%s': %s", tag,
		    why);
		return -1;
	}
	return 0;
}

/* One import in the making: the steps of the inputs given so far, the
 * commit it writes, and the state of the try under way. */
struct yoy_import {
	struct yoy_store *s;
	const struct yoy_import_opts *o;
	struct steps steps;
	char **names;                   /* the inputs, in order */
	int ndocs, failed;
	char *date;                     /* given, else the first input's */
	git_time_t when;
	git_signature *sig;
	struct yoy_buf msg;
	git_odb *odb;
	git_odb_backend *mem;
	int has_tag, make_tag;          /* the tag exists; is to be made */
	git_oid tagged, tag_id;         /* what it names; the new tag */
	struct plan plan;
	git_tree_update *up;
	size_t nup;
	/* this try */
	git_oid tip_id, commit_id;
	git_commit *tip;
	git_tree *base;
	int have_tip;
};

/* The edition's date (given, else the inputs' own, else now) and the
 * tag's name; -1 after a diagnostic. */
static int
import_date(struct yoy_import *im)
{
	if (im->date && (im->when = yoy_store_day(im->date)) < 0) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "invalid date '%s' (use "
		    "YYYY-MM-DD)", im->date);
		return -1;
	}
	if (im->when < 0)
		im->when = (git_time_t)time(NULL);
	return im->o->tag ? valid_tag(im->s, im->o->tag) : 0;
}

/* Durable commits: --fsync, or the store's yoy.fsync. */
static void
import_fsync(struct yoy_import *im)
{
	git_config *cfg;
	int on = im->o->fsync;

	if (!on && git_repository_config_snapshot(&cfg, im->s->repo) == 0) {
		if (git_config_get_bool(&on, cfg, "yoy.fsync") < 0)
			on = 0;
		git_config_free(cfg);
	}
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, on);
}

/* The commit message: given, else the edition and its inputs. */
static void
import_message(struct yoy_import *im)
{
	const struct yoy_import_opts *o = im->o;
	int i;

	if (o->message) {
		yoy_buf_puts(&im->msg, o->message);
		return;
	}
	yoy_buf_printf(&im->msg, "%s%s", o->tag ? "Edition " : "Import",
	    o->tag ? o->tag : "");
	if (im->date)
		yoy_buf_printf(&im->msg, " (%s)", im->date);
	yoy_buf_puts(&im->msg, "\n\nImported by yoy-store from:\n");
	for (i = 0; i < im->ndocs; i++)
		yoy_buf_printf(&im->msg, "  %s\n", im->names[i]);
}

/* main's tip as it is now, read whole: never an edition on a tip that
 * cannot be read, which would carry the damage forward.  -1 damaged
 * (said). */
static int
read_tip(struct yoy_import *im)
{
	struct yoy_store *s = im->s;

	git_mempack_reset(im->mem);
	if ((im->have_tip = yoy_store_main(s, &im->tip_id)) <= 0)
		return im->have_tip;
	if (yoy_store_commit(s, &im->tip_id, MAIN, &im->tip) < 0 ||
	    yoy_store_tree(s, im->tip, MAIN, &im->base) < 0 ||
	    yoy_store_check_tip(s, im->base) < 0)
		return -1;
	return 0;
}

/* The tree updates that take the tip to the editions: each cell's blob
 * hashed, then written only when new, and straight to memory (libgit2's
 * git_odb_write would first look for it on disk, rescanning the pack
 * directory each time).  -1 after a diagnostic. */
static int
plan_updates(struct yoy_import *im)
{
	struct dircache dc = { "", NULL, 0 };
	size_t k;
	int r = 0;

	plan_free(&im->plan);
	plan_steps(&im->plan, im->base, &im->steps);
	free(im->up);
	im->up = yoy_malloc((im->plan.n + 1) * sizeof(*im->up));
	im->nup = 0;
	for (k = 0; k < im->plan.n && r == 0; k++) {
		struct cell *c = &im->plan.v[k];
		const git_tree_entry *e = base_entry(im->s->repo, im->base,
		    c->path, &dc);
		git_tree_update *u = &im->up[im->nup];
		git_oid blob;

		if (c->removed) {
			if (e) {
				u->action = GIT_TREE_UPDATE_REMOVE;
				u->filemode = GIT_FILEMODE_BLOB;
				u->path = c->path;
				im->nup++;
			}
			continue;
		}
		r = git_odb_hash(&blob, c->xml->ptr, c->xml->len,
		    GIT_OBJECT_BLOB);
		if (r < 0 || (e && git_oid_equal(&blob, git_tree_entry_id(e))))
			continue;
		r = im->mem->write(im->mem, &blob, c->xml->ptr, c->xml->len,
		    GIT_OBJECT_BLOB);
		u->action = GIT_TREE_UPDATE_UPSERT;
		u->id = blob;
		u->filemode = GIT_FILEMODE_BLOB;
		u->path = c->path;
		im->nup++;
	}
	git_tree_free(dc.tree);
	return r < 0 ? yoy_store_fail(im->s->dir, "cannot write to the store") :
	    0;
}

/* Nothing new: no commit (an import retried after a crash finds its own
 * commit here), only the tag, for the tip.  1 nothing at all, 0 a tag
 * to make, -1 trouble (said). */
static int
nothing_new(struct yoy_import *im)
{
	const char *tag = im->o->tag;

	if (!im->have_tip) {
		if (tag == NULL)
			return 1;
		yoy_diag(YOY_FATAL, im->s->dir, 0, 0, "nothing to tag: the "
		    "store holds no edition");
		return -1;
	}
	im->commit_id = im->tip_id;
	if (im->has_tag && !git_oid_equal(&im->tagged, &im->tip_id)) {
		yoy_diag(YOY_FATAL, im->s->dir, 0, 0, "tag '%s' names another "
		    "edition already", tag);
		return -1;
	}
	if (tag == NULL || im->has_tag)
		return 1;
	git_mempack_reset(im->mem);
	if (tag_object(im->s, tag, &im->tip_id, im->sig, im->msg.ptr,
	    &im->tag_id) < 0 || mem_flush(im->s, im->odb, im->mem, NULL,
	    &im->tag_id) < 0)
		return -1;
	im->make_tag = 1;
	return 0;
}

/* The new tree, its commit on the tip and the tag, written out as one
 * pack; -1 after a diagnostic. */
static int
write_commit(struct yoy_import *im)
{
	struct yoy_store *s = im->s;
	const char *tag = im->o->tag;
	git_oid tree_id;
	git_tree *tree = NULL;
	int r;

	if (im->has_tag) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "tag '%s' names another "
		    "edition already", tag);
		return -1;
	}
	/* the first commit has no baseline: the updater starts empty */
	r = git_tree_create_updated(&tree_id, s->repo, im->base, im->nup,
	    im->up);
	if (r == 0)
		r = git_tree_lookup(&tree, s->repo, &tree_id);
	if (r == 0)
		r = git_commit_create(&im->commit_id, s->repo, NULL, im->sig,
		    im->sig, "UTF-8", im->msg.ptr, tree, im->have_tip ? 1 : 0,
		    (const git_commit **)&im->tip);
	git_tree_free(tree);
	if (r < 0)
		return yoy_store_fail(s->dir, "cannot write to the store");
	if (tag && tag_object(s, tag, &im->commit_id, im->sig, im->msg.ptr,
	    &im->tag_id) < 0)
		return -1;
	im->make_tag = tag != NULL;
	return mem_flush(s, im->odb, im->mem, &im->commit_id, im->make_tag ?
	    &im->tag_id : NULL);
}

/* Compare and swap: main moves only from the tip the commit was built
 * on.  0 moved, 1 moved or locked by another writer (try again), -1
 * trouble (said). */
static int
move_main(struct yoy_import *im)
{
	git_reference *ref = NULL;
	int r;

	r = im->have_tip ? git_reference_create_matching(&ref, im->s->repo,
	    MAIN, &im->commit_id, 1, &im->tip_id, "yoy-store: import") :
	    git_reference_create(&ref, im->s->repo, MAIN, &im->commit_id, 0,
	    "yoy-store: import");
	git_reference_free(ref);
	if (r == 0)
		return 0;
	if (r == GIT_EMODIFIED || r == GIT_ELOCKED || r == GIT_EEXISTS)
		return 1;
	return yoy_store_fail(im->s->dir, "cannot move main");
}

/* One try against the tip as it is now: 0 committed, 1 nothing new, 2
 * main moved meanwhile, -1 trouble (said). */
static int
attempt(struct yoy_import *im)
{
	int r;

	if (read_tip(im) < 0 || plan_updates(im) < 0)
		r = -1;
	else if (im->nup == 0)
		r = nothing_new(im) < 0 ? -1 : 1;
	else if (write_commit(im) < 0)
		r = -1;
	else
		r = (r = move_main(im)) == 1 ? 2 : r;
	git_tree_free(im->base);
	git_commit_free(im->tip);
	im->base = NULL;
	im->tip = NULL;
	return r;
}

struct yoy_import *
yoy_store_import_new(struct yoy_store *s, const struct yoy_import_opts *o)
{
	struct yoy_import *im = yoy_malloc(sizeof(*im));

	memset(im, 0, sizeof(*im));
	im->s = s, im->o = o, im->when = -1;
	if (o->date)
		im->date = yoy_strndup(o->date, strlen(o->date));
	return im;
}

int
yoy_store_import_add(struct yoy_import *im, const struct yoy_doc *d,
    const char *name)
{
	const char *date;

	im->names = yoy_realloc(im->names, (size_t)(im->ndocs + 1) *
	    sizeof(*im->names));
	name = im->names[im->ndocs++] = yoy_strndup(name, strlen(name));
	if (d == NULL || record_doc(&im->steps, d, name) < 0) {
		im->failed = 1;
		return -1;
	}
	if (im->date == NULL && (date = doc_date(d)) != NULL)
		im->date = yoy_strndup(date, strlen(date));
	return 0;
}

void
yoy_store_import_free(struct yoy_import *im)
{
	int i;

	if (im == NULL)
		return;
	steps_free(&im->steps);
	for (i = 0; i < im->ndocs; i++)
		free(im->names[i]);
	free(im->names);
	free(im->date);
	free(im);
}

int
yoy_store_import_commit(struct yoy_import *im)
{
	struct yoy_store *s = im->s;
	const struct yoy_import_opts *o = im->o;
	int try, r = -1;

	if (im->failed)
		goto done;
	if (import_date(im) < 0)
		goto done;
	import_fsync(im);
	if (signature(s, im->when, &im->sig) < 0 || yoy_store_lock(s, o->tag) < 0 ||
	    mem_begin(s, &im->odb, &im->mem) < 0 ||
	    (o->tag && (im->has_tag = yoy_store_tag(s, o->tag, &im->tagged)) < 0))
		goto out;
	import_message(im);
	for (try = 0; try < TRIES && (r = attempt(im)) == 2; try++) {
		/* moved or locked by another writer: build again on its tip */
		struct timespec ts = { 0, (long)(1 + try) * 2000000L };

		nanosleep(&ts, NULL);
	}
	if (r == 2) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "main kept moving or stayed "
		    "locked through %d tries; nothing imported", TRIES);
		r = -1;
	}
	if (r >= 0 && im->make_tag && tag_ref(s, o->tag, &im->tag_id) < 0)
		r = -1;
	/* a pack an import: one again past 50 (gc.c) */
	if (r == 0 && yoy_store_gc_auto(s) < 0)
		r = -1;
out:
	if (im->mem)
		git_mempack_reset(im->mem);     /* what was not written goes */
	git_odb_free(im->odb);
	yoy_store_unlock(s);
	free(im->up);
	plan_free(&im->plan);
	yoy_buf_free(&im->msg);
	git_signature_free(im->sig);
done:
	yoy_store_import_free(im);
	return r;
}
