/* GitHub Actions' workflow commands: a line a finding,
 *   ::error file=F,line=L,col=C,title=T::message
 * which the runner turns into an annotation on the file.  As its
 * documentation says, a message escapes '%', CR and LF, and a property
 * ':' and ',' too. */
#include <string.h>

#include "internal.h"

static void
escaped(struct yoy_buf *b, const char *s, int property)
{
	for (; *s; s++)
		if (*s == '%')
			yoy_buf_puts(b, "%25");
		else if (*s == '\r')
			yoy_buf_puts(b, "%0D");
		else if (*s == '\n')
			yoy_buf_puts(b, "%0A");
		else if (property && *s == ':')
			yoy_buf_puts(b, "%3A");
		else if (property && *s == ',')
			yoy_buf_puts(b, "%2C");
		else
			yoy_buf_putc(b, *s);
}

void
yoy_report_github(const struct yoy_findings *f, struct yoy_buf *b,
    const struct yoy_report_opts *o)
{
	struct yoy_buf t = YOY_BUF_INIT;
	size_t k;

	for (k = 0; k < f->n; k++) {
		const struct yoy_finding *x = &f->v[k];

		yoy_buf_printf(b, "::%s ", x->level == YOY_WARNING ? "warning" :
		    "error");
		t.len = 0;
		yoy_report_path(&t, x->file, o->source_root);
		yoy_buf_puts(b, "file=");
		escaped(b, t.ptr, 1);
		if (x->line)
			yoy_buf_printf(b, ",line=%u", x->line);
		if (x->line && x->col)
			yoy_buf_printf(b, ",col=%u", x->col);
		yoy_buf_printf(b, ",title=yoy-check %s::", yoy_rule_name(x->rule));
		t.len = 0;
		yoy_diag_put_text(&t, x->msg);
		if (x->detail)
			yoy_buf_printf(&t, "\n%s", x->detail);
		escaped(b, t.ptr, 0);
		yoy_buf_putc(b, '\n');
	}
	yoy_buf_free(&t);
}
