/* The certificate authorities libgit2 trusts, read only when a remote
 * needs them.
 *
 * A speed trick, kept here beside the store: libgit2 as Debian builds
 * it (1.5, TLS through mbedTLS) parses the system's whole CA bundle,
 * /etc/ssl/certs/ca-certificates.crt, inside git_libgit2_init(): 54
 * million instructions, 77% of those of `yoy-store ls` on a store of 200
 * editions, for a store that is read from local files and never speaks
 * TLS.  libgit2 offers no setting that takes effect before its own
 * initialisation, so this file defines mbedtls_x509_crt_parse_file,
 * which the dynamic linker binds libgit2's call to before mbedTLS's own:
 * while the store initialises libgit2 it parses nothing (libgit2 then
 * holds an empty list of authorities), and at any other time it is
 * mbedTLS's.  Before an HTTPS remote is reached, yoy_store_ca_load()
 * has libgit2 read the authorities for real
 * (GIT_OPT_SET_SSL_CERT_LOCATIONS): those git's http.sslCAInfo or
 * http.sslCAPath name, else $SSL_CERT_FILE or $SSL_CERT_DIR, else the
 * system's bundle.  With a libgit2 built on OpenSSL nothing calls this
 * function, and yoy_store_ca_load() costs OpenSSL's own loading only.
 */
#define _GNU_SOURCE             /* RTLD_NEXT */
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* where Debian's libgit2 looks (its GIT_DEFAULT_CERT_LOCATION) */
#define CA_FILE "/etc/ssl/certs/ca-certificates.crt"
#define CA_DIR "/etc/ssl/certs"

static int deferring;

int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int
mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	static int (*real)(void *, const char *);

	if (deferring)
		return 0;
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
	return real ? real(chain, path) : -1;
}

void
yoy_store_ca_defer(int on)
{
	deferring = on;
}

static const char *
given(const char *s)
{
	return s && *s ? s : NULL;
}

int
yoy_store_ca_load(git_repository *repo, const char *name, const char *url)
{
	static int done;
	const char *file = given(getenv("SSL_CERT_FILE"));
	const char *dir = given(getenv("SSL_CERT_DIR"));
	const char *cfile = NULL, *cdir = NULL;
	git_buf cf = { NULL, 0, 0 }, cd = { NULL, 0, 0 };
	git_config *cfg = NULL;
	struct stat st;
	int r = 0;

	if (done || url == NULL || strncmp(url, "https://", 8) != 0)
		return 0;
	done = 1;
	if (yoy_store_remote_config(repo, name, &cfg) == 0) {
		if (git_config_get_path(&cf, cfg, "http.sslcainfo") == 0)
			cfile = given(cf.ptr);
		if (git_config_get_path(&cd, cfg, "http.sslcapath") == 0)
			cdir = given(cd.ptr);
		git_config_free(cfg);
	}
	if (cfile || cdir) {    /* the store's own, before the environment's */
		file = cfile;
		dir = cdir;
	}
	if (file || dir)
		r = git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, dir);
	else if (stat(CA_FILE, &st) == 0 && S_ISREG(st.st_mode))
		r = git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, CA_FILE, NULL);
	else if (stat(CA_DIR, &st) == 0 && S_ISDIR(st.st_mode))
		r = git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, NULL, CA_DIR);
	if (r < 0)
		yoy_diag(YOY_FATAL, name, 0, 0, "cannot read the certificate "
		    "authorities in %s: %s", file ? file : dir ? dir : CA_FILE,
		    git_error_last() ? git_error_last()->message : "unknown error");
	git_buf_dispose(&cf);
	git_buf_dispose(&cd);
	return r < 0 ? -1 : 0;
}
