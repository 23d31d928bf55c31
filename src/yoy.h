/*
 * yoy: the Government Digital Strategy's yearly reports as canonical XML.
 *
 * The library's public API: what a program, or another tool linking
 * libyoy, may call.  src/internal.h holds the rest, for the library's own
 * files.
 *
 * Return values.  A function that can fail returns an int: 0 on success,
 * -1 on trouble, or a pointer, NULL on trouble.  Trouble has been said
 * through the diagnostics (yoy_diag) before the function returns, so a
 * caller only passes the -1 on.  Where a function says more than success
 * or failure it keeps that sign: 1 for "differences" or "findings" (the
 * programs' exit status 1), a count of findings, never negative.  Out of
 * memory is said and exits 2.
 *
 * Ownership.  A `_new` or `_open` is paired with a `_free` or `_close`.
 * Everything a document holds (nodes, strings) lives in the document
 * and goes with yoy_doc_free().  A reader (yoy_md_add, yoy_txt_read,
 * yoy_html_read) takes the input buffer it is given, which must come from
 * yoy_malloc (yoy_buf_read_file, for one) and be NUL-terminated at
 * buf[len]: the document frees it, when it is done with it or at
 * yoy_doc_free() at the latest.  The caller must not free it.
 *
 * Global state.  The diagnostics keep the program's name, the -W
 * threshold and the worst level said so far (yoy_diag_status); the
 * registry keeps the departments loaded (yoy_registry_load); the check
 * keeps its placeholder patterns (yoy_check_patterns); PCRE2's compiled
 * patterns are made on first use.  All are process-wide and not
 * thread-safe: one thread calls the library.
 */
#ifndef YOY_H
#define YOY_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>      /* ssize_t */

/* The library's version, "MAJOR.MINOR.PATCH": the Makefile's VERSION. */
const char *yoy_version(void);
/* --version's second line */
#define YOY_LICENCE "ISC licence: free to use, change and share, with no warranty (LICENSE)"

/* ---------------------------------------------------------------- memory */

void *yoy_malloc(size_t n);             /* never NULL: exits 2 when out */
void *yoy_realloc(void *p, size_t n);
char *yoy_strndup(const char *s, size_t n);

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
/* Reads a whole file ("-" or NULL: standard input); -1 and a diagnostic
 * on failure. */
int yoy_buf_read_file(struct yoy_buf *, const char *path);
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
/* How many fatal diagnostics have been said: a program that handles many
 * inputs tells one's trouble by the count before and after it. */
unsigned long yoy_diag_fatals(void);
const char *yoy_diag_prog(void);
/* Name to print for a path: "<stdin>" for NULL or "-". */
const char *yoy_diag_name(const char *path);
/* Appends a file name as messages show it: quoted and escaped ('a\nb')
 * when it holds a control character or a byte that is not UTF-8. */
void yoy_diag_put_name(struct yoy_buf *, const char *name);
/* Routes libxml2's own messages through yoy_diag (its output errors are
 * left to the writer, which says "write error"); every main calls it. */
void yoy_xml_errors_init(void);
/* -------------------------------------------------------------- document */

enum yoy_type {
	YOY_REPORT, YOY_META, YOY_BODY,
	/* meta */
	YOY_TYPE, YOY_DATE, YOY_NOTICE, YOY_PATH, YOY_ORGANISATION,
	YOY_WITHDRAWN, YOY_HISTORY, YOY_CHANGE, YOY_SOURCE,
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
};
/* A document: a report, its meta and its body. */
struct yoy_doc;
struct yoy_node *yoy_doc_root(const struct yoy_doc *);
struct yoy_node *yoy_doc_body(const struct yoy_doc *);

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
/* Whether any of its children does: else it holds inline content. */
int yoy_node_holds_block(const struct yoy_node *);

/* ------------------------------------------------------------------ text */

/* Checks UTF-8 with PCRE2 and that every character can stand in XML.
 * Reports each fault (file:line:col) and returns their number. */
int yoy_text_check(const char *s, size_t len, const char *file);
/* Folds white space in place: runs of ASCII white space, no-break spaces
 * (U+00A0, U+2007, U+202F) become one space; zero-width spaces (U+200B,
 * U+2060, U+FEFF) go; leading and trailing white space goes.  Returns the
 * new length. */
size_t yoy_text_fold(char *s, size_t len);
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

const char *yoy_pcre2_version(void);

/* -------------------------------------------------------------- registry */

struct yoy_dept {
	const char *id;     /* GOV.UK organisation slug */
	const char *name;   /* canonical name */
	const char *abbr;   /* "HMRC": the first other spelling when it is
	                       one word of 8 characters at most, or NULL */
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

struct yoy_xml_stream;
struct yoy_md_opts {
	const char *include_dir;    /* where {include x} finds partials */
	const char *year;           /* statements' year (default 2012) */
	/* when set, each finished part of the body is written into the
	 * stream and freed: the tree then holds only what is being read,
	 * and yoy_md_finish leaves it empty; write the document with
	 * yoy_xml_stream_output */
	struct yoy_xml_stream *stream;
	size_t stream_at;   /* once the body's nodes take this many bytes
	                       (0: 128 KB); 1 streams at every chance */
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
/* Writes a program's result to `path` (standard output when NULL), with
 * diagnostics on failure; -1 then. */
int yoy_xml_output(const struct yoy_doc *, const char *path,
	const struct yoy_write_opts *);
/* A body written as it is read (yoy_md_opts.stream): the bytes the
 * whole tree would give, without holding it. */
struct yoy_xml_stream *yoy_xml_stream_new(const struct yoy_write_opts *);
void yoy_xml_stream_free(struct yoy_xml_stream *);
/* Writes `doc`, whose body's first part the stream holds, as
 * yoy_xml_output does. */
int yoy_xml_stream_output(const struct yoy_xml_stream *,
	const struct yoy_doc *, const char *path);
/* The same bytes into `out`, emptied first. */
int yoy_xml_stream_write_buf(const struct yoy_xml_stream *,
	const struct yoy_doc *, struct yoy_buf *out);
/* Reads canonical XML (no DTD, no entities, no network). NULL on error. */
struct yoy_doc *yoy_xml_read(const char *buf, size_t len, const char *file);
/* The same, streamed from a file ("-" or NULL: standard input). */
struct yoy_doc *yoy_xml_read_file(const char *path);
/* The same as yoy_xml_read_file, but a regular file is mapped and its
 * entries are checked, not built: each entry's content stays bytes of
 * the file, noted in `*lazy`, until a diff asks for it.  For comparing
 * editions, most of whose entries are the same.  `*lazy` is NULL when the
 * document was read whole (standard input, a pipe); free it with
 * yoy_lazy_free, which unmaps the file, after the diff. */
struct yoy_lazy;
struct yoy_doc *yoy_xml_read_lazy(const char *path, struct yoy_lazy **lazy);
void yoy_lazy_free(struct yoy_lazy *);
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
/* Adds one GOV.UK page or bare body to `doc`; `buf` is taken (freed
 * once parsed).  Returns -1 on trouble (already reported). */
int yoy_html_read(struct yoy_doc *, char *buf, size_t len, const char *file,
	const struct yoy_html_opts *);
/* Whether `buf` is JSON, as a GOV.UK Content API item is. */
int yoy_content_is_item(const char *buf, size_t len);
/* Adds a Content API item: details.body read as yoy_html_read reads a
 * body (the item's title the page's, unless o->title), the item's fields
 * into meta; `buf` is taken.  -1 on trouble (said: malformed JSON at
 * its line and column, no body). */
int yoy_content_read(struct yoy_doc *, char *buf, size_t len,
	const char *file, const struct yoy_html_opts *o);
const char *yoy_jansson_version(void);
/* ---------------------------------------------------------------- source */

/* The formats yoy reads. */
enum yoy_input_format {
	YOY_INPUT_UNKNOWN, YOY_INPUT_XML, YOY_INPUT_HTML, YOY_INPUT_MD,
	YOY_INPUT_TXT
};
/* "xml", "html", "md", "txt" */
const char *yoy_input_format_name(enum yoy_input_format);
int yoy_input_format_from_name(const char *);       /* -1 if unknown */
/* An input's format from its content (a yoy report, a web page), else
 * from its name's extension; YOY_INPUT_UNKNOWN when neither tells. */
enum yoy_input_format yoy_input_format_detect(const char *buf, size_t len,
	const char *file);
/* What the converters' options give their readers. */
struct yoy_source_opts {
	const char *department;     /* text, HTML: the page's department */
	const char *title;          /* HTML: the page's title */
	const char *include_dir;    /* markdown: where partials are */
	const char *year;           /* markdown: statements' year */
};
/* One input of format `f` as one whole document, read as its converter
 * reads it (`o` may be NULL); `buf` is taken.  NULL after a diagnostic. */
struct yoy_doc *yoy_source_read(enum yoy_input_format f, char *buf,
	size_t len, const char *file, const struct yoy_source_opts *o);

/* ------------------------------------------------------------------ diff */

enum yoy_status { YOY_SAME, YOY_CHANGED, YOY_ADDED, YOY_REMOVED };
const char *yoy_status_name(enum yoy_status);

struct yoy_diff_opts {
	int action;                     /* --action: 0 for all */
	const char *department;         /* --department: a slug, or NULL */
	enum yoy_kind kind;             /* --kind: YOY_KIND_NONE for all */
	int year;                       /* --year: 0 for all */
	int years;                      /* --years: one document, year on year */
	int ignore_typography;
	int all;                        /* every cell's script will be
	                                   asked for, the same ones too */
};

struct yoy_diff;

/* Matches the cells of `old` and `new` by key (with opts->years, `new`
 * is NULL and `old` is compared with itself year on year) and says which
 * are the same.  The documents must outlive the result. */
struct yoy_diff *yoy_diff_new(const struct yoy_doc *old,
	const struct yoy_doc *new, const struct yoy_diff_opts *);
/* The same for documents read with yoy_xml_read_lazy (a table may be
 * NULL): entries whose bytes are equal are the same unread; the others
 * are read before this returns, and the result never reads again. */
struct yoy_diff *yoy_diff_lazy(const struct yoy_doc *old,
	struct yoy_lazy *old_lazy, const struct yoy_doc *new,
	struct yoy_lazy *new_lazy, const struct yoy_diff_opts *);
void yoy_diff_free(struct yoy_diff *);
/* How many cells differ (yoy-diff exits 1 when any does). */
size_t yoy_diff_changes(const struct yoy_diff *);

enum yoy_format { YOY_FMT_TEXT, YOY_FMT_TSV, YOY_FMT_XML, YOY_FMT_HTML };
struct yoy_diff_out {
	enum yoy_format format;
	int color;                      /* text: ANSI colours, not brackets */
	int all;                        /* same cells too */
	const char *name[2];            /* the inputs, as given */
	const char *output;             /* for messages; NULL: stdout */
	/* html: each edition's date when its meta has none to say (a
	 * store revision's, YYYY-MM-DD), and a stylesheet added after the
	 * page's own (its text) */
	const char *date[2];
	const char *css;
};
/* Writes the result; -1 on a write error (reported).  The html review
 * page shows every cell, the same ones too: make the diff with
 * yoy_diff_opts.all. */
int yoy_diff_write(struct yoy_diff *, FILE *, const struct yoy_diff_out *);
/* The review page split: a page per department and per action, and
 * index.html linking them, in `dir` (made when missing); -1 after a
 * diagnostic. */
int yoy_diff_html_split(struct yoy_diff *, const char *dir,
	const struct yoy_diff_out *);

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
/* An import: the documents of one edition added one at a time (each
 * made into its cells as it comes, and then no longer needed), one
 * commit on main for them all.  `o` and its strings outlive it. */
struct yoy_import;
struct yoy_import *yoy_store_import_new(struct yoy_store *,
	const struct yoy_import_opts *o);
/* 0, or -1 after a diagnostic (`d` NULL: its input could not be read);
 * an import given one that fails commits nothing. */
int yoy_store_import_add(struct yoy_import *, const struct yoy_doc *d,
	const char *name);
/* 0 committed, 1 nothing new (no commit), -1 trouble (reported; main as
 * it was).  Frees the import. */
int yoy_store_import_commit(struct yoy_import *);
void yoy_store_import_free(struct yoy_import *);        /* not committed */
/* A revision reassembled as one canonical document (action and dept
 * restrict it; 0 and NULL for all).  NULL after a diagnostic. */
struct yoy_doc *yoy_store_doc(struct yoy_store *, const char *rev,
	int action, const char *dept);
/* The date of a revision's commit, the edition's: "YYYY-MM-DD". */
int yoy_store_rev_date(struct yoy_store *, const char *rev, char date[11]);
int yoy_store_ls(struct yoy_store *, const char *rev, FILE *);
int yoy_store_log(struct yoy_store *, FILE *, int action, const char *dept);
/* An edition in the history of main: its commit id (40 hex digits), its
 * parent's ("" for the first edition), its date (YYYY-MM-DD) and its
 * log line ("id date (tag) summary"). */
struct yoy_log_entry {
	const char *id, *parent, *date, *line;
};
/* Each edition of main that changed the cells asked for (action and
 * dept restrict; 0 and NULL for all), newest first, given to `each`,
 * which returns 0 to go on or -1 to stop (after a diagnostic).  0, or
 * -1 after a diagnostic. */
int yoy_store_log_each(struct yoy_store *, int action, const char *dept,
	int (*each)(void *ctx, const struct yoy_log_entry *), void *ctx);
/* For each department cell of main asked for, "PATH LOGLINE": the
 * edition since which its file has been the same. */
int yoy_store_since(struct yoy_store *, FILE *, int action, const char *dept);
/* Reads back every object, and every edition of main and of each tag as
 * valid canonical XML; each problem said.  0 none, 1 some, -1 trouble. */
int yoy_store_verify(struct yoy_store *, FILE *);
/* Every object main and the tags reach repacked into one pack, under the
 * store's lock, the old packs removed once the new one is durable; 0,
 * or -1 after a diagnostic. */
int yoy_store_gc(struct yoy_store *);
/* How remotes are reached: over SSH with this key file (NULL: the SSH
 * agent's keys); over HTTP(S) with the token in YOY_STORE_TOKEN, else
 * what git's credential helpers give. */
struct yoy_remote_opts {
	const char *ssh_key;
};
/* main and the tags to a remote (a name the store's configuration
 * knows, or a URL), or from it (main only fast-forwards); 0, or -1
 * after a diagnostic.  `o` may be NULL. */
int yoy_store_push(struct yoy_store *, const char *remote,
	const struct yoy_remote_opts *o);
int yoy_store_pull(struct yoy_store *, const char *remote,
	const struct yoy_remote_opts *o);
/* A new store at `dir` (not there, or an empty directory) holding what
 * `url` holds; on failure what it made is removed.  0, or -1 after a
 * diagnostic. */
int yoy_store_clone(const char *url, const char *dir,
	const struct yoy_remote_opts *o);
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
	enum yoy_input_format from;     /* --from; UNKNOWN: each one's own */
	struct yoy_source_opts source;  /* the readers' options */
	int locate_xml;                 /* --locate xml: XML's own lines */
};

struct yoy_finding {
	char *file;                     /* where: the source, or the XML */
	int fileno;                     /* the input's place in the order */
	unsigned line, col;             /* 0: unknown; col in characters */
	enum yoy_level level;
	enum yoy_rule rule;
	char *msg, *detail;             /* detail: -v's diff, or NULL */
	char *cell;                     /* "2/cabinet-office/plan/2015", as
	                                   much as is known ("" outside) */
	char *quote;                    /* the words flagged, or NULL */
	char fingerprint[17];           /* yoy_check_sort's: rule, cell,
	                                   words, not the line */
	size_t seq;
};
struct yoy_findings {
	struct yoy_finding *v;
	size_t n, cap;
	char **inputs;                  /* each input's name, in order */
	size_t ninputs;
};
#define YOY_FINDINGS_INIT { NULL, 0, 0, NULL, 0 }

/* The placeholder patterns: the built-in table, then a file's (one PCRE2
 * pattern a line); -1 after a diagnostic. */
int yoy_check_patterns(const char *path);
void yoy_check_free(void);
/* Reads an input (NULL or "-": standard input) in its format (o->from,
 * else yoy_format_detect's; a diagnostic when neither tells): for
 * --previous and --against.  NULL after a diagnostic. */
struct yoy_doc *yoy_check_read(const char *path, const struct yoy_check_opts *);
/* Reads an input so and runs the rules over it; its findings point at
 * its source: the input itself, or for canonical XML that carries source
 * lines the file its meta/source names.  -1 after trouble (said). */
int yoy_check_file(struct yoy_findings *, const char *path,
	const struct yoy_check_opts *);
/* By input, line and column; then each finding's fingerprint. */
void yoy_check_sort(struct yoy_findings *);
/* 1 when a finding is at `fail` or above, else 0. */
int yoy_check_status(const struct yoy_findings *, enum yoy_level fail);
enum yoy_check_format {
	YOY_CHECK_TEXT, YOY_CHECK_JUNIT, YOY_CHECK_SARIF, YOY_CHECK_GITHUB,
	YOY_CHECK_CODEQUALITY
};
const char *yoy_check_format_name(enum yoy_check_format);
int yoy_check_format_from_name(const char *);         /* -1 if unknown */
/* What a report says beside the findings. */
struct yoy_report_opts {
	unsigned rules;                 /* those that ran */
	enum yoy_level fail;            /* -W */
	const char *source_root;        /* SARIF's %SRCROOT%; NULL: the
	                                   current directory */
	int exit_status;                /* SARIF's invocation */
};
/* Writes the findings in `format` to `out` (named `name` in a write
 * error's message); -1 after a write error (said). */
int yoy_check_write(const struct yoy_findings *, FILE *out, const char *name,
	enum yoy_check_format, const struct yoy_report_opts *);
void yoy_findings_free(struct yoy_findings *);

#endif
