/* The store, read: a revision resolved, reassembled as one canonical
 * document, listed (log.c tells its history).
 *
 * Every read is strict.  An object that is named and cannot be read (an
 * inflate error, a missing or wrong-type object, a damaged ref) is trouble
 * said with its id and its path in the tree, never taken for an absent
 * cell: a damaged store must not read as an empty or a changed edition.
 * Only a name that is not there (no such tag, no such file in the tree)
 * is absence. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* libgit2's last message, else `otherwise`. */
static const char *
why(const char *otherwise)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : otherwise;
}

int
yoy_store_damaged(struct yoy_store *s, const git_oid *id, const char *what,
    const char *where)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	yoy_diag(YOY_FATAL, s->dir, 0, 0, "damaged store: cannot read %s %.12s "
	    "(%s): %s", what, hex, where, why("unknown error"));
	return -1;
}

/* The object ref `refname` leads to (through a symbolic ref): 1, 0 when
 * there is no such ref, -1 when it cannot be read (git_error_last). */
static int
ref_id(struct yoy_store *s, const char *refname, git_oid *out)
{
	git_reference *ref = NULL, *res = NULL;
	int r = git_reference_lookup(&ref, s->repo, refname);

	if (r == GIT_ENOTFOUND)
		return 0;
	if (r == 0)
		r = git_reference_resolve(&res, ref);
	if (r == 0 && git_reference_target(res) == NULL)
		r = -1;
	if (r == 0)
		git_oid_cpy(out, git_reference_target(res));
	git_reference_free(res);
	git_reference_free(ref);
	return r < 0 ? -1 : 1;
}

int
yoy_store_main(struct yoy_store *s, git_oid *out)
{
	return yoy_store_main_at(s, out, YOY_FATAL);
}

int
yoy_store_main_at(struct yoy_store *s, git_oid *out, enum yoy_level level)
{
	int r = ref_id(s, MAIN, out);

	if (r < 0)
		yoy_diag(level, s->dir, 0, 0, "damaged store: the ref %s cannot "
		    "be read: %s", MAIN, why("not a commit id"));
	return r;       /* 0: no edition yet */
}

/* The commit `id`, read (`where` says what named it); -1 damaged. */
int
yoy_store_commit(struct yoy_store *s, const git_oid *id, const char *where,
    git_commit **out)
{
	if (git_commit_lookup(out, s->repo, id) < 0)
		return yoy_store_damaged(s, id, "commit", where);
	return 0;
}

/* The edition in force on day `date` (YYYY-MM-DD): the newest commit on
 * main dated that day or before. */
static int
resolve_day(struct yoy_store *s, const char *rev, git_commit **out)
{
	git_time_t until = yoy_store_day(rev + 1);
	git_revwalk *w = NULL;
	git_oid id, tip;
	int r;

	if (until < 0) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "invalid date in '%s' (use "
		    "@YYYY-MM-DD)", rev);
		return -1;
	}
	if ((r = yoy_store_main(s, &tip)) <= 0) {
		if (r == 0)
			yoy_diag(YOY_FATAL, s->dir, 0, 0, "the store holds no "
			    "edition");
		return -1;
	}
	until += 86400;         /* the whole day */
	if (git_revwalk_new(&w, s->repo) < 0 || git_revwalk_push(w, &tip) < 0) {
		git_revwalk_free(w);
		return yoy_store_damaged(s, &tip, "commit", MAIN);
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL);
	while ((r = git_revwalk_next(&id, w)) == 0) {
		git_commit *c;

		if (yoy_store_commit(s, &id, "history of main", &c) < 0) {
			r = GIT_EUSER;      /* said */
			break;
		}
		if (git_commit_time(c) < until && (*out == NULL ||
		    git_commit_time(c) > git_commit_time(*out))) {
			git_commit_free(*out);
			*out = c;
		} else {
			git_commit_free(c);
		}
	}
	git_revwalk_free(w);
	if (r != GIT_ITEROVER) {
		if (r != GIT_EUSER)
			yoy_store_fail(s->dir, "damaged store: cannot walk "
			    "the history of main");
		git_commit_free(*out);
		*out = NULL;
		return -1;
	}
	if (*out == NULL) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "no edition on or before %s",
		    rev + 1);
		return -1;
	}
	return 0;
}

/* The commit object `id` (a tag's, a commit's) leads to; -1 damaged or
 * not an edition (said). */
int
yoy_store_peel(struct yoy_store *s, const git_oid *id, const char *rev,
    git_commit **out)
{
	git_object *o = NULL, *c = NULL;
	int r;

	if (git_object_lookup(&o, s->repo, id, GIT_OBJECT_ANY) < 0)
		return yoy_store_damaged(s, id, "object", rev);
	if (git_object_type(o) != GIT_OBJECT_COMMIT &&
	    git_object_type(o) != GIT_OBJECT_TAG) {
		git_object_free(o);
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "revision '%s' is not an "
		    "edition", rev);
		return -1;
	}
	r = git_object_peel(&c, o, GIT_OBJECT_COMMIT);
	git_object_free(o);
	if (r == GIT_EINVALIDSPEC) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "revision '%s' is not an "
		    "edition", rev);
		return -1;
	}
	if (r < 0)
		return yoy_store_damaged(s, id, "tag", rev);
	*out = (git_commit *)c;
	return 0;
}

/* A tag's target: 1 found (`id` set), 0 no such tag, -1 damaged. */
static int
tag_id(struct yoy_store *s, const char *name, git_oid *id)
{
	char refname[300];
	int valid = 0, r;

	if (snprintf(refname, sizeof(refname), "refs/tags/%s", name) >=
	    (int)sizeof(refname) || git_reference_name_is_valid(&valid,
	    refname) < 0 || !valid)
		return 0;
	if ((r = ref_id(s, refname, id)) < 0)
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "damaged store: the tag '%s' "
		    "cannot be read: %s", name, why("not an object id"));
	return r;
}

int
yoy_store_tag(struct yoy_store *s, const char *name, git_oid *out)
{
	git_commit *c;
	int r = tag_id(s, name, out);

	if (r <= 0)
		return r;
	if (yoy_store_peel(s, out, name, &c) < 0)
		return -1;
	git_oid_cpy(out, git_commit_id(c));
	git_commit_free(c);
	return 1;
}

/* A commit id, whole or a prefix of 4 or more: 1 found, 0 not an id of
 * the store, -1 ambiguous or damaged. */
static int
commit_id(struct yoy_store *s, const char *rev, git_oid *id)
{
	size_t n = strlen(rev), i;
	git_odb *odb = NULL;
	git_oid prefix;
	int r;

	if (n < 4 || n > GIT_OID_HEXSZ)
		return 0;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)rev[i]))
			return 0;
	if (git_oid_fromstrn(&prefix, rev, n) < 0 ||
	    git_repository_odb(&odb, s->repo) < 0)
		return 0;
	r = git_odb_exists_prefix(id, odb, &prefix, n);
	git_odb_free(odb);
	if (r == GIT_ENOTFOUND)
		return 0;
	if (r == GIT_EAMBIGUOUS) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "revision '%s' is ambiguous: "
		    "give more of the commit id", rev);
		return -1;
	}
	if (r < 0)
		return yoy_store_damaged(s, &prefix, "objects", rev);
	return 1;
}

/* Commit of a revision: main (or HEAD), a tag, a commit id (or a prefix
 * of one), or "@YYYY-MM-DD", the edition in force that day; any other
 * revision git knows (2015~1) through libgit2's parser.  main is the
 * branch before any tag of that name. */
int
yoy_store_rev_date(struct yoy_store *s, const char *rev, char date[11])
{
	git_commit *c;
	time_t t;
	struct tm tm;

	if (yoy_store_resolve(s, rev, &c) < 0)
		return -1;
	t = (time_t)git_commit_time(c);
	gmtime_r(&t, &tm);
	strftime(date, 11, "%Y-%m-%d", &tm);
	git_commit_free(c);
	return 0;
}

static int resolve_one(struct yoy_store *, const char *, git_commit **);

/* `base`'s commit, then back along first parents as `steps` says: "~N"
 * N editions back, "~" and "^" one, "^0" none ("^N", N > 1: editions
 * have one parent).  `rev` is the whole, for messages. */
static int
walk_back(struct yoy_store *s, const char *rev, const char *steps,
    git_commit **out)
{
	while (*steps) {
		char op = *steps++, *end;
		unsigned long n = 1;

		if (*steps >= '0' && *steps <= '9') {
			n = strtoul(steps, &end, 10);
			steps = end;
		}
		if (op == '^' && n > 1) {
			yoy_diag(YOY_FATAL, s->dir, 0, 0, "'%s': an edition has "
			    "one parent, not %lu", rev, n);
			return -1;
		}
		for (; n > 0; n--) {
			git_commit *parent;

			if (git_commit_parentcount(*out) == 0) {
				yoy_diag(YOY_FATAL, s->dir, 0, 0, "'%s' goes back "
				    "past the first edition", rev);
				return -1;
			}
			if (git_commit_parent(&parent, *out, 0) < 0)
				return yoy_store_damaged(s, git_commit_parent_id(
				    *out, 0), "commit", rev);
			git_commit_free(*out);
			*out = parent;
		}
	}
	return 0;
}

int
yoy_store_resolve(struct yoy_store *s, const char *rev, git_commit **out)
{
	size_t at = strcspn(rev, "~^");

	/* REV~N, REV^: a tag or branch never holds '~' or '^' */
	if (at > 0 && rev[at] != '\0' &&
	    strspn(rev + at, "~^0123456789") == strlen(rev + at)) {
		char *base = yoy_strndup(rev, at);
		int r = resolve_one(s, base, out);

		free(base);
		if (r == 0 && walk_back(s, rev, rev + at, out) < 0) {
			git_commit_free(*out);
			*out = NULL;
			r = -1;
		}
		return r;
	}
	return resolve_one(s, rev, out);
}

/* A revision without ~ or ^: main, a tag, a commit id, @YYYY-MM-DD. */
static int
resolve_one(struct yoy_store *s, const char *rev, git_commit **out)
{
	git_object *obj = NULL;
	git_oid id;
	int r;

	*out = NULL;
	if (rev[0] == '@')
		return resolve_day(s, rev, out);
	if (strcmp(rev, "main") == 0 || strcmp(rev, "HEAD") == 0) {
		if ((r = yoy_store_main(s, &id)) == 0)
			yoy_diag(YOY_FATAL, s->dir, 0, 0, "the store holds no "
			    "edition");
		return r <= 0 ? -1 : yoy_store_commit(s, &id, MAIN, out);
	}
	if ((r = tag_id(s, rev, &id)) != 0 || (r = commit_id(s, rev, &id)) != 0)
		return r < 0 ? -1 : yoy_store_peel(s, &id, rev, out);
	r = rev[0] == '-' ? GIT_ENOTFOUND :
	    git_revparse_single(&obj, s->repo, rev);
	if (r == 0) {
		r = yoy_store_peel(s, git_object_id(obj), rev, out);
		git_object_free(obj);
		return r;
	}
	if (r == GIT_ENOTFOUND || r == GIT_EINVALIDSPEC || r == GIT_EAMBIGUOUS) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "unknown revision '%s'", rev);
		return -1;
	}
	yoy_diag(YOY_FATAL, s->dir, 0, 0, "damaged store: cannot resolve "
	    "'%s': %s", rev, why("unknown error"));
	return -1;
}

int
yoy_store_tree(struct yoy_store *s, git_commit *c, const char *rev,
    git_tree **out)
{
	if (git_commit_tree(out, c) < 0)
		return yoy_store_damaged(s, git_commit_tree_id(c), "tree", rev);
	return 0;
}

int
yoy_store_subtree(struct yoy_store *s, git_tree *t, const char *name,
    const char *path, git_tree **out)
{
	const git_tree_entry *e = git_tree_entry_byname(t, name);

	*out = NULL;
	if (e == NULL)
		return 1;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "damaged store: %s is not a "
		    "directory", path);
		return -1;
	}
	if (git_tree_lookup(out, s->repo, git_tree_entry_id(e)) < 0)
		return yoy_store_damaged(s, git_tree_entry_id(e), "tree", path);
	return 0;
}

/* ----------------------------------------------------------- documents */

/* What a revision is reassembled into, and from. */
struct reassembly {
	struct yoy_store *s;
	const char *rev;
	struct yoy_doc *out;
	int action;             /* 0: all */
	const char *dept;       /* NULL: all */
};

/* A cell's document, read from its blob; NULL after a diagnostic. */
static struct yoy_doc *
read_cell(struct reassembly *ra, const git_tree_entry *e, const char *path)
{
	struct yoy_store *s = ra->s;
	struct yoy_doc *d;
	git_blob *b;
	char where[800];

	snprintf(where, sizeof(where), "%s in %s", path, ra->rev);
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "damaged store: %s is not a "
		    "file", where);
		return NULL;
	}
	if (git_blob_lookup(&b, s->repo, git_tree_entry_id(e)) < 0) {
		yoy_store_damaged(s, git_tree_entry_id(e), "file", where);
		return NULL;
	}
	snprintf(where, sizeof(where), "%s:%s", s->dir, path);
	d = yoy_xml_read(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
	    where);
	git_blob_free(b);
	return d;
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

/* Copies into `parent` the node of `type` the cell holds (its children,
 * when `inner`); -1 after a diagnostic. */
static int
copy_cell(struct reassembly *ra, const git_tree_entry *e, const char *path,
    struct yoy_node *parent, enum yoy_type type, int inner)
{
	struct yoy_doc *cd = read_cell(ra, e, path);
	const struct yoy_node *n, *k;

	if (cd == NULL)
		return -1;
	if ((n = find(cd, type)) != NULL) {
		if (inner)
			for (k = n->first; k; k = k->next)
				yoy_node_copy(ra->out, parent, k);
		else
			yoy_node_copy(ra->out, parent, n);
	}
	yoy_doc_free(cd);
	return 0;
}

/* Whether file `name` of an action's directory is a department's cell
 * the reassembly wants. */
static int
wanted(const struct reassembly *ra, const char *name)
{
	size_t n = strlen(name);

	if (n < 5 || strcmp(name + n - 4, ".xml") != 0 ||
	    strcmp(name, "action.xml") == 0)
		return 0;
	return ra->dept == NULL || (strncmp(name, ra->dept,
	    strlen(ra->dept)) == 0 && n == strlen(ra->dept) + 4);
}

/* actions/NN/: the action's own text, then its departments by id. */
static int
add_action(struct reassembly *ra, git_tree *acts, const char *num)
{
	struct yoy_node *a;
	const git_tree_entry *e;
	git_tree *at;
	char path[700];
	size_t j;
	int r;

	snprintf(path, sizeof(path), "actions/%s", num);
	if ((r = yoy_store_subtree(ra->s, acts, num, path, &at)) != 0)
		return r < 0 ? -1 : 0;
	if (git_tree_entrycount(at) == 0) {
		git_tree_free(at);
		return 0;
	}
	a = yoy_node_add(ra->out, ra->out->body, YOY_ACTION);
	snprintf(path, sizeof(path), "%d", atoi(num));
	yoy_node_set(ra->out, a, "n", path);
	r = 0;
	if (!ra->dept && (e = git_tree_entry_byname(at, "action.xml"))) {
		snprintf(path, sizeof(path), "actions/%s/action.xml", num);
		r = copy_cell(ra, e, path, a, YOY_ACTION, 1);
	}
	for (j = 0; j < git_tree_entrycount(at) && r == 0; j++) {
		e = git_tree_entry_byindex(at, j);
		if (!wanted(ra, git_tree_entry_name(e)))
			continue;
		snprintf(path, sizeof(path), "actions/%s/%s", num,
		    git_tree_entry_name(e));
		r = copy_cell(ra, e, path, a, YOY_DEPARTMENT, 0);
	}
	git_tree_free(at);
	/* asked for one department: no action without it */
	if (ra->dept && a->first == NULL)
		yoy_node_unlink(a);
	return r;
}

/* documents/: each document's body, in turn. */
static int
add_documents(struct reassembly *ra, git_tree *root)
{
	const struct yoy_node *k;
	git_tree *docs;
	size_t i;
	int r = yoy_store_subtree(ra->s, root, "documents", "documents", &docs);

	if (r != 0)
		return r < 0 ? -1 : 0;
	for (i = 0; i < git_tree_entrycount(docs) && r == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(docs, i);
		struct yoy_doc *cd;
		char path[700];

		snprintf(path, sizeof(path), "documents/%s",
		    git_tree_entry_name(e));
		if ((cd = read_cell(ra, e, path)) == NULL) {
			r = -1;
			break;
		}
		for (k = cd->body->first; k; k = k->next)
			yoy_node_copy(ra->out, ra->out->body, k);
		yoy_doc_free(cd);
	}
	git_tree_free(docs);
	return r;
}

static int
reassemble(struct reassembly *ra, git_tree *root)
{
	git_tree *acts;
	size_t i;
	int r = yoy_store_subtree(ra->s, root, "actions", "actions", &acts);

	if (r < 0)
		return -1;
	for (i = 0; acts && i < git_tree_entrycount(acts) && r >= 0; i++) {
		const char *num = git_tree_entry_name(
		    git_tree_entry_byindex(acts, i));

		if (!ra->action || atoi(num) == ra->action)
			r = add_action(ra, acts, num);
	}
	git_tree_free(acts);
	if (r >= 0 && !ra->action && !ra->dept)
		r = add_documents(ra, root);
	return r < 0 ? -1 : 0;
}

struct yoy_doc *
yoy_store_doc(struct yoy_store *s, const char *rev, int action,
    const char *dept)
{
	struct reassembly ra = { s, rev, NULL, action, dept };
	git_commit *c;
	git_tree *root = NULL;
	struct yoy_node *src;
	char name[300];
	int r;

	if (yoy_store_resolve(s, rev, &c) < 0)
		return NULL;
	r = yoy_store_tree(s, c, rev, &root);
	git_commit_free(c);
	if (r < 0)
		return NULL;
	ra.out = yoy_doc_new();
	src = yoy_doc_meta(ra.out, YOY_SOURCE);
	yoy_node_set(ra.out, src, "format", "xml");
	snprintf(name, sizeof(name), "%s@%s", s->dir, rev);
	yoy_node_set(ra.out, src, "name", name);
	r = reassemble(&ra, root);
	git_tree_free(root);
	if (r < 0) {
		yoy_doc_free(ra.out);
		return NULL;
	}
	return ra.out;
}

/* ------------------------------------------------------------------ ls */

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
	r = yoy_store_tree(s, c, rev, &t);
	git_commit_free(c);
	if (r < 0)
		return -1;
	r = git_tree_walk(t, GIT_TREEWALK_PRE, ls_cb, f);
	git_tree_free(t);
	if (r < 0) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "damaged store: cannot read "
		    "the tree of %s: %s", rev, why("unknown error"));
		return -1;
	}
	return 0;
}

