/* Memory: checked allocation, an arena freed in one call, a growable
 * buffer whose pointer is always valid, and reading whole files. */
#define _DEFAULT_SOURCE         /* MAP_ANONYMOUS, madvise */
#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yoy.h"

static void
oom(void)
{
	fprintf(stderr, "%s: error: out of memory\n", yoy_diag_prog());
	exit(2);
}

void *
yoy_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
yoy_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
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

/* ----------------------------------------------------------------- arena */

#define HUGE (2 * 1024 * 1024)

/* Marks the untouched block p[0..n) for transparent huge pages: the
 * kernel backs with them its parts on a 2 MB boundary. */
static void
huge_hint(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t from = ((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1),
	    to = ((uintptr_t)p + n) & ~(uintptr_t)(HUGE - 1);

	if (to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p, (void)n;
#endif
}

/*
 * Chunks come zeroed (calloc, or fresh pages), so an allocation is a
 * pointer bump.  Past BIG_AFTER bytes an arena takes its memory in
 * 2 MB chunks, aligned and marked for transparent huge pages: on the
 * virtual machines these tools run on, a page fault costs ~10 us, and
 * a document of 10 MB otherwise touches 5,000 fresh pages, which took
 * longer than parsing it.  Where there are no huge pages, madvise()
 * fails and the chunk is an ordinary one.
 */
#define CHUNK (64 * 1024)
#define BIG_AFTER (256 * 1024)

struct chunk {
	struct chunk *next;
	size_t used, size;
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
		c->used = 0;
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
	huge_hint(at, size);
	c = (struct chunk *)(void *)at;
	c->mapped = size;
	c->size = size - sizeof(*c);
	return c;
}

/* A chunk for n bytes or more, zeroed. */
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
		if ((c = calloc(1, sizeof(*c) + n)) == NULL)
			oom();
		c->size = n;
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
	return d;
}

/* ---------------------------------------------------------------- buffer */

void
yoy_buf_grow(struct yoy_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	while (b->cap < need)
		b->cap = b->cap ? b->cap * 2 : 64;
	b->ptr = yoy_realloc(b->ptr, b->cap);
}

void
yoy_buf_put(struct yoy_buf *b, const char *s, size_t n)
{
	yoy_buf_grow(b, n);
	memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
yoy_buf_puts(struct yoy_buf *b, const char *s)
{
	yoy_buf_put(b, s, strlen(s));
}

void
yoy_buf_putc(struct yoy_buf *b, int c)
{
	char ch = (char)c;

	yoy_buf_put(b, &ch, 1);
}

void
yoy_buf_vprintf(struct yoy_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	/* one pass when it fits in what is free, two when it does not */
	yoy_buf_grow(b, 128);
	va_copy(again, ap);
	n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
	if (n >= 0 && (size_t)n >= b->cap - b->len) {
		yoy_buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, again);
	}
	if (n >= 0)
		b->len += (size_t)n;
	va_end(again);
}

void
yoy_buf_printf(struct yoy_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yoy_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
yoy_buf_free(struct yoy_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

static int
is_stdin(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

int
yoy_input_open(const char *path)
{
	struct stat st;
	int fd = 0;

	if (!is_stdin(path) && (fd = open(path, O_RDONLY)) < 0) {
		yoy_diag(YOY_FATAL, yoy_diag_name(path), 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		yoy_diag(YOY_FATAL, yoy_diag_name(path), 0, 0, "is a directory");
		yoy_input_close(fd, path);
		return -1;
	}
	return fd;
}

ssize_t
yoy_input_read(int fd, void *buf, size_t n, const char *path)
{
	ssize_t got;

	while ((got = read(fd, buf, n)) < 0 && errno == EINTR)
		;
	if (got < 0)
		yoy_diag(YOY_FATAL, yoy_diag_name(path), 0, 0,
		    "cannot read: %s", strerror(errno));
	return got;
}

void
yoy_input_close(int fd, const char *path)
{
	if (!is_stdin(path))
		close(fd);
}

const char *
yoy_input_map(int fd, size_t *len)
{
	struct stat st;
	void *p;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > SIZE_MAX)
		return NULL;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

void
yoy_input_unmap(const char *p, size_t len)
{
	munmap((void *)(uintptr_t)p, len);
}

int
yoy_buf_read_file(struct yoy_buf *b, const char *path)
{
	struct stat st;
	ssize_t n;
	int fd = yoy_input_open(path);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		/* room for the file and its NUL: one read, no copy; the
		 * pages it will fill, huge where they can be (huge_hint) */
		b->cap = (size_t)st.st_size + 2;
		b->ptr = yoy_realloc(b->ptr, b->cap);
		huge_hint(b->ptr, b->cap);
	}
	for (;;) {
		if (b->cap - b->len < 2)
			yoy_buf_grow(b, 64 * 1024);
		n = yoy_input_read(fd, b->ptr + b->len, b->cap - b->len - 1,
		    path);
		if (n <= 0)
			break;
		b->len += (size_t)n;
	}
	yoy_input_close(fd, path);
	if (n < 0)
		return -1;
	b->ptr[b->len] = '\0';
	return 0;
}

void
yoy_buf_release(const char *from, const char *to)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE),
	    a = ((uintptr_t)from + page - 1) / page * page,
	    b = (uintptr_t)to / page * page;

	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

/* ------------------------------------------------------------------ map */

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
		oom();
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
yoy_map_free(struct yoy_map *m)
{
	free(m->slot);
	memset(m, 0, sizeof(*m));
}
