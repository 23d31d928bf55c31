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
int yoy_store_fail(const char *dir, int rc, const char *what);
/* Takes and drops yoy.lock (breaking ref locks only of a writer that
 * died holding it; `tag`, if not NULL, is the tag about to be made). */
int yoy_store_lock(struct yoy_store *, const char *tag);
void yoy_store_unlock(struct yoy_store *);
/* "2015-01-16" -> seconds at midnight UTC, or -1. */
git_time_t yoy_store_day(const char *iso);
/* A revision's commit: a tag, a commit id, or @YYYY-MM-DD. */
int yoy_store_resolve(struct yoy_store *, const char *rev, git_commit **);

#endif
