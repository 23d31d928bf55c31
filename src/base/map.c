/* A hash map from strings to indices, open addressing. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"


uint32_t
yoy_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;       /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot of `key` (hash `h`): k is NULL when it is not there.  Each
 * slot keeps its key's hash, so a probe compares keys only when their
 * hashes agree, and growing never hashes again; a slot's value, key and
 * hash sit together, one cache line a probe. */
static struct yoy_map_slot *
map_slot(const struct yoy_map *m, const char *key, size_t len, uint32_t h)
{
	size_t i = h & (m->cap - 1);
	struct yoy_map_slot *sl;

	while ((sl = &m->slot[i])->k && (sl->h != h ||
	    strncmp(sl->k, key, len) != 0 || sl->k[len] != '\0'))
		i = (i + 1) & (m->cap - 1);
	return sl;
}

/* Rehashes `m` into `cap` slots (a power of two). */
static void
map_grow(struct yoy_map *m, size_t cap)
{
	struct yoy_map old = *m;
	size_t i;

	m->cap = cap;
	m->slot = calloc(cap, sizeof(*m->slot));
	if (m->slot == NULL)
		yoy_oom();
	for (i = 0; i < old.cap; i++)
		if (old.slot[i].k) {
			size_t j = old.slot[i].h & (m->cap - 1);

			while (m->slot[j].k)
				j = (j + 1) & (m->cap - 1);
			m->slot[j] = old.slot[i];
		}
	free(old.slot);
}

void
yoy_map_reserve(struct yoy_map *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > m->cap)
		map_grow(m, cap);
}

size_t *
yoy_map_at(struct yoy_map *m, const char *key, size_t len,
    struct yoy_arena *a)
{
	uint32_t h = yoy_hash(key, len);
	struct yoy_map_slot *sl;

	if (2 * (m->n + 1) > m->cap)
		map_grow(m, m->cap ? 2 * m->cap : 64);
	sl = map_slot(m, key, len, h);
	if (sl->k == NULL) {
		sl->k = yoy_arena_strndup(a, key, len);
		sl->v = (size_t)-1;
		sl->h = h;
		m->n++;
	}
	return &sl->v;
}

size_t
yoy_map_get(const struct yoy_map *m, const char *key)
{
	struct yoy_map_slot *sl;
	size_t len;

	if (m->cap == 0)
		return (size_t)-1;
	len = strlen(key);
	sl = map_slot(m, key, len, yoy_hash(key, len));
	return sl->k ? sl->v : (size_t)-1;
}

const char *
yoy_map_key(const struct yoy_map *m, const size_t *at)
{
	(void)m;
	/* v is a slot's first member */
	return ((const struct yoy_map_slot *)(const void *)at)->k;
}

void
yoy_map_clear(struct yoy_map *m)
{
	if (m->cap)
		memset(m->slot, 0, m->cap * sizeof(*m->slot));
	m->n = 0;
}

void
yoy_map_free(struct yoy_map *m)
{
	free(m->slot);
	memset(m, 0, sizeof(*m));
}
