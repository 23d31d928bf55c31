/* GOV.UK Content API items: what https://www.gov.uk/api/content/<path>
 * returns, JSON with the body already rendered to HTML.  The body goes
 * through the HTML reader as a page body would (with the item's title as
 * the page's); what the page only shows as text is taken from the item's
 * fields into meta: title, document type, dates, the history notice, the
 * base path, the organisations, the withdrawal and every published
 * edition's date and note.  JSON is read with jansson, whose errors
 * carry a line and column. */
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct item {
	struct yoy_doc *doc;
	const char *file;
	json_t *root;
	int bad;                /* wrong types said */
};

static const char *
json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: case JSON_REAL: return "a number";
	case JSON_TRUE: case JSON_FALSE: return "true or false";
	default: return "null";
	}
}

/* The member `path` ("details.body") of the item when it has the type
 * wanted, NULL when absent or null; a member of another type is said
 * as an error. */
static json_t *
member(struct item *it, const char *path, json_type want)
{
	json_t *v = it->root;
	const char *p = path;
	char key[64];

	while (v && *p) {
		size_t n = strcspn(p, ".");

		if (!json_is_object(v) || n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		p += n + (p[n] == '.');
	}
	if (v == NULL || json_is_null(v))
		return NULL;
	if (json_typeof(v) != want && !(want == JSON_TRUE && json_is_boolean(v))) {
		yoy_diag(YOY_ERROR, it->file, 0, 0, "content item: '%s' is %s, "
		    "not %s", path, json_kind(v), want == JSON_STRING ?
		    "a string" : want == JSON_OBJECT ? "an object" : want ==
		    JSON_ARRAY ? "an array" : "true or false");
		it->bad = 1;
		return NULL;
	}
	return v;
}

static const char *
string(struct item *it, const char *path)
{
	json_t *v = member(it, path, JSON_STRING);

	return v ? json_string_value(v) : NULL;
}

/* "2016-02-29T09:24:10.000+00:00" -> "2016-02-29" (the date where it
 * was published, as GOV.UK shows it); 0 when it is not a timestamp */
static int
day(const char *ts, char out[11])
{
	if (ts == NULL || strlen(ts) < 10 || ts[4] != '-' || ts[7] != '-' ||
	    strspn(ts, "0123456789") != 4)
		return 0;
	memcpy(out, ts, 10);
	out[10] = '\0';
	return strspn(out + 5, "0123456789") == 2 && strspn(out + 8,
	    "0123456789") == 2;
}

/* A meta element of `type` holding `s` as text, folded */
static struct yoy_node *
meta_text(struct item *it, enum yoy_type type, const char *s)
{
	struct yoy_node *n = yoy_doc_meta(it->doc, type);
	char *t = yoy_strndup(s, strlen(s));
	size_t len = yoy_text_fold(t, strlen(t));

	if (len)
		yoy_node_add_text(it->doc, n, t, len, 0);
	free(t);
	return n;
}

/* The text of an HTML fragment (a withdrawal's explanation) */
static char *
html_text(const char *html)
{
	htmlDocPtr d = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	xmlChar *t = d ? xmlNodeGetContent((xmlNodePtr)d) : NULL;
	char *s = yoy_strndup(t ? (const char *)t : "", t ? strlen((char *)t) :
	    0);

	xmlFree(t);
	xmlFreeDoc(d);
	return s;
}

/* the dates, by the structure rules' (a day of the calendar, published
 * before updated) */
static void
dates(struct item *it)
{
	struct yoy_shape sh;
	char d[11];

	yoy_shape_init(&sh, it->doc, it->file, NULL);
	if (day(string(it, "first_published_at"), d))
		yoy_shape_date(&sh, d, "published", 0);
	if (day(string(it, "public_updated_at"), d))
		yoy_shape_date(&sh, d, "updated", 0);
	yoy_shape_free(&sh);
}

/* "This was published under the 2010 to 2015 … government": a political
 * item of a government no longer in office */
static void
history_notice(struct item *it)
{
	json_t *pol = member(it, "details.political", JSON_TRUE);
	json_t *gov = member(it, "links.government", JSON_ARRAY), *g, *cur;
	const char *t;
	struct yoy_buf b = YOY_BUF_INIT;

	if (!json_is_true(pol) || gov == NULL || !json_is_object(g =
	    json_array_get(gov, 0)))
		return;
	cur = json_object_get(json_object_get(g, "details"), "current");
	t = json_string_value(json_object_get(g, "title"));
	if (t == NULL || json_is_true(cur))
		return;
	yoy_buf_printf(&b, "This was published under the %s", t);
	meta_text(it, YOY_NOTICE, b.ptr);
	yoy_buf_free(&b);
}

static void
organisations(struct item *it)
{
	json_t *orgs = member(it, "links.organisations", JSON_ARRAY), *o;
	size_t i;

	json_array_foreach(orgs, i, o) {
		const char *t = json_string_value(json_object_get(o, "title"));
		const char *bp = json_string_value(json_object_get(o,
		    "base_path"));
		struct yoy_node *n;

		if (t == NULL)
			continue;
		n = meta_text(it, YOY_ORGANISATION, t);
		if (bp && strrchr(bp, '/') && yoy_registry_valid_id(
		    strrchr(bp, '/') + 1))
			yoy_node_set(it->doc, n, "id", strrchr(bp, '/') + 1);
	}
}

static void
withdrawn(struct item *it)
{
	json_t *w = member(it, "withdrawn_notice", JSON_OBJECT);
	const char *ex = w ? json_string_value(json_object_get(w,
	    "explanation")) : NULL;
	char d[11], *t;
	struct yoy_node *n;

	if (ex == NULL)
		return;
	t = html_text(ex);
	n = meta_text(it, YOY_WITHDRAWN, t);
	free(t);
	if (day(json_string_value(json_object_get(w, "withdrawn_at")), d))
		yoy_node_set(it->doc, n, "date", d);
}

/* Every published edition: its date and its note */
static void
change_history(struct item *it)
{
	json_t *ch = member(it, "details.change_history", JSON_ARRAY), *c;
	struct yoy_node *h = NULL;
	size_t i;

	json_array_foreach(ch, i, c) {
		const char *note = json_string_value(json_object_get(c, "note"));
		char d[11];
		struct yoy_node *n;
		char *t;
		size_t len;

		if (!day(json_string_value(json_object_get(c,
		    "public_timestamp")), d))
			continue;
		if (h == NULL)
			h = yoy_doc_meta(it->doc, YOY_HISTORY);
		n = yoy_node_add(it->doc, h, YOY_CHANGE);
		yoy_node_set(it->doc, n, "date", d);
		t = yoy_strndup(note ? note : "", note ? strlen(note) : 0);
		if ((len = yoy_text_fold(t, strlen(t))) > 0)
			yoy_node_add_text(it->doc, n, t, len, 0);
		free(t);
	}
}

/* The item's other fields into meta, in the schema's order */
static void
meta(struct item *it)
{
	const char *s;
	struct yoy_node *n;

	/* the title is the HTML reader's: the item's, given it as the
	 * page's (yoy_content_read) */
	if ((s = string(it, "document_type")))
		meta_text(it, YOY_TYPE, s);
	dates(it);
	history_notice(it);
	if ((s = string(it, "base_path")))
		meta_text(it, YOY_PATH, s);
	organisations(it);
	withdrawn(it);
	change_history(it);
	/* the source is the item, not HTML */
	for (n = yoy_doc_root(it->doc)->first->first; n; n = n->next)
		if (n->type == YOY_SOURCE)
			yoy_node_set(it->doc, n, "format", "json");
}

int
yoy_content_is_item(const char *buf, size_t len)
{
	char open;
	size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (i < len && strchr(" \t\r\n", buf[i]))
		i++;
	if (i >= len || (buf[i] != '{' && buf[i] != '['))
		return 0;
	/* what follows "{" in JSON: a key or "}"; "[": a value or "]" (a
	 * markdown directive "{{X}}" or "{:.class}" is neither) */
	for (open = buf[i++]; i < len && strchr(" \t\r\n", buf[i]); i++)
		;
	return i < len && (buf[i] == '"' || buf[i] == '}' || (open == '[' &&
	    buf[i] != '\0' && strchr("]{[\"-0123456789tfn", buf[i])));
}

int
yoy_content_read(struct yoy_doc *doc, char *buf, size_t len,
    const char *file, const struct yoy_html_opts *o)
{
	struct yoy_html_opts ho = { NULL, NULL };
	struct item it = { doc, yoy_diag_name(file), NULL, 0 };
	json_error_t err;
	const char *body;
	int rc;

	it.root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	free(buf);
	if (it.root == NULL) {
		yoy_diag(YOY_FATAL, it.file, err.line > 0 ? (unsigned)err.line :
		    0, err.column > 0 ? (unsigned)err.column : 0, "malformed "
		    "JSON: %s", err.text);
		return -1;
	}
	if (!json_is_object(it.root)) {
		yoy_diag(YOY_FATAL, it.file, 0, 0, "not a content item: the JSON "
		    "is %s, not an object", json_kind(it.root));
		json_decref(it.root);
		return -1;
	}
	if ((body = string(&it, "details.body")) == NULL) {
		yoy_diag(YOY_FATAL, it.file, 0, 0, "content item has no "
		    "details.body (a string of HTML) to read");
		json_decref(it.root);
		return -1;
	}
	if (o)
		ho = *o;
	if (ho.title == NULL)
		ho.title = string(&it, "title");
	rc = yoy_html_read(doc, yoy_strndup(body, strlen(body)), strlen(body),
	    file, &ho);
	if (rc == 0)
		meta(&it);
	json_decref(it.root);
	return rc;
}

const char *
yoy_jansson_version(void)
{
	return jansson_version_str();
}
