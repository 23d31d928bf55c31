/* The store, shared: push and pull through libgit2, so that a team keeps
 * one store on any git server. */
#define _XOPEN_SOURCE 700        /* nftw's flags */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static int
remote_of(struct yoy_store *s, const char *name, git_remote **out)
{
	int r = git_remote_lookup(out, s->repo, name);

	if (r == GIT_ENOTFOUND || r == GIT_EINVALIDSPEC)
		r = git_remote_create_anonymous(out, s->repo, name);
	if (r < 0)
		return yoy_store_fail(s->dir, "unknown remote");
	if (yoy_store_ca_load(s->repo, name, git_remote_url(*out)) < 0) {
		git_remote_free(*out);
		return -1;
	}
	return 0;
}

/* How a remote is reached: what it refused, and the credentials
 * offered, each once (libgit2 asks again after a refusal). */
struct reach {
	const struct yoy_remote_opts *o;
	git_repository *repo;
	const char *url;
	int rejected;                   /* a reference refused */
	int token, key, agent, helper;  /* offered */
	int asked;                      /* the credential helpers asked */
	int refused;                    /* asked again after an offer */
	struct yoy_cred cred;           /* a credential helper's */
	char why[600];                  /* a host key refused: why */
	char tls[256];                  /* a certificate refused: its host */
};

#define REACH(ro, repo) { ro, repo, NULL, 0, 0, 0, 0, 0, 0, 0, \
	{ YOY_BUF_INIT, NULL, 0, NULL, NULL, NULL }, "", "" }

/* ------------------------------------------------------ SSH host keys */

/* `in` in base64, as known_hosts writes a key. */
static void
base64(const unsigned char *in, size_t n, struct yoy_buf *out)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3)
		yoy_buf_printf(out, "%c%c%c%c", set[in[i] >> 2],
		    set[(in[i] & 3) << 4 | in[i + 1] >> 4],
		    set[(in[i + 1] & 15) << 2 | in[i + 2] >> 6],
		    set[in[i + 2] & 63]);
	if (n - i == 1)
		yoy_buf_printf(out, "%c%c==", set[in[i] >> 2],
		    set[(in[i] & 3) << 4]);
	else if (n - i == 2)
		yoy_buf_printf(out, "%c%c%c=", set[in[i] >> 2],
		    set[(in[i] & 3) << 4 | in[i + 1] >> 4],
		    set[(in[i + 1] & 15) << 2]);
}

/* The port an ssh:// URL names, else 22. */
static int
url_port(const char *url)
{
	const char *at, *colon;

	if (url == NULL || strncmp(url, "ssh://", 6) != 0)
		return 22;
	url += 6;
	if ((at = strchr(url, '@')) != NULL && at < strchr(url, '/'))
		url = at + 1;
	colon = strchr(url, ':');
	return colon && colon < strchr(url, '/') ? atoi(colon + 1) : 22;
}

/* The type a raw SSH key names itself by ("ssh-ed25519"), into `out`. */
static void
key_type(const unsigned char *k, size_t n, char *out, size_t size)
{
	size_t len = n >= 4 ? (size_t)k[0] << 24 | (size_t)k[1] << 16 |
	    (size_t)k[2] << 8 | k[3] : 0;

	if (len > n - 4 || len >= size)
		len = 0;
	memcpy(out, k + 4, len);
	out[len] = '\0';
}

/* What `line` of known_hosts holds for `host` (a plain entry; hashed
 * ones cannot be read here), whose key of type `type` is `key`: */
enum known { NOT_THIS_HOST, OTHER_TYPE, OTHER_KEY, SAME_KEY };

static enum known
known_line(char *line, const char *host, const char *type, const char *key)
{
	char *hosts = strtok(line, " \t"), *t = strtok(NULL, " \t");
	char *k = strtok(NULL, " \t\r\n"), *h;

	if (hosts == NULL || t == NULL || k == NULL || *hosts == '@' ||
	    *hosts == '#')
		return NOT_THIS_HOST;
	for (h = hosts; h; ) {
		char *comma = strchr(h, ',');
		size_t len = comma ? (size_t)(comma - h) : strlen(h);

		if (len == strlen(host) && strncmp(h, host, len) == 0)
			return strcmp(t, type) ? OTHER_TYPE : strcmp(k, key) ?
			    OTHER_KEY : SAME_KEY;
		h = comma ? comma + 1 : NULL;
	}
	return NOT_THIS_HOST;
}

/* Why `found`, of host `name`'s key of type `type` in `file`, is
 * refused, into r->why; 0 if it is not. */
static int
refuse_key(struct reach *r, enum known found, const char *name,
    const char *host, int port, const char *type, const char *file)
{
	const char *t = strncmp(type, "ssh-", 4) == 0 ? type + 4 :
	    strncmp(type, "ecdsa", 5) == 0 ? "ecdsa" : type;

	if (found == OTHER_KEY)
		snprintf(r->why, sizeof(r->why), "the host key of %s is not "
		    "the one %s holds for it: refused", name, file);
	else if (found == OTHER_TYPE)
		snprintf(r->why, sizeof(r->why), "%s holds keys of %s of other "
		    "types only, none of type %s (add it once it is checked: "
		    "ssh-keyscan -t %s -p %d %s >> %s)", file, name, type, t,
		    port, host, file);
	else if (found == NOT_THIS_HOST)
		snprintf(r->why, sizeof(r->why), "%s is not in %s (add it "
		    "once its key is checked: ssh-keyscan -p %d %s >> %s)",
		    name, file, port, host, file);
	return found == SAME_KEY ? 0 : GIT_ECERTIFICATE;
}

/* SSH: the host's key must be in known_hosts ($YOY_STORE_KNOWN_HOSTS,
 * else ~/.ssh/known_hosts), as "host" or "[host]:port".  TLS: libgit2
 * judges the certificate; a refusal is said with what to do. */
static int
host_key(git_cert *cert, int valid, const char *host, void *arg)
{
	struct reach *r = arg;
	git_cert_hostkey *hk = (git_cert_hostkey *)cert;
	const char *file = getenv("YOY_STORE_KNOWN_HOSTS"), *home;
	struct yoy_buf key = YOY_BUF_INIT, path = YOY_BUF_INIT;
	char line[16384], name[300], type[64];
	int port = url_port(r->url), rc;
	enum known found = NOT_THIS_HOST, k;
	FILE *f;

	if (cert->cert_type == GIT_CERT_X509 && !valid)
		snprintf(r->tls, sizeof(r->tls), "%s", host);
	if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2)
		return GIT_PASSTHROUGH;
	if (!(hk->type & GIT_CERT_SSH_RAW)) {
		snprintf(r->why, sizeof(r->why), "the host key of %s cannot "
		    "be read", host);
		return GIT_ECERTIFICATE;
	}
	if (port == 22)
		snprintf(name, sizeof(name), "%s", host);
	else
		snprintf(name, sizeof(name), "[%s]:%d", host, port);
	base64((const unsigned char *)hk->hostkey, hk->hostkey_len, &key);
	key_type((const unsigned char *)hk->hostkey, hk->hostkey_len, type,
	    sizeof(type));
	if (file == NULL || *file == '\0') {
		home = getenv("HOME");
		yoy_buf_printf(&path, "%s/.ssh/known_hosts", home ? home : "");
		file = path.ptr;
	}
	if ((f = fopen(file, "r")) != NULL) {
		while (found != SAME_KEY && fgets(line, sizeof(line), f))
			if ((k = known_line(line, name, type, key.ptr)) > found)
				found = k;
		fclose(f);
	}
	rc = refuse_key(r, found, name, host, port, type, file);
	yoy_buf_free(&key);
	yoy_buf_free(&path);
	return rc;
}

/* ------------------------------------------------------- credentials */

/* Credentials: for HTTP(S) the token in YOY_STORE_TOKEN (as the
 * password; the user the URL names, else "yoy"), else what git's
 * credential helpers give; for SSH the key file given, else the SSH
 * agent's keys.  Never a password from a command line. */
static int
credentials(git_credential **out, const char *url, const char *user,
    unsigned int allowed, void *arg)
{
	struct reach *r = arg;
	const char *token = getenv("YOY_STORE_TOKEN");

	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		if (r->token || r->helper)
			r->refused = 1;
		else if (token && *token && (r->token = 1))
			return git_credential_userpass_plaintext_new(out, user ?
			    user : "yoy", token);
		else if (!r->asked++ && yoy_store_cred_fill(r->repo, url, user,
		    &r->cred) > 0 && (r->helper = 1))
			return git_credential_userpass_plaintext_new(out,
			    r->cred.username, r->cred.password);
	}
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && r->o && r->o->ssh_key &&
	    !r->key++)
		return git_credential_ssh_key_new(out, user ? user : "git", NULL,
		    r->o->ssh_key, NULL);
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !(r->o && r->o->ssh_key) &&
	    !r->agent++)
		return git_credential_ssh_key_from_agent(out, user ? user : "git");
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user ? user : "git");
	return GIT_PASSTHROUGH;
}

/* What libgit2 returned (`rc`) for `what` at remote `name`: a failure
 * said, a refusal of credentials in our words; the credential helpers
 * told whether the remote took theirs.  0 or -1. */
static int
reached(const char *name, const char *what, int rc, struct reach *r)
{
	const git_error *e = git_error_last();
	const char *why = e && e->message ? e->message : "unknown error";
	struct yoy_buf h = YOY_BUF_INIT;

	if (r->helper)
		yoy_buf_printf(&h, "the credential helper '%s'", r->cred.from);
	if (rc >= 0)
		;
	else if (r->why[0])
		yoy_diag(YOY_FATAL, name, 0, 0, "%s: %s", what, r->why);
	else if (r->tls[0])
		yoy_diag(YOY_FATAL, name, 0, 0, "%s: the certificate of %s was "
		    "refused: %s (if an authority of your own signed it, name it "
		    "in SSL_CERT_FILE or git's http.sslCAInfo)", what, r->tls, why);
	else if (r->token || r->helper || r->key || r->agent ||
	    strstr(why, "authentication"))
		/* over HTTP, libgit2's reason is only that it was given
		 * nothing (more) to offer; over SSH it may say more */
		yoy_diag(YOY_FATAL, name, 0, 0, "%s: the remote refused the "
		    "credentials offered (%s)%s%s", what, r->token ?
		    "YOY_STORE_TOKEN" : r->helper ? h.ptr : r->key ? "--ssh-key" :
		    r->agent ? "the SSH agent's keys" : "none: set "
		    "YOY_STORE_TOKEN, name a credential helper, or give --ssh-key",
		    r->key || r->agent ? ": " : "", r->key || r->agent ? why : "");
	else
		yoy_diag(YOY_FATAL, name, 0, 0, "%s: %s", what, why);
	yoy_buf_free(&h);
	yoy_store_cred_done(&r->cred, rc >= 0 ? 1 : r->refused ? 0 : -1);
	return rc < 0 ? -1 : 0;
}

static int
push_status(const char *ref, const char *status, void *arg)
{
	struct reach *r = arg;

	if (status) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "the remote refused '%s': %s", ref,
		    status);
		r->rejected = 1;
	}
	return 0;
}

int
yoy_store_push(struct yoy_store *s, const char *name,
    const struct yoy_remote_opts *ro)
{
	git_strarray tags = { NULL, 0 }, refspecs;
	git_push_options o;
	git_remote *r;
	struct reach reach = REACH(ro, s->repo);
	int rc;
	git_oid id;
	size_t i;

	git_push_options_init(&o, GIT_PUSH_OPTIONS_VERSION);
	if ((rc = yoy_store_main(s, &id)) <= 0) {
		if (rc == 0)
			yoy_diag(YOY_FATAL, s->dir, 0, 0, "the store holds no "
			    "edition to push");
		return -1;
	}
	if (remote_of(s, name, &r) < 0)
		return -1;
	reach.url = git_remote_url(r);
	/* main and every tag, by name: libgit2 1.5 pushes no globs */
	git_tag_list(&tags, s->repo);
	refspecs.count = tags.count + 1;
	refspecs.strings = yoy_malloc(refspecs.count * sizeof(char *));
	refspecs.strings[0] = yoy_strndup("refs/heads/main:refs/heads/main", 31);
	for (i = 0; i < tags.count; i++) {
		struct yoy_buf b = YOY_BUF_INIT;

		yoy_buf_printf(&b, "refs/tags/%s:refs/tags/%s", tags.strings[i],
		    tags.strings[i]);
		refspecs.strings[i + 1] = b.ptr;
	}
	git_strarray_dispose(&tags);
	o.callbacks.push_update_reference = push_status;
	o.callbacks.credentials = credentials;
	o.callbacks.certificate_check = host_key;
	o.callbacks.payload = &reach;
	rc = git_remote_push(r, &refspecs, &o);
	for (i = 0; i < refspecs.count; i++)
		free(refspecs.strings[i]);
	free(refspecs.strings);
	git_remote_free(r);
	if (rc == GIT_ENONFASTFORWARD || (rc < 0 && git_error_last() &&
	    strstr(git_error_last()->message, "fast-forward"))) {
		yoy_diag(YOY_FATAL, name, 0, 0, "the remote has editions this "
		    "store lacks: pull first");
		rc = 0;         /* the credentials were taken */
		reach.rejected = 1;
	}
	if (reached(name, "cannot push", rc, &reach) < 0)
		return -1;
	return reach.rejected ? -1 : 0;
}

/* The editions `from` reaches and `not` does not, newest first, into
 * `b`: "id12 summary" each, five at most and how many more. */
static void
only_in(struct yoy_store *s, const git_oid *from, const git_oid *not,
    struct yoy_buf *b)
{
	git_revwalk *w = NULL;
	git_oid id;
	int n = 0;

	if (git_revwalk_new(&w, s->repo) < 0 || git_revwalk_push(w, from) < 0 ||
	    git_revwalk_hide(w, not) < 0) {
		git_revwalk_free(w);
		return;
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL);
	while (git_revwalk_next(&id, w) == 0) {
		git_commit *c;

		if (n++ >= 5 || git_commit_lookup(&c, s->repo, &id) < 0)
			continue;
		yoy_buf_printf(b, "%s%.12s %s", n > 1 ? ", " : "",
		    git_oid_tostr_s(&id), git_commit_summary(c));
		git_commit_free(c);
	}
	if (n > 5)
		yoy_buf_printf(b, " and %d more", n - 5);
	git_revwalk_free(w);
}

/* Two stores that diverged: said, with the editions each has alone. */
static int
diverged(struct yoy_store *s, const char *name, const git_oid *ours,
    const git_oid *theirs)
{
	struct yoy_buf here = YOY_BUF_INIT, there = YOY_BUF_INIT;

	only_in(s, ours, theirs, &here);
	only_in(s, theirs, ours, &there);
	yoy_diag(YOY_FATAL, name, 0, 0, "this store and the remote have both "
	    "gained editions since they last met; nothing pulled (only here: "
	    "%s; only in the remote: %s)", here.ptr ? here.ptr : "none",
	    there.ptr ? there.ptr : "none");
	yoy_buf_free(&here);
	yoy_buf_free(&there);
	return -1;
}

/* pull, its failure to reach the remote said as `what`. */
static int
pull(struct yoy_store *s, const char *name, const struct yoy_remote_opts *ro,
    const char *what)
{
	struct reach reach = REACH(ro, s->repo);
	char *specs[] = { "+refs/heads/main:refs/yoy/pulled",
		"refs/tags/*:refs/tags/*" };
	git_strarray refspecs = { specs, 2 };
	git_fetch_options o;
	git_remote *r;
	git_oid theirs, ours;
	git_reference *ref = NULL;
	int rc, have;

	git_fetch_options_init(&o, GIT_FETCH_OPTIONS_VERSION);
	if (remote_of(s, name, &r) < 0)
		return -1;
	reach.url = git_remote_url(r);
	o.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	o.callbacks.credentials = credentials;
	o.callbacks.certificate_check = host_key;
	o.callbacks.payload = &reach;
	rc = git_remote_fetch(r, &refspecs, &o, "yoy-store: pull");
	git_remote_free(r);
	if (reached(name, what, rc, &reach) < 0)
		return -1;
	if (git_reference_name_to_id(&theirs, s->repo, "refs/yoy/pulled") != 0)
		return 0;       /* the remote holds no edition */
	if (yoy_store_lock(s, NULL) < 0)
		return -1;
	if ((have = yoy_store_main(s, &ours)) < 0) {
		yoy_store_unlock(s);
		return -1;
	}
	if (have && (git_oid_equal(&ours, &theirs) ||
	    git_graph_descendant_of(s->repo, &ours, &theirs) == 1)) {
		rc = 0;         /* nothing new here */
	} else if (have && git_graph_descendant_of(s->repo, &theirs, &ours) != 1) {
		rc = diverged(s, name, &ours, &theirs);
	} else {
		rc = have ? git_reference_create_matching(&ref, s->repo, MAIN,
		    &theirs, 1, &ours, "yoy-store: pull") :
		    git_reference_create(&ref, s->repo, MAIN, &theirs, 0,
		    "yoy-store: pull");
		git_reference_free(ref);
		if (rc < 0)
			rc = yoy_store_fail(s->dir, "cannot move main");
	}
	yoy_store_unlock(s);
	return rc;
}

int
yoy_store_pull(struct yoy_store *s, const char *name,
    const struct yoy_remote_opts *ro)
{
	return pull(s, name, ro, "cannot pull");
}

/* ---------------------------------------------------------------- clone */

/* What a failed clone made inside its directory, removed. */
static int
remove_made(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	return f->level > 0 ? remove(path) : 0;
}

int
yoy_store_clone(const char *url, const char *dir,
    const struct yoy_remote_opts *ro)
{
	struct yoy_store *s;
	struct stat st;
	DIR *d;
	struct dirent *e;
	int r = -1, n = 0, kept = stat(dir, &st) == 0;

	if (kept && S_ISDIR(st.st_mode) && (d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
		closedir(d);
	}
	if (kept && (!S_ISDIR(st.st_mode) || n > 0)) {
		yoy_diag(YOY_FATAL, dir, 0, 0, "is there already and is not an "
		    "empty directory: clone into a new one");
		return -1;
	}
	if (yoy_store_init(dir) < 0)
		return -1;
	if ((s = yoy_store_open(dir)) != NULL) {
		r = pull(s, url, ro, "cannot clone");
		yoy_store_close(s);
	}
	/* what a failed clone made is taken away, as git's is: the
	 * directory too, unless it was there before */
	if (r < 0 && (nftw(dir, remove_made, 16, FTW_DEPTH | FTW_PHYS) != 0 ||
	    (!kept && rmdir(dir) != 0)))
		yoy_diag(YOY_FATAL, dir, 0, 0, "cannot remove what the failed "
		    "clone made: %s", strerror(errno));
	return r;
}
