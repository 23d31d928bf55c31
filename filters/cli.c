/* What the programs' mains share: checks of option arguments, reading
 * every input before a parse whose time limit follows their size, and
 * running a sibling program. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *
yoy_cli_department_id(const char *arg)
{
	const struct yoy_dept *d = yoy_registry_find(arg, strlen(arg));

	if (d)
		return d->id;
	return yoy_cli_department(arg) < 0 ? NULL : arg;
}

int
yoy_cli_number(const char *opt, const char *arg, int min, int max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end || errno || v < min || v > max) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "%s wants a number from %d to "
		    "%d, not '%s'", opt, min, max, arg);
		return -1;
	}
	return (int)v;
}

int
yoy_cli_department(const char *id)
{
	size_t len = strlen(id);

	if (yoy_text_check(id, len, "--department") > 0)
		return -1;
	if (yoy_registry_find(id, len) != NULL)
		return 0;
	if (!yoy_registry_valid_id(id)) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "unknown department '%s' (not "
		    "in the registry, not a slug)", id);
		return -1;
	}
	yoy_diag(YOY_WARNING, NULL, 0, 0, "unknown department '%s'; using it "
	    "as the id", id);
	return 0;
}

int
yoy_cli_seconds(const char *opt, const char *arg, double *out)
{
	char *end;

	*out = strtod(arg, &end);
	if (end == arg || *end || !(*out > 0)) {
		yoy_diag(YOY_FATAL, NULL, 0, 0, "%s wants a positive number "
		    "of seconds, not '%s'", opt, arg);
		return -1;
	}
	return 0;
}

struct yoy_buf *
yoy_cli_read(char **paths, int n, int *count, double *bytes)
{
	struct yoy_buf *in;
	int i;

	*count = n > 0 ? n : 1;
	*bytes = 0;
	in = yoy_malloc((size_t)*count * sizeof(*in));
	for (i = 0; i < *count; i++) {
		memset(&in[i], 0, sizeof(in[i]));
		if (yoy_buf_read_file(&in[i], n > 0 ? paths[i] : NULL) == 0)
			*bytes += (double)in[i].len;
	}
	return in;
}

void
yoy_cli_free(struct yoy_buf *in, int count)
{
	int i;

	for (i = 0; i < count; i++)
		yoy_buf_free(&in[i]);
	free(in);
}

/* Runs `prog` from this program's own directory (else from PATH), with
 * argv as it is (argv[0] says which program to be); returns only on
 * failure, said. */
void
yoy_cli_exec(const char *prog, char **argv)
{
	char self[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	size_t len;

	fflush(stdout);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL &&
		    (len = (size_t)(slash + 1 - self)) + strlen(prog) <
		    sizeof(self)) {
			strcpy(self + len, prog);
			execv(self, argv);
		}
	}
	execvp(prog, argv);
	yoy_diag(YOY_FATAL, NULL, 0, 0, "cannot run %s: %s", prog,
	    strerror(errno));
}
