/* git's settings of how a remote is reached, read as git reads them:
 * the system's file, the user's, then the store's, whose settings
 * count only when it is the user's own (credential helpers are
 * programs to run).  The store itself reads no settings but its own
 * (repo.c). */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* `path` at `level` into `cfg` if it is a file (a file git could not
 * read is left out, as is one that is not there). */
static void
add_file(git_config *cfg, const char *path, git_config_level_t level,
    const git_repository *repo)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		git_config_add_file_ondisk(cfg, path, level, repo, 0);
}

int
yoy_store_remote_config(git_repository *repo, const char *name,
    git_config **out)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	struct yoy_buf p = YOY_BUF_INIT;
	struct stat st;
	static int warned;

	if (git_config_new(out) < 0) {
		yoy_diag(YOY_FATAL, name, 0, 0, "out of memory");
		return -1;
	}
	add_file(*out, "/etc/gitconfig", GIT_CONFIG_LEVEL_SYSTEM, repo);
	if (xdg && *xdg)
		yoy_buf_printf(&p, "%s/git/config", xdg);
	else if (home && *home)
		yoy_buf_printf(&p, "%s/.config/git/config", home);
	if (p.len)
		add_file(*out, p.ptr, GIT_CONFIG_LEVEL_XDG, repo);
	p.len = 0;
	if (home && *home) {
		yoy_buf_printf(&p, "%s/.gitconfig", home);
		add_file(*out, p.ptr, GIT_CONFIG_LEVEL_GLOBAL, repo);
	}
	p.len = 0;
	yoy_buf_printf(&p, "%sconfig", git_repository_path(repo));
	if (stat(p.ptr, &st) == 0 && st.st_uid != geteuid()) {
		if (!warned++)
			yoy_diag(YOY_WARNING, name, 0, 0, "%s is another user's: "
			    "its credential helpers and certificate authorities "
			    "are not used", p.ptr);
	} else
		add_file(*out, p.ptr, GIT_CONFIG_LEVEL_LOCAL, repo);
	yoy_buf_free(&p);
	return 0;
}
