/*
 * yoy's internal header: what the library's files share and a program
 * never calls.  yoy.h's rules (return values, ownership, global state)
 * hold here too.
 *
 * The library's folders, lowest first; a file calls only its own folder
 * and those below it (tests/layers.sh checks):
 *
 *   base/    allocation, arenas, buffers, the string map, input files,
 *            diagnostics
 *   model/   the document, text, patterns, the department registry
 *   xml/     the canonical form written, streamed (stream.c), read, lazily
 *            too, and validated; libxml2 output trees for the diff's and
 *            the check's markup
 *   read/    the readers: the shared structure rules (shape.c), plain
 *            text, markdown, GOV.UK HTML and Content API items; any
 *            source by its format (source.c)
 *   diff/    cells matched, tokens and edit scripts (Myers), output, the
 *            review page (html.c)
 *   store/   editions in git through libgit2
 *   check/   the publication checks, where their words are in the
 *            source, and their reports
 */
#ifndef YOY_INTERNAL_H
#define YOY_INTERNAL_H

#include <git2.h>
#include <libxml/tree.h>

#include "yoy.h"

/* ---------------------------------------------------------------- memory */

/* The name out of memory is said under (yoy_diag_init sets it). */
void yoy_alloc_prog(const char *name);
/* Says "out of memory" and exits 2. */
void yoy_oom(void) __attribute__((noreturn));

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

/* Gives back the memory of the whole pages strictly inside [from, to),
 * the part of a buffer (from past its first byte) that will not be read
 * again: it reads as zeros after. */
void yoy_buf_release(const char *from, const char *to);
/* Marks untouched memory p[0..n) for transparent huge pages: the kernel
 * backs with them its parts on a 2 MB boundary. */
void yoy_mem_huge(void *p, size_t n);
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
/* Empties the map, keeping its room. */
void yoy_map_clear(struct yoy_map *);
/* The stored key of a slot yoy_map_at returned. */
const char *yoy_map_key(const struct yoy_map *, const size_t *at);
void yoy_map_free(struct yoy_map *);

/* ----------------------------------------------------------- diagnostics */

/* Appends text with its control characters and stray bytes escaped
 * (\n, \xHH): a message stays one line. */
void yoy_diag_put_text(struct yoy_buf *, const char *s);
/* The length of the valid UTF-8 character at s (at most `left` bytes),
 * or 0 when s starts no valid character. */
size_t yoy_utf8_len(const unsigned char *s, size_t left);
/* Puts yoy's handler back after code that installed its own. */
void yoy_xml_errors_default(void);

/* -------------------------------------------------------------- document */


struct yoy_doc {
	struct yoy_arena *arena;
	struct yoy_node *root;      /* report */
	struct yoy_node *meta, *body;
	struct adopted *adopted;    /* buffers freed with the document */
	size_t made[YOY_NTYPES];    /* nodes made of each type: a bound on
	                               those linked, for sizing arrays */
};

/* Where the document's nodes and strings come from from now on: `a`,
 * which the caller frees (or joins to the document's own) once no node
 * of it is linked.  Returns the arena used before.  For a reader that
 * frees finished parts as it goes (md.c, streaming). */
struct yoy_arena *yoy_doc_use_arena(struct yoy_doc *, struct yoy_arena *a);

/* ------------------------------------------------------------------ text */

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
/* ------------------------------------------------------------------- xml */

/* What a writer is told of a body written in part already (stream.c):
 * the bytes written, and the nodes whose start tags are among them. */
struct yoy_xml_part {
	const struct yoy_buf *bytes;
	const struct yoy_node *const *open;
	size_t nopen;
};
/* Whether `n`'s start tag is among the bytes of `part` (NULL: none). */
int yoy_xml_part_opened(const struct yoy_xml_part *part,
	const struct yoy_node *n);
/* Appends to `out` the XML of `n`, a node of a body, at its depth: its
 * start tag alone when `start_only`, else all of it `part` does not
 * hold (its end tag too).  -1 on failure. */
int yoy_xml_write_node(struct yoy_buf *out, const struct yoy_node *n,
	int start_only, const struct yoy_write_opts *,
	const struct yoy_xml_part *part);
/* yoy_xml_output and yoy_xml_write_buf, the body's first part `part`. */
int yoy_xml_output_part(const struct yoy_doc *, const char *path,
	const struct yoy_write_opts *, const struct yoy_xml_part *part);
int yoy_xml_write_buf_part(const struct yoy_doc *, struct yoy_buf *out,
	const struct yoy_write_opts *, const struct yoy_xml_part *part);
/* The stream, fed: `n`, a finished node of the body (what is left of it,
 * when opened), or the start tag of `n`, an open node whose children
 * follow.  -1 on failure. */
int yoy_xml_stream_put(struct yoy_xml_stream *, const struct yoy_node *n);
int yoy_xml_stream_open(struct yoy_xml_stream *, const struct yoy_node *n);
/* Whether `n`'s start tag is in the stream; whether anything is. */
int yoy_xml_stream_opened(const struct yoy_xml_stream *,
	const struct yoy_node *n);
int yoy_xml_stream_started(const struct yoy_xml_stream *);
/* Opened node `from` is now `to` (the reader copied it). */
void yoy_xml_stream_moved(struct yoy_xml_stream *, const struct yoy_node *from,
	const struct yoy_node *to);
/* Entry `n`'s place in the table, looked for from *at on, then from the
 * start, *at left past it: entries asked for in document order are each
 * found where the last one left off.  -1 when `n` is not one of the
 * table's entries. */
long yoy_lazy_find(const struct yoy_lazy *, const struct yoy_node *n,
	size_t *at);
/* Entry `i`'s content as bytes of the source while it is unread (its end
 * tag included), else NULL. */
const char *yoy_lazy_bytes(const struct yoy_lazy *, size_t i, size_t *len);
/* Reads entry `i`'s content into the tree; 0 (also when it is read
 * already, or empty), -1 on trouble (said). */
int yoy_lazy_expand(struct yoy_lazy *, size_t i);
/* ------------------------------------------------------------------ html */

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
	enum yoy_status status;
	int year[2];                    /* entries: the old's and the new's */
	uint32_t lazy[2];               /* node[i] unread: its place in the
	                                   lazy table, plus one; else 0 */
	const char *label;              /* the entry's label, new's first */
	const char *section;            /* sections: "Title › Subtitle" */
	const struct yoy_node *node[2]; /* old, new; NULL where absent */
	struct yoy_block *blk[2];
	size_t nblk[2];
	/* counted by yoy_diff_script */
	size_t words[2], deleted, inserted;
};

struct yoy_diff {
	struct yoy_cell *cell;          /* in output order */
	size_t n;
	size_t count[4];                /* entries, by status */
	size_t other[4];                /* intros and sections, by status */
	const struct yoy_doc *doc[2];
	struct yoy_lazy *lazy[2];       /* each side's unread entries */
	size_t lazy_at[2];              /* where collect looks next in them */
	int all;                        /* every cell's blocks made */
	struct yoy_arena *arena;
	struct yoy_differ *differ;
};

/* The diff's working parts (diff/): blocks as gathered, tokens read
 * off them, the symbol table and the scratch of one comparison. */
struct yoy_blocks {
	struct yoy_block *v;
	size_t n, cap;
};

/* A token: a word, a run of punctuation or of white space, or the
 * boundary between two blocks (of the type of the block after it). */
struct yoy_tok {
	const char *s;
	size_t len;
	unsigned char word;
	unsigned char sep;
	enum yoy_type type;
};

/* The tokens of blocks [bi, to) of one side, one at a time: they are
 * read off the blocks' text (which the documents hold) when they are
 * needed, never stored, so that a cell of a million words costs its
 * symbols (4 bytes a token) and edit flags (1), not a table of them. */
struct yoy_cursor {
	const struct yoy_block *b;
	size_t bi, to;
	const unsigned char *p, *end;
};

/* A symbol table entry: a key (text, and a block's type) and its id. */
struct yoy_sym_ent {
	const char *k;
	uint32_t len, h, id, type;
};

/* Scratch of one cell's comparison, kept between cells. */
struct yoy_differ {
	int typo;
	struct yoy_buf keys;    /* --ignore-typography: normalized keys */
	struct yoy_sym_ent *tab;    /* open addressing, grown with the symbols */
	size_t cap, size;       /* allocated; in use (a power of two) */
	unsigned nid;
	unsigned *seq;          /* each token's symbol: old's, then new's */
	size_t nseq, seqcap;
	char *flags;
	size_t flagcap;
	struct yoy_buf na, nb;  /* normalized blocks, for equality */
	struct yoy_blocks bl;   /* a cell's blocks, as made */
	struct yoy_buf text;
};

/* Appends `s` with typography folded (--ignore-typography): quotes,
 * dashes, ellipses and white space alike. */
void yoy_tok_normalize(const char *s, size_t len, struct yoy_buf *out);
/* A cursor over the tokens of blocks [from, to) of `b`; the next token
 * into `t`, 0 at the end. */
void yoy_tok_cursor(struct yoy_cursor *, const struct yoy_block *b,
	size_t from, size_t to);
int yoy_tok_next(struct yoy_cursor *, struct yoy_tok *t);
/* The words of `s`. */
size_t yoy_tok_words(const char *s, size_t len);
/* Empties the symbol table; the symbol of text `s` (of block type
 * `type`, 0 for a token); appends a symbol to the sequence. */
void yoy_sym_reset(struct yoy_differ *);
unsigned yoy_sym(struct yoy_differ *, const char *s, size_t len,
	unsigned type);
void yoy_sym_push(struct yoy_differ *, unsigned id);
/* The symbols of the tokens of blocks [from, to) of `b`, pushed; their
 * count.  (Here, beside the cursor and the table, so that the loop over
 * a cell's tokens calls neither.) */
size_t yoy_sym_blocks(struct yoy_differ *, const struct yoy_block *b,
	size_t from, size_t to);

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

/* -------------------------------------------------------------- patterns */

/* The library's PCRE2 pattern table (model/pattern.c). */

enum yoy_re {
	YOY_RE_LABEL,       /* entry labels: commitments, progress, plans */
	YOY_RE_ACTION,      /* "Action 2: …" */
	YOY_RE_DATE,        /* "Updated 16 January 2015" */
	YOY_RE_NOTICE,      /* "This was published under the …" */
	YOY_RE_DOCTYPE,     /* "Policy paper" */
	YOY_RE_DEPT_PAGE,   /* "CO's actions in response to …" */
	YOY_RE_BULLET,      /* "• item", "- item", "* item" */
	YOY_RE_CAPTION,     /* "Figure 1: …" */
	YOY_RE_ANNEX,       /* "Annex 1: …" */
	YOY_RE_BR,          /* "<br>", "<br/>", "<br />" */
	YOY_RE_SLUG,        /* a department id: "cabinet-office" */
	YOY_RE_MD_DIRECTIVE,    /* "{div .x}", "{/div}", "{: .ial}", … */
	YOY_RE_MD_HTMLDIV,  /* "<div class=…>" or "</div>" alone on a line */
	YOY_RE_MD_TABLESEP, /* "---|:---:|" */
	YOY_RE_MD_FOOTDEF,  /* "[^1]: text" */
	YOY_RE_MD_DLDEF,    /* ": definition" */
	YOY_RE_MD_ATX,      /* "##Heading" (no space) */
	YOY_RE_MD_SUP,      /* "3^rd^" */
	YOY_RE_MD_PDF,      /* "{PDF=file.pdf}" */
	YOY_RE_MD_MARKER,   /* a paragraph that is only "[…]" (and emphasis) */
	YOY_RE_MD_BRACKET,  /* "[^1]" or "[…]" inside text */
	YOY_RE_MD_TAG,      /* an inline HTML tag */
	YOY_RE_MD_ATTR,     /* name="value" in a tag */
	YOY_RE_HTML_CHARSET,    /* <meta charset=…> (bytes, not UTF-8) */
	YOY_RE_HTML_GOVSPEAK,   /* a start tag of class "govspeak" */
	YOY_RE_HTML_NUMBER,     /* a heading's number: "1. ", "1.2 " */
	YOY_RE_SECTION_NUMBER,  /* a section's number: "01 ", "2.1 ", "3. " */
	YOY_RE_UTF8,        /* the empty pattern, run for its UTF-8 check */
	YOY_RE_N
};

/* Matches validated UTF-8 `s`; fills up to `novec` ovector offsets
 * (unset groups as (size_t)-1).  Returns 0 when there is no match. */
int yoy_re_match(enum yoy_re, const char *s, size_t len, size_t *ov,
	int novec);

/* ----------------------------------------------------------------- shape */

/* The action › department › entry tree that every reader builds
 * (read/shape.c).  The readers find headings, labels and blocks in their
 * own syntax; the rules for what they become live there, once, so that
 * the same page reaches the same tree whatever it was written in. */

/* The deepest node a reader makes: deeper elements only wrap their text
 * (each level is a frame of the writer's and the checks' recursion). */
#define YOY_MAX_NEST 40

enum yoy_page {
	YOY_PAGE_GENERIC,   /* sections; "Action N:" headings are actions */
	YOY_PAGE_ACTION,    /* "Action N: …": department headings, entries */
	YOY_PAGE_DEPT       /* "CO's actions …": actions, entries */
};

struct yoy_shape {
	struct yoy_doc *doc;
	const char *file;           /* for diagnostics */
	enum yoy_page page;
	const char *page_id, *page_name;    /* YOY_PAGE_DEPT */
	const char *year;           /* a statement's year ("2012") */
	struct yoy_node *section, *action, *dept, *entry;
	struct yoy_label last;      /* the current entry's label */
	int titled;                 /* the current action has its title */
	int depts;                  /* the current action has departments */
	/* the current action's department ids, for "appears twice" in
	 * linear time; their own arena, since a reader may free nodes */
	struct yoy_map ids;
	struct yoy_arena *ids_arena;
};

void yoy_shape_init(struct yoy_shape *, struct yoy_doc *, const char *file,
	const char *department);
void yoy_shape_free(struct yoy_shape *);
/* Sets the page kind from the page's title ("Action 2: …", "CO's actions
 * in response to …") unless a department was given; a per-action page
 * opens its action. */
void yoy_shape_page(struct yoy_shape *, const char *title, size_t len,
	unsigned line);
/* Sets a meta field (its text copied) unless set already: with several
 * inputs the first one's stands. */
void yoy_shape_meta(struct yoy_shape *, enum yoy_type, const char *s,
	size_t len, unsigned line);
/* A date of the page, "2015-01-16", of kind "published" or "updated":
 * the first of each kind stands, published before updated. */
void yoy_shape_date(struct yoy_shape *, const char iso[11], const char *kind,
	unsigned line);
/* Where a block of `line` goes now: the entry; the action, before its
 * departments; the section or the body.  Under a department outside any
 * entry, a statement (a commitment entry of sh->year), warned. */
struct yoy_node *yoy_shape_container(struct yoy_shape *, unsigned line);
/* Opens action `num` under `parent` (the body when NULL). */
struct yoy_node *yoy_shape_action(struct yoy_shape *, struct yoy_node *parent,
	int num, unsigned line);
/* Whether department heading `text` has an action to open its
 * department in: 0, with a warning, when it has not. */
int yoy_shape_dept_heading(struct yoy_shape *, const char *text,
	unsigned line);
/* Opens a department of the current action; warns when it is there
 * already. */
void yoy_shape_dept(struct yoy_shape *, const char *id, const char *name,
	unsigned line);
/* Opens a department known only by its heading: a slug made from it, and
 * a warning. */
void yoy_shape_unknown_dept(struct yoy_shape *, const char *name,
	size_t len, unsigned line);
/* Opens the current department's statement: an entry, the commitment of
 * sh->year, without a label. */
struct yoy_node *yoy_shape_statement(struct yoy_shape *, unsigned line);
/* Closes the current entry (YOY_ENTRY), department and entry
 * (YOY_DEPARTMENT), or action, department and entry (YOY_ACTION). */
void yoy_shape_end(struct yoy_shape *, enum yoy_type);
/* Opens an entry labelled `label`; 0 (with a warning) when there is no
 * action or department to hold it. */
int yoy_shape_entry(struct yoy_shape *, const char *label, size_t len,
	const struct yoy_label *, unsigned line);
/* Whether the first block of the current action should be its title (a
 * per-action page's statement); marks it taken. */
int yoy_shape_take_title(struct yoy_shape *);

/* ----------------------------------------------------------------- store */

/* What the store's files share (store/).  */

#define MAIN "refs/heads/main"

struct yoy_store {
	git_repository *repo;
	const char *dir;        /* as given, for messages */
	int lock;               /* yoy.lock while writing, or -1 */
};

void yoy_store_lib_init(void);
/* The certificate authorities, read only when a remote needs them
 * (ca.c): deferred while libgit2 initialises; loaded before an https://
 * URL is reached: http.sslCAInfo or http.sslCAPath (git's settings, as
 * yoy_store_remote_config reads them), else $SSL_CERT_FILE or
 * $SSL_CERT_DIR, else the system's (-1 after a diagnostic naming
 * `name`). */
void yoy_store_ca_defer(int on);
int yoy_store_ca_load(git_repository *, const char *name, const char *url);
/* gc.c: the packs in objects/pack; with the lock held, a repack when
 * there are more than 50 (0, or -1 after a diagnostic). */
int yoy_store_packs(struct yoy_store *);
int yoy_store_gc_auto(struct yoy_store *);
/* The git settings of how remotes are reached (settings.c): the
 * system's, the user's and the store's files, read as git reads them
 * (not the store's when it is another user's: warned of); 0 or -1 after
 * a diagnostic naming `name`. */
int yoy_store_remote_config(git_repository *, const char *name,
	git_config **);
/* git's credential helpers for an HTTP(S) URL (credential.c): fill asks
 * them for a user name and password (1: c->username and c->password
 * hold them; 0 none gave one; a helper that fails is warned of); done
 * tells them the remote took them (`taken` 1) or refused them (0), or
 * nothing (-1: it was not reached), then forgets all of `c`. */
struct yoy_cred {
	struct yoy_buf query;   /* protocol=, host=, path= */
	char **helpers;
	size_t n_helpers;
	char *username, *password;
	const char *from;       /* the helper that answered */
};
int yoy_store_cred_fill(git_repository *, const char *url, const char *user,
	struct yoy_cred *);
void yoy_store_cred_done(struct yoy_cred *, int taken);
/* libgit2's error, in our words, at `dir`: what failed, then why; -1. */
int yoy_store_fail(const char *dir, const char *what);
/* Takes and drops yoy.lock (breaking ref locks only of a writer that
 * died holding it; `tag`, if not NULL, is the tag about to be made). */
int yoy_store_lock(struct yoy_store *, const char *tag);
void yoy_store_unlock(struct yoy_store *);
/* "2015-01-16" -> seconds at midnight UTC, or -1. */
git_time_t yoy_store_day(const char *iso);
/* A revision's commit: main, a tag, a commit id, or @YYYY-MM-DD; -1
 * unknown or damaged (said). */
int yoy_store_resolve(struct yoy_store *, const char *rev, git_commit **);

/* Strict reads (store/read.c): a named object that cannot be read is
 * damage, said with its id and where it was named; never absence. */
/* Says so: "damaged store: cannot read WHAT ID (WHERE): why"; -1. */
int yoy_store_damaged(struct yoy_store *, const git_oid *id, const char *what,
	const char *where);
/* main's commit id: 1, 0 when there is no edition yet, -1 damaged. */
int yoy_store_main(struct yoy_store *, git_oid *out);
/* The same, damage said at `level` (yoy-store verify: a finding). */
int yoy_store_main_at(struct yoy_store *, git_oid *out, enum yoy_level);
/* The commit tag `name` leads to: 1, 0 when there is no such tag, -1
 * damaged or not an edition (said). */
int yoy_store_tag(struct yoy_store *, const char *name, git_oid *out);
/* The commit object `id` (a tag's, a commit's) leads to; -1 damaged or
 * not an edition (said). */
int yoy_store_peel(struct yoy_store *, const git_oid *id, const char *rev,
	git_commit **out);
/* Commit `id`; -1 damaged (said). */
int yoy_store_commit(struct yoy_store *, const git_oid *id, const char *where,
	git_commit **out);
/* Commit `c`'s tree; -1 damaged (said). */
int yoy_store_tree(struct yoy_store *, git_commit *c, const char *rev,
	git_tree **out);
/* Directory `name` of `t` (found at `path`): 0, 1 when there is none,
 * -1 damaged (said). */
/* Reads every object of `tree` (the tip an import builds on); -1 at the
 * first that cannot be read (said). */
int yoy_store_check_tip(struct yoy_store *, git_tree *tree);
int yoy_store_subtree(struct yoy_store *, git_tree *t, const char *name,
	const char *path, git_tree **out);

/* The review page (diff/html.c); -1 on a write error (said by the
 * caller). */
int yoy_diff_html(struct yoy_diff *, FILE *, const struct yoy_diff_out *);

/* ----------------------------------------------------------------- check */

/* A rule as the reports describe it (check/catalog.c). */
struct yoy_rule_info {
	const char *id;         /* "editorial-note" */
	const char *name;       /* "EditorialNote" */
	enum yoy_level level;
	const char *about;      /* what it asks, in a line */
	const char *full;       /* what it finds */
	const char *fix;        /* how to act on a finding */
	const char *example;    /* filters/yoy-check.1's */
	const char *tags;       /* comma-separated */
};
const struct yoy_rule_info *yoy_rule_info(enum yoy_rule);

/* One input as the rules see it (check/input.c makes it). */
struct yoy_check_input {
	const char *file;               /* the input's name */
	const char *at;                 /* the source findings point at, or
	                                   NULL: the input */
	int fileno;
	int xml;                        /* the input was canonical XML */
	int xml_lines;                  /* findings at the XML's own lines */
	const char *buf;                /* canonical XML, for the schema */
	size_t len;
	const struct yoy_locator *loc;  /* the source's text, or NULL */
};
/* Runs the rules over document `d` (check/rules.c). */
void yoy_check_doc(struct yoy_findings *, const struct yoy_check_input *,
	const struct yoy_doc *, const struct yoy_check_opts *);

/* "file:line:col: level: message", as the text and JUnit say a finding
 * (check/findings.c). */
void yoy_finding_put(struct yoy_buf *, const struct yoy_finding *);
/* The reports CI systems read, a file each: JUnit (-1 after a write
 * error), SARIF, GitHub's workflow commands, GitLab's Code Quality. */
int yoy_report_junit(const struct yoy_findings *, FILE *,
	const struct yoy_report_opts *);
void yoy_report_sarif(const struct yoy_findings *, struct yoy_buf *,
	const struct yoy_report_opts *);
void yoy_report_github(const struct yoy_findings *, struct yoy_buf *,
	const struct yoy_report_opts *);
void yoy_report_codequality(const struct yoy_findings *, struct yoy_buf *,
	const struct yoy_report_opts *);

/* JSON for the reports (check/json.c): a string, quoted and escaped,
 * bytes that are not UTF-8 as the text \xNN; an input's path as a
 * URI reference, percent-encoded, relative to `root` when under it. */
void yoy_json_string(struct yoy_buf *, const char *s);
void yoy_json_uri(struct yoy_buf *, const char *path, const char *root,
	int *relative);
/* A path as CI systems name files: relative to `root` (absolute, or the
 * current directory when NULL) when it is under it, else as given. */
void yoy_report_path(struct yoy_buf *, const char *path, const char *root);

/* A source's lines, and where in them words are written (check/locate.c);
 * the locator borrows `s`. */
struct yoy_locator;
struct yoy_locator *yoy_locator_new(const char *s, size_t len,
	enum yoy_input_format);
void yoy_locator_free(struct yoy_locator *);
/* Finds words `w` (the model's text: a space for any white space) at or
 * after line `from`; with `whole`, not inside a longer word.  1 with the
 * line and column (characters, from 1) where w[mark] is written, else 0. */
int yoy_locate(const struct yoy_locator *, unsigned from, const char *w,
	size_t wlen, size_t mark, int whole, unsigned *line, unsigned *col);
/* How many lines the source has. */
unsigned yoy_locator_lines(const struct yoy_locator *);
/* The column of the first character on `line` that is not blank. */
unsigned yoy_locate_indent(const struct yoy_locator *, unsigned line);

/* ------------------------------------------------------------ output trees */

/* Building output documents with libxml2's tree API, for the formats
 * that are markup (diff/output.c, check/output.c): xml/outtree.c. */

/* A new XML document whose root element is `root`. */
xmlDocPtr yoy_tree_doc(const char *root, xmlNodePtr *out);
/* A new child element of `parent`. */
xmlNodePtr yoy_tree_el(xmlNodePtr parent, const char *name);
/* Sets an attribute; nothing when `value` is NULL. */
void yoy_tree_attr(xmlNodePtr, const char *name, const char *value);
void yoy_tree_attr_n(xmlNodePtr, const char *name, long value);
/* Appends text (escaped when written). */
void yoy_tree_text(xmlNodePtr, const char *s, size_t len);
/* Writes the document, indented, as XML or (html) as HTML; -1 on a
 * write error.  libxml2's own message about it is silenced: the caller
 * says it once. */
int yoy_tree_save(xmlDocPtr, FILE *, int html);

#endif
