/* git's credential helpers (gitcredentials(7)), run by the store itself:
 * for an HTTP(S) remote that asks for a user name and password, the
 * helpers its git configuration names are asked in git's order, each
 * as git would run it; the first answer with a password is offered,
 * and the helpers are then told to store it (the remote took it) or to
 * erase it (the remote refused it).  The settings are read from git's
 * files, the system's, the user's and the store's.
 *
 *   credential.helper          every remote's
 *   credential.URL.helper      a remote whose URL begins with URL
 *   credential.useHttpPath     the path is part of what is asked
 *
 * A value "!cmd" is a shell command, an absolute path a program, any
 * other NAME the program git-credential-NAME found in PATH; each is run
 * by /bin/sh with the action (get, store or erase) after its arguments,
 * the description of the credential on its standard input.  An empty
 * value forgets the helpers named before it. */
#define _GNU_SOURCE     /* pipe2, posix_spawn_file_actions_addclosefrom_np */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

extern char **environ;

/* ---------------------------------------------------------- the URL */

/* protocol=, host= and, with credential.useHttpPath, path= of `url`;
 * its user, if it names one, into `user`.  0, or -1 for a URL that is
 * not HTTP(S). */
static int
describe(const char *url, int with_path, struct yoy_buf *out,
    struct yoy_buf *user)
{
	const char *p = strstr(url, "://"), *host, *slash, *at;

	if (p == NULL || !((p - url == 4 && strncmp(url, "http", 4) == 0) ||
	    (p - url == 5 && strncmp(url, "https", 5) == 0)))
		return -1;
	host = p + 3;
	slash = host + strcspn(host, "/?#");
	at = memchr(host, '@', (size_t)(slash - host));
	if (at) {
		yoy_buf_put(user, host, (size_t)(at - host));
		host = at + 1;
	}
	yoy_buf_printf(out, "protocol=%.*s\nhost=%.*s\n", (int)(p - url), url,
	    (int)(slash - host), host);
	if (with_path && *slash == '/' && slash[1])
		yoy_buf_printf(out, "path=%.*s\n", (int)strcspn(slash + 1, "?#"),
		    slash + 1);
	return 0;
}

/* Whether `pattern` (credential.PATTERN.helper) names `url`: it is the
 * URL's beginning, ending at a boundary of it. */
static int
url_matches(const char *pattern, size_t n, const char *url)
{
	if (n == 0 || strncmp(pattern, url, n) != 0)
		return 0;
	return url[n] == '\0' || url[n] == '/' || pattern[n - 1] == '/';
}

/* ------------------------------------------------------ configuration */

/* A helper as the settings name it: its level (system, user, store)
 * and its place among the entries read. */
struct helper_entry {
	char *cmd;
	int level, seq;
};

struct helper_list {
	const char *url;
	struct helper_entry *v;
	size_t n, cap;
	int seq;
};

static int
add_helper(const git_config_entry *e, void *arg)
{
	struct helper_list *l = arg;
	const char *mid = e->name + strlen("credential.");
	size_t n = strlen(mid) - strlen("helper");

	if (n > 0 && !url_matches(mid, n - 1, l->url))
		return 0;       /* credential.OTHER-URL.helper */
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = yoy_realloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n].cmd = yoy_strndup(e->value, strlen(e->value));
	l->v[l->n].level = e->level;
	l->v[l->n].seq = l->seq++;
	l->n++;
	return 0;
}

/* git reads the system's file, then the user's, then the store's:
 * libgit2 gives the store's first. */
static int
git_order(const void *a, const void *b)
{
	const struct helper_entry *x = a, *y = b;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The helpers for `url`, in the order git asks them, into c->helpers. */
static void
helpers_of(git_config *cfg, const char *url, struct yoy_cred *c)
{
	struct helper_list l = { url, NULL, 0, 0, 0 };
	size_t i;

	git_config_foreach_match(cfg, "^credential\\.(.*\\.)?helper$",
	    add_helper, &l);
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), git_order);
	for (i = 0; i < l.n; i++) {
		if (l.v[i].cmd[0] == '\0') {
			while (c->n_helpers)
				free(c->helpers[--c->n_helpers]);
			free(l.v[i].cmd);
			continue;
		}
		c->helpers = yoy_realloc(c->helpers, (c->n_helpers + 1) *
		    sizeof(char *));
		c->helpers[c->n_helpers++] = l.v[i].cmd;
	}
	free(l.v);
}

/* ------------------------------------------------------------ running */

/* Writes all of `s` to `fd`, a helper that stops reading not killing
 * us (SIGPIPE is ignored meanwhile). */
static void
feed(int fd, const char *s, size_t n)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	ssize_t w;

	sigaction(SIGPIPE, &ign, &old);
	while (n > 0 && ((w = write(fd, s, n)) > 0 || errno == EINTR))
		if (w > 0) {
			s += w;
			n -= (size_t)w;
		}
	sigaction(SIGPIPE, &old, NULL);
}

/* Runs helper `h` for `action`, `in` on its standard input, its
 * standard output into `out`; its exit status, or -1 if it could not
 * be run. */
static int
run_helper(const char *h, const char *action, const struct yoy_buf *in,
    struct yoy_buf *out)
{
	struct yoy_buf cmd = YOY_BUF_INIT;
	posix_spawn_file_actions_t fa;
	int to[2], from[2], status = -1, spawned;
	char buf[4096], *argv[4] = { "sh", "-c", NULL, NULL };
	pid_t pid;
	ssize_t r;

	if (h[0] == '!')
		yoy_buf_printf(&cmd, "%s %s", h + 1, action);
	else if (h[0] == '/')
		yoy_buf_printf(&cmd, "%s %s", h, action);
	else
		yoy_buf_printf(&cmd, "git-credential-%s %s", h, action);
	argv[2] = cmd.ptr;
	if (pipe2(to, O_CLOEXEC) < 0) {
		yoy_buf_free(&cmd);
		return -1;
	}
	if (pipe2(from, O_CLOEXEC) < 0) {
		close(to[0]);
		close(to[1]);
		yoy_buf_free(&cmd);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, to[0], 0);
	posix_spawn_file_actions_adddup2(&fa, from[1], 1);
	/* nothing of ours but the two pipes: not the remote's socket */
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	spawned = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ) == 0;
	posix_spawn_file_actions_destroy(&fa);
	close(to[0]);
	close(from[1]);
	if (spawned)
		feed(to[1], in->ptr, in->len);
	close(to[1]);
	while (spawned && ((r = read(from[0], buf, sizeof(buf))) > 0 ||
	    (r < 0 && errno == EINTR)))
		if (r > 0)
			yoy_buf_put(out, buf, (size_t)r);
	close(from[0]);
	while (spawned && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	yoy_buf_free(&cmd);
	if (!spawned || status == -1)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The value of line `key=` in a helper's answer, or NULL. */
static char *
answer(const struct yoy_buf *a, const char *key)
{
	size_t k = strlen(key);
	const char *p;

	for (p = a->ptr; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, k) == 0 && p[k] == '=')
			return yoy_strndup(p + k + 1, strcspn(p + k + 1, "\r\n"));
	return NULL;
}

static void
forget(char **secret)
{
	if (*secret)
		explicit_bzero(*secret, strlen(*secret));
	free(*secret);
	*secret = NULL;
}

/* ----------------------------------------------------------- the API */

int
yoy_store_cred_fill(git_repository *repo, const char *url, const char *user,
    struct yoy_cred *c)
{
	struct yoy_buf u = YOY_BUF_INIT;
	git_config *cfg = NULL;
	size_t i;
	int path = 0;

	memset(c, 0, sizeof(*c));
	if (yoy_store_remote_config(repo, url, &cfg) < 0)
		return 0;
	git_config_get_bool(&path, cfg, "credential.usehttppath");
	if (describe(url, path, &c->query, &u) < 0) {
		git_config_free(cfg);
		yoy_buf_free(&u);
		return 0;
	}
	helpers_of(cfg, url, c);
	git_config_free(cfg);
	if (user == NULL && u.len)
		user = u.ptr;
	for (i = 0; i < c->n_helpers && c->password == NULL; i++) {
		struct yoy_buf in = YOY_BUF_INIT, out = YOY_BUF_INIT;
		char *quit;
		int st;

		yoy_buf_puts(&in, c->query.ptr);
		if (user)
			yoy_buf_printf(&in, "username=%s\n", user);
		yoy_buf_putc(&in, '\n');
		st = run_helper(c->helpers[i], "get", &in, &out);
		if (st < 0)
			yoy_diag(YOY_WARNING, url, 0, 0, "credential helper '%s' "
			    "could not be run", c->helpers[i]);
		else if (st > 0)
			yoy_diag(YOY_WARNING, url, 0, 0, "credential helper '%s' "
			    "exited with status %d", c->helpers[i], st);
		else if ((c->password = answer(&out, "password")) != NULL) {
			c->username = answer(&out, "username");
			if (c->username == NULL)
				c->username = yoy_strndup(user ? user : "yoy",
				    strlen(user ? user : "yoy"));
			c->from = c->helpers[i];
		}
		quit = st == 0 ? answer(&out, "quit") : NULL;
		if (out.ptr)
			explicit_bzero(out.ptr, out.len);
		yoy_buf_free(&in);
		yoy_buf_free(&out);
		if (quit && (strcmp(quit, "1") == 0 || strcmp(quit, "true") == 0))
			i = c->n_helpers;
		free(quit);
	}
	yoy_buf_free(&u);
	return c->password != NULL;
}

void
yoy_store_cred_done(struct yoy_cred *c, int taken)
{
	struct yoy_buf in = YOY_BUF_INIT;
	size_t i;

	if (c->password && taken >= 0) {
		yoy_buf_printf(&in, "%susername=%s\npassword=%s\n\n",
		    c->query.ptr, c->username, c->password);
		for (i = 0; i < c->n_helpers; i++) {
			struct yoy_buf out = YOY_BUF_INIT;

			run_helper(c->helpers[i], taken ? "store" : "erase", &in,
			    &out);
			yoy_buf_free(&out);
		}
		explicit_bzero(in.ptr, in.len);
	}
	yoy_buf_free(&in);
	forget(&c->password);
	forget(&c->username);
	for (i = 0; i < c->n_helpers; i++)
		free(c->helpers[i]);
	free(c->helpers);
	yoy_buf_free(&c->query);
	memset(c, 0, sizeof(*c));
}
