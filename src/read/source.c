/* Any source, one document: the format of an input told from its content
 * and name, and the reader of that format run on it, as its converter
 * runs it (yoy-check reads sources so). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const char *const names[] = {
	[YOY_INPUT_UNKNOWN] = "unknown", [YOY_INPUT_XML] = "xml",
	[YOY_INPUT_HTML] = "html", [YOY_INPUT_MD] = "md",
	[YOY_INPUT_TXT] = "txt",
};

const char *
yoy_input_format_name(enum yoy_input_format f)
{
	return names[f];
}

int
yoy_input_format_from_name(const char *s)
{
	int i;

	for (i = YOY_INPUT_XML; i <= YOY_INPUT_TXT; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* What the first tag says: a yoy report, a web page, or nothing. */
static enum yoy_input_format
by_content(const char *s, size_t len)
{
	const char *end = s + len;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end && strchr(" \t\r\n", *s))
		s++;
	if (end - s >= 5 && memcmp(s, "<?xml", 5) == 0) {
		/* XML: a yoy report, or XHTML */
		const char *gt = memchr(s, '>', (size_t)(end - s));

		for (s = gt ? gt + 1 : end; s < end && *s != '<'; s++)
			;
		while (end - s >= 4 && (memcmp(s, "<!--", 4) == 0 ||
		    memcmp(s, "<?", 2) == 0)) {
			const char *close = memchr(s + 1, '>', (size_t)(end - s - 1));

			for (s = close ? close + 1 : end; s < end && *s != '<'; s++)
				;
		}
		if (end - s >= 7 && memcmp(s, "<report", 7) == 0)
			return YOY_INPUT_XML;
		return end - s >= 2 ? YOY_INPUT_HTML : YOY_INPUT_XML;
	}
	if (end - s >= 7 && memcmp(s, "<report", 7) == 0 &&
	    (end - s == 7 || strchr(" >/\t\r\n", s[7])))
		return YOY_INPUT_XML;
	if (end - s >= 2 && s[0] == '<' && (s[1] == '!' ||
	    (s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z')))
		return YOY_INPUT_HTML;
	/* a GOV.UK Content API item: HTML in JSON */
	if (yoy_content_is_item(s, (size_t)(end - s)))
		return YOY_INPUT_HTML;
	return YOY_INPUT_UNKNOWN;
}

static enum yoy_input_format
by_name(const char *file)
{
	static const struct {
		const char *ext;
		enum yoy_input_format f;
	} ext[] = {
		{ ".xml", YOY_INPUT_XML }, { ".html", YOY_INPUT_HTML },
		{ ".json", YOY_INPUT_HTML },
		{ ".htm", YOY_INPUT_HTML }, { ".md", YOY_INPUT_MD },
		{ ".markdown", YOY_INPUT_MD }, { ".txt", YOY_INPUT_TXT },
		{ ".text", YOY_INPUT_TXT },
	};
	const char *dot;
	size_t i;

	if (file == NULL || (dot = strrchr(file, '.')) == NULL ||
	    strchr(dot, '/'))
		return YOY_INPUT_UNKNOWN;
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strcasecmp(dot, ext[i].ext) == 0)
			return ext[i].f;
	return YOY_INPUT_UNKNOWN;
}

enum yoy_input_format
yoy_input_format_detect(const char *buf, size_t len, const char *file)
{
	enum yoy_input_format f = by_content(buf, len);

	/* markup tells itself; markdown and text only by their names */
	return f != YOY_INPUT_UNKNOWN ? f : by_name(file);
}

static struct yoy_doc *
read_md(struct yoy_doc *d, char *buf, size_t len, const char *file,
    const struct yoy_source_opts *o)
{
	struct yoy_md_opts mo;
	struct yoy_md *md;
	int rc;

	memset(&mo, 0, sizeof(mo));
	mo.include_dir = o->include_dir;
	mo.year = o->year;
	md = yoy_md_new(d, &mo);
	rc = yoy_md_add(md, buf, len, file);
	if (yoy_md_finish(md) < 0 || rc < 0) {
		yoy_doc_free(d);
		return NULL;
	}
	return d;
}

struct yoy_doc *
yoy_source_read(enum yoy_input_format f, char *buf, size_t len, const char *file,
    const struct yoy_source_opts *o)
{
	static const struct yoy_source_opts none;
	struct yoy_doc *d;
	int rc = 0;

	o = o ? o : &none;
	if (f == YOY_INPUT_XML) {
		d = yoy_xml_read(buf, len, file);
		free(buf);
		return d;
	}
	d = yoy_doc_new();
	if (f == YOY_INPUT_MD)
		return read_md(d, buf, len, file, o);
	if (f == YOY_INPUT_HTML) {
		struct yoy_html_opts ho = { o->department, o->title };

		if ((rc = yoy_content_is_item(buf, len) ?
		    yoy_content_read(d, buf, len, file, &ho) :
		    yoy_html_read(d, buf, len, file, &ho)) == 0)
			yoy_doc_normalize(d);
	} else {
		struct yoy_txt_opts to = { o->department };

		rc = yoy_txt_read(d, buf, len, file, &to);
	}
	if (rc < 0) {
		yoy_doc_free(d);
		return NULL;
	}
	return d;
}
