#!/bin/sh
# yoy-html on GOV.UK Content API items (fixtures/govuk-content, 123 real
# items): each body the same as its details.body converted alone, each
# field the item has in meta (read here with jq, not with yoy), the
# output valid; clear errors for bad JSON; the store dates an edition
# by public_updated_at.
. "$(dirname "$0")/lib.sh"
c=$fix/govuk-content
rng=$top/src/xml/yoy.rng
n=0 bodies=0 nobody=0 badbody=0 badmeta=0 invalid=0
for f in $(find "$c" -name '*.json' | sort); do
	n=$((n + 1))
	rc=0; "$bin/yoy-html" "$f" >"$tmp/item.xml" 2>"$tmp/item.err" || rc=$?
	if [ "$(jq -r '.details.body | type' "$f")" != string ]; then
		# no body: an error, no output
		if [ $rc = 2 ] && ! test -s "$tmp/item.xml" && grep -q 'has no details.body' "$tmp/item.err"; then
			nobody=$((nobody + 1))
		else
			badbody=$((badbody + 1)); echo "  $f: no body, yet exit $rc"
		fi
		continue
	fi
	bodies=$((bodies + 1))
	xmllint --noout --relaxng "$rng" "$tmp/item.xml" 2>/dev/null || { invalid=$((invalid + 1)); echo "  $f: not valid"; }
	# the body: as the same HTML alone, with the item's title as its page's
	jq -j '.details.body' "$f" >"$tmp/body.html"
	title=$(jq -r '.title // empty' "$f")
	"$bin/yoy-html" ${title:+-t "$title"} "$tmp/body.html" 2>/dev/null | sed -n '/<body>/,$p' >"$tmp/alone"
	sed -n '/<body>/,$p' "$tmp/item.xml" | cmp -s - "$tmp/alone" || { badbody=$((badbody + 1)); echo "  $f: body differs"; }
	# the meta: every field the item has
	meta=$(sed -n '/<meta>/,/<\/meta>/p' "$tmp/item.xml")
	want=$(jq -r '
		def day: .[0:10];
		[ "type=" + (.document_type // ""),
		  "path=" + (.base_path // ""),
		  (if .first_published_at then "published=" + (.first_published_at | day) else empty end),
		  (if .public_updated_at then "updated=" + (.public_updated_at | day) else empty end),
		  "organisations=" + ([.links.organisations // [] | .[] | select(.title)] | length | tostring),
		  "changes=" + ([.details.change_history // [] | .[] | select(.public_timestamp)] | length | tostring),
		  "withdrawn=" + (if .withdrawn_notice.explanation then "yes" else "no" end),
		  "notice=" + (if .details.political == true and (.links.government // [] | length) > 0 and
		      .links.government[0].details.current != true then "yes" else "no" end)
		] | join("\n")' "$f")
	got=$(printf '%s\n' "$meta" | awk '
		/<type>/ { sub(/.*<type>/, ""); sub(/<\/type>.*/, ""); t = $0 }
		/<path>/ { sub(/.*<path>/, ""); sub(/<\/path>.*/, ""); p = $0 }
		/<date kind="published">/ { sub(/.*">/, ""); sub(/<.*/, ""); pub = $0 }
		/<date kind="updated">/ { sub(/.*">/, ""); sub(/<.*/, ""); upd = $0 }
		/<organisation/ { o++ } /<change / { ch++ } /<withdrawn/ { w = "yes" } /<notice>/ { no = "yes" }
		END {
			print "type=" t; print "path=" p
			if (pub != "") print "published=" pub; if (upd != "") print "updated=" upd
			print "organisations=" o + 0; print "changes=" ch + 0
			print "withdrawn=" (w ? w : "no"); print "notice=" (no ? no : "no") }')
	[ "$want" = "$got" ] || { badmeta=$((badmeta + 1)); echo "  $f: meta"; printf '%s\n' "$want" >"$tmp/w"; printf '%s\n' "$got" | diff "$tmp/w" - | head -6; }
	grep -q "<title>" "$tmp/item.xml" && grep -q '<source format="json"' "$tmp/item.xml" ||
		{ badmeta=$((badmeta + 1)); echo "  $f: no title or source"; }
done
check "all 123 content items read: 112 bodies, 11 without one refused" test "$n/$bodies/$nobody" = 123/112/11
check "each item's body is the same as its details.body converted alone" test $badbody = 0
check "each item's meta holds its title, type, dates, path, organisations, changes, withdrawal and history notice" test $badmeta = 0
check "each item's document is valid against the schema" test $invalid = 0
x=$c/case_study/archived.json
check "an item's meta in full: type, date, path, organisation with its slug, withdrawal with its date, history" sh -c "
	'$bin/yoy-html' '$x' >'$tmp/a.xml' && grep -q '<type>case_study</type>' '$tmp/a.xml' &&
	grep -q '<path>/government/case-studies/terence-age-33-stoke-on-trent</path>' '$tmp/a.xml' &&
	grep -q '<organisation id=\"department-for-work-pensions\">Department for Work and Pensions</organisation>' '$tmp/a.xml' &&
	grep -q '<withdrawn date=\"2014-08-22\">We’ve withdrawn this case study' '$tmp/a.xml' &&
	grep -q '<change date=\"2013-04-15\">First published.</change>' '$tmp/a.xml'"
# errors
printf '{"title": "x",\n  "details": {"body": "<p>a</p>",}\n}\n' >"$tmp/bad.json"
check "malformed JSON: said at its line and column, exit 2, no output" sh -c "
	! '$bin/yoy-html' '$tmp/bad.json' >'$tmp/o' 2>'$tmp/e' && ! test -s '$tmp/o' &&
	grep -q '^yoy-html: $tmp/bad.json:2:[0-9]*: error: malformed JSON: ' '$tmp/e'"
printf '{"title": 3, "details": {"body": "<p>a</p>"}}\n' >"$tmp/type.json"
check "a field of the wrong type: said once, exit 1" sh -c "
	'$bin/yoy-html' '$tmp/type.json' >'$tmp/o' 2>'$tmp/e'; test \$? = 1 &&
	test \$(grep -c \"error: content item: 'title' is a number, not a string\" '$tmp/e') = 1 && xmllint --noout '$tmp/o'"
printf '{"details": {"body": 7}}\n' >"$tmp/nob.json"
check "a body that is not a string: said, exit 2" sh -c "
	! '$bin/yoy-html' '$tmp/nob.json' >/dev/null 2>'$tmp/e' && grep -q \"'details.body' is a number\" '$tmp/e' &&
	grep -q 'has no details.body' '$tmp/e'"
printf '[1, 2]\n' >"$tmp/arr.json"
check "JSON that is not an object: said, exit 2" sh -c "
	! '$bin/yoy-html' '$tmp/arr.json' >/dev/null 2>'$tmp/e' && grep -q 'not a content item: the JSON is an array' '$tmp/e'"
check "--content-item reads JSON whatever it starts with; without it, HTML is HTML" sh -c "
	! '$bin/yoy-html' --content-item '$fix/govuk-pages/action-02-2015-whitehall.html' >/dev/null 2>'$tmp/e' &&
	grep -q 'malformed JSON' '$tmp/e' && '$bin/yoy-html' '$fix/govuk-pages/action-02-2015-whitehall.html' >/dev/null"
# the store dates an edition by public_updated_at
i=$c/detailed_guide/detailed_guide.json
"$bin/yoy-html" "$i" >"$tmp/i.xml" 2>/dev/null
"$bin/yoy-store" init "$tmp/s.git" >/dev/null
"$bin/yoy-store" -s "$tmp/s.git" import "$tmp/i.xml" 2>/dev/null
check "yoy-store import without --date: the item's public_updated_at" sh -c "
	'$bin/yoy-store' -s '$tmp/s.git' log | grep -q \" \$(jq -r '.public_updated_at[0:10]' '$i') \""
check "yoy-html --help says it reads content items" sh -c "'$bin/yoy-html' --help | grep -q 'Content API items'"
check "yoy-html --version names jansson" sh -c "'$bin/yoy-html' --version | grep -q 'jansson [0-9]'"
finish
