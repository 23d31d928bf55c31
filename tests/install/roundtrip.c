/* A program of a library user: built against the installed yoy.h and
 * libyoy through pkg-config (tests/install.sh).  Reads a canonical
 * document, writes it back (the same bytes) and says the version. */
#include <stdio.h>
#include <yoy.h>

int
main(int argc, char **argv)
{
	struct yoy_buf in = YOY_BUF_INIT;
	struct yoy_doc *d;
	int rc;

	yoy_diag_init("roundtrip");
	if (argc != 2 || yoy_buf_read_file(&in, argv[1]) < 0)
		return 2;
	if ((d = yoy_xml_read(in.ptr, in.len, argv[1])) == NULL)
		return 2;
	rc = yoy_xml_write(d, stdout, NULL) < 0 ? 2 : 0;
	fprintf(stderr, "libyoy %s\n", yoy_version());
	yoy_doc_free(d);
	yoy_buf_free(&in);
	return rc;
}
