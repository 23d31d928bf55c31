/* Internal: the library's PCRE2 pattern table (pattern.c). */
#ifndef YOY_PATTERN_H
#define YOY_PATTERN_H

#include <stddef.h>

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

#endif
