/* Internal: what the store's files share (store.c writes editions,
 * storeread.c reads them, storesync.c pushes and pulls). */
#ifndef YOY_STORE_H
#define YOY_STORE_H

#include <git2.h>

#include "yoy.h"

#define MAIN "refs/heads/main"

struct yoy_store {
	git_repository *repo;
	const char *dir;        /* as given, for messages */
	int lock;               /* yoy.lock while writing, or -1 */
};


void yoy_store_lib_init(void);
/* libgit2's error, in our words, at `dir`: what failed, then why; -1. */
int yoy_store_fail(const char *dir, const char *what);
/* Takes and drops yoy.lock (breaking ref locks only of a writer that
 * died holding it; `tag`, if not NULL, is the tag about to be made). */
int yoy_store_lock(struct yoy_store *, const char *tag);
void yoy_store_unlock(struct yoy_store *);
/* "2015-01-16" -> seconds at midnight UTC, or -1. */
git_time_t yoy_store_day(const char *iso);
/* A revision's commit: main, a tag, a commit id, or @YYYY-MM-DD; -1
 * unknown or damaged (said). */
int yoy_store_resolve(struct yoy_store *, const char *rev, git_commit **);

/* Strict reads (storeread.c): a named object that cannot be read is
 * damage, said with its id and where it was named; never absence. */
/* Says so: "damaged store: cannot read WHAT ID (WHERE): why"; -1. */
int yoy_store_damaged(struct yoy_store *, const git_oid *id, const char *what,
	const char *where);
/* main's commit id: 1, 0 when there is no edition yet, -1 damaged. */
int yoy_store_main(struct yoy_store *, git_oid *out);
/* The same, damage said at `level` (yoy-store verify: a finding). */
int yoy_store_main_at(struct yoy_store *, git_oid *out, enum yoy_level);
/* The commit tag `name` leads to: 1, 0 when there is no such tag, -1
 * damaged or not an edition (said). */
int yoy_store_tag(struct yoy_store *, const char *name, git_oid *out);
/* Commit `id`; -1 damaged (said). */
int yoy_store_commit(struct yoy_store *, const git_oid *id, const char *where,
	git_commit **out);
/* Commit `c`'s tree; -1 damaged (said). */
int yoy_store_tree(struct yoy_store *, git_commit *c, const char *rev,
	git_tree **out);
/* Directory `name` of `t` (found at `path`): 0, 1 when there is none,
 * -1 damaged (said). */
/* Reads every object of `tree` (the tip an import builds on); -1 at the
 * first that cannot be read (said). */
int yoy_store_check_tip(struct yoy_store *, git_tree *tree);
int yoy_store_subtree(struct yoy_store *, git_tree *t, const char *name,
	const char *path, git_tree **out);

#endif
