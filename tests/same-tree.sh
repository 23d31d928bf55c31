#!/bin/sh
# One set of structure rules: the same department response written as
# markdown, as a GOV.UK body and as a plain-text draft becomes the same
# body, byte for byte, with the same structure warnings.
. "$(dirname "$0")/lib.sh"
same=$fix/same
for f in md html txt; do
	"$bin/yoy-$f" "$same/report.$f" >"$tmp/$f.xml" 2>"$tmp/$f.err"
	echo $? >"$tmp/$f.rc"
	sed -n '/<body>/,/<\/body>/p' "$tmp/$f.xml" >"$tmp/$f.body"
	# the messages without "prog: file:line:col: "
	sed 's/^[^ ]* [^ ]*: //' "$tmp/$f.err" >"$tmp/$f.msg"
done
check "yoy-md converts the response (exit 0)" test "$(cat "$tmp/md.rc")" = 0
check "the markdown gives actions, departments and entries" \
	test "$(grep -c '<entry kind="commitment" year="2012">' "$tmp/md.body")" = 3
check "the markdown says each structure warning" \
	test "$(wc -l <"$tmp/md.msg")" = 4
for f in html txt; do
	check "yoy-$f converts the response (exit 0)" test "$(cat "$tmp/$f.rc")" = 0
	check "yoy-$f gives the markdown's body, byte for byte" \
		cmp "$tmp/md.body" "$tmp/$f.body"
	check "yoy-$f says the markdown's structure warnings" \
		cmp "$tmp/md.msg" "$tmp/$f.msg"
done
finish
