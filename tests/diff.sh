#!/bin/sh
# yoy-diff: its goldens, valid output, the seeds' and the views'
# changes counted independently, lazy reading, its help and man page.
. "$(dirname "$0")/lib.sh"
golden yoy-diff

d=$top/fixtures/yoy-diff
for f in "$d"/*.out; do
	case $(head -c 200 "$f") in
	'<?xml'*) check "yoy-diff xml golden ${f##*/} validates against src/xml/yoy-diff.rng" \
		xmllint --noout --relaxng "$top/src/xml/yoy-diff.rng" "$f" ;;
	'<!DOCTYPE html>'*) check "yoy-diff html golden ${f##*/} passes HTML Tidy (HTML5), no message" sh -c "
		tidy -q -e -utf8 '$f' >'$tmp/lint' 2>&1 && ! test -s '$tmp/lint'" ;;
	esac
done
check "a <script> in a report reaches the html page as text: the page's one script is its own" sh -c "
	test \$(grep -o '<script[^>]*>' '$d/script.out' | wc -l) = 1 && grep -q \"<script>/\\* yoy-diff's review page\" '$d/script.out' &&
	! grep -qi '<img\|href=\"javascript' '$d/script.out' &&
	grep -q '&lt;script&gt;alert(.name.)&lt;/script&gt;' '$d/script.out' &&
	grep -q '&lt;script&gt;alert(3)&lt;/script&gt;' '$d/script.out'"
# --css: the user's stylesheet after the page's, unable to end its element
printf 'h1 { color: #d4351c; }\n/* </style><script>alert(1)</script> */\n' >"$tmp/user.css"
"$bin/yoy-diff" -f html --css "$tmp/user.css" "$d/old.xml" "$d/new.xml" >"$tmp/css.html" 2>/dev/null
check "--css: the stylesheet follows the page's, its '</' written '<\\/' so that it cannot end the element" sh -c "
	grep -q 'h1 { color: #d4351c; }' '$tmp/css.html' && grep -qF '<\\/style><script>alert(1)<\\/script>' '$tmp/css.html' &&
	! grep -qF '</style><script>alert(1)' '$tmp/css.html' && tidy -q -e -utf8 '$tmp/css.html' >/dev/null 2>&1"
"$bin/yoy-md" "$s/001_b5986ffedcf9a2c1.txt" >"$tmp/2012.xml" 2>/dev/null
"$bin/yoy-txt" "$s/000_8520e6b6acb25241.txt" >"$tmp/2015.xml"
rc=0; "$bin/yoy-diff" -f html --split "$tmp/split" "$tmp/2012.xml" "$tmp/2015.xml" || rc=$?
check "--split: index.html, a page per department (18) and per action (1), each valid HTML5; the index links them all" sh -c "
	test $rc = 1 && test \$(ls '$tmp/split'/department-*.html | wc -l) = 18 && test -s '$tmp/split/action-2.html' &&
	for f in '$tmp/split'/*.html; do tidy -q -e -utf8 \"\$f\" >/dev/null 2>&1 || exit 1; done &&
	for f in \$(cd '$tmp/split' && ls department-*.html action-*.html); do grep -q \"href=.\$f\" '$tmp/split/index.html' || exit 1; done"
"$bin/yoy-store" init "$tmp/rev.git" >/dev/null
"$bin/yoy-store" -s "$tmp/rev.git" import --date 2012-12-20 --tag 2012 "$tmp/2012.xml" 2>/dev/null
"$bin/yoy-store" -s "$tmp/rev.git" import --date 2015-01-16 --tag 2015 "$tmp/2015.xml" 2>/dev/null
"$bin/yoy-diff" -f html --store "$tmp/rev.git" 2012 2015 >"$tmp/rev.html" 2>/dev/null
check "the review page of a store's revisions names each by its tag and its commit's date" sh -c "
	grep -q '<dd>Edition 2012, dated 20 December 2012</dd>' '$tmp/rev.html' &&
	grep -q '<dd>Edition 2015, dated 16 January 2015</dd>' '$tmp/rev.html' && grep -q '<h1>Changes to Edition 2015</h1>' '$tmp/rev.html'"
check "--split and --css want -f html; --split no -o" sh -c "
	! '$bin/yoy-diff' --split '$tmp/x' '$tmp/2012.xml' '$tmp/2015.xml' 2>'$tmp/e1' && grep -q 'add -f html' '$tmp/e1' &&
	! '$bin/yoy-diff' -f html --split '$tmp/x' -o '$tmp/y' '$tmp/2012.xml' '$tmp/2015.xml' 2>'$tmp/e2' && grep -q 'no -o with it' '$tmp/e2'"
# the December 2012 responses against the January 2015 page, action 2
tsv=$d/seeds-2012-2015-tsv.out
check "seed 001 against seed 000: DCLG's commitment removed, the 17 others changed, 68 entries added" sh -c "
	test \$(awk -F'\t' 'NR > 1 && \$3 != \"intro\"' '$tsv' | wc -l) = 86 &&
	awk -F'\t' '\$6 == \"removed\"' '$tsv' | cut -f1-3 | grep -qx '2	department-for-communities-and-local-government	commitment' &&
	test \$(awk -F'\t' '\$6 == \"removed\"' '$tsv' | wc -l) = 1 &&
	test \$(awk -F'\t' '\$3 == \"commitment\" && \$6 == \"changed\"' '$tsv' | wc -l) = 17 &&
	test \$(awk -F'\t' '(\$3 == \"progress\" || \$3 == \"plan\") && \$6 == \"added\"' '$tsv' | wc -l) = 68 &&
	test \$(awk -F'\t' '\$6 == \"added\" && \$3 != \"progress\" && \$3 != \"plan\"' '$tsv' | wc -l) = 0"
# the two views of the 2015 edition: the cells yoy-diff calls changed are
# exactly those whose entry elements differ, found here by sed and cmp
differ=$(views_differ)
check "the two 2015 views, action 2 and the Cabinet Office: changed where the entries really differ ($differ)" sh -c "
	test $differ -ge 1 && test \$(awk -F'\t' 'NR > 1 && \$6 == \"changed\"' '$d/views-co-all-tsv.out' | wc -l) = $differ &&
	test \$(awk -F'\t' 'NR > 1' '$d/views-co-all-tsv.out' | wc -l) = 5"
check "the two 2015 views: a minimal word diff (main to key, GDS spelt out)" \
	grep -qF '{+Government Digital Service (+}GDS{+)+} and its [-main-]{+key+} suppliers' "$d/views-co.out"
# --years: the departments whose progress and plans did not change, as
# an independent count finds them: the texts of consecutive years equal
stale >"$tmp/stale"
check "--years on seed 000 lists the $(cat "$tmp/stale") entries that did not change from the year before" sh -c "
	test \$(sed -n '/^Unchanged from the year before:/,/^\$/p' '$d/years.out' | grep -c '^  Action 2 · ') = $(cat "$tmp/stale") &&
	test \$(awk -F'\t' '\$6 == \"same\"' '$d/years-all-tsv.out' | wc -l) = $(cat "$tmp/stale") && test $(cat "$tmp/stale") -gt 0"
# historical versions that only reorder departments are no difference;
# found here as pairs whose department order differs but whose set of
# department blocks, sorted, is the same
h=$top/fixtures/gds-strategy/history/departmentactions
n=0 bad=0 prev=
for f in $(cd "$h" && ls _action*.md | sort); do
	if [ "${f%%@*}" = "${prev%%@*}" ]; then
		"$bin/yoy-md" "$h/$prev" 2>/dev/null >"$tmp/h1.xml"; "$bin/yoy-md" "$h/$f" 2>/dev/null >"$tmp/h2.xml"
		blocks() { awk '/<department /{ b = "" } { b = b $0 "\n" } /<\/department>/{ print b }' RS='\n' "$1" | sort; }
		if ! cmp -s "$tmp/h1.xml" "$tmp/h2.xml" &&
			[ "$(grep -o '<department id="[^"]*"' "$tmp/h1.xml")" != "$(grep -o '<department id="[^"]*"' "$tmp/h2.xml")" ] &&
			[ "$(blocks "$tmp/h1.xml")" = "$(blocks "$tmp/h2.xml")" ]; then
			n=$((n + 1))
			"$bin/yoy-diff" "$tmp/h1.xml" "$tmp/h2.xml" >/dev/null || { bad=$((bad + 1)); echo "  $prev $f: exit $?"; }
		fi
	fi
	prev=$f
done
check "the $n historical versions that only reorder departments give exit 0" test "$bad" = 0 -a "$n" = 2
# a cell of 2 x 50,000 words over four of them: far past the cost bound,
# still a valid script (as many words kept on both sides)
for i in 1 2; do
	awk -v seed=$i 'BEGIN { srand(seed); printf "<report version=\"1\"><meta/><body><action n=\"1\"><department id=\"x\" name=\"X\"><entry kind=\"plan\" year=\"2015\"><p>";
		for (i = 0; i < 50000; i++) printf "w%d ", int(rand() * 4); print "</p></entry></department></action></body></report>" }' >"$tmp/p$i.xml"
done
check "two entries of 50,000 words each: compared, as many words kept on both sides" sh -c "
	'$bin/yoy-diff' -f tsv '$tmp/p1.xml' '$tmp/p2.xml' >'$tmp/p.tsv'; test \$? = 1 &&
	awk -F'\t' 'NR == 2 { exit !(\$7 == 50000 && \$8 == 50000 && \$9 == \$10 && \$9 > 0 && \$9 < 50000) }' '$tmp/p.tsv'"
# yoy-diff links no libgit2: --store runs yoy-store (beside it, else from PATH) as yoy-diff
mkdir -p "$tmp/lone" && cp "$bin/yoy-diff" "$tmp/lone/"
check "yoy-diff loads no libgit2" sh -c "! ldd '$bin/yoy-diff' | grep -q libgit2"
check "yoy-diff --store with no yoy-store beside it or in PATH: said, exit 2" sh -c "
	PATH=/nonexistent '$tmp/lone/yoy-diff' --store '$tmp' a b 2>'$tmp/lone.err'; test \$? = 2 &&
	grep -qx 'yoy-diff: error: cannot run yoy-store: No such file or directory' '$tmp/lone.err'"
check "yoy-diff --store finds yoy-store in PATH, and speaks as yoy-diff" sh -c "
	PATH='$bin' '$tmp/lone/yoy-diff' --store '$tmp/nostore' a b 2>'$tmp/lone.err'; test \$? = 2 &&
	grep -q '^yoy-diff: $tmp/nostore: error: ' '$tmp/lone.err'"
# read streamed in 64 KB pieces: a fault 200 KB in is told at its own line
awk 'BEGIN { print "<report version=\"1\"><meta/><body>"
	for (i = 0; i < 20000; i++) print "<p>paragraph " i "</p>"; print "<bogus/></body></report>" }' >"$tmp/big.xml"
check "a fault past the first pieces of a streamed input: its line, 20,002" sh -c "
	'$bin/yoy-diff' '$tmp/big.xml' '$tmp/big.xml' 2>&1 | grep -qx \"yoy-diff: $tmp/big.xml:20002:7: error: unknown element 'bogus'\""

# files are read lazily (an entry checked, then read only if it differs),
# standard input streamed whole: the same output in every format
s001=$top/fixtures/yoy-md/seed-001.out s000=$top/fixtures/yoy-txt/action-02.out s004=$top/fixtures/yoy-txt/cabinet-office.out
for f in text tsv xml html; do
	for pair in "$s001 $s000" "$s000 $s004" "$d/old.xml $d/new.xml" "$tmp/h1.xml $tmp/h2.xml"; do
		set -- $pair
		"$bin/yoy-diff" -f $f "$1" "$2" 2>&1 | sed "s|$2|NEW|g" >>"$tmp/lz-file.$f"
		"$bin/yoy-diff" -f $f "$1" - <"$2" 2>&1 | sed 's|&lt;stdin&gt;|NEW|g' >>"$tmp/lz-stdin.$f"
	done
done
check "yoy-diff reads files lazily, standard input whole: the same output in every format" sh -c "
	for f in text tsv xml html; do cmp '$tmp/lz-file.'\$f '$tmp/lz-stdin.'\$f && test -s '$tmp/lz-file.'\$f || exit 1; done"

printf '<report version="1" xmlns:x="urn:x"><meta/><body><action n="1"><department id="dft" name="D"><entry kind="plan" year="2014"><p>a</p></entry></department></action></body></reportx>\n' >"$tmp/nsbad.xml"
check "a lazy read given up (a namespace) and read again whole: its error said once" sh -c "
	'$bin/yoy-diff' '$tmp/nsbad.xml' '$tmp/nsbad.xml' 2>'$tmp/nsbad.err'; test \$? = 2 &&
	test \$(wc -l <'$tmp/nsbad.err') = 1 && grep -q ':1:180: error: malformed XML' '$tmp/nsbad.err'"

docs yoy-diff
lists yoy-diff "two files to compare" "compares one file" "wants a number from" "unknown kind" \
	"unknown format" "--color wants" "unknown department" "cannot open" "cannot read" \
	"is a directory" "malformed XML" "not a yoy document" "unknown element" "inside the document" \
	"document type declarations" "entity references" "nested deeper" "cannot run yoy-store" \
	"no XML in input" "expected 'slug" "invalid department id" "has no name" "write error" "out of memory"
finish
