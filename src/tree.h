/* Internal: building output documents with libxml2's tree API, for the
 * formats that are markup (diffout.c, checkout.c).  Out of memory is
 * reported and exits 2, as everywhere. */
#ifndef YOY_TREE_H
#define YOY_TREE_H

#include <libxml/tree.h>
#include <stdio.h>

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
