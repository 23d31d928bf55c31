#!/bin/sh
# make demo's script runs from the repository alone and says what it
# should.
. "$(dirname "$0")/lib.sh"
check "make demo's script" sh -c "cd '$top' && scripts/demo >'$tmp/demo' && grep -q '85 entries' '$tmp/demo' &&
	test \$(grep -c 'body byte-identical to' '$tmp/demo') = 2 && grep -q ': 17 of 17 give the same body' '$tmp/demo' &&
	grep -q '^  entries: 17 changed, 68 added, 1 removed, 0 same' '$tmp/demo' &&
	grep -q '^the same files again: still 2 commits:' '$tmp/demo' &&
	grep -q '^action-02.xml: exit 0; 0 errors, 4 warnings, by rule: stale 4\$' '$tmp/demo' &&
	grep -q '^quarterly-draft.xml: exit 1; 11 errors, .* editorial-note 10 ' '$tmp/demo' &&
	test \$(grep -c '^  entries: 17 changed, 68 added, 1 removed, 0 same' '$tmp/demo') = 2 &&
	tidy -q -e -utf8 '$top/demo/diff-2012-2015.html' >/dev/null 2>&1 &&
	grep -q '^  yoy-check: govuk-pages/action-02-2015-whitehall.html:50:4: warning: progress 2014' '$tmp/demo' &&
	xmllint --noout '$top/demo/check.junit.xml' && jq -e '.runs[0].results | length == 5' '$top/demo/check.sarif' >/dev/null"

finish
