/* Output documents built with libxml2's tree API and written by its
 * serializers, which escape every text (tree.h). */
#include <libxml/HTMLtree.h>
#include <libxml/xmlsave.h>
#include <stdlib.h>

#include "internal.h"

xmlDocPtr
yoy_tree_doc(const char *root, xmlNodePtr *out)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	if (doc == NULL || (*out = xmlNewDocNode(doc, NULL, BAD_CAST root,
	    NULL)) == NULL)
		yoy_oom();
	xmlDocSetRootElement(doc, *out);
	return doc;
}

xmlNodePtr
yoy_tree_el(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	if (n == NULL)
		yoy_oom();
	return n;
}

void
yoy_tree_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value && xmlSetProp(n, BAD_CAST name, BAD_CAST value) == NULL)
		yoy_oom();
}

void
yoy_tree_attr_n(xmlNodePtr n, const char *name, long value)
{
	char s[24];

	snprintf(s, sizeof(s), "%ld", value);
	yoy_tree_attr(n, name, s);
}

void
yoy_tree_text(xmlNodePtr parent, const char *s, size_t len)
{
	xmlNodePtr t = xmlNewTextLen(BAD_CAST s, (int)len);

	if (t == NULL || xmlAddChild(parent, t) == NULL)
		yoy_oom();
}

static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx, (void)fmt;
}

int
yoy_tree_save(xmlDocPtr doc, FILE *f, int html)
{
	xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
	int rc;

	if (out == NULL)
		return -1;
	xmlSetGenericErrorFunc(NULL, quiet);
	if (html) {
		htmlDocContentDumpFormatOutput(out, doc, "UTF-8", 1);
		rc = out->error ? -1 : 0;
		if (xmlOutputBufferClose(out) < 0)
			rc = -1;
	} else {
		rc = xmlSaveFormatFileTo(out, doc, "UTF-8", 1) < 0 ? -1 : 0;
	}
	yoy_xml_errors_default();
	return rc;
}
