/* yoy-check's reports: the text a person reads, a line a finding, and
 * the formats CI systems read, a file each (junit.c, sarif.c, github.c,
 * codequality.c). */
#include <errno.h>
#include <string.h>

#include "internal.h"

static const char *const formats[] = {
	[YOY_CHECK_TEXT] = "text", [YOY_CHECK_JUNIT] = "junit",
	[YOY_CHECK_SARIF] = "sarif", [YOY_CHECK_GITHUB] = "github",
	[YOY_CHECK_CODEQUALITY] = "codequality",
};

const char *
yoy_check_format_name(enum yoy_check_format f)
{
	return formats[f];
}

int
yoy_check_format_from_name(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(s, formats[i]) == 0)
			return (int)i;
	return -1;
}

/* yoy-check: file:line:col: level: message [rule] */
static void
text(const struct yoy_findings *f, struct yoy_buf *b)
{
	size_t k;

	for (k = 0; k < f->n; k++) {
		const struct yoy_finding *x = &f->v[k];

		yoy_buf_puts(b, "yoy-check: ");
		yoy_finding_put(b, x);
		yoy_buf_printf(b, " [%s]\n", yoy_rule_name(x->rule));
		if (x->detail)          /* -v's diff: lines of its own */
			yoy_buf_printf(b, "   %s\n", x->detail);
	}
}

int
yoy_check_write(const struct yoy_findings *f, FILE *out, const char *name,
    enum yoy_check_format format, const struct yoy_report_opts *o)
{
	struct yoy_buf b = YOY_BUF_INIT;
	int rc = 0;

	switch (format) {
	case YOY_CHECK_TEXT:
		text(f, &b);
		break;
	case YOY_CHECK_JUNIT:
		rc = yoy_report_junit(f, out, o);
		break;
	case YOY_CHECK_SARIF:
		yoy_report_sarif(f, &b, o);
		break;
	case YOY_CHECK_GITHUB:
		yoy_report_github(f, &b, o);
		break;
	case YOY_CHECK_CODEQUALITY:
		yoy_report_codequality(f, &b, o);
		break;
	}
	if (b.len && fwrite(b.ptr, 1, b.len, out) != b.len)
		rc = -1;
	yoy_buf_free(&b);
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	if (rc < 0) {
		yoy_diag(YOY_FATAL, name, 0, 0, "write error: %s",
		    strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}
