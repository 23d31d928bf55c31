/* Runs a fuzz target once on each file given, as libFuzzer does when
 * handed files: the regression corpus (tests/fuzz/regress/) in make
 * check, with any compiler, under the sanitizers when built with them. */
#include "fuzz.h"

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		struct yoy_buf b = YOY_BUF_INIT;

		if (yoy_buf_read_file(&b, argv[i]) < 0)
			return 2;
		LLVMFuzzerTestOneInput((const unsigned char *)(b.ptr ? b.ptr :
		    ""), b.len);
		yoy_buf_free(&b);
	}
	return 0;
}
