#!/bin/sh
# yoy-store: its goldens, imports checked with git, revisions, history,
# concurrency, crashes, damage, push and pull, its help and man page.
. "$(dirname "$0")/lib.sh"
golden yoy-store

st=$tmp/store
sed -n '/<body>/,$p' "$top/fixtures/yoy-txt/strategy.out" >"$tmp/strategy-body"
ys() { "$bin/yoy-store" --store "$st" "$@"; }
s001=$top/fixtures/yoy-md/seed-001.out s000=$top/fixtures/yoy-txt/action-02.out s004=$top/fixtures/yoy-txt/cabinet-office.out
"$bin/yoy-store" init "$st" >/dev/null 2>&1
ys import --date 2012-12-20 --tag 2012 "$s001" 2>"$tmp/st.err"; rc1=$?
ys import --date 2015-01-16 --tag 2015 "$s000" "$s004" 2>>"$tmp/st.err"; rc2=$?
check "the 2012 and 2015 editions import: two dated, tagged commits" sh -c "
	test $rc1 = 0 -a $rc2 = 0 && test \$(git -C '$st' rev-list --count main) = 2 &&
	test \"\$(git -C '$st' log -1 --format=%ad --date=short 2012)\" = 2012-12-20 &&
	test \"\$(git -C '$st' log -1 --format=%ad --date=short 2015)\" = 2015-01-16 &&
	test \$(git -C '$st' rev-parse main) = \$(git -C '$st' rev-parse '2015^{commit}')"
check "the store passes git fsck --full --strict" git -C "$st" fsck --full --strict
check "git show 2015:actions/02/cabinet-office.xml is a canonical document" sh -c "
	git -C '$st' show 2015:actions/02/cabinet-office.xml >'$tmp/co.xml' && '$bin/test-validate' '$tmp/co.xml'"
check "the two 2015 pages disagree on one cell: a warning names it" sh -c "
	test \$(grep -c \"warning: 'actions/02/cabinet-office.xml' differs from\" '$tmp/st.err') = 1"
sed -n '/<action n="2">/,/<\/action>/p' "$s004" | sed -n '/<department /,/<\/department>/p' >"$tmp/co004"
check "the 2015 Cabinet Office cell of action 2 is the per-department page's" sh -c "
	ys() { '$bin/yoy-store' --store '$st' \"\$@\"; }; ys show 2015 -a 2 -d CO | sed -n '/<department /,/<\/department>/p' | cmp - '$tmp/co004'"
check "a per-action page replaces its action's departments: DCLG's file goes in 2015" sh -c "
	git -C '$st' cat-file -e 2012:actions/02/department-for-communities-and-local-government.xml &&
	! git -C '$st' cat-file -e 2015:actions/02/department-for-communities-and-local-government.xml 2>/dev/null"
check "the per-department page writes only its department's files (and action files the store lacked)" sh -c "
	test \$(git -C '$st' diff --name-only 2012 2015 | grep -v '^actions/02/' | grep -cv -e '/cabinet-office.xml\$' -e '/action.xml\$') = 0"
ys import --date 2015-01-16 --tag 2015 "$s000" "$s004" 2>/dev/null; rc=$?
check "re-importing the same files makes no commit, exit 0" sh -c "test $rc = 0 && test \$(git -C '$st' rev-list --count main) = 2"
# yoy-diff --store: the same as on the files (2015 here is seed 000 alone)
st2=$tmp/store2
"$bin/yoy-store" init "$st2" >/dev/null 2>&1
"$bin/yoy-store" -s "$st2" import --tag 2012 "$s001" 2>/dev/null
"$bin/yoy-store" -s "$st2" import --tag 2015 "$s000" 2>/dev/null
for f in text tsv xml html; do
	"$bin/yoy-diff" -f $f "$s001" "$s000" 2>&1 | sed 's|'"$top"'/fixtures/[^ "<]*|NAME|g' >"$tmp/df.$f"
	"$bin/yoy-diff" -f $f --store "$st2" 2012 2015 2>&1 | sed 's|>2012<\|"2012"\|2012 → 2015|NAME|g; s|"2015"|NAME|g' >"$tmp/ds.$f"
done
check "yoy-diff --store S 2012 2015 gives what yoy-diff gives on the files (text and tsv)" sh -c "
	cmp '$tmp/df.text' '$tmp/ds.text' && cmp '$tmp/df.tsv' '$tmp/ds.tsv'"
check "yoy-diff --store with --years and filters" sh -c "
	'$bin/yoy-diff' --store '$st' --years 2015 -a 2 -f tsv >'$tmp/y1' ; '$bin/yoy-diff' --years -a 2 -f tsv '$s000' >'$tmp/y2';
	test \$(wc -l <'$tmp/y1') -gt 1 && test \$(awk -F'\t' '\$2 != \"cabinet-office\"' '$tmp/y1' | md5sum | cut -c1-32) = \$(awk -F'\t' '\$2 != \"cabinet-office\"' '$tmp/y2' | md5sum | cut -c1-32)"
check "a revision by date: @2014-06-01 is the 2012 edition, @2015-01-16 the 2015 one" sh -c "
	ys() { '$bin/yoy-store' --store '$st' \"\$@\"; }
	ys show @2014-06-01 | cmp - \"\$(ys show 2012 >'$tmp/r1'; echo '$tmp/r1')\" 2>/dev/null ||
	{ ys show @2014-06-01 | sed 1,8d >'$tmp/r2'; ys show 2012 | sed 1,8d | cmp - '$tmp/r2'; } &&
	ys show @2015-01-16 | sed 1,8d >'$tmp/r3' && ys show 2015 | sed 1,8d | cmp - '$tmp/r3'"
check "show re-imports to the same tree" sh -c "
	'$bin/yoy-store' init '$tmp/store3' >/dev/null && '$bin/yoy-store' -s '$st' show 2015 >'$tmp/shown.xml' &&
	'$bin/yoy-store' -s '$tmp/store3' import '$tmp/shown.xml' 2>/dev/null &&
	test \$(git -C '$tmp/store3' rev-parse 'main^{tree}') = \$(git -C '$st' rev-parse '2015^{tree}')"
check "log --action 2 --department CO lists both editions; --department MOJ too; log of action 5 the 2015 one only" sh -c "
	ys() { '$bin/yoy-store' --store '$st' \"\$@\"; }
	test \$(ys log -a 2 -d CO | wc -l) = 2 && test \$(ys log -d MOJ | wc -l) = 2 && test \$(ys log -a 5 | wc -l) = 1 &&
	ys log | head -1 | grep -q '^[0-9a-f]\{12\} 2015-01-16 (2015) '"
# revisions back from another: REV~N, REV^, @DATE~N
for r in '2015~1' '2015^' 'main~1' 'main^1' '@2015-01-16~1' '2015~0^'; do
	ys show "$r" 2>"$tmp/back.err" | grep -v '<source ' >"$tmp/back.xml"; rc=$?
	ys show 2012 | grep -v '<source ' >"$tmp/back-want.xml"
	check "show $r is the edition before 2015, 2012 (all but its meta/source, which names the revision)" sh -c "
		test $rc = 0 && ! test -s '$tmp/back.err' && cmp -s '$tmp/back.xml' '$tmp/back-want.xml'"
done
"$bin/yoy-diff" --store "$st" -f tsv '2015~1' 2015 >"$tmp/back1.tsv"; "$bin/yoy-diff" --store "$st" -f tsv 2012 2015 >"$tmp/back2.tsv"
check "yoy-diff --store 2015~1 2015 is yoy-diff --store 2012 2015" cmp -s "$tmp/back1.tsv" "$tmp/back2.tsv"
ys show '2012~1' >/dev/null 2>"$tmp/back.err"; rc=$?; ys show '2015^2' >/dev/null 2>>"$tmp/back.err"; rc2=$?
check "2012~1 goes back past the first edition; 2015^2 names a second parent: each said, exit 2" sh -c "
	test $rc = 2 && test $rc2 = 2 && grep -q \"'2012~1' goes back past the first edition\" '$tmp/back.err' &&
	grep -q \"'2015^2': an edition has one parent, not 2\" '$tmp/back.err'"
# log -p: each edition's word diff of the cells, as yoy-diff gives it
for f in text tsv; do
	ys log -p -f $f -a 2 -d CO >"$tmp/logp.$f"; rc=$?
	ok=1
	for id in $(ys log -a 2 -d CO | cut -d' ' -f1); do
		full=$(git -C "$st" rev-parse "$id")
		# the block of this edition: from its log line to the next
		awk -v id="$id" 'index($0, id " ") == 1 { on = 1; next } on && /^[0-9a-f]+ [0-9]+-[0-9]+-[0-9]+ / { exit } on' \
			"$tmp/logp.$f" | sed '$d' >"$tmp/logp.block"
		if git -C "$st" rev-parse -q --verify "$full^" >/dev/null; then
			"$bin/yoy-diff" --store "$st" -f $f -a 2 -d CO "$full^" "$full" >"$tmp/logp.want"
		else
			# the first edition: every cell added
			grep -q 'added' "$tmp/logp.block" || ok=0
			continue
		fi
		cmp -s "$tmp/logp.block" "$tmp/logp.want" || ok=0
	done
	check "log -p -f $f: each edition's block is yoy-diff --store -f $f of it and the one before" sh -c "
		test $rc = 0 && test $ok = 1 && test \$(grep -c '^[0-9a-f]\{12\} [0-9-]\{10\} ' '$tmp/logp.$f') = 2"
done
ys log -p -f html >/dev/null 2>&1; rc=$?; ys show -p 2015 >/dev/null 2>&1; rc2=$?
check "log -p -f html and show -p are usage errors" sh -c "test $rc = 2 && test $rc2 = 2"
# since: each cell's file unchanged since the last commit that touched it
cp "$s000" "$tmp/third.xml"
sed -i 's|\(<department id="department-for-education"[^>]*>\)|\1|; /id="department-for-education"/,/<\/department>/ s|</p>| (revised)</p>|' "$tmp/third.xml"
ys import --date 2016-01-01 --tag 2016 "$tmp/third.xml" "$s004" 2>/dev/null
ys since >"$tmp/since.out"; rc=$?
ok=1 n=0
while read -r path id rest; do
	n=$((n + 1))
	want=$(git -C "$st" log -1 --format=%H main -- "$path" | cut -c1-12)
	[ "$id" = "$want" ] || { ok=0; echo "since: $path: $id, git says $want"; }
done <"$tmp/since.out"
cells=$(git -C "$st" ls-tree -r --name-only main actions | grep -vc '/action.xml$')
check "since: every department cell of main, each with the last edition that changed its file (git log -1 -- PATH)" sh -c "
	test $rc = 0 && test $ok = 1 && test $n = $cells && test $n -gt 10"
check "since -a 2 -d DfE: its cell changed in 2016; -a 2 -d CO: unchanged since 2015" sh -c "
	ys() { '$bin/yoy-store' --store '$st' \"\$@\"; }
	ys since -a 2 -d DfE | grep -q '^actions/02/department-for-education.xml [0-9a-f]\{12\} 2016-01-01 (2016) ' &&
	ys since -a 2 -d CO | grep -q '^actions/02/cabinet-office.xml [0-9a-f]\{12\} 2015-01-16 (2015) ' &&
	test \$(ys since -a 2 -d CO | wc -l) = 1"
mkdir -p "$tmp/home"; printf '[user]\n\tname = Not Read\n\temail = not@read\n' >"$tmp/home/.gitconfig"
check "the author is YOY_AUTHOR_NAME <YOY_AUTHOR_EMAIL>, else the store's user.name, else yoy-store's own; never ~/.gitconfig's" sh -c "
	'$bin/yoy-store' init '$tmp/who' >/dev/null &&
	YOY_AUTHOR_NAME='An Editor' YOY_AUTHOR_EMAIL=editor@example.org '$bin/yoy-store' -s '$tmp/who' import '$s001' &&
	test \"\$(git -C '$tmp/who' log -1 --format='%an <%ae> %cn')\" = 'An Editor <editor@example.org> An Editor' &&
	HOME='$tmp/home' '$bin/yoy-store' -s '$tmp/who' import '$s000' &&
	test \"\$(git -C '$tmp/who' log -1 --format='%an <%ae>')\" = 'yoy-store <yoy-store@localhost>' &&
	git -C '$tmp/who' config user.name 'The Store' && git -C '$tmp/who' config user.email store@example.org &&
	HOME='$tmp/home' '$bin/yoy-store' -s '$tmp/who' import '$s004' &&
	test \"\$(git -C '$tmp/who' log -1 --format='%an <%ae>')\" = 'The Store <store@example.org>'"
check "a revision by commit id, whole or abbreviated, is the same edition as its tag" sh -c "
	ys() { '$bin/yoy-store' --store '$st' \"\$@\"; }
	id=\$(git -C '$st' rev-parse '2012^{commit}') && ys show \$id | sed 1,8d >'$tmp/i1' && ys show 2012 | sed 1,8d | cmp - '$tmp/i1' &&
	ys show \$(echo \$id | cut -c1-10) | sed 1,8d | cmp - '$tmp/i1' && ! ys show nosuchrev 2>/dev/null"
check "show -d: only the actions where that department has a file" sh -c "
	test \$('$bin/yoy-store' -s '$st' show 2015 -d MOJ | grep -c '<action ') = 1 &&
	test \$('$bin/yoy-store' -s '$st' show 2015 -d CO | grep -c '<action ') = 16"
check "a document without a matrix is one file, documents/<slug>.xml; show gives its body back" sh -c "
	'$bin/yoy-store' init '$tmp/docs' >/dev/null && '$bin/yoy-store' -s '$tmp/docs' import '$top/fixtures/yoy-txt/strategy.out' &&
	test \"\$('$bin/yoy-store' -s '$tmp/docs' ls main)\" = documents/government-digital-strategy-december-2013.xml &&
	'$bin/yoy-store' -s '$tmp/docs' show main | sed -n '/<body>/,\$p' | cmp - '$tmp/strategy-body'"
check "ls lists the cells" sh -c "'$bin/yoy-store' -s '$st' ls 2012 | grep -qx 'actions/02/cabinet-office.xml' &&
	test \$('$bin/yoy-store' -s '$st' ls 2012 | wc -l) = 19"
# an import once looked each file up from the root of the tip's tree: a
# directory past libgit2's cache limit (40,000 departments, 1.2 MB) was
# parsed again for every file, and a re-import ran for minutes
awk 'BEGIN { print "<report version=\"1\"><meta/><body><action n=\"2\">";
	for (i = 0; i < 40000; i++) printf "<department id=\"d%d\" name=\"D\"><entry kind=\"plan\" year=\"2015\"><p>t</p></entry></department>\n", i;
	print "</action></body></report>" }' >"$tmp/big-ed.xml"
grep -v '<department id="d7"' "$tmp/big-ed.xml" >"$tmp/big-less.xml"
check "40,000 departments: imported, imported again (no commit), then one gone: that file goes" sh -c "
	'$bin/yoy-store' init '$tmp/big' >/dev/null && '$bin/yoy-store' -s '$tmp/big' import '$tmp/big-ed.xml' &&
	'$bin/yoy-store' -s '$tmp/big' import '$tmp/big-ed.xml' && test \$(git -C '$tmp/big' rev-list --count main) = 1 &&
	'$bin/yoy-store' -s '$tmp/big' import '$tmp/big-less.xml' &&
	test \"\$(git -C '$tmp/big' diff --name-status main~1 main)\" = \"\$(printf 'D\\tactions/02/d7.xml')\""
# safety: hostile ids never name a path outside actions/
sed 's/<department id="cabinet-office"/<department id="..\/..\/x"/' "$s000" >"$tmp/hostile.xml"
sed 's/<action n="2">/<action n="..\/2">/' "$s000" >"$tmp/hostile2.xml"
before=$(git -C "$st" rev-parse main)
ys import "$tmp/hostile.xml" >/dev/null 2>"$tmp/h.err"; rc=$?
ys import "$tmp/hostile2.xml" >/dev/null 2>>"$tmp/h.err"; rc2=$?
check "a department id '../../x' or an action '../2' is refused, exit 2, the store as it was" sh -c "
	test $rc = 2 -a $rc2 = 2 && grep -q \"invalid department id '../../x'\" '$tmp/h.err' &&
	grep -q \"invalid action number '../2'\" '$tmp/h.err' && test \$(git -C '$st' rev-parse main) = $before &&
	! test -e '$tmp/x' && ! test -e '$tmp/x.xml'"
# what is not canonical XML: its format named, and the converter for it
before=$(git -C "$st" rev-parse main)
item=$(find "$fix/govuk-content" -name '*.json' | sort | head -1)
page=$(ls "$fix"/govuk-html/*.html | head -1)
printf '# Action 2\n\nSome words.\n' >"$tmp/draft"
printf '{"a": 1}\n' >"$tmp/other.json"
# not_xml NAME WHAT USE [FILE]: FILE (else standard input, NAME) imported
not_xml() {
	name=$1 what=$2 use=$3
	if [ $# = 4 ]; then ys import "$4" >/dev/null 2>"$tmp/nx.err"; else ys import >/dev/null 2>"$tmp/nx.err"; fi
	rc=$?
	check "import of $what ($name) says so and names $use, exit 2, the store as it was" sh -c "
		test $rc = 2 && grep -qxF \"yoy-store: $name:1:1: error: this is $what, not yoy's canonical XML: convert it with $use first\" '$tmp/nx.err' &&
		test \$(wc -l <'$tmp/nx.err') = 1 && test \$(git -C '$st' rev-parse main) = $before"
}
md=$g/head/digital/assisted/01-executive-summary.md
not_xml "$md" markdown yoy-md "$md"
not_xml '<stdin>' 'markdown or plain text' 'yoy-md or yoy-txt' <"$md"
not_xml "$page" HTML yoy-html "$page"
not_xml '<stdin>' HTML yoy-html <"$page"
not_xml "$item" JSON 'yoy-html (if it is a GOV.UK Content API item)' "$item"
not_xml "$tmp/other.json" JSON 'yoy-html (if it is a GOV.UK Content API item)' "$tmp/other.json"
not_xml "$tmp/seed.txt" 'plain text' yoy-txt "$(cp "$s"/000_*.txt "$tmp/seed.txt" && echo "$tmp/seed.txt")"
not_xml "$tmp/draft" 'markdown or plain text' 'yoy-md or yoy-txt' "$tmp/draft"
cp "$s000" "$tmp/good.xml"
ys import "$tmp/good.xml" "$tmp/draft" "$tmp/good.xml" "$tmp/other.json" >/dev/null 2>"$tmp/nx.err"; rc=$?
check "one bad input among good ones: each bad one said, nothing committed, exit 2" sh -c "
	test $rc = 2 && test \$(grep -c ': error: ' '$tmp/nx.err') = 2 && test \$(git -C '$st' rev-parse main) = $before"
# concurrency: 4 importers of 8 editions each make exactly 32 commits
conc=$tmp/conc
"$bin/yoy-store" init "$conc" >/dev/null 2>&1
for w in 1 2 3 4; do
	(
		for e in 1 2 3 4 5 6 7 8; do
			sed "s/<action n=\"2\">/<action n=\"$w$e\">/" "$s000" >"$tmp/c$w$e.xml"
			"$bin/yoy-store" -s "$conc" import "$tmp/c$w$e.xml" 2>>"$tmp/conc.err" || echo "import $w$e: exit $?" >>"$tmp/conc.err"
		done
	) &
done
wait
check "4 processes importing 8 editions each make exactly 32 commits" sh -c "
	test \$(git -C '$conc' rev-list --count main) = 32 && ! test -s '$tmp/conc.err' && git -C '$conc' fsck --full --strict"
# importers killed at random moments leave a store that passes fsck and
# takes the next import
kill_st=$tmp/killed
"$bin/yoy-store" init "$kill_st" >/dev/null 2>&1
i=0
while [ $i -lt 40 ]; do
	i=$((i + 1))
	sed "s/<action n=\"2\">/<action n=\"$i\">/" "$s000" >"$tmp/k.xml"
	"$bin/yoy-store" -s "$kill_st" import "$tmp/k.xml" 2>/dev/null &
	pid=$!
	# 0 to 100 ms in (an import takes about 30): some land, most die on the way
	sleep "$(awk -v i=$i 'BEGIN { srand(i); printf "%.3f", rand() * 0.1 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
done
sed "s/<action n=\"2\">/<action n=\"99\">/" "$s000" >"$tmp/k.xml"
check "after 40 importers killed with SIGKILL: fsck passes, the next import works" sh -c "
	git -C '$kill_st' fsck --full --strict >'$tmp/fsck' 2>&1 || { cat '$tmp/fsck'; exit 1; }
	test \$(git -C '$kill_st' rev-list --count main) -gt 0;
	'$bin/yoy-store' -s '$kill_st' import '$tmp/k.xml' 2>'$tmp/k.err' && git -C '$kill_st' cat-file -e main:actions/99/cabinet-office.xml &&
	git -C '$kill_st' fsck --full --strict >/dev/null 2>&1"
# gc: one pack; past 50 packs an import repacks by itself; a kill at any
# moment of gc loses nothing
gcs=$tmp/gc.git
"$bin/yoy-store" init "$gcs" >/dev/null 2>&1
i=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	sed "s/<action n=\"2\">/<action n=\"$i\">/" "$s000" >"$tmp/g.xml"
	"$bin/yoy-store" -s "$gcs" import --tag "e$i" "$tmp/g.xml" 2>/dev/null
done
# every edition as it reads (less meta/source, which names the store):
# what the repacked stores must give
editions() {
	for t in $(git -C "$1" tag); do "$bin/yoy-store" -s "$1" show "$t" || echo "FAILED $t"; done |
		grep -v '<source ' | md5sum
}
want=$(editions "$gcs")
packs() { ls "$1"/objects/pack/*.pack 2>/dev/null | wc -l; }
check "30 imports leave 30 packs" test "$(packs "$gcs")" = 30
cp -a "$gcs" "$tmp/gc-kill.git"
"$bin/yoy-store" -s "$gcs" log >"$tmp/gc-log.before"
"$bin/yoy-store" -s "$gcs" gc; rc=$?
check "yoy-store gc: one pack, fsck --full --strict passes, every edition reads as before" sh -c "
	test $rc = 0 && test \$(ls '$gcs'/objects/pack/*.pack | wc -l) = 1 && test \$(ls '$gcs'/objects/pack/*.idx | wc -l) = 1 &&
	git -C '$gcs' fsck --full --strict >/dev/null 2>&1"
check "after gc every edition reads as it did" test "$(editions "$gcs")" = "$want"
"$bin/yoy-store" -s "$gcs" log >"$tmp/gc-log.after"
check "gc packs the refs as git's pack-refs does: main and the 30 tags, each peeled, none loose; log as before" sh -c "
	grep -q '^# pack-refs with: peeled' '$gcs/packed-refs' && test \$(grep -c ' refs/tags/e' '$gcs/packed-refs') = 30 &&
	test \$(grep -c '^\^' '$gcs/packed-refs') = 30 && grep -q ' refs/heads/main\$' '$gcs/packed-refs' &&
	test -z \"\$(find '$gcs/refs' -type f)\" && cmp -s '$tmp/gc-log.before' '$tmp/gc-log.after'"
sed "s/<action n=\"2\">/<action n=\"31\">/" "$s000" >"$tmp/g.xml"
"$bin/yoy-store" -s "$gcs" import --tag e31 "$tmp/g.xml" 2>/dev/null
printf '99999999\n' >"$gcs/yoy.lock"; touch "$gcs/packed-refs.lock"
"$bin/yoy-store" -s "$gcs" gc 2>"$tmp/gc2.err"; rc=$?
check "after gc an import moves main and tags loose; packed-refs.lock left by a dead gc is broken; gc again packs them" sh -c "
	test $rc = 0 && '$bin/yoy-store' -s '$gcs' log | head -n 1 | grep -q '(e31)' &&
	! test -e '$gcs/packed-refs.lock' && test \$(grep -c ' refs/tags/e' '$gcs/packed-refs') = 31 &&
	test \$(git -C '$gcs' rev-parse main) = \$(git -C '$gcs' rev-parse 'e31^{}') &&
	git -C '$gcs' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/gc2.err"
# a copy of the 30 packs takes 25 more editions: the 21st makes 51 packs,
# and that import repacks
cp -a "$tmp/gc-kill.git" "$tmp/gc-auto.git"
most=0 i=30
while [ $i -lt 55 ]; do
	i=$((i + 1))
	sed "s/<action n=\"2\">/<action n=\"$i\">/" "$s000" >"$tmp/g.xml"
	"$bin/yoy-store" -s "$tmp/gc-auto.git" import --tag "e$i" "$tmp/g.xml" 2>/dev/null
	n=$(packs "$tmp/gc-auto.git"); [ "$n" -gt "$most" ] && most=$n
done
check "imports past 50 packs repack by themselves: never more than 50 after an import, 5 at the end; fsck passes" sh -c "
	test $most = 50 && test \$(ls '$tmp/gc-auto.git'/objects/pack/*.pack | wc -l) = 5 &&
	git -C '$tmp/gc-auto.git' fsck --full --strict >/dev/null 2>&1 && test \$(git -C '$tmp/gc-auto.git' rev-list --count main) = 55"
# gc killed with SIGKILL at random moments, each on a fresh copy of 30 packs
lost=0 i=0
while [ $i -lt 25 ]; do
	i=$((i + 1))
	rm -rf "$tmp/gk.git"; cp -a "$tmp/gc-kill.git" "$tmp/gk.git"
	"$bin/yoy-store" -s "$tmp/gk.git" gc 2>/dev/null &
	pid=$!
	sleep "$(awk -v i=$i 'BEGIN { srand(i); printf "%.3f", rand() * 0.08 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if ! git -C "$tmp/gk.git" fsck --full --strict >/dev/null 2>&1 || [ "$(editions "$tmp/gk.git")" != "$want" ]; then
		lost=$((lost + 1))
	fi
done
"$bin/yoy-store" -s "$tmp/gk.git" gc 2>/dev/null; rc=$?
check "gc killed at 25 random moments: every time fsck passes and every edition reads as before; gc again works" sh -c "
	test $lost = 0 && test $rc = 0 && test \$(ls '$tmp/gk.git'/objects/pack/*.pack | wc -l) = 1"
# a lock left by a killed importer is broken; git's own lock is waited for, not broken
printf '99999999\n' >"$kill_st/yoy.lock"; touch "$kill_st/refs/heads/main.lock"
sed "s/<action n=\"2\">/<action n=\"98\">/" "$s000" >"$tmp/k.xml"
check "main.lock left by a dead importer (its pid in yoy.lock): broken with a warning, the import lands" sh -c "
	'$bin/yoy-store' -s '$kill_st' import '$tmp/k.xml' 2>'$tmp/k.err' && grep -q 'broke the lock on main left by process 99999999, which is gone' '$tmp/k.err' &&
	git -C '$kill_st' cat-file -e main:actions/98/cabinet-office.xml && ! test -e '$kill_st/refs/heads/main.lock'"
touch "$kill_st/refs/heads/main.lock"
before=$(git -C "$kill_st" rev-parse main)
sed "s/<action n=\"2\">/<action n=\"97\">/" "$s000" >"$tmp/k.xml"
check "main.lock held by another program: not broken; a clear error, exit 2, main as it was" sh -c "
	'$bin/yoy-store' -s '$kill_st' import '$tmp/k.xml' 2>'$tmp/k.err'; test \$? = 2 &&
	grep -q 'stayed locked' '$tmp/k.err' && test -e '$kill_st/refs/heads/main.lock' && test \$(git -C '$kill_st' rev-parse main) = $before"
rm -f "$kill_st/refs/heads/main.lock"
# a file size limit (disk full), a read-only store, a corrupt object
before=$(git -C "$kill_st" rev-parse main)
sed "s/<action n=\"2\">/<action n=\"96\">/" "$s000" >"$tmp/k.xml"
check "a full disk (RLIMIT_FSIZE): a clear error, exit 2, main as it was, fsck passes" sh -c "
	(ulimit -f 1; '$bin/yoy-store' -s '$kill_st' import '$tmp/k.xml' 2>'$tmp/k.err'); test \$? = 2 &&
	grep -q 'yoy-store: $kill_st: error: cannot write to the store: ' '$tmp/k.err' &&
	test \$(git -C '$kill_st' rev-parse main) = $before && git -C '$kill_st' fsck --full --strict >/dev/null 2>&1"
ro() { if [ "$(id -u)" = 0 ]; then setpriv --bounding-set -dac_override,-dac_read_search,-fowner "$@"; else "$@"; fi; }
chmod -R a-w "$kill_st"
check "a read-only store: a clear error, exit 2; show still works" sh -c "
	$(command -v setpriv >/dev/null && [ "$(id -u)" = 0 ] && echo 'setpriv --bounding-set -dac_override,-dac_read_search,-fowner') '$bin/yoy-store' -s '$kill_st' import '$tmp/k.xml' 2>'$tmp/k.err'; test \$? = 2 &&
	grep -q 'error: cannot lock the store: Permission denied (a read-only store?)' '$tmp/k.err' &&
	$(command -v setpriv >/dev/null && [ "$(id -u)" = 0 ] && echo 'setpriv --bounding-set -dac_override,-dac_read_search,-fowner') '$bin/yoy-store' -s '$kill_st' show main -a 98 >/dev/null"
chmod -R u+w "$kill_st"
# the pack holding action 98's Cabinet Office cell goes bad in its middle
obj=$(git -C "$kill_st" rev-parse main:actions/98/cabinet-office.xml)
for i in "$kill_st"/objects/pack/*.idx; do
	git show-index <"$i" | grep -q " $obj" && f=${i%.idx}.pack
done
chmod u+w "$f"; head -c 64 /dev/zero | tr '\0' x | dd of="$f" bs=1 seek=$(($(wc -c <"$f") / 2)) conv=notrunc 2>/dev/null
check "a corrupt object: a clear error, exit 2" sh -c "
	'$bin/yoy-store' -s '$kill_st' show main -a 98 >/dev/null 2>'$tmp/k.err'; test \$? = 2 &&
	grep -q '^yoy-store: $kill_st: error: damaged store: cannot read file [0-9a-f]* (actions/98/[a-z-]*.xml in main): ' '$tmp/k.err'"
# push and pull through libgit2, against a local bare repository (under
# the sanitizers, libgit2 1.5.1's own leak there is suppressed: see
# tests/lsan.supp)
asan_was=${ASAN_OPTIONS-} lsan_was=${LSAN_OPTIONS-}
export ASAN_OPTIONS=fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
"$bin/yoy-store" init "$tmp/remote" >/dev/null 2>&1
"$bin/yoy-store" init "$tmp/other" >/dev/null 2>&1
check "push to a local bare repository, pull into another store: the same editions and tags" sh -c "
	'$bin/yoy-store' -s '$st' push '$tmp/remote' && '$bin/yoy-store' -s '$tmp/other' pull '$tmp/remote' &&
	test \$(git -C '$tmp/other' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	test \$(git -C '$tmp/other' rev-parse 2012) = \$(git -C '$st' rev-parse 2012) && git -C '$tmp/other' fsck --full --strict"
sed "s/<action n=\"2\">/<action n=\"50\">/" "$s000" >"$tmp/k.xml"
"$bin/yoy-store" -s "$tmp/other" import "$tmp/k.xml" 2>/dev/null
sed "s/<action n=\"2\">/<action n=\"51\">/" "$s000" >"$tmp/k.xml"
"$bin/yoy-store" -s "$st" import "$tmp/k.xml" 2>/dev/null
"$bin/yoy-store" -s "$tmp/other" push "$tmp/remote" 2>/dev/null
check "a store that has diverged from the remote: push refused and pull refused, clearly, exit 2" sh -c "
	'$bin/yoy-store' -s '$st' push '$tmp/remote' 2>'$tmp/p.err'; test \$? = 2 && grep -q 'pull first' '$tmp/p.err' &&
	'$bin/yoy-store' -s '$st' pull '$tmp/remote' 2>'$tmp/p.err'; test \$? = 2 && grep -q 'both gained editions' '$tmp/p.err'"
here=$(git -C "$st" rev-parse main | cut -c1-12) there=$(git -C "$tmp/remote" rev-parse main | cut -c1-12)
before=$(git -C "$st" rev-parse main)
check "the refused pull says which edition each has alone, and changes nothing" sh -c "
	test \$(grep -c 'both gained' '$tmp/p.err') = 1 && grep -q \"(only here: $here Import.*; only in the remote: $there Import.*)\$\" '$tmp/p.err' &&
	test \$(git -C '$st' rev-parse main) = $before"
ASAN_OPTIONS=$asan_was LSAN_OPTIONS=$lsan_was

docs yoy-store
lists yoy-store "no command" "unknown command" "which store" "init wants one directory" "wants one argument" \
	"takes no argument" "wants a number from" "unknown department" "a repository is there already" \
	"not a store" "cannot create the store" "cannot open the store" "Permission denied" \
	"invalid department id" "invalid action number" "invalid date" "invalid tag name" "cannot lock the store" \
	"read-only store" "cannot write to the store" "damaged store: cannot read" "the tip of main cannot be read" \
	"the ref refs/heads/main cannot be read" "is a symbolic link; not followed" "owned by another user" "is ambiguous" \
	"cannot move main" "stayed locked through 50 tries" "names another edition already" "cannot tag the edition" \
	"nothing to tag" "unknown revision" "no edition on or before" "holds no edition" "unknown remote" \
	"cannot push" "cannot pull" "the remote refused" "pull first" "both gained editions" "in memory" \
	"write error" "out of memory" "the later stands" "given twice in one input" "broke the lock on main" \
	"goes back past the first edition" "an edition has one parent" "not yoy's canonical XML: convert it with" \
	"cannot repack the store" "cannot remove an old pack" "-p and -f are for log -p" \
	"the remote refused the credentials offered" "clone wants a URL and a directory" \
	"cannot read the certificate authorities" "is not in" "is not the one" "only in the remote" \
	"the credential helper" "exited with status" "could not be run" "is another user's" \
	"was refused" "cannot clone" "is there already and is not an empty directory" \
	"cannot remove what the failed clone made" "of other types only"
finish
