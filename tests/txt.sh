#!/bin/sh
# yoy-txt: its goldens, every line of the seeds kept, both capture
# styles alike, -o, its help and man page.
. "$(dirname "$0")/lib.sh"
golden yoy-txt

# --- no line lost; entries keyed uniquely (85 and 74 in the seeds)
check "seed 000: every line kept, 85 entries" "$bin/test-txtlines" "$s/000_8520e6b6acb25241.txt" 85
check "seed 004: every line kept, 74 entries" "$bin/test-txtlines" "$s/004_8d54f930daa6b4b9.txt" 74
check "seed 002: every line kept" "$bin/test-txtlines" "$s/002_ca0f72c0497d3fc7.txt" 0
for t in action-02-crlf action-02-messy stdin department-option; do
	check "$t: every line kept" "$bin/test-txtlines" "$top/fixtures/yoy-txt/$t.in"
done

# --- both capture styles and messy white space give the same body
body "$s/000_8520e6b6acb25241.txt" >"$tmp/body0"
for v in action-02-crlf action-02-messy; do
	body "$top/fixtures/yoy-txt/$v.in" >"$tmp/body1"
	check "$v: body byte-identical to seed 000's" cmp "$tmp/body0" "$tmp/body1"
done
check "standard input reads as a file does" sh -c \
	"'$bin/yoy-txt' < '$s/000_8520e6b6acb25241.txt' | sed -n '/<body>/,/<\/body>/p' | cmp - '$tmp/body0'"

# --- -o writes the same bytes as standard output; no output on trouble
"$bin/yoy-txt" "$s/004_8d54f930daa6b4b9.txt" >"$tmp/stdout"
"$bin/yoy-txt" -o "$tmp/o.xml" "$s/004_8d54f930daa6b4b9.txt"
check "-o FILE" cmp "$tmp/stdout" "$tmp/o.xml"

docs yoy-txt
lists yoy-txt "invalid UTF-8" "NUL byte in input" "control character" "noncharacter" \
	"no text in input" "unknown department" "appears twice" "outside any action" \
	"has no department heading" "cannot open" "cannot read" "is a directory" \
	"unknown level" "expected 'slug" "invalid department id" "has no name" \
	"too many encoding errors" "write error" "out of memory"
finish
