/* Every pattern of the library, in one PCRE2 table: the entry-label
 * grammar, page furniture of plain-text captures, and the UTF-8 check.
 * Patterns are anchored, caseless where the sources vary, compiled once
 * with the JIT, and run with bounded match and depth limits. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const char *const sources[YOY_RE_N] = {
	[YOY_RE_LABEL] = ("^(?:departmental\\s+digital\\s+strategy\\s+commitments"
	    "(?:\\s*\\(\\s*(?:[a-z]+\\s+)?(\\d{4})\\s*\\))?"
	    "|progress\\s+(?:during|in)\\s+(\\d{4})"
	    "|planned\\s+activities\\s+(?:in|for|during)\\s+(\\d{4}))"
	    "\\s*:?$"),
	[YOY_RE_ACTION] =
	    "^action\\s+0*([1-9][0-9]?)\\s*(?::|\\.(?!\\d)|\\x{2013}|\\x{2014}|-)\\s*",
	[YOY_RE_DATE] = ("^(updated|published|last\\s+updated|first\\s+published):?\\s+"
	    "(\\d{1,2})\\s+(january|february|march|april|may|june|july|august|"
	    "september|october|november|december)\\s+(\\d{4})$"),
	[YOY_RE_NOTICE] =
	    "^this\\s+(?:[a-z]+\\s+){0,3}was\\s+published\\s+under\\s+the\\s",
	[YOY_RE_DOCTYPE] = ("^(?:policy\\s+paper|corporate\\s+report|guidance|detailed\\s+guide|"
	    "research\\s+and\\s+analysis|independent\\s+report|statistics|"
	    "official\\s+statistics|national\\s+statistics|"
	    "consultation\\s+outcome|open\\s+consultation|"
	    "closed\\s+consultation|transparency\\s+data|impact\\s+assessment|"
	    "statutory\\s+guidance|promotional\\s+material|decision|"
	    "correspondence|foi\\s+release|case\\s+study|press\\s+release|"
	    "news\\s+story|speech|form|notice|guide|policy)$"),
	[YOY_RE_DEPT_PAGE] = ("^(.+?)['\\x{2019}]s\\s+actions\\s+in\\s+response"
	    "\\s+to\\s+the\\s+government\\s+digital\\s+strategy$"),
	[YOY_RE_BULLET] =
	    "^(?:[\\x{2022}\\x{00B7}\\x{25AA}\\x{25CF}*+]|-(?!-))\\s+(?=\\S)",
	[YOY_RE_CAPTION] = "^(?:figure|table|source|chart|image)\\s+\\d+\\s*[:.]",
	[YOY_RE_ANNEX] = "^annex\\s+\\d+\\b",
	[YOY_RE_BR] = "^<br\\s*/?>",
	[YOY_RE_SLUG] = "^[a-z0-9]+(?:-[a-z0-9]+)*$",
	/* groups: 1 {{DEPARTMENTRESPONSE}}, 2 {/tag}, 3 include's path,
	 * 4 and 5 {tag .class}, 6 furniture, 7 {::comment}, 8 {:/comment},
	 * 9 {:toc}, 10 any other {:…} (attribute lists, options) */
	[YOY_RE_MD_DIRECTIVE] = ("^[ \\t]*\\{(?:(\\{DEPARTMENTRESPONSE\\})|/(\\w+)|"
	    "include[ \\t]+([^}]+?)|(\\w+)[ \\t]+\\.?([^}]+?)|"
	    "(navigation|pull|big-pull|fig|pull-right|page-break|collapsed)|"
	    "(::comment)|(:/comment)|(:toc)|(:[^}]*))[ \\t]*\\}[ \\t]*$"),
	[YOY_RE_MD_HTMLDIV] = "^[ \\t]*<(/?)div\\b[^>]*>[ \\t]*$",
	[YOY_RE_MD_TABLESEP] = ("^[ \\t]*\\|?[ \\t]*:?-+:?[ \\t]*"
	    "(?:\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$"),
	[YOY_RE_MD_FOOTDEF] = "^\\[\\^([^\\]\\s]+)\\]:[ \\t]*",
	[YOY_RE_MD_DLDEF] = "^:[ \\t]+",
	[YOY_RE_MD_ATX] = "^#{1,6}(?=[^#\\s])",
	[YOY_RE_MD_SUP] = "(?<!\\[)\\^([^\\^\\s\\[\\]][^\\^\\[\\]]*?)\\^",
	[YOY_RE_MD_PDF] = "\\{PDF=([^}]+)\\}",
	[YOY_RE_MD_MARKER] = "^[\\s*_]*(\\[(?!\\^)[^\\[\\]]+\\])[\\s*_]*$",
	[YOY_RE_MD_BRACKET] = ("\\[\\^([^\\]\\s]+)\\]|"
	    "(\\[[^\\[\\]]*[^\\[\\]\\s][^\\[\\]]*\\])(?![(\\[:])"),
	[YOY_RE_MD_TAG] = ("^<(/?)([a-z][a-z0-9]*)\\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)"
	    "\\s*(/?)>$"),
	[YOY_RE_MD_ATTR] = ("\\s([a-z][a-z0-9-]*)\\s*=\\s*(?:\"([^\"]*)\"|"
	    "'([^']*)'|([^\\s\"'>]+))"),
	[YOY_RE_HTML_CHARSET] = ("<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?\\s*"
	    "([a-z0-9._:-]+)"),
	[YOY_RE_HTML_GOVSPEAK] = ("^<[a-z][a-z0-9]*\\s(?:[^>]*?\\s)?class\\s*=\\s*"
	    "(?:\"[^\"]*?|'[^']*?)?(?<![\\w-])govspeak(?![\\w-])"),
	[YOY_RE_HTML_NUMBER] = "^(?:\\d+\\.)+\\d*\\s+(?=\\S)",
	[YOY_RE_SECTION_NUMBER] = "^\\d+(?:\\.\\d+)*\\.?\\s+(?=\\S)",
	[YOY_RE_UTF8] = "",
};

/* Patterns run on every line are JIT-compiled; the rest run a few times a
 * document, where compiling them for the JIT (a millisecond for DOCTYPE)
 * would cost more than it saves. */
static const unsigned char hot[YOY_RE_N] = {
	[YOY_RE_LABEL] = 1, [YOY_RE_ACTION] = 1, [YOY_RE_BULLET] = 1,
	[YOY_RE_CAPTION] = 1, [YOY_RE_ANNEX] = 1, [YOY_RE_MD_ATX] = 1,
	[YOY_RE_MD_SUP] = 1, [YOY_RE_MD_BRACKET] = 1, [YOY_RE_MD_TAG] = 1,
	[YOY_RE_MD_DIRECTIVE] = 1, [YOY_RE_MD_TABLESEP] = 1,
};

struct compiled {
	pcre2_code *code;
	pcre2_match_data *md;
	int jit;            /* JIT-compiled: pcre2_jit_match's fast path */
};

static struct compiled re[YOY_RE_N];
static pcre2_match_context *mctx;
static pcre2_jit_stack *jstack;

static pcre2_code *
compile(int id)
{
	int err;
	PCRE2_SIZE off;
	uint32_t flags = PCRE2_UTF | PCRE2_UCP;

	if (re[id].code)
		return re[id].code;
	if (id == YOY_RE_HTML_CHARSET)  /* runs before the UTF-8 check */
		flags = 0;
	if (id != YOY_RE_UTF8 && id != YOY_RE_SLUG &&
	    id != YOY_RE_MD_DIRECTIVE)
		flags |= PCRE2_CASELESS;
	re[id].code = pcre2_compile((PCRE2_SPTR)sources[id],
	    PCRE2_ZERO_TERMINATED, flags, &err, &off, NULL);
	if (re[id].code == NULL)
		abort();        /* our own pattern: a programming error */
	if (hot[id])
		re[id].jit = pcre2_jit_compile(re[id].code,
		    PCRE2_JIT_COMPLETE) == 0;
	re[id].md = pcre2_match_data_create_from_pattern(re[id].code, NULL);
	if (mctx == NULL) {
		mctx = pcre2_match_context_create(NULL);
		jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
		if (mctx == NULL || jstack == NULL || re[id].md == NULL)
			abort();
		pcre2_jit_stack_assign(mctx, NULL, jstack);
		pcre2_set_match_limit(mctx, 1000000);
		pcre2_set_depth_limit(mctx, 10000);
	}
	return re[id].code;
}

int
yoy_re_match(enum yoy_re id, const char *s, size_t len, size_t *ov, int novec)
{
	pcre2_code *code = compile(id);
	PCRE2_SIZE *v;
	int rc, i;

	/* the JIT's own entry skips pcre2_match's checks: a third of the
	 * cost of matching a line, and inputs are checked UTF-8 already */
	rc = re[id].jit ? pcre2_jit_match(code, (PCRE2_SPTR)s, len, 0, 0,
	    re[id].md, mctx) : pcre2_match(code, (PCRE2_SPTR)s, len, 0,
	    PCRE2_NO_UTF_CHECK, re[id].md, mctx);
	if (rc <= 0)
		return 0;
	v = pcre2_get_ovector_pointer(re[id].md);
	for (i = 0; i < novec; i++)
		ov[i] = i < 2 * rc ? v[i] : PCRE2_UNSET;
	return rc;
}

/* Offset of the first UTF-8 fault in s, or -1. */
long
yoy_pattern_utf8_error(const char *s, size_t len, const char **why)
{
	static char msg[120];
	pcre2_code *code = compile(YOY_RE_UTF8);
	int rc;

	rc = pcre2_match(code, (PCRE2_SPTR)s, len, 0, 0, re[YOY_RE_UTF8].md,
	    mctx);
	if (rc >= PCRE2_ERROR_UTF8_ERR21 && rc <= PCRE2_ERROR_UTF8_ERR1) {
		pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof(msg));
		/* "UTF-8 error: isolated byte with 0x80 bit set" */
		*why = strncmp(msg, "UTF-8 error: ", 13) == 0 ? msg + 13 : msg;
		return (long)pcre2_get_startchar(re[YOY_RE_UTF8].md);
	}
	return -1;
}

const char *
yoy_pcre2_version(void)
{
	static char v[64];

	if (v[0] == '\0')
		pcre2_config(PCRE2_CONFIG_VERSION, v);
	return v;
}

/* ------------------------------------------------------------ the grammar */

static int
year4(const char *s, size_t off)
{
	return (s[off] - '0') * 1000 + (s[off + 1] - '0') * 100 +
	    (s[off + 2] - '0') * 10 + (s[off + 3] - '0');
}

int
yoy_label_parse(const char *s, size_t len, struct yoy_label *l)
{
	size_t ov[8];

	if (!yoy_re_match(YOY_RE_LABEL, s, len, ov, 8))
		return 0;
	if (ov[6] != PCRE2_UNSET) {
		l->kind = YOY_PLAN;
		l->year = year4(s, ov[6]);
	} else if (ov[4] != PCRE2_UNSET) {
		l->kind = YOY_PROGRESS;
		l->year = year4(s, ov[4]);
	} else {
		l->kind = YOY_COMMITMENT;
		l->year = ov[2] != PCRE2_UNSET ? year4(s, ov[2]) : 2012;
	}
	return 1;
}

int
yoy_label_order(const struct yoy_label *l)
{
	/* progress in Y is reported in Y+1, before that year's plan */
	switch (l->kind) {
	case YOY_PROGRESS:
		return (l->year + 1) * 4 + 1;
	case YOY_PLAN:
		return l->year * 4 + 2;
	default:
		return l->year * 4;
	}
}

const char *
yoy_kind_name(enum yoy_kind k)
{
	switch (k) {
	case YOY_COMMITMENT:
		return "commitment";
	case YOY_PROGRESS:
		return "progress";
	case YOY_PLAN:
		return "plan";
	default:
		return NULL;
	}
}

int
yoy_kind_from_name(const char *s)
{
	int k;

	for (k = YOY_COMMITMENT; k <= YOY_PLAN; k++)
		if (strcmp(s, yoy_kind_name(k)) == 0)
			return k;
	return 0;
}

int
yoy_pattern_action(const char *s, size_t len, size_t *title_off)
{
	size_t ov[4];

	if (!yoy_re_match(YOY_RE_ACTION, s, len, ov, 4))
		return 0;
	*title_off = ov[1];
	return atoi(s + ov[2]);
}

int
yoy_pattern_date(const char *s, size_t len, char iso[11], const char **kind)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	size_t ov[10];
	int m, day;

	if (!yoy_re_match(YOY_RE_DATE, s, len, ov, 10))
		return 0;
	for (m = 0; m < 12; m++)
		if (strncasecmp(s + ov[6], months[m], 3) == 0)
			break;
	day = atoi(s + ov[4]);
	if (day < 1 || day > 31)
		return 0;
	snprintf(iso, 11, "%04d-%02d-%02d", year4(s, ov[8]), m + 1, day);
	*kind = (s[ov[2]] == 'u' || s[ov[2]] == 'U' ||
	    s[ov[2]] == 'l' || s[ov[2]] == 'L') ? "updated" : "published";
	return 1;
}

int
yoy_pattern_notice(const char *s, size_t len)
{
	return yoy_re_match(YOY_RE_NOTICE, s, len, NULL, 0) > 0;
}

int
yoy_pattern_doctype(const char *s, size_t len)
{
	return yoy_re_match(YOY_RE_DOCTYPE, s, len, NULL, 0) > 0;
}

int
yoy_pattern_dept_page(const char *s, size_t len, size_t *off, size_t *n)
{
	size_t ov[4];

	if (!yoy_re_match(YOY_RE_DEPT_PAGE, s, len, ov, 4))
		return 0;
	*off = ov[2];
	*n = ov[3] - ov[2];
	return 1;
}
