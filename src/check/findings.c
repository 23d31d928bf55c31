/* The findings as a list: in order, with their fingerprints, said in a
 * line, counted against the failing level, freed. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
yoy_finding_put(struct yoy_buf *b, const struct yoy_finding *x)
{
	yoy_diag_put_name(b, x->file);
	if (x->line)
		yoy_buf_printf(b, ":%u", x->line);
	if (x->line && x->col)
		yoy_buf_printf(b, ":%u", x->col);
	yoy_buf_printf(b, ": %s: ", x->level == YOY_WARNING ? "warning" :
	    "error");
	yoy_diag_put_text(b, x->msg);
}

static int
by_line(const void *pa, const void *pb)
{
	const struct yoy_finding *a = pa, *b = pb;

	if (a->fileno != b->fileno)
		return a->fileno < b->fileno ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* FNV-1a, 64 bits, over a string and its NUL */
static uint64_t
fnv(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	} while (*s++);
	return h;
}

/* Each finding's fingerprint: its file, rule, cell and words, and how
 * many findings before it had all four; never its line, so that it
 * stays when lines above it come or go. */
static void
fingerprints(struct yoy_findings *f)
{
	struct yoy_arena *ar = yoy_arena_new();
	struct yoy_map seen = YOY_MAP_INIT;
	char key[17];
	size_t i;

	for (i = 0; i < f->n; i++) {
		struct yoy_finding *x = &f->v[i];
		uint64_t h = 0xcbf29ce484222325ULL;
		size_t *count;

		h = fnv(h, x->file);
		h = fnv(h, yoy_rule_name(x->rule));
		h = fnv(h, x->cell);
		h = fnv(h, x->quote ? x->quote : "");
		snprintf(key, sizeof(key), "%016llx", (unsigned long long)h);
		count = yoy_map_at(&seen, key, 16, ar);
		*count = *count == (size_t)-1 ? 0 : *count + 1;
		if (*count)
			h = fnv(h ^ *count, "");
		snprintf(x->fingerprint, sizeof(x->fingerprint), "%016llx",
		    (unsigned long long)h);
	}
	yoy_map_free(&seen);
	yoy_arena_free(ar);
}

void
yoy_check_sort(struct yoy_findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), by_line);
	fingerprints(f);
}

int
yoy_check_status(const struct yoy_findings *f, enum yoy_level fail)
{
	size_t k;

	for (k = 0; k < f->n; k++)
		if (f->v[k].level >= fail)
			return 1;
	return 0;
}

void
yoy_findings_free(struct yoy_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].file);
		free(f->v[i].msg);
		free(f->v[i].detail);
		free(f->v[i].cell);
		free(f->v[i].quote);
	}
	for (i = 0; i < f->ninputs; i++)
		free(f->inputs[i]);
	free(f->inputs);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
