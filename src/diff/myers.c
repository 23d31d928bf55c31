/* The shortest edit script between two sequences of integers.
 *
 * E. W. Myers, "An O(ND) difference algorithm and its variations",
 * Algorithmica 1 (1986) 251-266: the linear-space variant, which finds
 * the middle snake of each subproblem by searching from both ends, as GNU
 * diff's analyze.c and gnulib's diffseq.h do.  Two things keep every
 * input near linear:
 *
 *  - elements that occur in only one sequence can never match; they are
 *    marked first and left out of the search (GNU diff's
 *    discard_confusing_lines, git xdiff's xdl_cleanup_records, in their
 *    simplest form), which keeps the result minimal;
 *  - past a cost bound of about the square root of the input (at least
 *    256, as xdiff's mxcost) the search for one middle snake gives up
 *    and splits at the furthest-reaching diagonal.  The script is then
 *    correct but may be longer than the shortest.
 *
 * The subproblems go on an explicit stack, so no input runs deep. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct ctx {
	const unsigned *a, *b;
	char *del, *ins;
	int32_t *fd, *bd;       /* indexed by diagonal k = x - y: an x each,
				 * half the memory of a long (inputs past
				 * 2^30 elements are not searched) */
	long bound;
};

struct part {
	long x, y;
	int lo_min, hi_min;
};

/* Finds the midpoint of the shortest script for a[xoff, xlim) and
 * b[yoff, ylim), or past the bound a good point. */
static void
middle(struct ctx *c, long xoff, long xlim, long yoff, long ylim,
    int minimal, struct part *p)
{
	int32_t *fd = c->fd, *bd = c->bd;
	const unsigned *a = c->a, *b = c->b;
	long dmin = xoff - ylim, dmax = xlim - yoff;
	long fmid = xoff - yoff, bmid = xlim - ylim;
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	int odd = (fmid - bmid) & 1;
	long cost, d;

	fd[fmid] = (int32_t)xoff;
	bd[bmid] = (int32_t)xlim;
	for (cost = 1;; cost++) {
		/* one more edit step forward on every diagonal */
		if (fmin > dmin)
			fd[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			fd[++fmax + 1] = -1;
		else
			--fmax;
		for (d = fmax; d >= fmin; d -= 2) {
			long lo = fd[d - 1], hi = fd[d + 1];
			long x = lo < hi ? hi : lo + 1, y = x - d;

			while (x < xlim && y < ylim && a[x] == b[y])
				x++, y++;
			fd[d] = (int32_t)x;
			if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
				p->x = x, p->y = y;
				p->lo_min = p->hi_min = 1;
				return;
			}
		}
		/* and backward */
		if (bmin > dmin)
			bd[--bmin - 1] = INT32_MAX;
		else
			++bmin;
		if (bmax < dmax)
			bd[++bmax + 1] = INT32_MAX;
		else
			--bmax;
		for (d = bmax; d >= bmin; d -= 2) {
			long lo = bd[d - 1], hi = bd[d + 1];
			long x = lo < hi ? lo : hi - 1, y = x - d;

			while (x > xoff && y > yoff && a[x - 1] == b[y - 1])
				x--, y--;
			bd[d] = (int32_t)x;
			if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
				p->x = x, p->y = y;
				p->lo_min = p->hi_min = 1;
				return;
			}
		}
		if (minimal || cost < c->bound)
			continue;
		/* too expensive: split where a side got furthest */
		{
			long fbest = -1, fx = xoff, bbest = LONG_MAX, bx = xlim;

			for (d = fmax; d >= fmin; d -= 2) {
				long x = fd[d] < xlim ? fd[d] : xlim, y = x - d;

				if (y > ylim)
					x = ylim + d, y = ylim;
				if (x + y > fbest)
					fbest = x + y, fx = x;
			}
			for (d = bmax; d >= bmin; d -= 2) {
				long x = bd[d] > xoff ? bd[d] : xoff, y = x - d;

				if (y < yoff)
					x = yoff + d, y = yoff;
				if (x + y < bbest)
					bbest = x + y, bx = x;
			}
			if ((xlim + ylim) - bbest < fbest - (xoff + yoff)) {
				p->x = fx, p->y = fbest - fx;
				p->lo_min = 1, p->hi_min = 0;
			} else {
				p->x = bx, p->y = bbest - bx;
				p->lo_min = 0, p->hi_min = 1;
			}
			return;
		}
	}
}

struct job {
	long xoff, xlim, yoff, ylim;
	int minimal;
};

static void
compare(struct ctx *c, long n, long m)
{
	struct job *stack = yoy_malloc(64 * sizeof(*stack));
	size_t top = 0, cap = 64;

	stack[top++] = (struct job){ 0, n, 0, m, 0 };
	while (top > 0) {
		struct job j = stack[--top];
		struct part p;

		while (j.xoff < j.xlim && j.yoff < j.ylim &&
		    c->a[j.xoff] == c->b[j.yoff])
			j.xoff++, j.yoff++;
		while (j.xoff < j.xlim && j.yoff < j.ylim &&
		    c->a[j.xlim - 1] == c->b[j.ylim - 1])
			j.xlim--, j.ylim--;
		if (j.xoff == j.xlim) {
			memset(c->ins + j.yoff, 1, (size_t)(j.ylim - j.yoff));
			continue;
		}
		if (j.yoff == j.ylim) {
			memset(c->del + j.xoff, 1, (size_t)(j.xlim - j.xoff));
			continue;
		}
		middle(c, j.xoff, j.xlim, j.yoff, j.ylim, j.minimal, &p);
		if (top + 2 > cap)
			stack = yoy_realloc(stack, (cap *= 2) * sizeof(*stack));
		stack[top++] = (struct job){ p.x, j.xlim, p.y, j.ylim, p.hi_min };
		stack[top++] = (struct job){ j.xoff, p.x, j.yoff, p.y, p.lo_min };
	}
	free(stack);
}

void
yoy_myers(const unsigned *a, size_t n, const unsigned *b, size_t m,
    unsigned nsym, char *del, char *ins)
{
	/* the elements both sides have, compacted: their place in a and b
	 * is found again from del and ins, which mark the others */
	unsigned *ca = yoy_malloc((n + m + 1) * sizeof(*ca)), *cb = ca + n;
	unsigned char *seen = yoy_malloc(nsym ? nsym : 1);
	size_t i, k, na = 0, nb = 0, diags;
	int32_t *diag;
	struct ctx c;

	memset(del, 0, n);
	memset(ins, 0, m);
	/* an element missing from the other side is an edit, and no part
	 * of the search: bit 1, seen in a; bit 2, seen in b */
	memset(seen, 0, nsym ? nsym : 1);
	for (i = 0; i < n; i++)
		seen[a[i]] |= 1;
	for (i = 0; i < m; i++)
		seen[b[i]] |= 2;
	for (i = 0; i < n; i++)
		if (seen[a[i]] & 2)
			ca[na++] = a[i];
		else
			del[i] = 1;
	for (i = 0; i < m; i++)
		if (seen[b[i]] & 1)
			cb[nb++] = b[i];
		else
			ins[i] = 1;
	free(seen);

	diags = na + nb + 3;
	if (diags > (size_t)INT32_MAX / 2) {
		/* past a billion elements: no search, all replaced */
		memset(del, 1, n);
		memset(ins, 1, m);
		free(ca);
		return;
	}
	diag = yoy_malloc(2 * diags * sizeof(*diag));
	c.a = ca, c.b = cb;
	c.del = yoy_malloc(na + nb + 1);
	c.ins = c.del + na;
	memset(c.del, 0, na + nb + 1);
	c.fd = diag + nb + 1;
	c.bd = diag + diags + nb + 1;
	/* GNU diff's bound: about the square root of the diagonals */
	for (c.bound = 1, i = diags; i != 0; i >>= 2)
		c.bound <<= 1;
	if (c.bound < 256)
		c.bound = 256;
	compare(&c, (long)na, (long)nb);
	for (i = k = 0; i < n; i++)
		if (!del[i])
			del[i] = c.del[k++];
	for (i = k = 0; i < m; i++)
		if (!ins[i])
			ins[i] = c.ins[k++];
	free(c.del);
	free(diag);
	free(ca);
}
