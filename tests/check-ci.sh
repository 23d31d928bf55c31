#!/bin/sh
# yoy-check for CI: findings at the source's words, for the seeds and the
# bundled pages; SARIF and JUnit valid against their schemas; GitHub's
# and GitLab's formats read back field by field; fingerprints that stay
# when lines move; --report and -o in one run; the worked CI example.
. "$(dirname "$0")/lib.sh"
k=$fix/yoy-check
spec=$fix/specs
sarif_schema=$spec/sarif-schema-2.1.0.json

# ---------------------------------------------------------- at the source
(
	cd "$fix" || exit 2
	for f in seeds/0*.txt; do
		"$bin/yoy-check" --from md "$f"; "$bin/yoy-check" "$f"
	done
	for f in govuk-pages/*.html govuk-html/*.html same/report.*; do
		"$bin/yoy-check" "$f"
	done
	for f in $(cd gds-strategy/head && find . -name '*.md' | sort); do
		"$bin/yoy-check" -I gds-strategy/head/partials "gds-strategy/head/$f"
	done
) >"$tmp/found" 2>/dev/null
check "every finding that quotes words is at their line and column in the source (seeds as markdown and text, GOV.UK pages and bodies, the strategy's markdown)" \
	sh -c "cd '$fix' && '$top/tests/quoted-at-source' <'$tmp/found' && test \$(grep -c '\\[placeholder\\]\$' '$tmp/found') -ge 5 &&
	test \$(grep -c '\\[editorial-note\\]\$' '$tmp/found') -ge 10 && test \$(grep -c '\\[stale\\]\$' '$tmp/found') -ge 4"
# the same findings, each a column to the right, must be caught
awk -F: 'BEGIN { OFS = ":" } /^yoy-check: / && $4 ~ /^[0-9]+$/ { $4 = $4 + 1 } { print }' "$tmp/found" >"$tmp/shifted"
check "quoted-at-source fails findings a column off" sh -c "cd '$fix' && ! '$top/tests/quoted-at-source' <'$tmp/shifted' >/dev/null"
check "a finding on a page names the page, line and column: pages/action-02.html:LINE:COL" \
	grep -q '^yoy-check: govuk-pages/action-02-2015-whitehall.html:[0-9]*:[0-9]*: ' "$tmp/found"
check "canonical XML made with --sourcepos: findings at its source, --locate xml at its own lines" sh -c "
	cd '$k/sourcepos' && '$bin/yoy-md' --sourcepos report.md 2>/dev/null | cmp - report.xml &&
	grep -q '^yoy-check: sourcepos/report.md:15:1: ' '$k/sourcepos.out' && grep -q '^yoy-check: sourcepos/report.xml:21: ' '$k/locate-xml.out'"

# ---------------------------------------------------------- the schemas
n=0
for f in "$k"/sarif*.out; do
	n=$((n + 1))
	check "${f##*/} validates against the SARIF 2.1.0 schema" "$top/tests/jsonschema-check" "$sarif_schema" "$f"
done
check "3 SARIF goldens" test $n = 3
n=0
for f in "$k"/junit*.out; do
	n=$((n + 1))
	check "${f##*/} validates against junit-10.xsd" xmllint --noout --schema "$spec/junit-10.xsd" "$f"
done
check "4 JUnit goldens" test $n = 4
sed 's/"startLine": 7/"startLine": 0/' "$k/sarif.out" >"$tmp/bad.sarif"
check "the SARIF schema check fails a line 0" sh -c "! '$top/tests/jsonschema-check' '$sarif_schema' '$tmp/bad.sarif' >/dev/null"
sed 's/<testcase /<testcase file="x" /' "$k/junit.out" >"$tmp/bad.junit"
check "the JUnit schema check fails testcase@file" sh -c "! xmllint --noout --schema '$spec/junit-10.xsd' '$tmp/bad.junit' 2>/dev/null"

# a file name with a space, a '#' and a byte that is not UTF-8, in a
# URI and (as --previous) in messages
weird=$(printf 'a b#c\377')
cp "$fix/govuk-pages/action-02-2015-whitehall.html" "$tmp/$weird.html"
cp "$fix/yoy-md/seed-001.out" "$tmp/$weird.xml"
(cd "$tmp" && "$bin/yoy-check" -f sarif --previous "$weird.xml" "$weird.html" >weird.sarif 2>/dev/null; echo $? >weird.rc)
cat >"$tmp/weird.jq" <<'EOF'
([.runs[0].results[].locations[0].physicalLocation.artifactLocation
  | .uri == "a%20b%23c%FF.html" and .uriBaseId == "%SRCROOT%"] | all)
and ([.runs[0].results[].message.text | select(contains("of a b#c\\xFF.xml is missing"))] | length) == 1
EOF
check "SARIF of 'a b#c\\377.html': valid, its URI percent-encoded, its name escaped in messages" sh -c "
	'$top/tests/jsonschema-check' '$sarif_schema' '$tmp/weird.sarif' && test \$(cat '$tmp/weird.rc') = 1 &&
	jq -e -f '$tmp/weird.jq' '$tmp/weird.sarif' >/dev/null"
(cd "$tmp" && "$bin/yoy-check" -f sarif --source-root /nonexistent "$weird.html" >abs.sarif 2>/dev/null)
check "SARIF of a file outside --source-root: an absolute file: URI, no base, valid" sh -c "
	'$top/tests/jsonschema-check' '$sarif_schema' '$tmp/abs.sarif' &&
	jq -e '.runs[0].results[0].locations[0].physicalLocation.artifactLocation | (.uri | startswith(\"file:///\")) and (.uriBaseId == null)' '$tmp/abs.sarif' >/dev/null"
"$bin/yoy-check" -f sarif <"$fix/yoy-txt/action-02.out" >"$tmp/stdin.sarif"
check "SARIF of standard input: no URI, a description, valid" sh -c "
	'$top/tests/jsonschema-check' '$sarif_schema' '$tmp/stdin.sarif' &&
	jq -e '.runs[0].results[0].locations[0].physicalLocation.artifactLocation == {\"description\": {\"text\": \"standard input\"}}' '$tmp/stdin.sarif' >/dev/null"
check "SARIF rules: name, descriptions, help with the fix and yoy-check.1's example, level, tags; the run's automation id and exit status" sh -c "
	jq -e '.runs[0] | (.tool.driver.rules | all(.name and .shortDescription.text and .fullDescription.text and
		(.help.text | contains(\"How to fix it: \")) and (.help.markdown | contains(\"**Example:**\")) and
		(.defaultConfiguration.level | IN(\"error\", \"warning\")) and (.properties.tags | length > 0))) and
		.automationDetails.id == \"yoy-check/\" and .invocations[0].exitCode == 1 and .invocations[0].executionSuccessful' '$k/sarif.out' >/dev/null &&
	jq -r '.runs[0].tool.driver.rules[].help.text | sub(\"(?s).*Example: \"; \"\")' '$k/sarif.out' >'$tmp/examples' &&
	test \$(wc -l <'$tmp/examples') = 11 &&
	while IFS= read -r e; do grep -qF -- \"\$e\" '$top/filters/yoy-check.1' || { echo \"not in yoy-check.1: \$e\"; exit 1; }; done <'$tmp/examples'"

# ---------------------------------------------------------- fingerprints
{ printf '\n\n\n'; cat "$s/001_b5986ffedcf9a2c1.txt"; } >"$tmp/moved.txt"
cp "$s/001_b5986ffedcf9a2c1.txt" "$tmp/still.txt"
(cd "$tmp" && "$bin/yoy-check" --from md -f sarif still.txt >a.sarif; cp moved.txt still.txt &&
	"$bin/yoy-check" --from md -f sarif still.txt >b.sarif)
check "fingerprints stay when the lines above move (3 lines added: every line +3, every fingerprint the same, all distinct)" sh -c "
	jq -r '.runs[0].results[] | \"\(.partialFingerprints[\"yoyFinding/v1\"]) \(.locations[0].physicalLocation.region.startLine)\"' '$tmp/a.sarif' >'$tmp/a.fp' &&
	jq -r '.runs[0].results[] | \"\(.partialFingerprints[\"yoyFinding/v1\"]) \(.locations[0].physicalLocation.region.startLine - 3)\"' '$tmp/b.sarif' >'$tmp/b.fp' &&
	test -s '$tmp/a.fp' && cmp '$tmp/a.fp' '$tmp/b.fp' && test \$(cut -d' ' -f1 '$tmp/a.fp' | sort -u | wc -l) = \$(wc -l <'$tmp/a.fp')"

# ---------------------------------------------------------- GitHub, GitLab
(cd "$k" && "$bin/yoy-check" $(sed 's/-f github//' github.args) >"$tmp/github.text" 2>/dev/null)
# the text's findings, as workflow commands: the same paths (from
# --source-root ..), lines, columns, levels, rules and messages
sed -n 's/^yoy-check: \.\.\/\([^:]*\):\([0-9]*\):\([0-9]*\): \(error\|warning\): \(.*\) \[\([a-z-]*\)\]$/::\4 file=\1,line=\2,col=\3,title=yoy-check \6::\5/p' \
	"$tmp/github.text" | sed 's/%/%25/g' >"$tmp/github.want"
check "-f github: a workflow command a finding, every field as the text says it" sh -c "
	test -s '$tmp/github.want' && test \$(wc -l <'$tmp/github.want') = \$(wc -l <'$tmp/github.text') &&
	diff '$tmp/github.want' '$k/github.out'"
mkdir -p "$tmp/gh"
cat >"$tmp/gh/x:y,z%.md" <<'EOF'
{{DEPARTMENTRESPONSE}}

# Action 3: Something

## Cabinet Office

We will do 100% by TBC.
EOF
(cd "$tmp/gh" && "$bin/yoy-check" -f github 'x:y,z%.md' >out 2>/dev/null)
check "-f github escapes ':' ',' '%' in a property, '%' in a message" \
	grep -qF "::error file=x%3Ay%2Cz%25.md,line=7,col=20,title=yoy-check placeholder::placeholder 'TBC' in '… do 100%25 by TBC.' (action 3, Cabinet Office, commitment 2012)" "$tmp/gh/out"
(cd "$k" && "$bin/yoy-check" $(sed 's/-f codequality//' codequality.args) >"$tmp/cq.text" 2>/dev/null)
sed -n 's/^yoy-check: \.\.\/\([^:]*\):\([0-9]*\):[0-9]*: \(error\|warning\): \(.*\) \[\([a-z-]*\)\]$/\1|\2|\3|\5|\4/p' "$tmp/cq.text" |
	sed 's/|error|/|major|/; s/|warning|/|minor|/' >"$tmp/cq.want"
jq -r '.[] | "\(.location.path)|\(.location.lines.begin)|\(.severity)|\(.check_name)|\(.description)"' "$k/codequality.out" >"$tmp/cq.got"
check "-f codequality: an issue a finding, path, line, severity, check and description as the text says them; fingerprints of 16 hex digits, all distinct" sh -c "
	test -s '$tmp/cq.want' && diff '$tmp/cq.want' '$tmp/cq.got' &&
	jq -e 'all(.fingerprint | test(\"^[0-9a-f]{16}\$\")) and ([.[].fingerprint] | unique | length) == length' '$k/codequality.out' >/dev/null"

# ---------------------------------------------------------- one run
set -- ../seeds/001_b5986ffedcf9a2c1.txt ../same/report.md
(cd "$k" && "$bin/yoy-check" -o "$tmp/r.txt" --report junit:"$tmp/r.junit" --report sarif:"$tmp/r.sarif" \
	--report codequality:"$tmp/r.cq" "$@" >"$tmp/r.stdout" 2>/dev/null; echo $? >"$tmp/r.rc"
	for f in text junit sarif codequality; do "$bin/yoy-check" -f $f "$@" >"$tmp/one.$f" 2>/dev/null; done)
check "one run: -o gets the text, each --report its format, the same bytes as -f alone; exit 1" sh -c "
	test \$(cat '$tmp/r.rc') = 1 && ! test -s '$tmp/r.stdout' && cmp '$tmp/r.txt' '$tmp/one.text' &&
	cmp '$tmp/r.junit' '$tmp/one.junit' && cmp '$tmp/r.sarif' '$tmp/one.sarif' && cmp '$tmp/r.cq' '$tmp/one.codequality'"
(cd "$k" && "$bin/yoy-check" --report sarif:/nonexistent/dir/r.sarif rules.in >/dev/null 2>"$tmp/nodir.err"; echo $? >"$tmp/nodir.rc")
check "a report that cannot be written: said, exit 2" sh -c "
	test \$(cat '$tmp/nodir.rc') = 2 && grep -q '^yoy-check: /nonexistent/dir/r.sarif: error: cannot open: ' '$tmp/nodir.err'"

# ---------------------------------------------------------- formats
cp "$fix/govuk-pages/action-02-2015-whitehall.html" "$tmp/page.saved"
cp "$fix/same/report.md" "$tmp/draft"
check "the format from the content: a page saved without .html is read as HTML" sh -c "
	'$bin/yoy-check' --rules stale '$tmp/page.saved' | grep -q 'page.saved:50:4: warning: progress 2014'"
check "markdown without its name: a clear error, and --from md reads it" sh -c "
	'$bin/yoy-check' '$tmp/draft' 2>&1 >/dev/null | grep -q 'cannot tell whether this is GOV.UK HTML, markdown, text or canonical XML; name its format with --from' &&
	'$bin/yoy-check' --from md '$tmp/draft' | grep -q 'draft:15:1: error: department'"

# ---------------------------------------------------------- the CI example
(cd "$fix" && YOY_BIN=$bin "$top/scripts/ci-check" govuk-pages/action-02-2015-whitehall.html \
	gds-strategy/history/departmentactions/_action02@2012-12-21_9d52800.md \
	govuk-pages/cabinet-office-actions-2015-frontend.html "$tmp/ci" >"$tmp/ci.log" 2>&1; echo $? >"$tmp/ci.rc")
check "scripts/ci-check: converts the page, one check against the previous edition and the other view, JUnit and SARIF valid, fails on errors" sh -c "
	test \$(cat '$tmp/ci.rc') = 1 && xmllint --noout '$tmp/ci/edition.xml' &&
	grep -q '\\[missing-department\\]\$' '$tmp/ci.log' && grep -q '\\[inconsistent\\]\$' '$tmp/ci.log' &&
	xmllint --noout --schema '$spec/junit-10.xsd' '$tmp/ci/yoy-check.junit.xml' 2>/dev/null &&
	'$top/tests/jsonschema-check' '$sarif_schema' '$tmp/ci/yoy-check.sarif' &&
	test \$(jq '.runs[0].results | length' '$tmp/ci/yoy-check.sarif') = \$(grep -c '^yoy-check: ' '$tmp/ci.log')"
# a CR alone ends a markdown line (CommonMark): lines after one, in a
# later block, are counted as the source's; the same link twice is each
# found at its own line
mkdir -p "$tmp/cr/partials"
printf 'one\ntwo\n' >"$tmp/cr/partials/x.md"
printf 'w\rw\rw\rw\rw\rw\rw\rw\rw\rw\n\n{include x.md}\n\nSee [one](http://example.org/a).\n\nSee [two](http://example.org/a).\n' >"$tmp/cr/cr.md"
(cd "$tmp/cr" && "$bin/yoy-check" --from md -I partials cr.md) >"$tmp/cr.out" 2>&1
printf '%s\n' "yoy-check: cr.md:14:11: warning: link 'http://example.org/a' uses http: where https: is expected [link]" \
	"yoy-check: cr.md:16:11: warning: link 'http://example.org/a' uses http: where https: is expected [link]" >"$tmp/cr.want"
check "markdown with CRs alone: each finding at its own line, as CommonMark counts them" cmp -s "$tmp/cr.out" "$tmp/cr.want"
finish
