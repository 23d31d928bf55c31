/* Input files: opened, read in pieces or whole, or mapped; standard
 * input for "-". */
#define _DEFAULT_SOURCE         /* MAP_PRIVATE */
#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

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
		 * pages it will fill, huge where they can be (yoy_mem_huge) */
		b->cap = (size_t)st.st_size + 2;
		b->ptr = yoy_realloc(b->ptr, b->cap);
		yoy_mem_huge(b->ptr, b->cap);
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

