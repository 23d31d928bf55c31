/*
 * yoy: the Government Digital Strategy's yearly reports as canonical XML.
 *
 * One public header for the library in src/.  Ownership is written beside
 * each function: a `_new` is paired with a `_free`; everything a document
 * holds (nodes, strings, the input it was read from) lives in the
 * document's arena and goes with yoy_doc_free().
 *
 * Errors follow one model: functions that can fail return an int, 0 on
 * success and -1 on failure, after reporting the failure through the
 * diagnostics module (yoy_diag).  Out of memory is reported and exits 2.
 */
#ifndef YOY_H
#define YOY_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>      /* ssize_t */

#define YOY_VERSION "0.1.0"
/* --version's second line */
#define YOY_LICENCE "ISC licence: free to use, change and share, with no warranty (LICENSE)"

/* ---------------------------------------------------------------- memory */

void *yoy_malloc(size_t n);             /* never NULL: exits 2 when out */
void *yoy_realloc(void *p, size_t n);
char *yoy_strndup(const char *s, size_t n);

/* Arena: many small allocations, freed in one call. */
struct yoy_arena;
struct yoy_arena *yoy_arena_new(void);
void yoy_arena_free(struct yoy_arena *);
/* An arena for a working set that is filled, reset and filled again: it
 * takes ordinary pages only, and keeps its chunks across resets (frees
 * them, under AddressSanitizer: YOY_ASAN). */
#if defined(__SANITIZE_ADDRESS__)
#define YOY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define YOY_ASAN 1
#endif
#endif
struct yoy_arena *yoy_arena_scratch(void);
/* The same, whose blocks are zeroed only when new: for one that clears
 * what it needs itself. */
struct yoy_arena *yoy_arena_raw(void);
/* Frees all that was allocated, keeping the memory for what comes next. */
void yoy_arena_reset(struct yoy_arena *);
/* Bytes of the chunks holding what was allocated (since the reset). */
size_t yoy_arena_size(const struct yoy_arena *);
void *yoy_arena_alloc(struct yoy_arena *, size_t n);      /* zeroed */
char *yoy_arena_strndup(struct yoy_arena *, const char *s, size_t n);
/* Moves all of `from` into `into`, which frees it with its own; `from`
 * is freed. */
void yoy_arena_join(struct yoy_arena *into, struct yoy_arena *from);

/* Growable byte buffer: after the first write `ptr` is NUL-terminated. */
struct yoy_buf {
	char *ptr;
	size_t len, cap;
};
#define YOY_BUF_INIT { NULL, 0, 0 }
void yoy_buf_grow(struct yoy_buf *, size_t extra);
void yoy_buf_put(struct yoy_buf *, const char *s, size_t n);
void yoy_buf_puts(struct yoy_buf *, const char *s);
void yoy_buf_putc(struct yoy_buf *, int c);
void yoy_buf_vprintf(struct yoy_buf *, const char *fmt, va_list)
	__attribute__((format(printf, 2, 0)));
void yoy_buf_printf(struct yoy_buf *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void yoy_buf_free(struct yoy_buf *);
/* Gives back the memory of the whole pages strictly inside [from, to),
 * the part of a buffer (from past its first byte) that will not be read
 * again: it reads as zeros after. */
void yoy_buf_release(const char *from, const char *to);
/* Reads a whole file ("-" or NULL: standard input); -1 and a diagnostic
 * on failure. */
int yoy_buf_read_file(struct yoy_buf *, const char *path);
/* An input file ("-" or NULL: standard input), for reading in pieces:
 * open refuses a directory; open and read say what failed and give -1;
 * read goes on past EINTR and gives 0 at the end; close leaves standard
 * input open. */
int yoy_input_open(const char *path);
ssize_t yoy_input_read(int fd, void *buf, size_t n, const char *path);
void yoy_input_close(int fd, const char *path);
/* The bytes of open regular file `fd`, mapped read only, or NULL (not a
 * regular file, empty, or no mapping: read it instead).  The mapping is a
 * view of the file: truncating the file meanwhile is SIGBUS, as for git. */
const char *yoy_input_map(int fd, size_t *len);
void yoy_input_unmap(const char *p, size_t len);

/* A map from strings to indices; keys are copied into an arena. */
struct yoy_map {
	struct yoy_map_slot {
		size_t v;
		const char *k;      /* NULL: a free slot */
		uint32_t h;         /* the key's hash */
	} *slot;
	size_t n, cap;
};
#define YOY_MAP_INIT { NULL, 0, 0 }
uint32_t yoy_hash(const char *s, size_t len);         /* FNV-1a */
/* The value slot of `key` (NUL-terminated at key[len]), made with the
 * value (size_t)-1 when it is not there: one lookup either way. */
size_t *yoy_map_at(struct yoy_map *, const char *key, size_t len,
	struct yoy_arena *);
size_t yoy_map_get(const struct yoy_map *, const char *key); /* or -1 */
/* Room for `n` keys without growing. */
void yoy_map_reserve(struct yoy_map *, size_t n);
/* The stored key of a slot yoy_map_at returned. */
const char *yoy_map_key(const struct yoy_map *, const size_t *at);
void yoy_map_free(struct yoy_map *);

/* ---------------------------------------------------------- command line */

/* Checks of option arguments the programs share; -1 after a diagnostic. */
int yoy_cli_department(const char *id);     /* -d: known, or a slug */
/* -d as an id: the registry's slug for any spelling, or the argument
 * when it is a slug the registry does not know (with a warning); NULL
 * after a diagnostic. */
const char *yoy_cli_department_id(const char *arg);
int yoy_cli_seconds(const char *opt, const char *arg, double *out);
/* An option's whole number in [min, max] (min >= 0), or -1. */
int yoy_cli_number(const char *opt, const char *arg, int min, int max);
/* Reads the `n` files of `paths` (standard input when n is 0) into
 * `*count` buffers, their total size in `*bytes`; failures are reported
 * (the diagnostics' status says 2). */
struct yoy_buf *yoy_cli_read(char **paths, int n, int *count, double *bytes);
void yoy_cli_free(struct yoy_buf *, int count);
/* Runs `prog` (this program's directory first, then PATH) with `argv`;
 * returns only after saying why it could not. */
void yoy_cli_exec(const char *prog, char **argv);

/* ------------------------------------------------------------ watchdog */

/* Limits the CPU time of what follows to `seconds`: past it, or when a
 * library abort()s, the program says that `what` ("markdown") took too
 * long (input pathological for `suspect`?) or aborted, and exits 2. */
void yoy_watchdog(double seconds, const char *file, const char *what,
	const char *suspect);

/* ----------------------------------------------------------- diagnostics */

enum yoy_level {
	YOY_WARNING = 1,   /* a finding worth a look */
	YOY_ERROR,         /* a finding that fails by default */
	YOY_FATAL          /* trouble: the input or the system; exit 2 */
};

/* Set once by main: the program name and the level that fails (-W). */
void yoy_diag_init(const char *prog);
int yoy_diag_set_threshold(const char *level);          /* -1 if unknown */
enum yoy_level yoy_diag_threshold(void);                /* -W's level */
/* `file` may be NULL; line and col 0 mean unknown. */
void yoy_diag(enum yoy_level, const char *file, unsigned line, unsigned col,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Exit status: 2 after a fatal, 1 after a finding at or above the
 * threshold, else 0. */
int yoy_diag_status(void);
const char *yoy_diag_prog(void);
/* Name to print for a path: "<stdin>" for NULL or "-". */
const char *yoy_diag_name(const char *path);
/* Appends a file name as messages show it: quoted and escaped ('a\nb')
 * when it holds a control character or a byte that is not UTF-8. */
void yoy_diag_put_name(struct yoy_buf *, const char *name);
/* Appends text with its control characters and stray bytes escaped
 * (\n, \xHH): a message stays one line. */
void yoy_diag_put_text(struct yoy_buf *, const char *s);
/* Routes libxml2's own messages through yoy_diag (its output errors are
 * left to the writer, which says "write error"); every main calls it. */
void yoy_xml_errors_init(void);
/* Puts yoy's handler back after code that installed its own. */
void yoy_xml_errors_default(void);

/* -------------------------------------------------------------- document */

enum yoy_type {
	YOY_REPORT, YOY_META, YOY_BODY,
	/* meta */
	YOY_TYPE, YOY_DATE, YOY_NOTICE, YOY_SOURCE,
	/* structure */
	YOY_SECTION, YOY_ACTION, YOY_DEPARTMENT, YOY_ENTRY, YOY_TITLE,
	/* blocks */
	YOY_P, YOY_UL, YOY_OL, YOY_LI, YOY_TABLE, YOY_TR, YOY_TH, YOY_TD,
	YOY_BLOCKQUOTE, YOY_DL, YOY_DT, YOY_DD, YOY_FIGURE, YOY_CAPTION,
	YOY_PRE, YOY_NOTE,
	/* inline */
	YOY_TEXT, YOY_A, YOY_EM, YOY_STRONG, YOY_CODE, YOY_SUP, YOY_SUB,
	YOY_ABBR, YOY_BR,
	YOY_NTYPES
};

/* Attribute slots.  Each element has at most three attributes, stored in
 * schema order; yoy_type_attr() names them.  Blocks also carry a source
 * line, written as line="N" with --sourcepos. */
#define YOY_NATTR 3

struct yoy_node {
	struct yoy_node *parent, *first, *last, *next, *prev;
	const char *text;           /* YOY_TEXT: the text, NUL at text[len] */
	size_t len;
	const char *attr[YOY_NATTR];
	unsigned line;              /* source line (line="N"), 0 if unknown */
	unsigned xml_line;          /* read from XML: the element's line there */
	enum yoy_type type;
	unsigned written;           /* yoy_xml_spill_open: its start tag, and
	                               the children it had, are in the spill */
};
/* An entry read lazily (yoy_xml_read_lazy) has no children yet: `text`
 * and `len` hold its content's bytes in the source, its end tag included,
 * until yoy_doc_expand reads them. */
#define yoy_node_lazy(n) ((n)->type == YOY_ENTRY && (n)->text != NULL)

struct yoy_doc {
	struct yoy_arena *arena;
	struct yoy_node *root;      /* report */
	struct yoy_node *meta, *body;
	struct adopted *adopted;    /* buffers freed with the document */
	size_t made[YOY_NTYPES];    /* nodes made of each type: a bound on
	                               those linked, for sizing arrays */
	/* read lazily: the source, mapped, which lazy entries point into */
	const char *src, *src_name;
	size_t src_len;
	/* the body's first children, written already (yoy_xml_spill) and
	 * gone from the tree: yoy_xml_write puts them before the rest */
	struct yoy_buf spill;
};

struct yoy_doc *yoy_doc_new(void);
void yoy_doc_free(struct yoy_doc *);
/* A new node of the document, not yet linked. */
struct yoy_node *yoy_node_new(struct yoy_doc *, enum yoy_type);
void yoy_node_append(struct yoy_node *parent, struct yoy_node *child);
void yoy_node_unlink(struct yoy_node *);
/* Links unlinked `n` as the next sibling of `at`. */
void yoy_node_insert_after(struct yoy_node *at, struct yoy_node *n);
/* Appends a new child of `type` to `parent`. */
struct yoy_node *yoy_node_add(struct yoy_doc *, struct yoy_node *parent,
	enum yoy_type);
/* Appends text: `s` is copied into the arena unless `borrow` (the bytes,
 * NUL-terminated at s[len], then must outlive the document: input adopted
 * with yoy_doc_adopt). */
struct yoy_node *yoy_node_add_text(struct yoy_doc *, struct yoy_node *parent,
	const char *s, size_t len, int borrow);
/* Sets attribute `name` (must be one of the type's; copied). */
void yoy_node_set(struct yoy_doc *, struct yoy_node *, const char *name,
	const char *value);
const char *yoy_node_get(const struct yoy_node *, const char *name);
/* The first child of `type`, or NULL. */
struct yoy_node *yoy_node_child(const struct yoy_node *, enum yoy_type);
/* Pre-order successor within `root` (iterative walks). */
struct yoy_node *yoy_node_walk(const struct yoy_node *root,
	const struct yoy_node *n);
/* An enter/exit walk of the subtree at `root`, as cmark's iterator:
 * start at root with *entering = 1; each node is entered, then left
 * after its children (a node without children is left at once); NULL
 * after root is left.
 *   for (n = root, e = 1; n; n = yoy_node_next(root, n, &e)) ... */
const struct yoy_node *yoy_node_next(const struct yoy_node *root,
	const struct yoy_node *n, int *entering);
/* Appends to `parent` (of document `d`) a copy of the subtree at `src`,
 * which may belong to another document; returns the copy. */
struct yoy_node *yoy_node_copy(struct yoy_doc *d, struct yoy_node *parent,
	const struct yoy_node *src);
/* Concatenated text of a subtree, with one space between blocks. */
void yoy_node_text(const struct yoy_node *, struct yoy_buf *);
/* Folds the white space of one block's inline content. */
void yoy_node_fold(struct yoy_node *);
/* Folds white space in every block as the canonical form has it: text
 * runs collapsed and trimmed, white space between blocks removed. */
void yoy_doc_normalize(struct yoy_doc *);
/* The same, for the subtree at `root`. */
void yoy_node_normalize(struct yoy_node *root);
/* The same for `c`, a child of a node that holds blocks: what
 * yoy_node_normalize of the parent does to `c` and all it holds (blank
 * text goes). */
void yoy_node_normalize_child(struct yoy_node *c);
/* Hands `p` (from yoy_malloc) to the document; freed with it. */
void yoy_doc_adopt(struct yoy_doc *, void *p);
/* The meta child of `type`, created on first use. */
struct yoy_node *yoy_doc_meta(struct yoy_doc *, enum yoy_type);
/* Sets meta/source: the format, and the input's name (its last path
 * component; none for standard input), as XML can hold it (said when it
 * cannot: a file name that is not UTF-8). */
void yoy_doc_source(struct yoy_doc *, const char *format, const char *file);

const char *yoy_type_name(enum yoy_type);
int yoy_type_from_name(const char *name);            /* -1 if unknown */
const char *yoy_type_attr(enum yoy_type, int slot);  /* NULL past the end */
int yoy_type_is_inline(enum yoy_type);
/* Whether the node stands as a block where it is (a note can be both). */
int yoy_node_is_block(const struct yoy_node *);

/* ------------------------------------------------------------------ text */

/* Checks UTF-8 with PCRE2 and that every character can stand in XML.
 * Reports each fault (file:line:col) and returns their number. */
int yoy_text_check(const char *s, size_t len, const char *file);
/* Folds white space in place: runs of ASCII white space, no-break spaces
 * (U+00A0, U+2007, U+202F) become one space; zero-width spaces (U+200B,
 * U+2060, U+FEFF) go; leading and trailing white space goes.  Returns the
 * new length. */
size_t yoy_text_fold(char *s, size_t len);
/* Drops in place what XML cannot hold (C0 controls but tab, newline and
 * CR; U+FFFE, U+FFFF, and the bytes 0xFE and 0xFF cmark writes for
 * them); in `text`, form feed and vertical tab become spaces, as folding
 * reads them (in an attribute's value they go too).  Returns
 * the new length, with the count dropped and the first one's code point
 * for the reader's warning.  For text the input check did not see: what
 * a parser decoded from a character reference, an attribute's value. */
size_t yoy_text_scrub(char *s, size_t len, int text, unsigned *dropped,
	unsigned *first);
/* yoy_text_scrub, said: a warning at file:line:col names the first
 * character dropped, in the value of attribute `what` when not NULL.
 * Returns the new length. */
size_t yoy_text_clean(char *s, size_t len, int text, const char *what,
	const char *file, unsigned line, unsigned col);
/* Attribute `name`'s value `v` as XML can hold it: `v` itself (most
 * values), else a copy in `a` cleaned by yoy_text_clean. */
const char *yoy_text_clean_value(struct yoy_arena *a, const char *v,
	const char *name, const char *file, unsigned line, unsigned col);
/* Appends `s` to `out` as XML can hold it: each stretch that is not
 * UTF-8 as U+FFFD, what yoy_text_scrub drops dropped; NUL-terminated.
 * Returns how many were replaced or dropped (0: the same bytes).  For
 * what no input check saw: file names. */
unsigned yoy_text_utf8(const char *s, size_t len, struct yoy_buf *out);
/* The same over a run of texts: `*space` says the text before ended in a
 * space (start it at 1 to drop leading space); a trailing space is kept. */
size_t yoy_text_fold_run(char *s, size_t len, int *space);

/* -------------------------------------------------------------- patterns */

enum yoy_kind { YOY_KIND_NONE, YOY_COMMITMENT, YOY_PROGRESS, YOY_PLAN };

struct yoy_label {
	enum yoy_kind kind;
	int year;
};

const char *yoy_kind_name(enum yoy_kind);
int yoy_kind_from_name(const char *);                 /* 0 if unknown */
/* The entry-label grammar: "Progress during 2013" and its kin. */
int yoy_label_parse(const char *s, size_t len, struct yoy_label *);
/* Editions order entries: commitment 2012, progress 2013, plan 2014,
 * progress 2014, plan 2015.  A key that sorts them so. */
int yoy_label_order(const struct yoy_label *);

/* "Action 2: title" -> 2 and the title's offset, or 0. */
int yoy_pattern_action(const char *s, size_t len, size_t *title_off);
/* "Updated 16 January 2015" -> "2015-01-16" and kind, or 0. */
int yoy_pattern_date(const char *s, size_t len, char iso[11],
	const char **kind);
int yoy_pattern_notice(const char *s, size_t len);
int yoy_pattern_doctype(const char *s, size_t len);
/* "CO's actions in response to …" -> the department's span. */
int yoy_pattern_dept_page(const char *s, size_t len, size_t *off,
	size_t *n);
/* Runs the UTF-8 check; -1 when valid, else the offset of the fault. */
long yoy_pattern_utf8_error(const char *s, size_t len, const char **why);
const char *yoy_pcre2_version(void);

/* -------------------------------------------------------------- registry */

struct yoy_dept {
	const char *id;     /* GOV.UK organisation slug */
	const char *name;   /* canonical name */
};

/* The built-in registry, then any file given with --departments. */
int yoy_registry_load(const char *path);
/* Resolves any spelling (case, <br>, &/and, quotes, commas, "The"). */
const struct yoy_dept *yoy_registry_find(const char *s, size_t len);
/* A slug made from text: lowercase ASCII letters and digits, '-'. */
void yoy_registry_slug(const char *s, size_t len, struct yoy_buf *out);
/* Whether `id` is a well-formed slug. */
int yoy_registry_valid_id(const char *id);
void yoy_registry_free(void);

/* -------------------------------------------------------------- markdown */

struct yoy_md_opts {
	const char *include_dir;    /* where {include x} finds partials */
	const char *year;           /* statements' year (default 2012) */
	/* when set, each finished part of the body is written into the
	 * document's spill with these options and freed: the tree then
	 * holds only what is being read, and yoy_md_finish leaves it empty */
	const struct yoy_write_opts *spill;
	size_t spill_at;    /* spill once the body's nodes take this many
	                       bytes (0: 128 KB); 1 spills at every chance */
};
struct yoy_md;
/* A reader of markdown files that form one document, in order. */
struct yoy_md *yoy_md_new(struct yoy_doc *, const struct yoy_md_opts *);
/* Adds one file; `buf` (NUL-terminated at buf[len]) is adopted by the
 * document.  Returns -1 on trouble (already reported). */
int yoy_md_add(struct yoy_md *, char *buf, size_t len, const char *file);
/* Resolves footnotes, finds editorial markers, folds; frees the reader. */
int yoy_md_finish(struct yoy_md *);
const char *yoy_cmark_version(void);

/* ------------------------------------------------------------------- xml */

struct yoy_write_opts {
	int sourcepos;      /* line="N" on blocks */
};
/* Writes the canonical form; -1 on a write error. */
int yoy_xml_write(const struct yoy_doc *, FILE *, const struct yoy_write_opts *);
/* The same bytes into `out`, which is emptied first; -1 on failure. */
int yoy_xml_write_buf(const struct yoy_doc *, struct yoy_buf *,
	const struct yoy_write_opts *);
/* Appends `n`, a node of the body, and all it holds to the document's
 * spill as XML: what is left of it when it is written already (its end
 * tag too).  -1 on failure. */
int yoy_xml_spill(struct yoy_doc *, const struct yoy_node *,
	const struct yoy_write_opts *);
/* Appends the start tag of `n`, a node of the body that holds blocks,
 * and marks it written: its children follow in the spill or the tree. */
int yoy_xml_spill_open(struct yoy_doc *, struct yoy_node *,
	const struct yoy_write_opts *);
/* Writes a program's result to `path` (standard output when NULL), with
 * diagnostics on failure; -1 then. */
int yoy_xml_output(const struct yoy_doc *, const char *path,
	const struct yoy_write_opts *);
/* Reads canonical XML (no DTD, no entities, no network). NULL on error. */
struct yoy_doc *yoy_xml_read(const char *buf, size_t len, const char *file);
/* The same, streamed from a file ("-" or NULL: standard input). */
struct yoy_doc *yoy_xml_read_file(const char *path);
/* The same, but a regular file is mapped and its entries are checked, not
 * built: each is lazy (yoy_node_lazy) until yoy_doc_expand reads its
 * content.  For comparing editions, most of whose entries are the same. */
struct yoy_doc *yoy_xml_read_lazy(const char *path);
/* Reads lazy entry `n`'s content into the tree; 0, or -1 on trouble
 * (said).  Not lazy: nothing to do.  The document does not change, only
 * how much of it has been read: hence const, as for a cache. */
int yoy_doc_expand(const struct yoy_doc *, const struct yoy_node *n);
/* Validates canonical XML against the schema; 0 valid, -1 not. */
int yoy_xml_validate(const char *buf, size_t len, const char *file);
/* The same, each violation handed to `each` (line 0: unknown) instead of
 * said as trouble: 0 valid, 1 invalid, -1 trouble (malformed; said). */
int yoy_xml_validate_each(const char *buf, size_t len, const char *file,
	void (*each)(void *, unsigned line, const char *msg), void *arg);
const char *yoy_libxml2_version(void);

/* ------------------------------------------------------------------- txt */

struct yoy_txt_opts {
	const char *department;     /* --department: the page's department */
};
/* Adds one plain-text input to `doc`; `buf` is adopted by the document.
 * Returns -1 on trouble (already reported). */
int yoy_txt_read(struct yoy_doc *, char *buf, size_t len, const char *file,
	const struct yoy_txt_opts *);

/* ------------------------------------------------------------------ html */

struct yoy_html_opts {
	const char *department;     /* --department: the page's department */
	const char *title;          /* --title: for a body without its page */
};
/* Adds one GOV.UK page or bare body to `doc`.  `buf` stays the caller's
 * (NUL-terminated at buf[len]).  Returns -1 on trouble (already
 * reported). */
int yoy_html_read(struct yoy_doc *, char *buf, size_t len, const char *file,
	const struct yoy_html_opts *);
/* Raw HTML inside another format (a markdown file's HTML block): its
 * blocks and inline elements into `parent`, no page structure; `line` is
 * where it starts in `file`. */
void yoy_html_fragment(struct yoy_doc *, struct yoy_node *parent,
	const char *s, size_t len, const char *file, unsigned line);

/* ------------------------------------------------------------------ diff */

/* Marks in `del` (n bytes) and `ins` (m bytes) the elements of `a` and `b`
 * (symbols below `nsym`) that a shortest edit script deletes and inserts:
 * Myers' O(ND) algorithm with a cost bound (myers.c). */
void yoy_myers(const unsigned *a, size_t n, const unsigned *b, size_t m,
	unsigned nsym, char *del, char *ins);

enum yoy_status { YOY_SAME, YOY_CHANGED, YOY_ADDED, YOY_REMOVED };
const char *yoy_status_name(enum yoy_status);

/* What a cell is: an entry (action › department › kind and year), an
 * action's own text (its title and intro), or a section of a document
 * without a matrix (matched by its headings). */
enum yoy_cellkind { YOY_CELL_ENTRY, YOY_CELL_INTRO, YOY_CELL_SECTION };

/* A block of a cell as the diff sees it: its type and its text, links'
 * targets written "<href>" after their text. */
struct yoy_block {
	enum yoy_type type;
	const char *s;
	size_t len;
};

struct yoy_cell {
	enum yoy_cellkind what;
	int action;                     /* 0: not in an action */
	const char *dept_id, *dept_name;        /* entries */
	enum yoy_kind kind;             /* entries */
	int year[2];                    /* entries: the old's and the new's */
	const char *label;              /* the entry's label, new's first */
	const char *section;            /* sections: "Title › Subtitle" */
	const struct yoy_node *node[2]; /* old, new; NULL where absent */
	struct yoy_block *blk[2];
	size_t nblk[2];
	unsigned char lazy[2];          /* node[i] read lazily: no blocks yet */
	enum yoy_status status;
	/* counted by yoy_diff_script */
	size_t words[2], deleted, inserted;
};

struct yoy_diff_opts {
	int action;                     /* --action: 0 for all */
	const char *department;         /* --department: a slug, or NULL */
	enum yoy_kind kind;             /* --kind: YOY_KIND_NONE for all */
	int year;                       /* --year: 0 for all */
	int years;                      /* --years: one document, year on year */
	int ignore_typography;
};

struct yoy_diff {
	struct yoy_cell *cell;          /* in output order */
	size_t n;
	size_t count[4];                /* entries, by status */
	size_t other[4];                /* intros and sections, by status */
	const struct yoy_doc *doc[2];
	struct yoy_arena *arena;
	struct differ *differ;
};

/* Matches the cells of `old` and `new` by key (with opts->years, `new`
 * is NULL and `old` is compared with itself year on year) and says which
 * are the same.  The documents must outlive the result. */
struct yoy_diff *yoy_diff_new(const struct yoy_doc *old,
	const struct yoy_doc *new, const struct yoy_diff_opts *);
void yoy_diff_free(struct yoy_diff *);

/* Revisions for yoy-diff --store: a store opened, one revision read, the
 * store closed (NULL from open and doc: said). */
struct yoy_diff_store {
	void *(*open)(const char *dir);
	struct yoy_doc *(*doc)(void *store, const char *rev);
	void (*close)(void *store);
};
/* The program yoy-diff.  Without `rev`, --store runs yoy-store as
 * yoy-diff, which calls this with them. */
int yoy_diff_main(int argc, char **argv, const struct yoy_diff_store *rev);

/* A cell's edit script: blocks, each a run of tokens kept, deleted or
 * inserted.  An op with `block` set starts a block of `type`. */
enum yoy_opkind { YOY_OP_SAME, YOY_OP_DEL, YOY_OP_INS };
struct yoy_op {
	enum yoy_opkind kind;
	int block;
	enum yoy_type type;
	const char *s;
	size_t len;
};
struct yoy_script {
	struct yoy_op *op;
	size_t n, cap;
};
#define YOY_SCRIPT_INIT { NULL, 0, 0 }
/* Fills `script` (emptied first) for `cell` and counts its words. */
void yoy_diff_script(struct yoy_diff *, struct yoy_cell *,
	struct yoy_script *);
void yoy_script_free(struct yoy_script *);

enum yoy_format { YOY_FMT_TEXT, YOY_FMT_TSV, YOY_FMT_XML, YOY_FMT_HTML };
struct yoy_diff_out {
	enum yoy_format format;
	int color;                      /* text: ANSI colours, not brackets */
	int all;                        /* same cells too */
	const char *name[2];            /* the inputs, as given */
	const char *output;             /* for messages; NULL: stdout */
};
/* Writes the result; -1 on a write error (reported). */
int yoy_diff_write(struct yoy_diff *, FILE *, const struct yoy_diff_out *);

/* ----------------------------------------------------------------- store */

struct yoy_store;
/* Creates a bare store at `dir`; -1 after a diagnostic. */
int yoy_store_init(const char *dir);
struct yoy_store *yoy_store_open(const char *dir);     /* NULL: reported */
void yoy_store_close(struct yoy_store *);

struct yoy_import_opts {
	const char *date;       /* YYYY-MM-DD; NULL: the editions' own */
	const char *tag;
	const char *message;
	int fsync;
};
/* One commit on main for the editions given together: 0 committed, 1
 * nothing new (no commit), -1 trouble (reported; main as it was). */
int yoy_store_import(struct yoy_store *, struct yoy_doc **docs,
	const char **names, int ndocs, const struct yoy_import_opts *);
/* A revision reassembled as one canonical document (action and dept
 * restrict it; 0 and NULL for all).  NULL after a diagnostic. */
struct yoy_doc *yoy_store_doc(struct yoy_store *, const char *rev,
	int action, const char *dept);
int yoy_store_ls(struct yoy_store *, const char *rev, FILE *);
int yoy_store_log(struct yoy_store *, FILE *, int action, const char *dept);
/* Reads back every object, and every edition of main and of each tag as
 * valid canonical XML; each problem said.  0 none, 1 some, -1 trouble. */
int yoy_store_verify(struct yoy_store *, FILE *);
int yoy_store_push(struct yoy_store *, const char *remote);
int yoy_store_pull(struct yoy_store *, const char *remote);
const char *yoy_libgit2_version(void);

/* ----------------------------------------------------------------- check */

enum yoy_rule {
	YOY_RULE_SCHEMA, YOY_RULE_PLACEHOLDER, YOY_RULE_EDITORIAL,
	YOY_RULE_EMPTY, YOY_RULE_DUPLICATE, YOY_RULE_UNKNOWN,
	YOY_RULE_MISSING_ENTRY, YOY_RULE_MISSING_DEPT, YOY_RULE_STALE,
	YOY_RULE_INCONSISTENT, YOY_RULE_LINK,
	YOY_RULE_N
};
const char *yoy_rule_name(enum yoy_rule);
enum yoy_level yoy_rule_level(enum yoy_rule);
int yoy_rule_from_name(const char *name, size_t len);  /* -1 if unknown */

struct yoy_check_opts {
	unsigned rules;                 /* bit (1 << rule): the rule runs */
	const struct yoy_doc *previous; /* --previous: missing-department */
	const char *previous_name;
	const struct yoy_doc *against;  /* --against: inconsistent */
	const char *against_name;
	const char **expect;            /* --expect: ids every action has */
	size_t nexpect;
	int verbose;                    /* -v: inconsistent's word diff */
};

struct yoy_finding {
	const char *file;
	int fileno;                     /* the order of the files given */
	unsigned line, srcline;         /* in the file; in its source */
	enum yoy_level level;
	enum yoy_rule rule;
	char *msg, *detail;             /* detail: -v's diff, or NULL */
	size_t seq;
};
struct yoy_findings {
	struct yoy_finding *v;
	size_t n, cap;
};

/* The placeholder patterns: the built-in table, then a file's (one PCRE2
 * pattern a line); -1 after a diagnostic. */
int yoy_check_patterns(const char *path);
void yoy_check_free(void);
/* Runs the rules over document `d`, read from buf (for the schema). */
void yoy_check_doc(struct yoy_findings *, const char *file, int fileno,
	const char *buf, size_t len, const struct yoy_doc *d,
	const struct yoy_check_opts *);
/* By file, then line. */
void yoy_check_sort(struct yoy_findings *);
enum yoy_check_format { YOY_CHECK_TEXT, YOY_CHECK_JUNIT, YOY_CHECK_SARIF };
/* Writes the findings; returns the exit status they make: 1 when one is
 * at `fail` or above, else 0; 2 after a write error (said). */
int yoy_check_write(const struct yoy_findings *, FILE *,
	enum yoy_check_format, unsigned rules, enum yoy_level fail);
void yoy_findings_free(struct yoy_findings *);

#endif
