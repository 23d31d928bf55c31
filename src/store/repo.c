/* The store: every edition in a git repository, one file per action and
 * department, through libgit2 (never by running git).
 *
 *   actions/02/action.xml           the action's title and introduction
 *   actions/02/cabinet-office.xml   that department's entries
 *   documents/<slug>.xml            documents without a matrix
 *
 * each a standalone canonical document, so that git's history, blame and
 * diff work per cell.  An import is one commit on main (import.c).
 * Writers take an advisory lock on yoy.lock (released by the kernel when
 * a writer dies), and main moves by compare-and-swap, retried on the new
 * tip.  This file opens, creates and locks stores; read.c reads them,
 * log.c lists their history, sync.c pushes and pulls, verify.c checks
 * them. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* libgit2's error, in our words: what failed, then why. */
int
yoy_store_fail(const char *dir, const char *what)
{
	const git_error *e = git_error_last();
	const char *why = e && e->message ? e->message : "unknown error";

	yoy_diag(YOY_FATAL, dir, 0, 0, "%s: %s", what, why);
	return -1;
}

void
yoy_store_lib_init(void)
{
	static int done;

	if (!done) {
		int level;

		yoy_store_ca_defer(1);          /* ca.c says why */
		git_libgit2_init();
		yoy_store_ca_defer(0);
		/* a store reads no configuration but its own: not the user's
		 * (~/.gitconfig, which may be unreadable or say anything), not
		 * the system's */
		for (level = GIT_CONFIG_LEVEL_PROGRAMDATA;
		    level <= GIT_CONFIG_LEVEL_GLOBAL; level++)
			git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, "");
		/* another user's store is opened when its files can be read,
		 * as any file is: git's owner check (safe.directory) guards
		 * against a repository's configuration making git run
		 * programs (hooks, fsmonitor), and libgit2 runs none; nor
		 * could it be configured, with no user configuration read */
		git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
		/* libgit2 caches no tree over 4 KB: actions/ of a store of
		 * 500 actions is 17 KB, inflated again for every path */
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
		    (size_t)1 << 20);
		done = 1;
	}
}

const char *
yoy_libgit2_version(void)
{
	return LIBGIT2_VERSION;
}

int
yoy_store_init(const char *dir)
{
	git_repository_init_options o;
	git_repository *repo;
	int rc;

	yoy_store_lib_init();
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if (git_repository_open_ext(NULL, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) == 0) {
		yoy_diag(YOY_FATAL, dir, 0, 0, "a repository is there already");
		return -1;
	}
	o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	o.initial_head = "main";
	o.description = "yoy store: editions of the Government Digital "
	    "Strategy's progress reports";
	if ((rc = git_repository_init_ext(&repo, dir, &o)) < 0)
		return yoy_store_fail(dir, "cannot create the store");
	git_repository_free(repo);
	return 0;
}

/* Why `dir` could not be opened as a store, in the user's terms: it is
 * not there, it cannot be read, or it holds no git repository. */
static void
not_a_store(const char *dir)
{
	struct stat st;
	char objects[4096];

	snprintf(objects, sizeof(objects), "%s/objects", dir);
	if (stat(dir, &st) != 0)
		yoy_diag(YOY_FATAL, dir, 0, 0, "cannot open the store: %s",
		    strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		yoy_diag(YOY_FATAL, dir, 0, 0, "not a store (not a directory)");
	else if (access(dir, R_OK | X_OK) != 0 || (access(objects, F_OK) != 0 &&
	    errno == EACCES))
		yoy_diag(YOY_FATAL, dir, 0, 0, "cannot open the store: %s "
		    "(owner uid %ld, mode %04o)", strerror(EACCES),
		    (long)st.st_uid, (unsigned)(st.st_mode & 07777));
	else
		yoy_diag(YOY_FATAL, dir, 0, 0, "not a store (no git repository "
		    "there; make one with 'yoy-store init')");
}

struct yoy_store *
yoy_store_open(const char *dir)
{
	struct yoy_store *s;
	git_repository *repo;
	int rc;

	yoy_store_lib_init();
	rc = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL);
	if (rc == GIT_ENOTFOUND) {
		not_a_store(dir);
		return NULL;
	}
	if (rc < 0) {
		yoy_store_fail(dir, "cannot open the store");
		return NULL;
	}
	s = yoy_malloc(sizeof(*s));
	s->repo = repo;
	s->dir = dir;
	s->lock = -1;
	return s;
}

void
yoy_store_close(struct yoy_store *s)
{
	if (s == NULL)
		return;
	if (s->lock >= 0)
		close(s->lock);
	git_repository_free(s->repo);
	free(s);
}

/* ---------------------------------------------------------------- lock */

/* yoy.lock, opened for writing: never through a symbolic link, and only
 * a regular file of the store's owner or of this user, so that one who
 * may write the store cannot make an importer truncate another file. */
static int
open_lock(struct yoy_store *s, const char *gitdir)
{
	char path[4096];
	struct stat st, store;
	int fd;

	snprintf(path, sizeof(path), "%syoy.lock", gitdir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
	    0644);
	if (fd < 0) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "cannot lock the store: %s%s",
		    errno == ELOOP ? "yoy.lock is a symbolic link; not "
		    "followed" : strerror(errno), errno == EACCES ||
		    errno == EROFS ? " (a read-only store?)" : "");
		return -1;
	}
	if (fstat(fd, &st) != 0 || stat(gitdir, &store) != 0 ||
	    !S_ISREG(st.st_mode) || (st.st_uid != store.st_uid &&
	    st.st_uid != geteuid())) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "cannot lock the store: "
		    "yoy.lock is %s; not used", !S_ISREG(st.st_mode) ?
		    "not a regular file" : "owned by another user");
		close(fd);
		return -1;
	}
	return fd;
}

/* Writers take yoy.lock with flock(2), which the kernel releases when a
 * writer dies, and write their pid in it while they hold it.  A pid found
 * there by the next holder is that of a writer that died holding it: the
 * refs it had locked are its leftovers, and its holder is certainly gone,
 * so those locks may be broken.  A ref lock found without that is someone
 * else's (git itself): waited for, never broken. */
int
yoy_store_lock(struct yoy_store *s, const char *tag)
{
	const char *gitdir = git_repository_path(s->repo);
	char path[4096], buf[32];
	ssize_t n;

	if ((s->lock = open_lock(s, gitdir)) < 0)
		return -1;
	while (flock(s->lock, LOCK_EX) < 0)
		if (errno != EINTR) {
			yoy_diag(YOY_FATAL, s->dir, 0, 0, "cannot lock the store: "
			    "%s", strerror(errno));
			return -1;
		}
	n = pread(s->lock, buf, sizeof(buf) - 1, 0);
	if (n > 0) {
		long pid;

		buf[n] = '\0';
		pid = strtol(buf, NULL, 10);
		snprintf(path, sizeof(path), "%srefs/heads/main.lock", gitdir);
		if (unlink(path) == 0)
			yoy_diag(YOY_WARNING, s->dir, 0, 0, "broke the lock on "
			    "main left by process %ld, which is gone", pid);
		if (tag) {
			snprintf(path, sizeof(path), "%srefs/tags/%s.lock",
			    gitdir, tag);
			unlink(path);
		}
		/* gc's, packing the refs */
		snprintf(path, sizeof(path), "%spacked-refs.lock", gitdir);
		unlink(path);
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(s->lock, 0) < 0 || pwrite(s->lock, buf, (size_t)n, 0) != n) {
		yoy_diag(YOY_FATAL, s->dir, 0, 0, "cannot lock the store: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

void
yoy_store_unlock(struct yoy_store *s)
{
	if (s->lock < 0)
		return;
	/* a clean release leaves no pid behind */
	if (ftruncate(s->lock, 0) < 0) {
		/* then the next writer breaks a lock we no longer hold */
	}
	close(s->lock);
	s->lock = -1;
}

/* "2015-01-16" -> seconds at midnight UTC, or -1. */
git_time_t
yoy_store_day(const char *iso)
{
	int y, m, dd, era, yoe, doy, doe;
	char end;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &dd, &end) != 3 ||
	    strlen(iso) != 10 || m < 1 || m > 12 || dd < 1 || dd > 31 ||
	    y < 1970)
		return -1;
	/* days from the civil date (H. Hinnant's days_from_civil) */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((git_time_t)era * 146097 + doe - 719468) * 86400;
}

