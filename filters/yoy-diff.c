/* yoy-diff: what each department changed, action by action, year on year.
 * The program is yoy_diff_main (src/diffmain.c); --store hands it to
 * yoy-store, which reads revisions with libgit2. */
#include "cli.h"

int
main(int argc, char **argv)
{
	return yoy_diff_main(argc, argv, NULL);
}
