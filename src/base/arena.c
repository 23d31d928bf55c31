/* Arenas: many small allocations freed in one call; scratch arenas that
 * keep their chunks across resets. */
#define _DEFAULT_SOURCE         /* MAP_ANONYMOUS, madvise */
#include <sys/mman.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define HUGE (2 * 1024 * 1024)

/*
 * An allocation is zeroed, and is a pointer bump.  A small arena's chunk
 * is zeroed as it fills, 4 KB ahead of what is used, not whole when it
 * is taken: a small document, as a converter given many files meets one
 * after another, uses a few KB of its 64 KB chunks, recycled memory
 * that calloc zeroed whole, a sixth of the document's time.  A big
 * arena's chunks come from calloc, whose fresh memory is zero already.
 * Past BIG_AFTER bytes an arena takes its memory in 2 MB chunks,
 * aligned and marked for transparent huge pages: on the virtual
 * machines these tools run on, a page fault costs ~10 us, and a
 * document of 10 MB otherwise touches 5,000 fresh pages, which took
 * longer than parsing it.  Where there are no huge pages, madvise()
 * fails and the chunk is an ordinary one.
 */
#define CHUNK (64 * 1024)
#define BIG_AFTER (256 * 1024)

struct chunk {
	struct chunk *next;
	size_t used, size;
	size_t clean;           /* data[used, clean) is zero */
	size_t mapped;          /* from mmap: its size, header included */
	/* max_align_t is C11; a union of the widest types does for C99 */
	union { long double ld; void *p; long long ll; } data[];
};

struct yoy_arena {
	struct chunk *head;
	struct chunk *spare;    /* a scratch arena's chunks, reset, zeroed */
	size_t total;           /* bytes of chunks so far */
	int scratch;
	int raw;                /* blocks not zeroed (yoy_arena_raw) */
};

struct yoy_arena *
yoy_arena_new(void)
{
	struct yoy_arena *a = yoy_malloc(sizeof(*a));

	a->head = a->spare = NULL;
	a->total = 0;
	a->scratch = a->raw = 0;
	return a;
}

struct yoy_arena *
yoy_arena_scratch(void)
{
	struct yoy_arena *a = yoy_arena_new();

	a->scratch = 1;
	return a;
}

struct yoy_arena *
yoy_arena_raw(void)
{
	struct yoy_arena *a = yoy_arena_scratch();

	a->raw = 1;
	return a;
}

static void
free_chunks(struct chunk *c)
{
	struct chunk *next;

	for (; c != NULL; c = next) {
		next = c->next;
		if (c->mapped)
			munmap(c, c->mapped);
		else
			free(c);
	}
}

void
yoy_arena_free(struct yoy_arena *a)
{
	if (a == NULL)
		return;
	free_chunks(a->head);
	free_chunks(a->spare);
	free(a);
}

/* Under AddressSanitizer the chunks are freed, so that a pointer kept
 * past the reset is caught. */

void
yoy_arena_reset(struct yoy_arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
#ifdef YOY_ASAN
		c->next = NULL;
		free_chunks(c);
#else
		if (!a->raw)
			memset(c->data, 0, c->used);
		c->used = 0;            /* clean stays: [0, clean) is zero */
		c->next = a->spare;
		a->spare = c;
#endif
	}
	a->head = NULL;
	a->total = 0;
}

size_t
yoy_arena_size(const struct yoy_arena *a)
{
	return a->total;
}

/* A chunk of `size` bytes (a multiple of HUGE), on a HUGE boundary, or
 * NULL. */
static struct chunk *
huge_chunk(size_t size)
{
	char *p = mmap(NULL, size + HUGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *at;
	struct chunk *c;

	if (p == MAP_FAILED)
		return NULL;
	at = p + (HUGE - (uintptr_t)p % HUGE) % HUGE;
	if (at > p)
		munmap(p, (size_t)(at - p));
	munmap(at + size, (size_t)(p + size + HUGE - (at + size)));
	yoy_mem_huge(at, size);
	c = (struct chunk *)(void *)at;
	c->mapped = size;
	c->size = c->clean = size - sizeof(*c);
	return c;
}

/* A chunk for n bytes or more. */
static struct chunk *
new_chunk(struct yoy_arena *a, size_t n)
{
	struct chunk *c = NULL, **p, **best = NULL;

	/* a spare chunk, the smallest that will do */
	for (p = &a->spare; *p != NULL; p = &(*p)->next)
		if ((*p)->size >= n && (best == NULL || (*p)->size <
		    (*best)->size))
			best = p;
	if (best != NULL) {
		c = *best;
		*best = c->next;
		a->total += c->size;
		return c;
	}
	/* ordinary chunks once the arena is big, and blocks of a huge
	 * page's size or so; not the blocks between, or a 20 KB block
	 * would hold a 2 MB page */
	if (!a->scratch && a->total + n >= BIG_AFTER &&
	    (n <= CHUNK || n >= HUGE / 2))
		c = huge_chunk((sizeof(*c) + n + HUGE - 1) / HUGE * HUGE);
	if (c == NULL) {
		/* a big arena's chunks are likely fresh memory, which calloc
		 * gives zeroed for nothing; a small one's are recycled, which
		 * calloc would zero whole */
		int fresh = a->total + n >= BIG_AFTER;

		if ((c = fresh ? calloc(1, sizeof(*c) + n) :
		    malloc(sizeof(*c) + n)) == NULL)
			yoy_oom();
		c->next = NULL;
		c->used = c->mapped = 0;
		c->size = n;
		/* raw: never read before it is written */
		c->clean = fresh || a->raw ? n : 0;
	}
	a->total += c->size;
	return c;
}

void *
yoy_arena_alloc(struct yoy_arena *a, size_t n)
{
	const size_t align = sizeof(((struct chunk *)0)->data[0]);
	struct chunk *c = a->head;
	char *p;

	n = (n + align - 1) / align * align;
	if (c == NULL || c->size - c->used < n) {
		c = new_chunk(a, n > CHUNK / 4 ? n : CHUNK);
		if (a->head != NULL && c->size - n <
		    a->head->size - a->head->used) {
			/* a big block: the current chunk, with more room
			 * left, goes on being filled */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += n;
	if (c->used > c->clean) {
		size_t to = c->clean + 4096 > c->used ? c->clean + 4096 : c->used;

		to = to < c->size ? to : c->size;
		memset((char *)c->data + c->clean, 0, to - c->clean);
		c->clean = to;
	}
	return p;
}

void
yoy_arena_join(struct yoy_arena *into, struct yoy_arena *from)
{
	struct chunk *tail;

	if (from->head != NULL) {
		/* after into's head, which goes on being filled */
		for (tail = from->head; tail->next; tail = tail->next)
			;
		if (into->head != NULL) {
			tail->next = into->head->next;
			into->head->next = from->head;
		} else {
			into->head = from->head;
		}
		into->total += from->total;
	}
	free_chunks(from->spare);
	free(from);
}

char *
yoy_arena_strndup(struct yoy_arena *a, const char *s, size_t n)
{
	char *d = yoy_arena_alloc(a, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';           /* a raw arena's blocks are not zeroed */
	return d;
}

