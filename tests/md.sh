#!/bin/sh
# yoy-md: its goldens, the strategy's sources and history, streaming as
# it reads, pathological input, its help and man page.
. "$(dirname "$0")/lib.sh"
golden yoy-md

# --- yoy-md on the strategy's sources (fixtures/gds-strategy, unchanged)
n=0 bad=0
for f in $(cd "$g/head" && find . -name '*.md' | sort); do
	n=$((n + 1))
	"$bin/yoy-md" -I "$g/head/partials" "$g/head/$f" >"$tmp/h.xml" 2>"$tmp/h.err"
	rc=$?
	if [ $rc -gt 1 ] || ! "$bin/test-validate" "$tmp/h.xml" >"$tmp/h.log" 2>&1; then
		bad=$((bad + 1)); echo "  head/$f: exit $rc"; cat "$tmp/h.err" "$tmp/h.log" | head -5
	fi
done
check "all $n markdown files under head/ convert (exit 0 or 1) and validate" test "$bad" = 0 -a "$n" = 107
check "spilling the body as it is read (as yoy-md does) writes what the whole tree does: each file under head/" \
	sh -c "'$bin/test-mdspill' -I '$g/head/partials' --each \$(find '$g/head' -name '*.md' | sort) 2>/dev/null >'$tmp/spill.log' &&
	test \$(grep -c '^ok' '$tmp/spill.log') = 107"
check "the same for head/ read as one document, every historical version, the seeds and yoy-md's golden inputs" \
	sh -c "'$bin/test-mdspill' -I '$g/head/partials' \$(find '$g/head' -name '*.md' | sort) 2>/dev/null &&
	'$bin/test-mdspill' --each \$(find '$g/history' -name '*.md' | sort) '$s'/001_*.txt '$s'/003_*.txt 2>/dev/null >/dev/null &&
	cd '$top/fixtures/yoy-md' && '$bin/test-mdspill' -I inc --each *.in *.md 2>/dev/null >/dev/null"
check "every department response keeps its departments and statements" \
	"$bin/test-mdstatements" "$g"/head/partials/departmentactions/_action*.md \
	"$g"/history/departmentactions/_action*.md
"$bin/yoy-md" "$s/001_b5986ffedcf9a2c1.txt" >"$tmp/001.xml"
check "seed 001: action 2 with 18 departments" sh -c "grep -c '<action n=\"2\"' '$tmp/001.xml' | grep -qx 1 &&
	grep -c '<department id=' '$tmp/001.xml' | grep -qx 18"
"$bin/yoy-md" -I "$g/head/partials" "$g"/head/digital/strategy/*.md >"$tmp/strategy.xml"
check "the strategy's chapters give actions 1-14, each inside a section" sh -c "
	sed -n 's/^ *<action n=\"\\([0-9]*\\)\".*/\\1/p' '$tmp/strategy.xml' | tr '\\n' ' ' |
	grep -qx '1 2 3 4 5 6 7 8 9 10 11 12 13 14 ' &&
	! grep -q '^    <action' '$tmp/strategy.xml'"
"$bin/yoy-md" "$s/003_c99f94bd7efe3677.txt" >"$tmp/003.xml"
check "seed 003: a note for each of its 10 editorial markers" sh -c \
	"grep -o '<note kind=\"editorial\">' '$tmp/003.xml' | wc -l | grep -qx 10"
check "the same document from CRLF lines" sh -c "
	tr -d '\\r' <'$top/fixtures/yoy-md/crlf.in' >'$tmp/lf.md' &&
	'$bin/yoy-md' '$tmp/lf.md' | sed -n '/<body>/,\$p' >'$tmp/lf.xml' &&
	'$bin/yoy-md' '$top/fixtures/yoy-md/crlf.in' | sed -n '/<body>/,\$p' | cmp - '$tmp/lf.xml'"
# cmark 0.30.2 is quadratic on "![[]()" repeated (2.5 s at 40,000 here,
# 4 times that at 80,000); the watchdog ends it at the limit
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "![[]()"; print "" }' >"$tmp/patho.md"
check "a pathological input ends within the time limit, exit 2, no output" sh -c "
	'$bin/yoy-md' --time-limit 1 '$tmp/patho.md' >'$tmp/patho.out' 2>'$tmp/patho.err';
	test \$? = 2 && ! test -s '$tmp/patho.out' &&
	grep -q 'error: markdown took more than 1 s of CPU time' '$tmp/patho.err'"
# cmark abort()s when memory runs out; the watchdog says so, exit 2
check "an abort inside the parse is a clear error, exit 2, no output" sh -c "
	'$bin/yoy-md' --time-limit 60 '$tmp/patho.md' >'$tmp/abrt.out' 2>'$tmp/abrt.err' &
	sleep 0.5; kill -ABRT \$!; wait \$!;
	test \$? = 2 && ! test -s '$tmp/abrt.out' &&
	grep -qx 'yoy-md: $tmp/patho.md: error: markdown parser aborted (out of memory?); no output' '$tmp/abrt.err'"

awk 'BEGIN { print "{{DEPARTMENTRESPONSE}}"; print "#Action 2: x";
	for (i = 0; i <= 40000; i++) printf "{div .department}\n##Department %d\n{div .statement}\ntext\n{/div}\n{/div}\n", i % 40000 }' >"$tmp/depts.md"
check "40,001 department responses (one twice) in markdown: each kept, one warning" sh -c "
	'$bin/yoy-md' '$tmp/depts.md' >'$tmp/depts.xml' 2>'$tmp/depts.err';
	test \$? = 0 && test \$(grep -c '<department ' '$tmp/depts.xml') = 40001 &&
	test \$(grep -c 'appears twice' '$tmp/depts.err') = 1"

docs yoy-md
lists yoy-md "invalid UTF-8" "NUL byte in input" "no text in input" "unknown department" \
	"appears twice" "outside any action" "outside a department" "outside any entry; kept as its statement" \
	"never closed" "closes nothing" "nested more than" "not resolved" "no such file" \
	"has no definition" "defined twice" "kept as its alt text" "> dropped" \
	"kept as text" "CPU time" "aborted" "cannot open" "cannot read" "is a directory" \
	"write error" "--year" "--time-limit" "unknown level" "expected 'slug" \
	"invalid department id" "has no name" "out of memory"
finish
