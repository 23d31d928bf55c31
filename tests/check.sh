#!/bin/sh
# yoy-check: its goldens, findings counted independently, the bundled
# sources, JUnit and SARIF, its help and man page.
. "$(dirname "$0")/lib.sh"
golden yoy-check

differ=$(views_differ)
stale >"$tmp/stale"
k=$top/fixtures/yoy-check
check "yoy-check on seed 000: exactly the $(cat "$tmp/stale") entries unchanged from the year before, as warnings, exit 0; -W warning exit 1" sh -c "
	test \$(grep -c 'warning: .* \[stale\]\$' '$k/seed-000.out') = $(cat "$tmp/stale") && test \$(wc -l <'$k/seed-000.out') = $(cat "$tmp/stale") &&
	! test -e '$k/seed-000.rc' && test \$(cat '$k/seed-000-warning.rc') = 1"
check "yoy-check on seed 001: DCLG's 'Awaiting DCLG confirmation', an error in its cell" \
	grep -q "error: placeholder 'Awaiting DCLG confirmation' (action 2, Department for Communities and Local Government, commitment 2012) \\[placeholder\\]" "$k/seed-001.out"
check "yoy-check on seed 003: each of its 10 editorial markers, and the x of 'take x of them live'" sh -c "
	test \$(grep -c '\[editorial-note\]\$' '$k/seed-003.out') = 10 && grep -q \"placeholder 'x'\" '$k/seed-003.out' &&
	grep -c 'take x of them live' '$top/fixtures/seeds/003_c99f94bd7efe3677.txt' >/dev/null"
check "yoy-check --previous seed 001 on seed 000: DCLG missing, and nothing else" sh -c "
	test \$(wc -l <'$k/previous.out') = 1 && grep -q \"department 'department-for-communities-and-local-government' of ../yoy-md/seed-001.out is missing from action 2\" '$k/previous.out'"
check "yoy-check --against: the $differ cells where the two 2015 views differ (found independently above), and no other" sh -c "
	test \$(grep -c '\[inconsistent\]\$' '$k/against.out') = $differ && test \$(wc -l <'$k/against.out') = $differ &&
	grep -qF '{+main+}' '$k/against-verbose.out'"
n=0 bad=0
for f in $(cd "$g/head" && find . -name '*.md' | sort); do
	n=$((n + 1))
	"$bin/yoy-md" -I "$g/head/partials" "$g/head/$f" 2>/dev/null >"$tmp/c.xml"
	"$bin/yoy-check" "$tmp/c.xml" >/dev/null 2>"$tmp/c.err" || [ $? = 1 ] || { bad=$((bad + 1)); echo "  $f"; head -3 "$tmp/c.err"; }
done
for x in "$top"/fixtures/govuk-html/*.html "$top"/fixtures/govuk-pages/*.html; do
	n=$((n + 1))
	"$bin/yoy-html" "$x" 2>/dev/null >"$tmp/c.xml"
	"$bin/yoy-check" "$tmp/c.xml" >/dev/null 2>"$tmp/c.err" || [ $? = 1 ] || { bad=$((bad + 1)); echo "  $x"; head -3 "$tmp/c.err"; }
done
check "yoy-check on all $n documents of the bundled sources (markdown and GOV.UK): exit 0 or 1, never trouble" test "$bad" = 0 -a "$n" = 134
# duplicate-department and missing-entry once looked back over the
# action's departments for each one: quadratic (5 s at 20,000)
awk 'BEGIN { print "<report version=\"1\"><meta/><body><action n=\"2\">";
	for (i = 0; i <= 40000; i++) printf "<department id=\"d%d\" name=\"D\"><entry kind=\"plan\" year=\"2015\"><p>t</p></entry></department>\n", i % 40000;
	print "<department id=\"e\" name=\"E\"/></action></body></report>" }' >"$tmp/many.xml"
check "40,002 departments in one action: one duplicate, one missing entry" sh -c "
	'$bin/yoy-check' --rules duplicate-department,missing-entry '$tmp/many.xml' >'$tmp/many.out'; test \$? = 1 &&
	test \$(wc -l <'$tmp/many.out') = 2 && grep -q \"department 'd0' appears twice\" '$tmp/many.out' &&
	grep -q 'E has no plan 2015 entry in action 2, as 40001 of its 40002 departments do' '$tmp/many.out'"
# missing-department once looked for each previous department in the
# action: 47 s for these 40,002
grep -v '<department id="d7"' "$tmp/many.xml" >"$tmp/many-less.xml"
check "--previous of 40,002 departments, one gone: that one found" sh -c "
	'$bin/yoy-check' --rules missing-department --previous '$tmp/many.xml' '$tmp/many-less.xml' >'$tmp/less.out'; test \$? = 1 &&
	test \$(wc -l <'$tmp/less.out') = 1 && grep -q \"department 'd7' of $tmp/many.xml is missing from action 2\" '$tmp/less.out'"
check "every rule has a finding in the goldens" sh -c "
	for r in schema placeholder editorial-note empty-entry duplicate-department unknown-department missing-entry \
		missing-department stale inconsistent link; do cat '$k'/*.out | grep -q \"\[\$r\]\$\" || { echo \"no \$r\"; exit 1; }; done"
check "JUnit: a suite an input, a case a rule, a failure an error finding; below -W, system-out" sh -c "
	test \$(grep -c '<testsuite ' '$k/junit.out') = 1 && test \$(grep -c '<testcase ' '$k/junit.out') = 11 &&
	test \$(grep -c '<failure ' '$k/junit.out') = \$(grep -c ': error: ' '$k/every-rule.out') &&
	test \$(grep -c '<testsuite ' '$k/junit-source.out') = 3 && test \$(grep -c '<testcase ' '$k/junit-source.out') = 33 &&
	grep -q '<testsuites name=\"yoy-check\" tests=\"11\" failures=\"5\"' '$k/junit.out' &&
	grep -q '<system-out>rules.in:29:' '$k/junit.out' &&
	! grep -q '<failure' '$k/junit-clean.out' && grep -q '<failure type=\"stale\"' '$k/junit-warning.out'"
check "SARIF 2.1.0: a result a finding, with its rule, level, line and column" sh -c "
	jq -e '. as \$d | .version == \"2.1.0\" and (.runs[0].tool.driver.rules | length) == 11 and
		(.runs[0].results | length) == $(wc -l <"$k/every-rule.out") and
		([.runs[0].results[] | select(.level == \"error\")] | length) == $(grep -c ': error: ' "$k/every-rule.out") and
		(.runs[0].results[0].locations[0].physicalLocation.region.startLine) == 7 and
		([.runs[0].results[] | .ruleIndex as \$i | .ruleId == \$d.runs[0].tool.driver.rules[\$i].id] | all)' '$k/sarif.out' >/dev/null &&
	jq -e '(.runs[0].results | length) == 0 and .runs[0].invocations[0].exitCode == 0' '$k/sarif-clean.out' >/dev/null"

docs yoy-check
lists yoy-check "unknown rule" "unknown format" "unknown level" "bad pattern" "not a department" "using it as the id" \
	"cannot open" "cannot read" "is a directory" "malformed XML" "not a yoy document" "no XML in input" \
	"invalid UTF-8" "expected 'slug" "invalid department id" "has no name" "write error" "out of memory" \
	"cannot tell whether this is GOV.UK HTML" "--report wants FORMAT:FILE" "unknown place"
for r in schema placeholder editorial-note empty-entry duplicate-department unknown-department missing-entry \
	missing-department stale inconsistent link; do
	check "yoy-check.1 documents rule $r" grep -q "^\.It Cm $r No (" "$top/filters/yoy-check.1"
done
finish
