/* The growable byte buffer, whose pointer is valid after the first
 * write. */
#define _DEFAULT_SOURCE         /* madvise */
#include <sys/mman.h>

#include <stdarg.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"


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

void
yoy_buf_release(const char *from, const char *to)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE),
	    a = ((uintptr_t)from + page - 1) / page * page,
	    b = (uintptr_t)to / page * page;

	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

#define HUGE (2 * 1024 * 1024)

/* Marks the untouched block p[0..n) for transparent huge pages: the
 * kernel backs with them its parts on a 2 MB boundary. */
void
yoy_mem_huge(void *p, size_t n)
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
