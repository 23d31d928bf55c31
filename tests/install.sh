#!/bin/sh
# make install as a packager runs it (DESTDIR, PREFIX=/usr), and each
# thing it installs used from there: the programs, the shared and static
# library through pkg-config, the header, the schemas, every man page
# under mandoc and groff, the bash and zsh completions; then make
# uninstall leaves nothing.  And the build's own output: quiet, V=1 loud.
. "$(dirname "$0")/lib.sh"
# a build of its own, as a packager's: in its own directories (obj/ and
# bin/ are the tests' own), with no flags of a make that runs the tests
# (make SANITIZE=... check passes its own down)
unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE CC
mk() { make -s -C "$top" O="$tmp/obj" B="$tmp/bin" "$@"; }
stage=$tmp/stage usr=$tmp/stage/usr
version=$(mk version)
mk install DESTDIR="$stage" PREFIX=/usr >"$tmp/install.log" 2>&1; rc=$?
check "make install DESTDIR=... PREFIX=/usr exits 0" test $rc = 0
missing=
for f in bin/yoy-txt bin/yoy-md bin/yoy-html bin/yoy-diff bin/yoy-store bin/yoy-check \
	lib/libyoy.so.$version lib/libyoy.so.0 lib/libyoy.so lib/libyoy.a lib/pkgconfig/yoy.pc \
	include/yoy.h share/yoy/yoy.rng share/yoy/yoy-diff.rng \
	share/man/man5/yoy-xml.5 share/man/man7/yoy.7 share/zsh/site-functions/_yoy; do
	[ -e "$usr/$f" ] || missing="$missing $f"
done
for p in yoy-txt yoy-md yoy-html yoy-diff yoy-store yoy-check; do
	[ -e "$usr/share/man/man1/$p.1" ] || missing="$missing man1/$p.1"
	[ -e "$usr/share/bash-completion/completions/$p" ] || missing="$missing completions/$p"
done
check "the installed tree has programs, libraries, header, yoy.pc, schemas, man 1, 5, 7 and completions" \
	test -z "$missing"
[ -z "$missing" ] || { echo "missing:$missing"; tail -5 "$tmp/install.log"; }
check "nothing installed outside DESTDIR/usr" sh -c "test \$(ls '$stage') = usr"
check "libyoy.so.$version's soname is libyoy.so.0; libyoy.so.0 and libyoy.so lead to it" sh -c "
	objdump -p '$usr/lib/libyoy.so.$version' | grep -q 'SONAME *libyoy.so.0\$' &&
	test \$(readlink '$usr/lib/libyoy.so.0') = libyoy.so.$version && test \$(readlink '$usr/lib/libyoy.so') = libyoy.so.0"

# a library user's program, built through pkg-config against the staged copy
export PKG_CONFIG_PATH="$usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage"
check "pkg-config --modversion yoy is the Makefile's version" test "$(pkg-config --modversion yoy)" = "$version"
xml=$fix/yoy-txt/action-02.out
# shellcheck disable=SC2046
cc -o "$tmp/rt-shared" "$top/tests/install/roundtrip.c" $(pkg-config --cflags --libs yoy) 2>"$tmp/cc.err"; rc=$?
check "a program builds with pkg-config --cflags --libs yoy" test $rc = 0
LD_LIBRARY_PATH=$usr/lib "$tmp/rt-shared" "$xml" >"$tmp/rt.out" 2>"$tmp/rt.err"; rc=$?
check "it runs on the installed libyoy.so.0 and writes a canonical document back as it was" sh -c "
	test $rc = 0 && cmp -s '$xml' '$tmp/rt.out' && grep -qx 'libyoy $version' '$tmp/rt.err' &&
	LD_LIBRARY_PATH='$usr/lib' ldd '$tmp/rt-shared' | grep -q 'libyoy.so.0 => $usr/lib/libyoy.so.0'"
# shellcheck disable=SC2046
cc -o "$tmp/rt-static" "$top/tests/install/roundtrip.c" $(pkg-config --cflags yoy) \
	-Wl,-Bstatic -lyoy -Wl,-Bdynamic -L"$usr/lib" $(pkg-config --libs-only-l --static yoy | sed 's/-lyoy//') 2>>"$tmp/cc.err"; rc=$?
check "the same program links the static libyoy.a, and needs no libyoy.so" sh -c "
	test $rc = 0 && '$tmp/rt-static' '$xml' >'$tmp/rt2.out' 2>/dev/null && cmp -s '$xml' '$tmp/rt2.out' &&
	! ldd '$tmp/rt-static' | grep -q libyoy"
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# the programs, from the staged tree, and the schemas there
b=$usr/bin
check "the installed programs say the Makefile's version" sh -c "
	'$b/yoy-txt' --version | grep -q '^yoy-txt $version ' && '$b/yoy-check' --version | grep -q '^yoy-check $version '"
"$b/yoy-txt" "$s"/000_*.txt >"$tmp/a.xml" && "$b/yoy-txt" "$s"/004_*.txt >"$tmp/b.xml"
check "the installed yoy.rng validates what the installed yoy-txt writes" \
	xmllint --noout --relaxng "$usr/share/yoy/yoy.rng" "$tmp/a.xml" "$tmp/b.xml"
"$b/yoy-diff" -f xml "$tmp/a.xml" "$tmp/b.xml" >"$tmp/d.xml"; rc=$?
check "the installed yoy-diff.rng validates the installed yoy-diff's xml" sh -c "
	test $rc = 1 && xmllint --noout --relaxng '$usr/share/yoy/yoy-diff.rng' '$tmp/d.xml'"
"$b/yoy-store" init "$tmp/st.git" >/dev/null && "$b/yoy-store" -s "$tmp/st.git" import --date 2012-12-20 --tag 2012 "$tmp/a.xml" &&
	"$b/yoy-store" -s "$tmp/st.git" import --date 2015-01-16 --tag 2015 "$tmp/b.xml"
check "the installed yoy-store imports two editions" test "$(git -C "$tmp/st.git" rev-list --count main)" = 2

# every man page, as installed, under both formatters
for m in "$usr"/share/man/man*/*; do
	check "${m#"$usr"/} passes mandoc -Tlint and groff -mandoc -ww -z with no message" sh -c "
		mandoc -Tlint -W warning '$m' && test -z \"\$(groff -mandoc -ww -z '$m' 2>&1)\""
done
check "man -l shows yoy(7) and yoy-xml(5)" sh -c "
	MANPAGER=cat man -l '$usr/share/man/man7/yoy.7' 2>/dev/null | grep -q 'Which program' &&
	MANPAGER=cat man -l '$usr/share/man/man5/yoy-xml.5' 2>/dev/null | grep -q 'byte-stable'"

# the completions: bash's as installed, then zsh's through bashcompinit
# complete SHELL SETUP WORD...: what completing the last WORD offers.
# zsh's compgen (bashcompinit) leaves the matching to zsh's completion
# system, which offers those that begin with the word: so here.
complete_in() {
	sh=$1 setup=$2; shift 2
	for last; do :; done
	if [ "$sh" = bash ]; then
		bash -c ". '$setup'; COMP_WORDS=(\"\$@\"); COMP_CWORD=\$((\$# - 1)); _yoy_bash; printf '%s\n' \"\${COMPREPLY[@]}\"" x "$@"
	else
		zsh -fc "autoload -U compinit && compinit -u -D; . '$setup'; emulate -L sh; setopt kshglob noshglob braceexpand;
			COMP_WORDS=(\"\$@\"); COMP_CWORD=\$((\$# - 1)); _yoy_bash; printf '%s\n' \"\${COMPREPLY[@]}\"" x "$@" |
			awk -v w="$last" 'index($0, w) == 1'
	fi 2>/dev/null | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
for sh in bash zsh; do
	setup=$usr/share/bash-completion/completions/yoy-diff
	[ $sh = zsh ] && setup=$usr/share/zsh/site-functions/_yoy
	check "$sh: yoy-diff -f offers the formats --help lists" \
		test "$(complete_in $sh "$setup" yoy-diff -f '')" = "html text tsv xml"
	check "$sh: yoy-check --format offers text, junit, sarif, github, codequality" \
		test "$(complete_in $sh "$setup" yoy-check --format '')" = "codequality github junit sarif text"
	got=$(complete_in $sh "$setup" yoy-check --rules schema,pla)
	check "$sh: yoy-check --rules schema,pla completes to schema,placeholder" test "$got" = "schema,placeholder"
	got=$(complete_in $sh "$setup" yoy-html -d cabinet)
	check "$sh: -d completes department slugs from the registry" test "$got" = "cabinet-office"
	got=$(complete_in $sh "$setup" yoy-txt --ou)
	check "$sh: options complete" test "$got" = "--output --output-dir"
	got=$(complete_in $sh "$setup" "$b/yoy-store" -s "$tmp/st.git" show 20)
	check "$sh: yoy-store show completes the store's revisions" test "$got" = "2012 2015"
	got=$(complete_in $sh "$setup" "$b/yoy-diff" --store "$tmp/st.git" 2012 '')
	check "$sh: yoy-diff --store completes revisions: main, tags, dates" \
		test "$got" = "2012 2015 @2012-12-20 @2015-01-16 main"
	got=$(complete_in $sh "$setup" yoy-store '')
	check "$sh: yoy-store completes its commands" test "$got" = "clone gc import init log ls pull push show since verify"
done

mk uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null 2>&1; rc=$?
left=$(find "$stage/usr" -mindepth 1 | sed "s|^$stage||")
check "make uninstall leaves nothing behind: no file, link or directory under the prefix" sh -c "test $rc = 0 && test -z '$left'"
[ -z "$left" ] || echo "left: $left"

# one meaning for each short option, across the programs
pairs=$(for p in yoy-txt yoy-md yoy-html yoy-diff yoy-store yoy-check; do
	"$bin/$p" --help | sed -n 's/^  \(-[A-Za-z]\), \(--[a-z-]*\).*/\1 \2/p'
done | sort -u)
check "each short option means one long option in every program" \
	test "$(echo "$pairs" | cut -d' ' -f1 | uniq -d)" = ""

# the build says one line a step; V=1 the commands
make -C "$top" O="$tmp/o" "$tmp/o/base/alloc.o" >"$tmp/quiet.log" 2>&1
make -C "$top" O="$tmp/o2" V=1 "$tmp/o2/base/alloc.o" >"$tmp/loud.log" 2>&1
check "make says 'CC obj/...' for a step, and make V=1 the compiler's command line" sh -c "
	grep -q '^  CC  *$tmp/o/base/alloc.o\$' '$tmp/quiet.log' && ! grep -q -- '-Wall' '$tmp/quiet.log' &&
	grep -q -- '-Wall.*-c -o $tmp/o2/base/alloc.o' '$tmp/loud.log'"
finish
