/* The publication rules as the reports describe them: each rule's id,
 * level, name, what it asks, how to fix what it finds, and the example
 * filters/yoy-check.1 gives (tests/check.sh holds the two together). */
#include <string.h>

#include "internal.h"

static const struct yoy_rule_info catalog[YOY_RULE_N] = {
	[YOY_RULE_SCHEMA] = { "schema", "Schema", YOY_ERROR,
	    "the document follows the canonical schema",
	    "The document must follow yoy's canonical RELAX NG schema "
	    "(yoy.rng); the converters always write it so.",
	    "Convert the source again with yoy-txt, yoy-md or yoy-html "
	    "instead of editing the XML by hand.",
	    "<action n=\"3\" bogus=\"attribute\">", "schema" },
	[YOY_RULE_PLACEHOLDER] = { "placeholder", "Placeholder", YOY_ERROR,
	    "no text stands in for content",
	    "Text that stands in for content: 'Awaiting ... confirmation', "
	    "'Coming soon', TBC, TBD, 'Lorem ipsum', XX, or a lone x or X "
	    "standing in for a number (not one between numbers, as in 3 x 4).",
	    "Write the missing content, or take the sentence out until it "
	    "is known.", "take x of them live", "content,editorial" },
	[YOY_RULE_EDITORIAL] = { "editorial-note", "EditorialNote", YOY_ERROR,
	    "no draft's editorial note is left in",
	    "A draft's marker for its editors, a note of kind editorial, "
	    "is still in the text.",
	    "Do what the note asks (insert the image, the video, the figure) "
	    "and delete the note.",
	    "[insert screengrab of Service Manual homepage]",
	    "content,editorial" },
	[YOY_RULE_EMPTY] = { "empty-entry", "EmptyEntry", YOY_ERROR,
	    "no entry is empty",
	    "An entry (a commitment, progress or plan) has a label but "
	    "no text.",
	    "Write the entry's text, or remove its label.",
	    "Progress during 2013 (and nothing under it)", "content" },
	[YOY_RULE_DUPLICATE] = { "duplicate-department",
	    "DuplicateDepartment", YOY_ERROR,
	    "no department appears twice in an action",
	    "A department has two responses in one action.",
	    "Merge the two responses into one under a single heading.",
	    "Home Office, twice in action 3", "structure" },
	[YOY_RULE_UNKNOWN] = { "unknown-department", "UnknownDepartment",
	    YOY_WARNING, "every department is in the registry",
	    "A department whose name or id the registry of departments "
	    "does not know.",
	    "Spell the department as GOV.UK does, or add it with "
	    "--departments.", "ministry-of-magic", "structure" },
	[YOY_RULE_MISSING_ENTRY] = { "missing-entry", "MissingEntry",
	    YOY_WARNING, "a department has the entries half its action's "
	    "departments have",
	    "A department lacks an entry (kind and year) that at least half "
	    "the departments of its action, and two at least, have.",
	    "Add the department's entry for that year, or say in it that "
	    "there is nothing to report.",
	    "Home Office has no progress 2013 entry in action 3, as 2 of its "
	    "4 departments do", "completeness" },
	[YOY_RULE_MISSING_DEPT] = { "missing-department", "MissingDepartment",
	    YOY_ERROR, "no department of the previous edition or of the "
	    "expected list is missing",
	    "A department of the previous edition (--previous) is absent "
	    "from an action it was in, or one of the expected list "
	    "(--expect) from any action.",
	    "Add the department's response to the action, or take it out "
	    "of the expected list if it no longer reports.",
	    "department 'department-for-communities-and-local-government' of "
	    "2012.xml is missing from action 2", "completeness" },
	[YOY_RULE_STALE] = { "stale", "Stale", YOY_WARNING,
	    "no entry repeats the previous year's",
	    "An entry's text is the same as the previous year's entry of "
	    "the same kind for the same action and department.",
	    "Say what happened this year, or that nothing did.",
	    "progress 2014 is the same as progress 2013 (action 2, HM "
	    "Treasury)", "content,currency" },
	[YOY_RULE_INCONSISTENT] = { "inconsistent", "Inconsistent", YOY_ERROR,
	    "the per-action and per-department views agree",
	    "With --against, a cell present in both views of an edition "
	    "(per action and per department) with different text.",
	    "Make the two pages say the same; yoy-check -v shows the words "
	    "that differ.", "action 2, Cabinet Office, plan 2014 differs "
	    "from cabinet-office.xml's", "consistency" },
	[YOY_RULE_LINK] = { "link", "Link", YOY_WARNING,
	    "links are well formed and use https",
	    "A link that is malformed, has an empty target, or uses http: "
	    "where https: is expected.",
	    "Give the link its full https:// address.",
	    "https:www.gov.uk/x", "links" },
};

const struct yoy_rule_info *
yoy_rule_info(enum yoy_rule r)
{
	return &catalog[r];
}

const char *
yoy_rule_name(enum yoy_rule r)
{
	return catalog[r].id;
}

enum yoy_level
yoy_rule_level(enum yoy_rule r)
{
	return catalog[r].level;
}

int
yoy_rule_from_name(const char *name, size_t len)
{
	int i;

	for (i = 0; i < YOY_RULE_N; i++)
		if (strlen(catalog[i].id) == len && strncmp(catalog[i].id, name,
		    len) == 0)
			return i;
	return -1;
}
