#!/bin/sh
# Hostile input and a hostile store: no read of a damaged store passes as
# an edition, no symbolic link is followed, no crash, no output called
# success that is not canonical XML, every message one line in yoy's
# form.  Each check here failed before its fix.
. "$(dirname "$0")/lib.sh"
s001=$fix/yoy-md/seed-001.out s000=$fix/yoy-txt/action-02.out
s004=$fix/yoy-txt/cabinet-office.out
# root obeys file modes only without these capabilities
nocap=
[ "$(id -u)" = 0 ] && nocap='setpriv --bounding-set -dac_override,-dac_read_search,-fowner'

# ------------------------------------------------------ a damaged store
st=$tmp/st
"$bin/yoy-store" init "$st" >/dev/null
"$bin/yoy-store" -s "$st" import --date 2012-12-20 --tag t1 "$s001" 2>/dev/null
"$bin/yoy-store" -s "$st" import --date 2015-01-16 --tag t3 "$s000" 2>/dev/null
reads() { # store, out: what each read gives (the store's name as S), and its status
	i=0
	for r in "show t3" "show t1" "ls t3" "log -a 2 -d CO" "verify"; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		"$bin/yoy-store" -s "$1" $r >"$2.raw" 2>"$2.err.$i"
		echo $? >"$2.rc.$i"
		sed "s|$1|S|g" "$2.raw" >"$2.$i"
	done
	"$bin/yoy-diff" -f tsv --store "$1" t1 t3 >"$2.6" 2>"$2.err.6"
	echo $? >"$2.rc.6"
}
reads "$st" "$tmp/ref"
pack=$(ls -t "$st"/objects/pack/*.pack | head -1)
size=$(wc -c <"$pack")
said=0 silent=0 intact=0 n=0
# 80 bytes spread over the newest pack, between its header and checksum
for off in $(seq 12 $((size / 80 + 1)) $((size - 21))); do
	n=$((n + 1)) d=$tmp/d$n
	cp -r "$st" "$d"; chmod -R u+w "$d"
	p=$d/objects/pack/${pack##*/}
	b=$(od -An -tu1 -j "$off" -N1 "$p" | tr -d ' ')
	printf "\\$(printf %o $(((b + 1) % 256)))" | dd of="$p" bs=1 seek="$off" conv=notrunc 2>/dev/null
	reads "$d" "$tmp/got"
	for i in 1 2 3 4 5 6; do
		want=$(cat "$tmp/ref.rc.$i") got=$(cat "$tmp/got.rc.$i")
		if [ "$got" = "$want" ] && cmp -s "$tmp/ref.$i" "$tmp/got.$i"; then
			intact=$((intact + 1))
		elif [ $i = 5 ] && [ "$got" = 1 ] && grep -q 'error: damaged store: cannot read [a-z]* [0-9a-f]\{12\}' "$tmp/got.err.$i"; then
			said=$((said + 1))
		elif [ "$got" = 2 ] && grep -q "^yoy-[a-z]*: $d: error: damaged store: " "$tmp/got.err.$i"; then
			said=$((said + 1))
		else
			silent=$((silent + 1)); echo "  byte $off: read $i exit $got: $(head -c 300 "$tmp/got.err.$i")"
		fi
	done
	rm -rf "$d"
done
check "a byte changed at $n places in the newest pack: each read is the edition as it was, or says 'damaged store' (said $said, intact $intact)" \
	test "$silent" = 0 -a "$said" -gt 0
cp -r "$st" "$tmp/gone"; rm -f "$tmp/gone/objects/pack/${pack##*/}" "$tmp/gone/objects/pack/$(basename "$pack" .pack).idx"
check "the newest pack gone: show and diff say 'damaged store', exit 2; verify lists the missing objects, exit 1" sh -c "
	'$bin/yoy-store' -s '$tmp/gone' show t3 >/dev/null 2>'$tmp/gone.err'; test \$? = 2 && grep -q 'error: damaged store: cannot read' '$tmp/gone.err' &&
	'$bin/yoy-diff' --store '$tmp/gone' t1 t3 >/dev/null 2>'$tmp/gone.err'; test \$? = 2 && grep -q 'damaged store' '$tmp/gone.err' &&
	'$bin/yoy-store' -s '$tmp/gone' verify >'$tmp/gone.out' 2>'$tmp/gone.err'; test \$? = 1 && grep -q ' [1-9][0-9]* problems\?\$' '$tmp/gone.out'"
cp -r "$st" "$tmp/ref2"; echo garbage >"$tmp/ref2/refs/heads/main"
check "garbage in refs/heads/main: log, show main and import say the ref is damaged, exit 2" sh -c "
	'$bin/yoy-store' -s '$tmp/ref2' log >'$tmp/r.out' 2>'$tmp/r.err'; test \$? = 2 && ! test -s '$tmp/r.out' &&
	grep -q 'error: damaged store: the ref refs/heads/main cannot be read' '$tmp/r.err' &&
	'$bin/yoy-store' -s '$tmp/ref2' show main >/dev/null 2>'$tmp/r.err'; test \$? = 2 &&
	'$bin/yoy-store' -s '$tmp/ref2' import '$s004' 2>'$tmp/r.err'; test \$? = 2 && grep -qx garbage '$tmp/ref2/refs/heads/main'"
cp -r "$st" "$tmp/tagref"; echo garbage >"$tmp/tagref/refs/tags/t3"
check "garbage in a tag's ref: import --tag says it is damaged, exit 2, no commit" sh -c "
	before=\$(git -C '$tmp/tagref' rev-parse main) &&
	'$bin/yoy-store' -s '$tmp/tagref' import --tag t3 '$s004' 2>'$tmp/r.err'; test \$? = 2 &&
	grep -q \"error: damaged store: the tag 't3' cannot be read\" '$tmp/r.err' &&
	test \$(git -C '$tmp/tagref' rev-parse main) = \$before"
check "verify on a sound store: every object and edition read, 0 problems, exit 0" sh -c "
	'$bin/yoy-store' -s '$st' verify >'$tmp/v.out' && grep -qx '$st: [0-9]* objects, 2 editions, [0-9]* cells read: 0 problems' '$tmp/v.out'"
# a cell deep in the tip, damaged: an import must not carry it forward
cp -r "$st" "$tmp/tip"; chmod -R u+w "$tmp/tip"
obj=$(git -C "$tmp/tip" rev-parse main:actions/02/cabinet-office.xml)
git -C "$tmp/tip" cat-file blob "$obj" >/dev/null
for i in "$tmp"/tip/objects/pack/*.idx; do git show-index <"$i" | grep -q " $obj" && p=${i%.idx}.pack && o=$(git show-index <"$i" | grep " $obj" | cut -d' ' -f1); done
printf 'XXXX' | dd of="$p" bs=1 seek=$((o + 4)) conv=notrunc 2>/dev/null
before=$(git -C "$tmp/tip" rev-parse main)
check "import on a tip with a damaged cell: refused, exit 2, main as it was; verify names the cell" sh -c "
	'$bin/yoy-store' -s '$tmp/tip' import --tag t4 '$s004' 2>'$tmp/t.err'; test \$? = 2 &&
	grep -q 'error: nothing imported: the tip of main cannot be read' '$tmp/t.err' &&
	test \$(git -C '$tmp/tip' rev-parse main) = $before &&
	'$bin/yoy-store' -s '$tmp/tip' verify 2>'$tmp/t.err' >/dev/null; test \$? = 1 &&
	grep -q 'cannot read file [0-9a-f]\{12\} (actions/02/cabinet-office.xml in ' '$tmp/t.err'"

# ---------------------------------------------------------- the lock
echo precious >"$tmp/victim"
"$bin/yoy-store" init "$tmp/sl" >/dev/null
ln -s "$tmp/victim" "$tmp/sl/yoy.lock"
check "yoy.lock a symbolic link to another file: not followed, the file intact, exit 2" sh -c "
	'$bin/yoy-store' -s '$tmp/sl' import '$s001' 2>'$tmp/sl.err'; test \$? = 2 &&
	grep -qx precious '$tmp/victim' && grep -q 'yoy.lock is a symbolic link; not followed' '$tmp/sl.err'"
rm "$tmp/sl/yoy.lock"; ln -s "$tmp/made-by-import" "$tmp/sl/yoy.lock"
check "yoy.lock a dangling symbolic link: its target not made" sh -c "
	'$bin/yoy-store' -s '$tmp/sl' import '$s001' 2>/dev/null; test \$? = 2 && ! test -e '$tmp/made-by-import'"
rm "$tmp/sl/yoy.lock"; mkfifo "$tmp/sl/yoy.lock"
check "yoy.lock not a regular file: refused, exit 2" sh -c "
	'$bin/yoy-store' -s '$tmp/sl' import '$s001' 2>'$tmp/sl.err'; test \$? = 2 && grep -q 'yoy.lock is not a regular file' '$tmp/sl.err'"
rm "$tmp/sl/yoy.lock"
if [ "$(id -u)" = 0 ]; then
	touch "$tmp/sl/yoy.lock"; chown 65534 "$tmp/sl/yoy.lock"
	check "yoy.lock owned by another user: refused, exit 2" sh -c "
		'$bin/yoy-store' -s '$tmp/sl' import '$s001' 2>'$tmp/sl.err'; test \$? = 2 && grep -q 'yoy.lock is owned by another user' '$tmp/sl.err'"
	rm "$tmp/sl/yoy.lock"
else
	echo "NOTE: not root: yoy.lock owned by another user not tried"
fi

# ---------------------------------------------------------- tag names
for t in main HEAD refs/heads/main -x FETCH_HEAD @2015-01-16 'a..b' 'a b'; do
	check "--tag '$t' refused, no commit" sh -c "
		'$bin/yoy-store' -s '$tmp/sl' import --tag '$t' '$s001' 2>'$tmp/tag.err'; test \$? = 2 &&
		grep -q \"invalid tag name '$t'\" '$tmp/tag.err' && ! git -C '$tmp/sl' rev-parse -q --verify main >/dev/null"
done
# a store where git itself made a tag named main: main is the branch
cp -r "$st" "$tmp/shadow"; git -C "$tmp/shadow" tag main t1
"$bin/yoy-store" -s "$st" show t3 >"$tmp/tip.xml"
check "a tag named main (made by git) does not shadow the branch: show main is the tip" sh -c "
	'$bin/yoy-store' -s '$tmp/shadow' show main | sed 's|$tmp/shadow@main|X|' >'$tmp/m.xml' &&
	sed 's|$st@t3|X|' '$tmp/tip.xml' | cmp - '$tmp/m.xml'"

# ---------------------------------------------------------- permissions
mkdir "$tmp/noread"; chmod 000 "$tmp/noread"
mkdir "$tmp/badconf"; printf '[[[ not a config\n' >"$tmp/badconf/.gitconfig"
check "HOME unreadable, or its .gitconfig garbage: the store reads and writes all the same" sh -c "
	HOME='$tmp/noread' XDG_CONFIG_HOME='$tmp/noread' $nocap '$bin/yoy-store' -s '$st' log >'$tmp/p.out' 2>'$tmp/p.err' &&
	test \$(wc -l <'$tmp/p.out') = 2 && ! test -s '$tmp/p.err' &&
	HOME='$tmp/badconf' '$bin/yoy-store' -s '$st' log >/dev/null &&
	cp -r '$st' '$tmp/conf' && HOME='$tmp/badconf' '$bin/yoy-store' -s '$tmp/conf' import '$s004' 2>/dev/null"
cp -r "$st" "$tmp/closed"
if [ "$(id -u)" = 0 ]; then
	chmod 700 "$tmp/closed"; chmod 755 "$tmp"
	check "a store another user may not read: 'Permission denied', exit 2" sh -c "
		setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent '$bin/yoy-store' -s '$tmp/closed' log 2>'$tmp/c.err'; test \$? = 2 &&
		grep -q \"^yoy-store: $tmp/closed: error: cannot open the store: Permission denied\" '$tmp/c.err'"
	check "a store another user may read: read, as any file is" sh -c "
		setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent '$bin/yoy-store' -s '$st' log >'$tmp/c.out' &&
		test \$(wc -l <'$tmp/c.out') = 2"
else
	chmod 000 "$tmp/closed"
	check "a store the user may not read: 'Permission denied', exit 2" sh -c "
		'$bin/yoy-store' -s '$tmp/closed' log 2>'$tmp/c.err'; test \$? = 2 &&
		grep -q 'error: cannot open the store: Permission denied' '$tmp/c.err'"
	chmod 700 "$tmp/closed"
fi
chmod 755 "$tmp/noread"

# ---------------------------------------------------------- crashes
r=$top/tests/fuzz/regress
check "yoy-md: a department heading with no name (SIGSEGV once): a warning, valid output" sh -c "
	'$bin/yoy-md' '$r/md/department-heading-without-name.md' >'$tmp/o.xml' 2>'$tmp/o.err'; test \$? -le 1 &&
	'$bin/test-validate' '$tmp/o.xml' && grep -q 'an empty heading where a department' '$tmp/o.err'"
check "yoy-md: a table row of a bar and a space (memcpy of -1 once): valid output" sh -c "
	'$bin/yoy-md' '$r/md/table-row-past-end.md' >'$tmp/o.xml' 2>'$tmp/o.err'; test \$? -le 1 && '$bin/test-validate' '$tmp/o.xml'"
check "yoy-html: UTF-16 that ends inside a character (a loop once): said at once, exit 2" sh -c "
	'$bin/yoy-html' --time-limit 60 '$r/html/utf16-truncated.html' >'$tmp/o.xml' 2>'$tmp/o.err'; test \$? = 2 &&
	grep -q 'error: the input ends inside a character of UTF-16BE (1 byte left over)' '$tmp/o.err' && ! test -s '$tmp/o.xml'"
check "yoy-html: a meta that says UTF-16 on a UTF-8 page (a loop once): read as UTF-8, as browsers do" sh -c "
	'$bin/yoy-html' --time-limit 60 '$r/html/meta-charset-utf16.html' >'$tmp/o.xml' 2>/dev/null; test \$? -le 1 && '$bin/test-validate' '$tmp/o.xml'"
for f in text tsv xml html; do
	check "yoy-diff -o /no/such/dir/x -f $f (fclose(NULL) once): one message, exit 2" sh -c "
		'$bin/yoy-diff' -f $f -o /no/such/dir/x '$fix/yoy-diff/old.xml' '$fix/yoy-diff/new.xml' 2>'$tmp/o.err'; test \$? = 2 &&
		test \$(wc -l <'$tmp/o.err') = 1 && grep -qx 'yoy-diff: /no/such/dir/x: error: cannot open: No such file or directory' '$tmp/o.err'"
done

# ------------------------------------- output that is canonical XML, or none
printf '<p><a href="http://x\vy" title="t\fu">link</a> <a href="http://a&#x0B;b">c</a></p>\n' >"$tmp/href.html"
check "a control character in an href (HTML): dropped with a warning at its line and column; valid output" sh -c "
	'$bin/yoy-html' '$tmp/href.html' >'$tmp/o.xml' 2>'$tmp/o.err'; test \$? -le 1 && '$bin/test-validate' '$tmp/o.xml' &&
	grep -q '^yoy-html: $tmp/href.html:1:[0-9]*: warning: href attribute: character U+000B cannot be represented in XML; dropped' '$tmp/o.err' &&
	grep -q 'href=\"http://xy\"' '$tmp/o.xml'"
printf 'A [link](http://x&#x0B;y), <a href="http://p\vq">raw</a>, &#x1; and &#xFFFE;\n\n    code\vblock\n' >"$tmp/href.md"
check "control characters from markdown (a link, raw HTML, character references, a code block): dropped, warned; valid output" sh -c "
	'$bin/yoy-md' '$tmp/href.md' >'$tmp/o.xml' 2>'$tmp/o.err'; test \$? -le 1 && '$bin/test-validate' '$tmp/o.xml' &&
	grep -q '^yoy-md: $tmp/href.md:1: warning: href attribute: character U+000B cannot be represented in XML; dropped' '$tmp/o.err' &&
	grep -q 'warning: character U+0001 cannot be represented in XML; dropped' '$tmp/o.err'"
printf 'Action 2: x\n\nUpdated 31 February 2015\n\nstatement\n' >"$tmp/feb.txt"
check "a date that is no day of the calendar (31 February): left out with a warning; valid output" sh -c "
	'$bin/yoy-txt' '$tmp/feb.txt' >'$tmp/o.xml' 2>'$tmp/o.err'; test \$? -le 1 && '$bin/test-validate' '$tmp/o.xml' &&
	grep -q \"updated date '2015-02-31' is not a day of the calendar; left out\" '$tmp/o.err'"
# Windows-1252: every byte it defines, in text, attributes and headings
awk 'BEGIN { printf "<meta charset=\"windows-1252\"><h1>Action 2: x</h1><div class=\"govspeak\"><p title=\"";
	for (i = 160; i < 256; i++) printf "%c", i; printf "\">";
	for (i = 32; i < 256; i++) if (i != 60 && i != 38 && i != 129 && i != 141 && i != 143 && i != 144 && i != 157) printf "%c", i;
	print "</p><h2>Cabinet Office</h2><h3>Progress during 2013</h3><p>\200 \210 \230</p></div>" }' >"$tmp/cp1252.html"
check "a Windows-1252 page of every byte it defines: valid UTF-8, canonical, nothing before <?xml" sh -c "
	'$bin/yoy-html' '$tmp/cp1252.html' >'$tmp/o.xml' 2>/dev/null; test \$? -le 1 && head -c 5 '$tmp/o.xml' | grep -qx '<?xml' &&
	'$bin/test-validate' '$tmp/o.xml' && grep -q '€ ˆ ˜' '$tmp/o.xml'"
awk 'BEGIN { printf "<meta charset=\"windows-1252\"><p>caf\351 <a href=\"#";
	for (i = 0; i < 600; i++) printf "na\357ve-slug"; print "\">x</a> \210</p>" }' >"$tmp/longattr.html"
check "an attribute value of 6,600 bytes (written before <?xml once): the output whole and in order" sh -c "
	'$bin/yoy-html' '$tmp/longattr.html' >'$tmp/o.xml' 2>/dev/null; test \$? -le 1 && head -c 5 '$tmp/o.xml' | grep -qx '<?xml' &&
	'$bin/test-validate' '$tmp/o.xml' && grep -q 'naïve-slugnaïve' '$tmp/o.xml'"
n=0 bad=0
for f in "$fix"/govuk-html/*.html "$fix"/govuk-pages/*.html; do
	n=$((n + 1))
	{ printf '<meta charset="windows-1252">'; iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT <"$f" 2>/dev/null; } >"$tmp/w.html"
	"$bin/yoy-html" "$tmp/w.html" >"$tmp/o.xml" 2>/dev/null
	rc=$?
	if [ $rc -gt 1 ] || ! head -c 5 "$tmp/o.xml" | grep -qx '<?xml' || ! "$bin/test-validate" "$tmp/o.xml" >/dev/null 2>&1; then
		bad=$((bad + 1)); echo "  ${f##*/} in Windows-1252: exit $rc"
	fi
done
check "the $n GOV.UK bodies and pages in Windows-1252: each converts to canonical XML" test "$bad" = 0
printf 'Action 2: x\n\nstatement\n' >"$tmp/$(printf 'we\001ird\377.txt')"
check "a file name that is not UTF-8: output valid UTF-8 (U+FFFD in meta/source), the name escaped in messages" sh -c "
	'$bin/yoy-txt' '$tmp'/we*ird*.txt >'$tmp/o.xml' 2>'$tmp/o.err'; test \$? -le 1 && '$bin/test-validate' '$tmp/o.xml' &&
	grep -q 'name=\"weird�.txt\"' '$tmp/o.xml' && grep -q \"^yoy-txt: '$tmp/we\\\\\\\\x01ird\\\\\\\\xFF.txt': warning: \" '$tmp/o.err'"
# every input the fuzzers kept, through the programs themselves
n=0 bad=0
for f in "$r"/txt/* "$r"/md/* "$r"/html/*; do
	case $f in */txt/*) p=yoy-txt ;; */md/*) p=yoy-md ;; *) p=yoy-html ;; esac
	n=$((n + 1))
	"$bin/$p" "$f" >"$tmp/o.xml" 2>/dev/null
	rc=$?
	if [ $rc = 2 ]; then
		test -s "$tmp/o.xml" && { bad=$((bad + 1)); echo "  $p ${f##*/}: output on exit 2"; }
	elif [ $rc -gt 2 ] || ! "$bin/test-validate" "$tmp/o.xml" >/dev/null 2>&1; then
		bad=$((bad + 1)); echo "  $p ${f##*/}: exit $rc, or output not canonical"
	fi
done
check "the $n inputs in tests/fuzz/regress/: canonical XML on exit 0 or 1, none on 2" test "$bad" = 0

# ---------------------------------------------------------- memory
# one paragraph of 1,000,000 words against a small one: the diff holds
# the tokens' symbols and edit flags, not a copy of each token
awk 'BEGIN { printf "<report version=\"1\"><meta/><body><action n=\"1\"><department id=\"x\" name=\"X\"><entry kind=\"plan\" year=\"2015\"><p>";
	for (i = 0; i < 1000000; i++) printf "word%d ", i % 5000; print "</p></entry></department></action></body></report>" }' >"$tmp/big.xml"
printf '<report version="1"><meta/><body><action n="1"><department id="x" name="X"><entry kind="plan" year="2015"><p>small</p></entry></department></action></body></report>\n' >"$tmp/small.xml"
# (under AddressSanitizer, freed memory is held back in a quarantine:
# none here, so that the bound is the program's)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
check "a changed cell of 8.8 MB: yoy-diff's peak memory grows by at most 8 bytes a byte of it" sh -c "
	a=\$('$bin/test-maxrss' '$bin/yoy-diff' -f tsv '$tmp/small.xml' '$tmp/small.xml') &&
	b=\$('$bin/test-maxrss' '$bin/yoy-diff' -f tsv '$tmp/small.xml' '$tmp/big.xml') &&
	echo \"peak \$a KB, then \$b KB for \$(wc -c <'$tmp/big.xml') bytes\" &&
	test \$(( (b - a) * 1024 )) -le \$(( 8 * \$(wc -c <'$tmp/big.xml') ))"
rm -f "$tmp/big.xml"

# ------------------------------------------- every message in yoy's form
for p in yoy-txt yoy-md yoy-html; do
	case $p in yoy-txt) in=$fix/seeds/000_8520e6b6acb25241.txt ;; yoy-md) in=$fix/seeds/001_b5986ffedcf9a2c1.txt ;; *) in=$fix/govuk-pages/action-02-2015-whitehall.html ;; esac
	check "$p -o /dev/full: one message in yoy's form (none of libxml2's own), exit 2" sh -c "
		'$bin/$p' -o /dev/full '$in' 2>'$tmp/full.err'; test \$? = 2 &&
		test \$(wc -l <'$tmp/full.err') = 1 && grep -q '^$p: /dev/full: error: write error: No space left on device\$' '$tmp/full.err'"
done
check "yoy-store show, yoy-diff and yoy-check to a full disk: each one message in yoy's form" sh -c "
	'$bin/yoy-store' -s '$st' show t3 >/dev/full 2>'$tmp/full.err'; test \$? = 2 && test \$(wc -l <'$tmp/full.err') = 1 &&
	grep -q '^yoy-store: ' '$tmp/full.err' &&
	'$bin/yoy-diff' -f xml '$s001' '$s000' >/dev/full 2>'$tmp/full.err'; test \$? = 2 && test \$(wc -l <'$tmp/full.err') = 1 &&
	'$bin/yoy-check' -f junit '$s000' >/dev/full 2>'$tmp/full.err'; test \$? = 2 && test \$(wc -l <'$tmp/full.err') = 1"
nl=$(printf 'a\nb')
cp "$s000" "$tmp/$nl.xml"
printf 'Action 2: x\n\n\001\n' >"$tmp/$nl.txt"
check "a file name with a newline: each message one line, the name quoted ('a\\nb')" sh -c "
	'$bin/yoy-check' '$tmp/$nl.xml' >'$tmp/nl.out' 2>&1; test \$? -le 1 &&
	test \$(grep -c '^yoy-check: ' '$tmp/nl.out') = \$(wc -l <'$tmp/nl.out') &&
	grep -q \"^yoy-check: '$tmp/a\\\\\\\\nb.xml':[0-9]*: warning: \" '$tmp/nl.out' &&
	'$bin/yoy-txt' '$tmp/$nl.txt' 2>'$tmp/nl.err' >/dev/null; test \$? = 2 &&
	test \$(wc -l <'$tmp/nl.err') = 1 && grep -q \"^yoy-txt: '$tmp/a\\\\\\\\nb.txt':3:1: error: control character U+0001\" '$tmp/nl.err'"
check "a revision with a newline: one line, escaped" sh -c "
	'$bin/yoy-store' -s '$st' show '$nl' 2>'$tmp/nl.err'; test \$? = 2 &&
	test \$(wc -l <'$tmp/nl.err') = 1 && grep -q \"unknown revision 'a\\\\\\\\nb'\" '$tmp/nl.err'"

finish
