#!/bin/sh
# -O DIR: each input its own document in one process, the same bytes and
# the same exit as converting it alone, for every fixture of the three
# converters; a file that fails gets no output and the others are still
# written; names that would collide, '-' and -o are refused before
# anything is written.
. "$(dirname "$0")/lib.sh"

# same PROG DIR [OPTIONS]: every file of DIR (by the converter's
# extensions) converted with -O in one run, and each alone; says each
# that differs in bytes or in whether it was written
same() {
	prog=$1 dir=$2; shift 2
	files=$(find "$dir" -maxdepth 1 -type f \( -name '*.html' -o -name '*.md' -o -name '*.txt' -o -name '*.in' -o -name '*.json' \) | sort)
	[ -n "$files" ] || { echo "no files in $dir"; return 1; }
	out=$tmp/O; rm -rf "$out"
	# shellcheck disable=SC2086
	"$bin/$prog" "$@" -O "$out" $files >/dev/null 2>&1
	bad=0 n=0
	for f in $files; do
		n=$((n + 1))
		b=${f##*/}; b=${b%.*}
		if "$bin/$prog" "$@" "$f" >"$tmp/alone" 2>/dev/null || [ $? = 1 ]; then
			cmp -s "$tmp/alone" "$out/$b.xml" || { echo "  $prog $f: -O's $b.xml differs"; bad=$((bad + 1)); }
		else
			! test -e "$out/$b.xml" || { echo "  $prog $f: failed alone, written with -O"; bad=$((bad + 1)); }
		fi
	done
	echo "$n files"
	[ $bad = 0 ]
}
check "yoy-html -O: every GOV.UK body and page" same yoy-html "$fix/govuk-html"
check "yoy-html -O: the two whole pages" same yoy-html "$fix/govuk-pages"
check "yoy-html -O: every era's markup" same yoy-html "$fix/yoy-html/eras"
check "yoy-html -O: the golden inputs" same yoy-html "$fix/yoy-html"
for d in "$fix"/govuk-content/*/; do
	check "yoy-html -O: the content items of ${d#"$fix"/}" same yoy-html "$d"
done
check "yoy-md -O: the golden inputs" same yoy-md "$fix/yoy-md"
for d in $(cd "$g/head" && find . -name '*.md' | sed 's|/[^/]*$||' | sort -u); do
	check "yoy-md -O: the strategy's markdown in $d" same yoy-md "$g/head/$d" -I "$g/head/partials"
done
check "yoy-md -O: the seeds as markdown" same yoy-md "$s"
check "yoy-txt -O: the seeds" same yoy-txt "$s"
check "yoy-txt -O: the golden inputs" same yoy-txt "$fix/yoy-txt"
check "yoy-html --sourcepos -O: the pages" same yoy-html "$fix/govuk-pages" --sourcepos

# a file that fails among others: said, not written; the others are
rm -rf "$tmp/mix"
"$bin/yoy-txt" -O "$tmp/mix" "$s/000_8520e6b6acb25241.txt" "$fix/yoy-txt/bad-utf8.in" \
	"$s/004_8d54f930daa6b4b9.txt" >"$tmp/mix.out" 2>"$tmp/mix.err"
echo $? >"$tmp/mix.rc"
check "a failing file among three: its error said, no output for it, the two others written, exit 2" sh -c "
	test \$(cat '$tmp/mix.rc') = 2 && ! test -s '$tmp/mix.out' && grep -q 'bad-utf8.in:.*invalid UTF-8' '$tmp/mix.err' &&
	! test -e '$tmp/mix/bad-utf8.xml' && test -s '$tmp/mix/000_8520e6b6acb25241.xml' && test -s '$tmp/mix/004_8d54f930daa6b4b9.xml'"
mkdir -p "$tmp/a" "$tmp/b"
cp "$s/000_8520e6b6acb25241.txt" "$tmp/a/page.txt"
cp "$s/004_8d54f930daa6b4b9.txt" "$tmp/b/page.txt"
check "names that would collide: refused before anything is written" sh -c "
	! '$bin/yoy-txt' -O '$tmp/col' '$tmp/a/page.txt' '$tmp/b/page.txt' 2>'$tmp/col.err' && ! test -e '$tmp/col' &&
	grep -q \"$tmp/b/page.txt: error: would be written to $tmp/col/page.xml, as $tmp/a/page.txt is\" '$tmp/col.err'"
check "'-' with -O: refused, nothing written" sh -c "
	! '$bin/yoy-md' -O '$tmp/std' - '$tmp/a/page.txt' </dev/null 2>'$tmp/std.err' && ! test -e '$tmp/std' &&
	grep -q 'standard input has no name' '$tmp/std.err'"
check "-o and -O together: refused" sh -c "
	! '$bin/yoy-html' -o '$tmp/x.xml' -O '$tmp/both' '$fix/govuk-pages/action-02-2015-whitehall.html' 2>'$tmp/both.err' &&
	! test -e '$tmp/both' && ! test -e '$tmp/x.xml' && grep -q 'not both' '$tmp/both.err'"
check "-O with no file: refused" sh -c "! '$bin/yoy-html' -O '$tmp/none' 2>'$tmp/none.err' && grep -q 'name at least one' '$tmp/none.err'"
for p in yoy-txt yoy-md yoy-html; do
	check "$p.1 documents -O" grep -q 'Fl O Ar dir , Fl -output-dir Ar dir' "$top/filters/$p.1"
done
finish
