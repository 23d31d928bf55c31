/* What every fuzz target shares: the library set up once, the input as
 * a reader wants it, and the promise each converter keeps, checked:
 * on exit 0 or 1 its output is valid canonical XML in valid UTF-8 that
 * reads back through yoy's own reader to the same bytes.  A broken
 * promise is a crash (abort), which libFuzzer reports and keeps. */
#ifndef YOY_FUZZ_H
#define YOY_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* The library set up (once) and diagnostics reset, as a program's main
 * would; `name` says which target speaks. */
void fuzz_init(const char *name);
/* A malloc'd, NUL-terminated copy (readers may adopt it). */
char *fuzz_copy(const unsigned char *data, size_t size);
/* Says what promise broke (and the bytes that broke it), and aborts. */
void fuzz_fail(const char *what, const struct yoy_buf *out);
/* The converter's promise, for `doc` as a conversion that said no
 * fatal error left it. */
void fuzz_check_output(const struct yoy_doc *doc);

/* Fails unless `b` is UTF-8 and, when `xml`, well-formed XML (and valid
 * against the schema at path `rng` when not NULL). */
/* yoy-check's rules over `d` and every report of them: each report
 * UTF-8, the JUnit well-formed; read from source `src` (NULL: from
 * canonical XML `xml`), every finding placed within it. */
void fuzz_check_rules(const struct yoy_doc *d, const char *xml,
	size_t xml_len, const char *src, size_t src_len,
	enum yoy_input_format fmt);
void fuzz_check_report(const struct yoy_buf *b, int xml, const char *rng,
	const char *what);
/* Every diff format of old against new, checked (the XML report against
 * its schema when both inputs are `valid` canonical XML: the reader
 * takes what the schema would not); all their bytes into `all` when not
 * NULL. */
void fuzz_diff(const struct yoy_doc *old, struct yoy_lazy *old_lazy,
	const struct yoy_doc *new, struct yoy_lazy *new_lazy,
	const struct yoy_diff_opts *o, int valid, struct yoy_buf *all);

#endif
