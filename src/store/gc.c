/* One pack: every object main and the tags reach, repacked by libgit2's
 * pack builder under the store's lock, and the refs in packed-refs.
 * Each import writes a pack of its own (import.c); after hundreds of
 * editions a read looks in hundreds of indexes, so an import repacks by
 * itself past GC_PACKS packs.  The new pack and its index are written
 * and made durable (fsync, whatever the store's yoy.fsync says) before
 * any old pack is removed: a kill at any moment leaves every object in
 * a pack with its index, and at worst a stray file or an extra pack. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define GC_PACKS 50

/* Every object the refs reach: each ref's target and all it reaches
 * (for main, its history). */
static int
insert_ref(git_reference *ref, void *arg)
{
	git_packbuilder *pb = arg;
	git_reference *resolved = NULL;
	int r;

	if ((r = git_reference_resolve(&resolved, ref)) == 0)
		r = git_packbuilder_insert_recur(pb,
		    git_reference_target(resolved), NULL);
	git_reference_free(resolved);
	git_reference_free(ref);
	return r;
}

/* Each pack of objects/pack/, by its name less ".pack" ("pack-<id>"),
 * to `each`; how many there are.  `dir` gets the directory's path. */
static int
each_pack(struct yoy_store *s, char dir[4096],
    void (*each)(const char *dir, const char *name, size_t len, void *),
    void *arg)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	snprintf(dir, 4096, "%sobjects/pack", git_repository_path(s->repo));
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 5 && strcmp(e->d_name + len - 5, ".pack") == 0) {
			n++;
			if (each)
				each(dir, e->d_name, len - 5, arg);
		}
	}
	closedir(d);
	return n;
}

/* What the removal keeps, and whether it failed. */
struct old {
	const char *keep;       /* the new pack's id */
	int failed, err;
};

/* A pack that is not the new one: its .idx, then its .pack, removed. */
static void
remove_one(const char *dir, const char *name, size_t len, void *arg)
{
	struct old *o = arg;
	char path[4200];

	if (len == 5 + strlen(o->keep) && strncmp(name + 5, o->keep,
	    len - 5) == 0)
		return;
	snprintf(path, sizeof(path), "%s/%.*s.idx", dir, (int)len, name);
	if (unlink(path) < 0 && errno != ENOENT)
		o->failed = 1, o->err = errno;
	snprintf(path, sizeof(path), "%s/%.*s.pack", dir, (int)len, name);
	if (unlink(path) < 0 && errno != ENOENT)
		o->failed = 1, o->err = errno;
}

/* The refs packed, as git's pack-refs does (a ref updated later is
 * written loose again, and wins). */
static int
pack_refs(struct yoy_store *s)
{
	git_refdb *db;
	int r;

	if ((r = git_repository_refdb(&db, s->repo)) == 0) {
		r = git_refdb_compress(db);
		git_refdb_free(db);
	}
	return r;
}

/* gc with the lock held: 0, -1 after a diagnostic. */
static int
gc_locked(struct yoy_store *s)
{
	git_packbuilder *pb = NULL;
	git_revwalk *w = NULL;
	struct old old = { NULL, 0, 0 };
	char dir[4096];
	int r, fd;

	each_pack(s, dir, NULL, NULL);          /* the directory's path */
	if ((r = git_packbuilder_new(&pb, s->repo)) == 0)
		/* deltas found on every CPU (0: as many threads as CPUs) */
		git_packbuilder_set_threads(pb, 0);
	if (r == 0 && (r = git_revwalk_new(&w, s->repo)) == 0 &&
	    (r = git_revwalk_push_glob(w, "refs/*")) == 0 &&
	    (r = git_packbuilder_insert_walk(pb, w)) == 0)
		r = git_reference_foreach(s->repo, insert_ref, pb);
	/* the new pack durable before any old one goes; each import says
	 * for itself whether its own writes are synced (import.c) */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if (r == 0)
		r = git_packbuilder_write(pb, dir, 0, NULL, NULL);
	/* and the refs into packed-refs, each tag with the edition it
	 * names (read by log without reading the tag) */
	if (r == 0)
		r = pack_refs(s);
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
	git_revwalk_free(w);
	if (r < 0) {
		git_packbuilder_free(pb);
		return yoy_store_fail(s->dir, "cannot repack the store");
	}
	old.keep = git_packbuilder_name(pb);
	each_pack(s, dir, remove_one, &old);
	git_packbuilder_free(pb);
	if ((r = old.failed ? -1 : 0) < 0)
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "cannot remove an old pack: "
		    "%s", strerror(old.err));
	/* the removals too, before the lock is let go */
	if (r == 0 && (fd = open(dir, O_RDONLY)) >= 0) {
		fsync(fd);
		close(fd);
	}
	return r;
}

int
yoy_store_gc(struct yoy_store *s)
{
	int r;

	if (yoy_store_lock(s, NULL) < 0)
		return -1;
	r = gc_locked(s);
	yoy_store_unlock(s);
	return r;
}

int
yoy_store_packs(struct yoy_store *s)
{
	char dir[4096];

	return each_pack(s, dir, NULL, NULL);
}

int
yoy_store_gc_auto(struct yoy_store *s)
{
	return yoy_store_packs(s) > GC_PACKS ? gc_locked(s) : 0;
}
