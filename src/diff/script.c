/* A changed cell's edit script: its blocks aligned whole first (a
 * shortest script over blocks, each a symbol of its type and text), then
 * each changed run of blocks compared token by token, the script made
 * readable (cleanup) and said as kept, deleted and inserted runs. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
op(struct yoy_script *sc, enum yoy_opkind kind, int block, enum yoy_type t,
    const char *s, size_t len)
{
	struct yoy_op *o;

	/* runs of one kind merge */
	if (!block && sc->n && !sc->op[sc->n - 1].block &&
	    sc->op[sc->n - 1].kind == kind &&
	    sc->op[sc->n - 1].s + sc->op[sc->n - 1].len == s) {
		sc->op[sc->n - 1].len += len;
		return;
	}
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		sc->op = yoy_realloc(sc->op, sc->cap * sizeof(*sc->op));
	}
	o = &sc->op[sc->n++];
	o->kind = kind;
	o->block = block;
	o->type = t;
	o->s = s;
	o->len = len;
}

static void
whole(struct yoy_script *sc, enum yoy_opkind kind, const struct yoy_block *b)
{
	op(sc, kind, 1, b->type, b->s, 0);
	if (b->len)
		op(sc, kind, 0, b->type, b->s, b->len);
}

static void
grow_flags(struct yoy_differ *d, size_t n)
{
	if (n > d->flagcap) {
		d->flagcap = n;
		d->flags = yoy_realloc(d->flags, n);
	}
}

static void
emit(struct yoy_script *sc, const struct yoy_tok *t, enum yoy_opkind k,
    struct yoy_cell *c)
{
	if (t->sep)
		op(sc, k, 1, t->type, "", 0);
	else
		op(sc, k, 0, t->type, t->s, t->len);
	if (t->word && k == YOY_OP_DEL)
		c->deleted++;
	else if (t->word && k == YOY_OP_INS)
		c->inserted++;
}

/* A run of the script: kept (eq) or edited, over a[i0, i1), b[j0, j1). */
struct run {
	size_t i0, i1, j0, j1;
	size_t len, dl, il;     /* bytes: kept; deleted, inserted */
	int eq, hard;           /* hard: holds a word or a block boundary */
};

static int
goes(const struct run *l, const struct run *e, const struct run *r)
{
	size_t lm = l->dl > l->il ? l->dl : l->il;
	size_t rm = r->dl > r->il ? r->dl : r->il;

	return !e->hard || (e->len < lm && e->len < rm);
}

/* A shortest script is not always the most readable: "Service Manager"
 * to "service manager" keeps the space between the words, a rewritten
 * sentence keeps its scattered "the" and "of".  The semantic cleanup of
 * Fraser's diff-match-patch: a kept run between edits goes with them
 * when it holds no word, or is shorter than the edits on either side;
 * merged edits are checked again against the run before them (a stack,
 * so linear).  A run holding a block boundary always stays. */
static void
cleanup(struct yoy_cursor ca, struct yoy_cursor cb, size_t na, size_t nb, char *del,
    char *ins)
{
	size_t i = 0, j = 0, n = 0, cap = 64, k;
	struct run *st = yoy_malloc(cap * sizeof(*st));
	struct yoy_tok t;

	while (i < na || j < nb) {
		struct run r;

		memset(&r, 0, sizeof(r));
		r.i0 = i, r.j0 = j;
		if ((i < na && del[i]) || (j < nb && ins[j])) {
			for (; i < na && del[i]; i++)
				if (yoy_tok_next(&ca, &t))
					r.dl += t.len;
			for (; j < nb && ins[j]; j++)
				if (yoy_tok_next(&cb, &t))
					r.il += t.len;
		} else {
			r.eq = 1;
			for (; i < na && j < nb && !del[i] && !ins[j]; i++, j++) {
				yoy_tok_next(&ca, &t);
				if (!yoy_tok_next(&cb, &t))
					continue;
				r.len += t.len;
				if (t.sep)
					r.hard = 2;
				else if (t.word && !r.hard)
					r.hard = 1;
			}
		}
		r.i1 = i, r.j1 = j;
		if (n == cap)
			st = yoy_realloc(st, (cap *= 2) * sizeof(*st));
		st[n++] = r;
		while (n >= 3 && !st[n - 1].eq && st[n - 2].eq &&
		    st[n - 2].hard < 2 && !st[n - 3].eq &&
		    goes(&st[n - 3], &st[n - 2], &st[n - 1])) {
			struct run *l = &st[n - 3], *e = &st[n - 2],
			    *rr = &st[n - 1];

			l->dl += e->len + rr->dl;
			l->il += e->len + rr->il;
			l->i1 = rr->i1, l->j1 = rr->j1;
			n -= 2;
		}
	}
	for (k = 0; k < n; k++)
		if (!st[k].eq) {
			memset(del + st[k].i0, 1, st[k].i1 - st[k].i0);
			memset(ins + st[k].j0, 1, st[k].j1 - st[k].j0);
		}
	free(st);
}

/* Compares the changed blocks a[i0, i1) and b[j0, j1) word by word. */
static void
hunk(struct yoy_diff *df, struct yoy_cell *c, size_t i0, size_t i1,
    size_t j0, size_t j1, struct yoy_script *sc)
{
	struct yoy_differ *d = df->differ;
	struct yoy_cursor ca, cb;
	struct yoy_tok t;
	size_t i, j, na, nb, bytes = 0;
	char *del, *ins;

	yoy_sym_reset(d);
	d->nseq = 0;
	if (d->typo) {
		/* keys point into d->keys: no growing while they are made */
		for (i = i0; i < i1; i++)
			bytes += c->blk[0][i].len + 1;
		for (j = j0; j < j1; j++)
			bytes += c->blk[1][j].len + 1;
		d->keys.len = 0;
		yoy_buf_grow(&d->keys, bytes + 16);
	}
	na = yoy_sym_blocks(d, c->blk[0], i0, i1);
	nb = yoy_sym_blocks(d, c->blk[1], j0, j1);
	grow_flags(d, na + nb + 1);
	del = d->flags, ins = d->flags + na;
	yoy_myers(d->seq, na, d->seq + na, nb, d->nid, del, ins);

	/* the hunk's first block: on both sides, or on one */
	if (j0 < j1)
		op(sc, i0 < i1 ? YOY_OP_SAME : YOY_OP_INS, 1,
		    c->blk[1][j0].type, "", 0);
	else
		op(sc, YOY_OP_DEL, 1, c->blk[0][i0].type, "", 0);
	yoy_tok_cursor(&ca, c->blk[0], i0, i1);
	yoy_tok_cursor(&cb, c->blk[1], j0, j1);
	cleanup(ca, cb, na, nb, del, ins);
	/* each run of edits: what went, then what came */
	for (i = j = 0; i < na || j < nb;) {
		if (!(i < na && del[i]) && !(j < nb && ins[j])) {
			yoy_tok_next(&ca, &t);
			yoy_tok_next(&cb, &t);
			emit(sc, &t, YOY_OP_SAME, c);
			i++, j++;
			continue;
		}
		for (; i < na && del[i]; i++)
			if (yoy_tok_next(&ca, &t))
				emit(sc, &t, YOY_OP_DEL, c);
		for (; j < nb && ins[j]; j++)
			if (yoy_tok_next(&cb, &t))
				emit(sc, &t, YOY_OP_INS, c);
	}
}

void
yoy_diff_script(struct yoy_diff *df, struct yoy_cell *c,
    struct yoy_script *sc)
{
	struct yoy_differ *d = df->differ;
	size_t i, j, n = 0, na, nb;
	const struct yoy_block *a, *b;
	char *bdel, *bins;
	unsigned *sa, *sb;
	int s;

	na = c->nblk[0], nb = c->nblk[1];
	a = c->blk[0], b = c->blk[1];
	sc->n = 0;
	c->deleted = c->inserted = 0;
	for (s = 0; s < 2; s++) {
		c->words[s] = 0;
		for (i = 0; i < c->nblk[s]; i++)
			c->words[s] += yoy_tok_words(c->blk[s][i].s,
			    c->blk[s][i].len);
	}
	if (c->status != YOY_CHANGED) {
		enum yoy_opkind k = c->status == YOY_ADDED ? YOY_OP_INS :
		    c->status == YOY_REMOVED ? YOY_OP_DEL : YOY_OP_SAME;
		int from = c->status == YOY_REMOVED ? 0 : 1;

		for (i = 0; i < c->nblk[from]; i++)
			whole(sc, k, &c->blk[from][i]);
		if (k == YOY_OP_INS)
			c->inserted = c->words[1];
		else if (k == YOY_OP_DEL)
			c->deleted = c->words[0];
		return;
	}
	/* align whole blocks first: a block is its type and its text */
	for (i = 0; i < na; i++)
		n += a[i].len + 1;
	for (i = 0; i < nb; i++)
		n += b[i].len + 1;
	yoy_sym_reset(d);
	d->nseq = 0;
	if (d->typo) {
		d->keys.len = 0;
		yoy_buf_grow(&d->keys, n + 16);
	}
	for (s = 0; s < 2; s++)
		for (i = 0; i < c->nblk[s]; i++)
			yoy_sym_push(d, yoy_sym(d, c->blk[s][i].s, c->blk[s][i].len,
			    1 + (unsigned)c->blk[s][i].type));
	/* hunk() reuses the symbols' array: the blocks' go elsewhere */
	sa = yoy_malloc((na + nb + 1) * sizeof(*sa));
	memcpy(sa, d->seq, (na + nb) * sizeof(*sa));
	sb = sa + na;
	bdel = yoy_malloc(na + nb + 1);
	bins = bdel + na;
	yoy_myers(sa, na, sb, nb, d->nid, bdel, bins);
	for (i = j = 0; i < na || j < nb;) {
		size_t i0 = i, j0 = j;

		if ((i < na && bdel[i]) || (j < nb && bins[j])) {
			while (i < na && bdel[i])
				i++;
			while (j < nb && bins[j])
				j++;
			hunk(df, c, i0, i, j0, j, sc);
			continue;
		}
		whole(sc, YOY_OP_SAME, &b[j]);
		i++, j++;
	}
	free(bdel);
	free(sa);
}

void
yoy_script_free(struct yoy_script *sc)
{
	free(sc->op);
	sc->op = NULL;
	sc->n = sc->cap = 0;
}
