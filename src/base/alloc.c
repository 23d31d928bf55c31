/* Checked allocation: out of memory is said and exits 2; and the
 * library's version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *prog = "yoy";

void
yoy_alloc_prog(const char *name)
{
	prog = name;
}

void
yoy_oom(void)
{
	fprintf(stderr, "%s: error: out of memory\n", prog);
	exit(2);
}

void *
yoy_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		yoy_oom();
	return p;
}

void *
yoy_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		yoy_oom();
	return p;
}

char *
yoy_strndup(const char *s, size_t n)
{
	char *d = yoy_malloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}


/* YOY_VERSION comes from the Makefile's VERSION, the one place it is
 * written. */
const char *
yoy_version(void)
{
	return YOY_VERSION;
}
