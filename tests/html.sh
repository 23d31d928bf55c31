#!/bin/sh
# yoy-html: its goldens, every era's markup of the 2015 pages, GOV.UK's
# own bodies, hostile input, its help and man page.
. "$(dirname "$0")/lib.sh"
golden yoy-html

body "$s/000_8520e6b6acb25241.txt" >"$tmp/body0"
# --- yoy-html: the 2015 pages, in every era's markup, give their seeds' bodies
body "$top/fixtures/seeds/004_8d54f930daa6b4b9.txt" >"$tmp/body4"
hbody() { "$bin/yoy-html" "$@" 2>"$tmp/hbody.err" | sed -n '/<body>/,/<\/body>/p'; }
for f in "$top"/fixtures/govuk-pages/*.html "$top"/fixtures/yoy-html/eras/*.html; do
	case ${f##*/} in
	action-02-bare.html) set -- -t "Action 2: empower skilled and experienced Service Managers" "$f" ;;
	co-actions-bare.html) set -- -d CO "$f" ;;
	*) set -- "$f" ;;
	esac
	case ${f##*/} in action*) want=$tmp/body0 ;; *) want=$tmp/body4 ;; esac
	hbody "$@" >"$tmp/hbody"
	check "${f#$top/fixtures/}: body byte-identical to its seed's, no warning" sh -c \
		"cmp '$want' '$tmp/hbody' && ! test -s '$tmp/hbody.err'"
done
check "the whitehall page's metadata: type, title, date" sh -c "
	'$bin/yoy-html' '$top/fixtures/govuk-pages/action-02-2015-whitehall.html' | sed -n '3,7p' |
	tr -d '\n' | grep -q '<title>Action 2: empower.*</title> *<type>Policy paper</type> *<date kind=\"updated\">2015-01-16</date> *<source'"
check "today's page's history notice" sh -c "
	'$bin/yoy-html' '$top/fixtures/yoy-html/eras/action-02-2026-frontend.html' |
	grep -q '<notice>This was published under the 2010 to 2015 Conservative and Liberal Democrat coalition government</notice>'"

# --- yoy-html on GOV.UK's own bodies (fixtures/govuk-html): they convert,
# validate, and keep at least 98% of their words
n=0 bad=0 pairs=
for f in "$top"/fixtures/govuk-html/*.html "$top"/fixtures/govuk-pages/*.html; do
	n=$((n + 1)) x=$tmp/w$n.xml
	"$bin/yoy-html" "$f" >"$x" 2>"$tmp/w.err"
	rc=$?
	if [ $rc -gt 1 ] || ! "$bin/test-validate" "$x" >"$tmp/w.log" 2>&1; then
		bad=$((bad + 1)); echo "  ${f##*/}: exit $rc"; cat "$tmp/w.err" "$tmp/w.log" | head -5
	fi
	pairs="$pairs $f $x"
done
check "all $n GOV.UK bodies and pages convert (exit 0 or 1) and validate" test "$bad" = 0 -a "$n" = 27
# shellcheck disable=SC2086
check "every GOV.UK body keeps at least 98% of its words" "$bin/test-htmlwords" 98 $pairs

# --- yoy-html on hostile input: bounded time, a whole document or a clear error
# (100,000 nested tags, closed or not: fixtures/yoy-html/deep-*.in)
awk 'BEGIN { printf "<p>"; for (i = 0; i < 1000000; i++) printf "%s ", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz!"; print "end</p>" }' |
	"$bin/yoy-html" >"$tmp/big.xml" 2>"$tmp/big.err"
check "a 100 MB text node arrives whole" sh -c "
	test \$(wc -c <'$tmp/big.xml') -gt 100000000 && ! test -s '$tmp/big.err' &&
	sed -n 7p '$tmp/big.xml' | head -c 30 | grep -qx '    <p>0123456789abcdefghijklm' &&
	tail -c 42 '$tmp/big.xml' | head -1 | grep -q 'xyz! end</p>\$'"
rm -f "$tmp/big.xml"
# "appears twice" once walked every department of the action for each new
# one: quadratic, past the watchdog at 40,000 departments
awk 'BEGIN { print "<h1>Action 2: x</h1><div class=\"govspeak\"><p>statement</p>";
	for (i = 0; i <= 40000; i++) printf "<h2>Department %d</h2><h3>Progress during 2013</h3><p>text</p>\n", i % 40000 }' >"$tmp/depts.html"
check "40,001 department headings (one twice) on an HTML page: each kept, one warning" sh -c "
	'$bin/yoy-html' '$tmp/depts.html' >'$tmp/depts.xml' 2>'$tmp/depts.err';
	test \$? = 0 && test \$(grep -c '<department ' '$tmp/depts.xml') = 40001 &&
	test \$(grep -c 'appears twice' '$tmp/depts.err') = 1"
# a list item once looked for blocks among all its children at every
# piece of text: quadratic in an item of many inline elements
awk 'BEGIN { printf "<ul><li>"; for (i = 0; i < 100000; i++) printf "<b>x</b> y "; print "</li></ul>" }' >"$tmp/li.html"
check "a list item of 100,000 inline elements: one item, every word kept" sh -c "
	'$bin/yoy-html' '$tmp/li.html' >'$tmp/li.xml' && test \$(grep -c '<li>' '$tmp/li.xml') = 1 &&
	test \$(grep -o '<strong>x</strong> y' '$tmp/li.xml' | wc -l) = 100000"
# an action heading's emptied elements were removed one walk each, and an
# image looked for its <figure> down the whole stack: both quadratic
awk 'BEGIN { printf "<div class=\"govspeak\"><h2>Action 2: "; for (i = 0; i < 50000; i++) printf "<b>x</b>";
	for (i = 0; i < 50000; i++) printf "<i></i>"; print " Title</h2></div>" }' >"$tmp/hb.html"
check "an action heading with 50,000 empty elements: the action, its title whole" sh -c "
	'$bin/yoy-html' '$tmp/hb.html' >'$tmp/hb.xml' && grep -q '<action n=\"2\">' '$tmp/hb.xml' &&
	test \$(grep -o '<strong>x</strong>' '$tmp/hb.xml' | wc -l) = 50000 && ! grep -q '<em' '$tmp/hb.xml'"
awk 'BEGIN { printf "<figure>"; for (i = 0; i < 100000; i++) printf "<div>"; for (i = 0; i < 100000; i++) printf "<img src=x alt=y>"; print "" }' >"$tmp/fig.html"
check "100,000 images 100,000 elements deep in a figure: each kept" sh -c "
	'$bin/yoy-html' '$tmp/fig.html' >'$tmp/fig.xml' && test \$(grep -c '<figure src=\"x\" alt=\"y\"' '$tmp/fig.xml') = 100000"
# looking for .govspeak once went back over the text from every mention of
# the word: quadratic, and the watchdog ended it at 5 s
awk 'BEGIN { printf "<p>"; for (i = 0; i < 300000; i++) printf "govspeak "; print "</p>" }' >"$tmp/gs.html"
check "300,000 mentions of govspeak in text: converted, every word kept" sh -c "
	'$bin/yoy-html' '$tmp/gs.html' >'$tmp/gs.xml' && test \$(grep -o govspeak '$tmp/gs.xml' | wc -l) = 300000"
awk 'BEGIN { printf "<p "; for (i = 0; i < 100000; i++) printf "a%d=1 ", i; print ">x</p>" }' >"$tmp/attrs.html"
check "a tag with 100,000 attributes (quadratic in libxml2) ends at --time-limit, exit 2, no output" sh -c "
	'$bin/yoy-html' --time-limit 1 '$tmp/attrs.html' >'$tmp/attrs.out' 2>'$tmp/attrs.err';
	test \$? = 2 && ! test -s '$tmp/attrs.out' &&
	grep -q 'error: HTML took more than 1 s of CPU time (input pathological for libxml2' '$tmp/attrs.err'"

docs yoy-html
lists yoy-html "invalid UTF-8" "NUL byte in input" "no text in input" "unknown department" \
	"appears twice" "outside any action" "has no department heading" \
	"outside the page's content dropped" "> dropped" "nested over" "HTML: " \
	"more HTML errors" "stopped here" "declares charset" "not windows-1252" \
	"over 2 GB" "CPU time" "aborted" "cannot open" "cannot read" "is a directory" \
	"write error" "--time-limit" "unknown level" "out of memory"
finish
