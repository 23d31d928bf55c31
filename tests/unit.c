/* Unit tests of the library: registry, label grammar, white space, the
 * writer's escaping and byte stability, the reader, the diff algorithm,
 * the arena and the map. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static int passed, failed;

#define CHECK(cond, ...) do { \
	if (cond) passed++; \
	else { failed++; fprintf(stderr, "unit.c:%d: ", __LINE__); \
	    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } \
} while (0)

static void
registry(void)
{
	static const char *const cases[][2] = {
		{ "The Attorney General\xe2\x80\x99s Office", "attorney-generals-office" },
		{ "Attorney <br> General's <br> Office", "attorney-generals-office" },
		{ "AGO", "attorney-generals-office" },
		{ "Cabinet<br>Office", "cabinet-office" },
		{ "CO", "cabinet-office" },
		{ "Department for<br>Business<br>Innovation<br>& Skills", "department-for-business-innovation-skills" },
		{ "Department <br>for Business<br>Innovation & Skills", "department-for-business-innovation-skills" },
		{ "BIS", "department-for-business-innovation-skills" },
		{ "Department for Culture Media and Sport", "department-for-culture-media-sport" },
		{ "Department for<br>Culture Media<br>& Sport", "department-for-culture-media-sport" },
		{ "DCMS", "department-for-culture-media-sport" },
		{ "Department for<br>Communities and<br>Local Government", "department-for-communities-and-local-government" },
		{ "DCLG", "department-for-communities-and-local-government" },
		{ "Department for<br>Environment<br>Food &<br>Rural Affairs", "department-for-environment-food-rural-affairs" },
		{ "DEFRA", "department-for-environment-food-rural-affairs" },
		{ "Defra", "department-for-environment-food-rural-affairs" },
		{ "DfE", "department-for-education" },
		{ "Department for<br>International<br>Development", "department-for-international-development" },
		{ "DFID", "department-for-international-development" },
		{ "## Department for Transport", "department-for-transport" },
		{ "Department for Transport", "department-for-transport" },
		{ "DfT", "department-for-transport" },
		{ "Department for<br>Work<br>and Pensions", "department-for-work-pensions" },
		{ "DWP", "department-for-work-pensions" },
		{ "Department of<br>Energy and<br>Climate Change", "department-of-energy-climate-change" },
		{ "DECC", "department-of-energy-climate-change" },
		{ "Department of<br>Health", "department-of-health" },
		{ "DH", "department-of-health" },
		{ "Foreign and<br>Commonwealth<br>Office", "foreign-commonwealth-office" },
		{ "FCO", "foreign-commonwealth-office" },
		{ "Her Majesty's Revenue & Customs", "hm-revenue-customs" },
		{ "Her Majesty's<br>Revenue &<br>Customs", "hm-revenue-customs" },
		{ "HM Revenue &amp; Customs", "hm-revenue-customs" },
		{ "HMRC", "hm-revenue-customs" },
		{ "Her Majesty\xe2\x80\x99s Treasury", "hm-treasury" },
		{ "Her Majesty's<br>Treasury", "hm-treasury" },
		{ "HMT", "hm-treasury" },
		{ "Home Office", "home-office" },
		{ "HO", "home-office" },
		{ "Ministry<br>of Defence", "ministry-of-defence" },
		{ "MOD", "ministry-of-defence" },
		{ "Ministry<br>of Justice", "ministry-of-justice" },
		{ "MOJ", "ministry-of-justice" },
		{ "cabinet-office", "cabinet-office" },
		{ "Department of Magic", NULL },
		{ "", NULL },
	};
	struct yoy_buf b = YOY_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct yoy_dept *d = yoy_registry_find(cases[i][0],
		    strlen(cases[i][0]));
		const char *want = cases[i][1];

		CHECK(want ? d && strcmp(d->id, want) == 0 : d == NULL,
		    "registry '%s': got %s, want %s", cases[i][0],
		    d ? d->id : "nothing", want ? want : "nothing");
	}
	yoy_registry_slug("Department of Magic & Sorcery", 29, &b);
	CHECK(strcmp(b.ptr, "department-of-magic-and-sorcery") == 0,
	    "slug: %s", b.ptr);
	yoy_registry_slug("\xe2\x80\x99?!", 5, &b);
	CHECK(strcmp(b.ptr, "department") == 0, "empty slug: %s", b.ptr);
	CHECK(yoy_registry_valid_id("cabinet-office"), "valid id");
	CHECK(!yoy_registry_valid_id("../etc"), "hostile id");
	CHECK(!yoy_registry_valid_id("a--b"), "double hyphen");
	yoy_buf_free(&b);
}

static void
labels(void)
{
	static const struct { const char *s; enum yoy_kind k; int y; } c[] = {
		{ "Departmental digital strategy commitments (December 2012)", YOY_COMMITMENT, 2012 },
		{ "Departmental digital strategy commitments", YOY_COMMITMENT, 2012 },
		{ "DEPARTMENTAL DIGITAL STRATEGY COMMITMENTS (2013)", YOY_COMMITMENT, 2013 },
		{ "Progress during 2013", YOY_PROGRESS, 2013 },
		{ "Progress in 2014", YOY_PROGRESS, 2014 },
		{ "progress in 2014:", YOY_PROGRESS, 2014 },
		{ "Planned activities in 2014", YOY_PLAN, 2014 },
		{ "Planned Activities in 2015", YOY_PLAN, 2015 },
		{ "Planned activities for 2016", YOY_PLAN, 2016 },
		{ "Progress during 2013 was slow", YOY_KIND_NONE, 0 },
		{ "Progress", YOY_KIND_NONE, 0 },
		{ "Planned activities in 15", YOY_KIND_NONE, 0 },
	};
	struct yoy_label l, a, b;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int ok = yoy_label_parse(c[i].s, strlen(c[i].s), &l);

		CHECK(c[i].k ? ok && l.kind == c[i].k && l.year == c[i].y :
		    !ok, "label '%s'", c[i].s);
	}
	/* reporting order: commitment 2012 < progress 2013 < plan 2014 <
	 * progress 2014 < plan 2015 */
	a.kind = YOY_PLAN; a.year = 2014;
	b.kind = YOY_PROGRESS; b.year = 2014;
	CHECK(yoy_label_order(&a) < yoy_label_order(&b), "plan 2014 first");
	a.kind = YOY_PROGRESS; a.year = 2013;
	CHECK(yoy_label_order(&a) < yoy_label_order(&b), "progress order");
	a.kind = YOY_COMMITMENT; a.year = 2012;
	CHECK(yoy_label_order(&a) < yoy_label_order(&b), "commitment first");
}

static void
fold(void)
{
	static const char *const c[][2] = {
		{ "  a \t b  ", "a b" },
		{ "a\xc2\xa0\xc2\xa0" "b", "a b" },             /* no-break */
		{ "a\xe2\x80\x8b" "b", "ab" },                 /* zero-width */
		{ "\xef\xbb\xbf" "BOM", "BOM" },
		{ "a \xe2\x80\x8b b", "a b" },
		{ "caf\xc3\xa9 \xe2\x80\x99quoted\xe2\x80\x99", "caf\xc3\xa9 \xe2\x80\x99quoted\xe2\x80\x99" },
		{ "x\r\n", "x" },
		{ "\xe2\x80\xaf", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char *s = yoy_strndup(c[i][0], strlen(c[i][0]));
		size_t n = yoy_text_fold(s, strlen(s));

		CHECK(n == strlen(c[i][1]) && memcmp(s, c[i][1], n) == 0,
		    "fold case %zu: '%.*s'", i, (int)n, s);
		free(s);
	}
}

/* The folding rule, written plainly: white space (ASCII, no-break)
 * collapses to one space, zero-width characters go, nothing else changes;
 * `space` says whether the output so far ends in a space. */
static size_t
fold_ref(const char *in, size_t len, char *out, int *space)
{
	static const char *const zw[] = { "\xe2\x80\x8b", "\xe2\x81\xa0",
	    "\xef\xbb\xbf" };
	static const char *const nb[] = { "\xc2\xa0", "\xe2\x80\x87",
	    "\xe2\x80\xaf" };
	size_t i = 0, w = 0, k;
	int pending = 0, hit;

	while (i < len) {
		hit = 0;
		for (k = 0; k < 3 && !hit; k++) {
			size_t zl = strlen(zw[k]), nl = strlen(nb[k]);

			if (i + zl <= len && memcmp(in + i, zw[k], zl) == 0)
				i += zl, hit = 1;
			else if (i + nl <= len && memcmp(in + i, nb[k], nl) == 0)
				i += nl, hit = pending = 1;
		}
		if (hit)
			continue;
		if (strchr(" \t\n\v\f\r", in[i]) != NULL && in[i] != '\0') {
			pending = 1;
			i++;
			continue;
		}
		if (pending && !*space)
			out[w++] = ' ';
		pending = *space = 0;
		out[w++] = in[i++];
	}
	if (pending && !*space) {
		out[w++] = ' ';
		*space = 1;
	}
	return w;
}

/* The fast folding (word at a time, in place, in runs) against the plain
 * rule, on random text built of the pieces that matter. */
static void
fold_random(void)
{
	static const char *const piece[] = { "a", "b", " ", "  ", "\t", "\n",
	    "\r\n", "\xc2\xa0", "\xe2\x80\x8b", "\xef\xbb\xbf", "\xe2\x80\xaf",
	    "\xe2\x80\x99", "\xc3\xa9", "\xc2\xa9", "!", "word ", "longer words ",
	    "\xef\xbc\x81" };
	char in[256], ref[256], got[256];
	size_t bad = 0;
	int t;

	srand(1);
	for (t = 0; t < 20000; t++) {
		size_t len = 0, rl = 0, gl = 0, at, cut = 0;
		int rs = rand() & 1, gs = rs;

		while (len < 200) {
			const char *p = piece[rand() % (int)(sizeof(piece) /
			    sizeof(piece[0]))];

			if (rand() % 4 == 0)
				cut = len;      /* runs hold whole characters */
			memcpy(in + len, p, strlen(p));
			len += strlen(p);
			if (rand() % 8 == 0)
				break;
		}
		/* the reference in one go; the library in two runs */
		rl = fold_ref(in, len, ref, &rs);
		memcpy(got, in, len);
		at = yoy_text_fold_run(got, cut, &gs);
		memmove(got + at, got + cut, len - cut);
		gl = at + yoy_text_fold_run(got + at, len - cut, &gs);
		if (rl != gl || memcmp(ref, got, rl) != 0 || rs != gs)
			if (bad++ < 3)
				fprintf(stderr, "unit.c: fold of '%.*s' (cut %zu):"
				    " '%.*s', want '%.*s'\n", (int)len, in, cut,
				    (int)gl, got, (int)rl, ref);
	}
	CHECK(bad == 0, "fast fold differs from the rule in %zu of 20000", bad);
}

static char *
write_doc(const struct yoy_doc *d, size_t *len)
{
	struct yoy_buf b = YOY_BUF_INIT;
	FILE *f = tmpfile();
	char chunk[4096];
	size_t n;

	if (f == NULL || yoy_xml_write(d, f, NULL) < 0)
		return NULL;
	rewind(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		yoy_buf_put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.ptr;
}

static void
writer(void)
{
	struct yoy_doc *d = yoy_doc_new(), *back;
	struct yoy_node *p, *a;
	struct yoy_buf t = YOY_BUF_INIT;
	char *x, *y;
	size_t n, m;

	yoy_node_add_text(d, yoy_doc_meta(d, YOY_TITLE), "A & B", 5, 0);
	yoy_node_set(d, yoy_doc_meta(d, YOY_SOURCE), "format", "txt");
	yoy_node_add_text(d, yoy_doc_meta(d, YOY_TYPE), "Policy paper", 12, 0);
	p = yoy_node_add(d, d->body, YOY_P);
	yoy_node_add_text(d, p, "<script>alert(\"x\")</script> ", 28, 0);
	a = yoy_node_add(d, p, YOY_A);
	yoy_node_set(d, a, "href", "https://example.org/?a=1&b=\"2\"");
	yoy_node_add_text(d, a, "link", 4, 0);
	a = yoy_node_add(d, p, YOY_ABBR);
	yoy_node_set(d, a, "title", "Caf\xc3\xa9 <x>");
	yoy_node_add_text(d, a, "CO", 2, 0);
	a = yoy_node_add(d, p, YOY_ABBR);
	yoy_node_set(d, a, "title", "tab\there\nline\r");
	yoy_node_add_text(d, a, "DH", 2, 0);
	if ((x = write_doc(d, &n)) == NULL) {
		CHECK(0, "writer failed");
		return;
	}
	CHECK(x && strstr(x, "&lt;script&gt;alert(\"x\")&lt;/script&gt;") &&
	    !strstr(x, "<script"),
	    "text is escaped, quotes kept: %s", x ? x : "");
	CHECK(x && strstr(x, "href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""),
	    "attribute is escaped: %s", x ? x : "");
	CHECK(x && strstr(x, "<abbr title=\"Caf\xc3\xa9 &lt;x&gt;\">CO</abbr>"),
	    "UTF-8 attribute kept, markup escaped: %s", x ? x : "");
	CHECK(x && strstr(x, "<abbr title=\"tab&#9;here&#10;line&#13;\">DH"),
	    "white space in an attribute escaped: %s", x ? x : "");
	CHECK(x && strstr(x, "<title>A &amp; B</title>\n    <type>"),
	    "meta in schema order: %s", x ? x : "");
	CHECK(x && yoy_xml_validate(x, n, "unit") == 0, "writer output valid");
	{
		struct yoy_buf b = YOY_BUF_INIT;

		CHECK(yoy_xml_write_buf(d, &b, NULL) == 0 && x && b.len == n &&
		    memcmp(b.ptr, x, n) == 0,
		    "written into memory, the same bytes as into a file");
		yoy_buf_free(&b);
	}
	back = x ? yoy_xml_read(x, n, "unit") : NULL;
	CHECK(back != NULL, "reads back");
	if (back) {
		y = write_doc(back, &m);
		CHECK(y && m == n && memcmp(x, y, n) == 0,
		    "byte-stable round trip:\n%s\n%s", x, y);
		yoy_node_text(back->body, &t);
		CHECK(t.ptr && strcmp(t.ptr,
		    "<script>alert(\"x\")</script> linkCODH") == 0,
		    "text survives: %s", t.ptr);
		free(y);
	}
	yoy_buf_free(&t);
	yoy_doc_free(back);
	yoy_doc_free(d);
	free(x);
}

static void
reader(void)
{
	static const char *const bad[] = {
		"<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><report version=\"1\"><meta/><body><p>&x;</p></body></report>",
		"<report version=\"1\"><meta/><body><p>unclosed</body></report>",
		"<html/>",
		"<report version=\"1\"><meta/><body><blink/></body></report>",
	};
	const char *messy = "<report version=\"1\"><meta/><body>\n  <p>  a\n"
	    "   <em> b </em>  c  </p>\n</body></report>";
	struct yoy_doc *d;
	struct yoy_buf t = YOY_BUF_INIT;
	size_t i;

	fprintf(stderr, "(four diagnostics expected:)\n");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = yoy_xml_read(bad[i], strlen(bad[i]), "bad.xml");
		CHECK(d == NULL, "refused bad input %zu", i);
		yoy_doc_free(d);
	}
	d = yoy_xml_read(messy, strlen(messy), "messy.xml");
	CHECK(d != NULL, "reads messy");
	if (d) {
		yoy_node_text(d->body, &t);
		CHECK(t.ptr && strcmp(t.ptr, "a b c") == 0,
		    "white space folded across inline: '%s'", t.ptr);
	}
	yoy_buf_free(&t);
	yoy_doc_free(d);
}

/* A temporary file holding `s`; its path is in `path` (for unlink). */
static int
temp_file(char *path, const char *s)
{
	int fd;
	FILE *f;

	strcpy(path, "/tmp/yoy-unit-XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return -1;
	fputs(s, f);
	return fclose(f);
}

#define DOC(dept, body) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<report version=\"1\">\n  <meta/>\n  <body>\n    <action n=\"2\">\n" \
	"      <department id=\"" dept "\" name=\"D\">\n" body \
	"      </department>\n    </action>\n  </body>\n</report>\n"

/* Reading lazily: entries are checked, not built, until expanded; where
 * the bytes alone would not say the same (namespaces, another encoding)
 * the document is read whole; the diff of lazy documents is the diff. */
static void
lazy(void)
{
	static const char plain[] = DOC("cabinet-office",
	    "        <entry kind=\"progress\" year=\"2013\">\n"
	    "          <p>One\n two</p>\n          <ul><li>three</li></ul>\n"
	    "        </entry>\n"
	    "        <entry kind=\"plan\" year=\"2014\"/>\n"),
	    edited[] = DOC("cabinet-office",
	    "        <entry kind=\"progress\" year=\"2013\">\n"
	    "          <p>One\n two</p>\n          <ul><li>four</li></ul>\n"
	    "        </entry>\n"
	    "        <entry kind=\"plan\" year=\"2014\"/>\n"),
	    ns[] = "<report version=\"1\" xmlns:x=\"urn:x\"><meta/><body>"
	    "<action n=\"1\"><department id=\"dft\"><entry kind=\"plan\" "
	    "year=\"2014\"><p>a</p></entry></department></action></body>"
	    "</report>",
	    latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	    "<report version=\"1\"><meta/><body><action n=\"1\">"
	    "<department id=\"dft\"><entry kind=\"plan\" year=\"2014\">"
	    "<p>caf\xe9</p></entry></department></action></body></report>",
	    unknown[] = DOC("dft", "        <entry kind=\"plan\" year=\"2014\">"
	    "\n          <blink/>\n        </entry>\n");
	char pa[32], pb[32], pc[32], pd[32], pe[32];
	struct yoy_doc *a = NULL, *b = NULL, *c = NULL, *d = NULL;
	struct yoy_lazy *la = NULL, *lb = NULL, *lc = NULL, *ld = NULL, *le;
	struct yoy_node *e = NULL, *e2 = NULL;
	struct yoy_buf t = YOY_BUF_INIT;
	struct yoy_diff_opts o = { 0, NULL, YOY_KIND_NONE, 0, 0, 0, 0 };
	struct yoy_diff *df;
	const char *bytes;
	size_t n = 0, at = 0;
	long k;

	CHECK(temp_file(pa, plain) == 0 && temp_file(pb, edited) == 0 &&
	    temp_file(pc, ns) == 0 && temp_file(pd, latin1) == 0 &&
	    temp_file(pe, unknown) == 0, "temporary files");
	a = yoy_xml_read_lazy(pa, &la);
	b = yoy_xml_read_lazy(pb, &lb);
	if (a) {
		const struct yoy_node *dep = a->body->first->first;

		e = dep->first;
		e2 = e ? e->next : NULL;
	}
	k = e ? yoy_lazy_find(la, e, &at) : -1;
	bytes = k >= 0 ? yoy_lazy_bytes(la, (size_t)k, &n) : NULL;
	CHECK(bytes && e->first == NULL && n > 8 &&
	    memcmp(bytes + n - 8, "</entry>", 8) == 0,
	    "an entry with content is lazy, its end tag included");
	k = e2 ? yoy_lazy_find(la, e2, &at) : -1;
	CHECK(k >= 0 && yoy_lazy_bytes(la, (size_t)k, &n) == NULL,
	    "an empty entry is not lazy");
	df = a && b ? yoy_diff_lazy(a, la, b, lb, &o) : NULL;
	CHECK(df && df->count[YOY_SAME] == 1 && df->count[YOY_CHANGED] == 1,
	    "lazy documents: the empty entry the same, the other changed");
	at = 0;
	k = e ? yoy_lazy_find(la, e, &at) : -1;
	CHECK(k >= 0 && yoy_lazy_bytes(la, (size_t)k, &n) == NULL && e->first &&
	    e->first->type == YOY_P && e->first->xml_line == 8,
	    "the changed entry read by the diff, before any output; lines "
	    "kept");
	if (df) {
		struct yoy_script sc = YOY_SCRIPT_INIT;
		size_t i;

		for (i = 0; i < df->n; i++)
			if (df->cell[i].status == YOY_CHANGED) {
				yoy_diff_script(df, &df->cell[i], &sc);
				CHECK(df->cell[i].words[0] == 3 &&
				    df->cell[i].deleted == 1 &&
				    df->cell[i].inserted == 1,
				    "the changed entry read, one word changed");
			}
		yoy_script_free(&sc);
	}
	yoy_diff_free(df);
	if (e)
		yoy_node_text(e, &t);
	CHECK(t.ptr && strcmp(t.ptr, "One two three") == 0,
	    "its text: '%s'", t.ptr ? t.ptr : "");
	yoy_doc_free(b);
	yoy_lazy_free(lb);
	/* the same bytes, lazily on both sides: the same, unread */
	b = yoy_xml_read_lazy(pa, &lb);
	yoy_doc_free(a);
	yoy_lazy_free(la);
	a = yoy_xml_read_lazy(pa, &la);
	df = a && b ? yoy_diff_lazy(a, la, b, lb, &o) : NULL;
	at = 0;
	k = a ? yoy_lazy_find(la, a->body->first->first->first, &at) : -1;
	CHECK(df && df->count[YOY_SAME] == 2 && df->count[YOY_CHANGED] == 0 &&
	    k >= 0 && yoy_lazy_bytes(la, (size_t)k, &n) != NULL,
	    "equal bytes are the same without being read");
	yoy_diff_free(df);
	c = yoy_xml_read_lazy(pc, &lc);
	CHECK(c && lc == NULL && c->body->first &&
	    c->body->first->first->first->first != NULL,
	    "a namespace declared: read whole");
	d = yoy_xml_read_lazy(pd, &ld);
	t.len = 0;
	if (d)
		yoy_node_text(d->body, &t);
	CHECK(d && ld == NULL && t.ptr && strcmp(t.ptr, "caf\xc3\xa9") == 0,
	    "another encoding: read whole, decoded: '%s'", t.ptr ? t.ptr : "");
	/* a byte order mark: the offsets still hold */
	yoy_doc_free(c);
	unlink(pc);
	CHECK(temp_file(pc, "\xef\xbb\xbf<report version=\"1\"><meta/><body>"
	    "<action n=\"1\"><department id=\"dft\"><entry kind=\"plan\" "
	    "year=\"2014\"><p>a</p></entry></department></action></body>"
	    "</report>") == 0, "temporary file");
	c = yoy_xml_read_lazy(pc, &lc);
	e = c ? c->body->first->first->first : NULL;
	at = 0;
	k = e ? yoy_lazy_find(lc, e, &at) : -1;
	bytes = k >= 0 ? yoy_lazy_bytes(lc, (size_t)k, &n) : NULL;
	CHECK(bytes && n == 16 && memcmp(bytes, "<p>a</p></entry>", 16) == 0,
	    "after a byte order mark, a lazy entry's bytes");
	fprintf(stderr, "(one diagnostic expected:)\n");
	CHECK(yoy_xml_read_lazy(pe, &le) == NULL && le == NULL,
	    "an unknown element in a lazy entry is refused");
	yoy_buf_free(&t);
	yoy_doc_free(a);
	yoy_doc_free(b);
	yoy_doc_free(c);
	yoy_doc_free(d);
	yoy_lazy_free(la);
	yoy_lazy_free(lb);
	yoy_lazy_free(lc);
	yoy_lazy_free(ld);
	unlink(pa), unlink(pb), unlink(pc), unlink(pd), unlink(pe);
}

/* The kept elements of a script, in order, from both sides must be the
 * same sequence; returns how many there are, or -1 when they differ. */
static long
kept(const unsigned *a, size_t n, const unsigned *b, size_t m,
    const char *del, const char *ins)
{
	size_t i = 0, j = 0;
	long k = 0;

	for (;;) {
		while (i < n && del[i])
			i++;
		while (j < m && ins[j])
			j++;
		if (i == n || j == m)
			return i == n && j == m ? k : -1;
		if (a[i++] != b[j++])
			return -1;
		k++;
	}
}

/* yoy_myers against the textbook O(nm) longest common subsequence: on
 * inputs below the cost bound its script is valid and shortest; on one
 * far past it, valid. */
static void
myers(void)
{
	unsigned a[80], b[80];
	char del[80], ins[80];
	static unsigned short lcs[81][81];
	unsigned *x, *y;
	char *dx, *dy;
	int round, bad = 0, notmin = 0;
	size_t i, j, n, m, big = 50000;

	srand(7);
	for (round = 0; round < 3000; round++) {
		unsigned k = 2 + (unsigned)rand() % 5;

		n = (size_t)rand() % 80, m = (size_t)rand() % 80;
		for (i = 0; i < n; i++)
			a[i] = (unsigned)rand() % k;
		if (round % 2) {        /* b an edited copy of a */
			for (i = j = 0; i < n && j < 80; i++) {
				int r = rand() % 10;

				if (r == 0)
					continue;                   /* delete */
				if (r == 1 && j < 79)
					b[j++] = (unsigned)rand() % k;  /* insert */
				b[j++] = r == 2 ? (unsigned)rand() % k : a[i];
			}
			m = j;
		} else {
			for (j = 0; j < m; j++)
				b[j] = (unsigned)rand() % k;
		}
		for (i = 0; i <= n; i++)
			for (j = 0; j <= m; j++)
				lcs[i][j] = i == 0 || j == 0 ? 0 :
				    a[i - 1] == b[j - 1] ? lcs[i - 1][j - 1] + 1 :
				    lcs[i - 1][j] > lcs[i][j - 1] ? lcs[i - 1][j] :
				    lcs[i][j - 1];
		yoy_myers(a, n, b, m, k, del, ins);
		i = (size_t)kept(a, n, b, m, del, ins);
		if ((long)i < 0)
			bad++;
		else if (i != lcs[n][m])
			notmin++;
	}
	CHECK(bad == 0, "myers: %d of 3000 scripts invalid", bad);
	CHECK(notmin == 0, "myers: %d of 3000 scripts not shortest", notmin);

	/* two long unrelated sequences over two symbols: far past the bound */
	x = malloc(2 * big * sizeof(*x));
	dx = malloc(2 * big);
	y = x + big, dy = dx + big;
	for (i = 0; i < 2 * big; i++)
		x[i] = (unsigned)rand() % 2;
	yoy_myers(x, big, y, big, 2, dx, dy);
	CHECK(kept(x, big, y, big, dx, dy) >= 0, "myers: past the bound, "
	    "the script is still valid");
	free(x);
	free(dx);
}

/* diff.c reads these attributes by slot. */
static void
slots(void)
{
	CHECK(strcmp(yoy_type_attr(YOY_DEPARTMENT, 0), "id") == 0 &&
	    strcmp(yoy_type_attr(YOY_DEPARTMENT, 1), "name") == 0 &&
	    strcmp(yoy_type_attr(YOY_ENTRY, 0), "kind") == 0 &&
	    strcmp(yoy_type_attr(YOY_ENTRY, 1), "year") == 0 &&
	    strcmp(yoy_type_attr(YOY_ENTRY, 2), "label") == 0,
	    "slots: department id, name; entry kind, year, label");
}

static const size_t arena_sizes[] = { 1, 7, 16, 100, 5000, 16 * 1024 + 1,
    70000, 1024 * 1024, 3 * 1024 * 1024, 24 };

/* 200 blocks of every size from `a`, each written with its number plus
 * `seed`: the count of bytes not zeroed or misaligned. */
static size_t
arena_fill(struct yoy_arena *a, unsigned char **p, int seed)
{
	size_t i, j, bad = 0;

	for (i = 0; i < 200; i++) {
		size_t sz = arena_sizes[i % 10];

		p[i] = yoy_arena_alloc(a, sz);
		for (j = 0; j < sz; j++)
			bad += p[i][j] != 0;
		if ((uintptr_t)p[i] % sizeof(long double))
			bad++;
		memset(p[i], (int)(i + seed), sz);
	}
	return bad;
}

/* The bytes of the blocks not as arena_fill wrote them. */
static size_t
arena_verify(unsigned char **p, int seed)
{
	size_t i, j, bad = 0;

	for (i = 0; i < 200; i++)
		for (j = 0; j < arena_sizes[i % 10]; j++)
			bad += p[i][j] != (unsigned char)(i + seed);
	return bad;
}

/* Every size from small to past a huge page, in chunks of 64 KB and of
 * 2 MB: each block zeroed, aligned, apart from the others.  A scratch
 * arena gives them zeroed again after a reset, from the same memory;
 * joined to another, its blocks live on with that one. */
static void
arena(void)
{
	struct yoy_arena *a = yoy_arena_new(), *s = yoy_arena_scratch();
	unsigned char *p[200], *q[200], *first;
	size_t bad;

	bad = arena_fill(a, p, 1);
	bad += arena_verify(p, 1);
	CHECK(bad == 0, "arena: %zu bytes not zeroed, misaligned or "
	    "overwritten", bad);
	bad = arena_fill(s, q, 3);
	bad += arena_verify(q, 3);
	first = q[0];
	CHECK(bad == 0, "scratch arena: %zu bytes wrong", bad);
	yoy_arena_reset(s);
	bad = arena_fill(s, q, 5);
	bad += arena_verify(q, 5);
	CHECK(bad == 0, "scratch arena after a reset: %zu bytes not zeroed "
	    "or overwritten", bad);
#ifndef YOY_ASAN
	/* (under AddressSanitizer a reset frees, to catch what outlives it) */
	CHECK(q[0] == first, "scratch arena: a reset does not reuse its memory");
#else
	(void)first;
#endif
	{
		/* a raw arena reuses its memory as it is: not cleared */
		struct yoy_arena *r = yoy_arena_raw();
		unsigned char *x = yoy_arena_alloc(r, 100), *y;

		memset(x, 7, 100);
		yoy_arena_reset(r);
		y = yoy_arena_alloc(r, 100);
#ifndef YOY_ASAN
		CHECK(y == x && y[50] == 7, "raw arena: a reset keeps the "
		    "memory as it is");
#else
		CHECK(y != NULL, "raw arena");
#endif
		yoy_arena_free(r);
	}
	yoy_arena_join(a, s);
	bad = arena_verify(p, 1) + arena_verify(q, 5);
	bad += (size_t)(yoy_arena_alloc(a, 10) == NULL);
	CHECK(bad == 0, "arenas joined: %zu bytes wrong", bad);
	yoy_arena_free(a);
}

/* 100,000 keys: each found again with its value, none found that was
 * not put, keys equal in their first bytes kept apart. */
static void
map(void)
{
	struct yoy_arena *a = yoy_arena_new();
	struct yoy_map m = YOY_MAP_INIT;
	char k[32];
	size_t i, bad = 0, *at;

	for (i = 0; i < 100000; i++) {
		int len = snprintf(k, sizeof(k), "E\x1f%zu\x1f" "dept", i);

		at = yoy_map_at(&m, k, (size_t)len, a);
		bad += *at != (size_t)-1;
		*at = i;
	}
	for (i = 0; i < 100000; i++) {
		int len = snprintf(k, sizeof(k), "E\x1f%zu\x1f" "dept", i);

		bad += yoy_map_get(&m, k) != i;
		bad += *yoy_map_at(&m, k, (size_t)len, a) != i;
		bad += strcmp(yoy_map_key(&m, yoy_map_at(&m, k, (size_t)len,
		    a)), k) != 0;
	}
	bad += m.n != 100000;
	bad += yoy_map_get(&m, "E\x1f" "1\x1f" "dep") != (size_t)-1;
	bad += yoy_map_get(&m, "E\x1f" "1\x1f" "deptx") != (size_t)-1;
	CHECK(bad == 0, "map: %zu lookups wrong", bad);
	yoy_map_free(&m);
	/* reserved: room for every key, no rehash (the slots stay put) */
	yoy_map_reserve(&m, 1000);
	{
		const struct yoy_map_slot *slots = m.slot;
		size_t cap = m.cap;

		for (i = 0, bad = 0; i < 1000; i++) {
			int len = snprintf(k, sizeof(k), "k%zu", i);

			*yoy_map_at(&m, k, (size_t)len, a) = i;
		}
		for (i = 0; i < 1000; i++) {
			snprintf(k, sizeof(k), "k%zu", i);
			bad += yoy_map_get(&m, k) != i;
		}
		CHECK(bad == 0 && m.slot == slots && m.cap == cap && cap >= 2000,
		    "map reserved for 1,000 keys: %zu wrong, cap %zu", bad, cap);
	}
	yoy_map_free(&m);
	yoy_arena_free(a);
}

int
main(void)
{
	yoy_diag_init("unit");
	yoy_xml_errors_init();
	registry();
	labels();
	fold();
	fold_random();
	writer();
	reader();
	lazy();
	myers();
	arena();
	map();
	slots();
	yoy_registry_free();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
