#!/bin/sh
# The Debian packages: built from a copy of this tree with
# dpkg-buildpackage -us -uc -b, passed by lintian, unpacked into a
# scratch root with dpkg -x, and used from there: the demo's pipeline
# with the packaged programs, a program built against libyoy-dev.
. "$(dirname "$0")/lib.sh"
# a build of its own (make SANITIZE=... check passes its flags down)
unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE CC
version=$(make -s -C "$top" version)
src=$tmp/build/yoy-$version
mkdir -p "$src"
# the tree as it is, less what a build makes and what git ignores
(cd "$top" && git ls-files -co --exclude-standard | tar cf - -T -) | tar xf - -C "$src"
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; rc=$?
yoy=$(ls "$tmp"/build/yoy_"$version"_*.deb 2>/dev/null | head -1)
dev=$(ls "$tmp"/build/libyoy-dev_"$version"_*.deb 2>/dev/null | head -1)
changes=$(ls "$tmp"/build/yoy_"$version"_*.changes 2>/dev/null | head -1)
check "dpkg-buildpackage -us -uc -b builds yoy and libyoy-dev" sh -c "
	test $rc = 0 && test -f '$yoy' && test -f '$dev' && test -f '$changes'"
[ $rc = 0 ] || tail -20 "$tmp/build.log"
lintian --fail-on error "$changes" >"$tmp/lintian.out" 2>&1; rc=$?
check "lintian passes both packages with no error" sh -c "test $rc = 0 && ! grep -q '^E: ' '$tmp/lintian.out'"
grep '^[EW]: ' "$tmp/lintian.out" | head
check "the packages' version is the Makefile's" sh -c "
	test \"\$(dpkg-deb -f '$yoy' Version)\" = '$version' && test \"\$(dpkg-deb -f '$dev' Version)\" = '$version'"
check "yoy holds the programs, man pages, completions and schemas; libyoy-dev the header, yoy.pc, libyoy.a" sh -c "
	dpkg-deb -c '$yoy' | grep -q ' ./usr/bin/yoy-store\$' && dpkg-deb -c '$yoy' | grep -q 'man7/yoy.7.gz\$' &&
	dpkg-deb -c '$yoy' | grep -q 'man5/yoy-xml.5.gz\$' && dpkg-deb -c '$yoy' | grep -q 'completions/yoy-diff\$' &&
	dpkg-deb -c '$yoy' | grep -q 'vendor-completions/_yoy\$' && dpkg-deb -c '$yoy' | grep -q 'share/yoy/yoy.rng\$' &&
	dpkg-deb -c '$dev' | grep -q 'include/yoy.h\$' && dpkg-deb -c '$dev' | grep -q 'pkgconfig/yoy.pc\$' &&
	dpkg-deb -c '$dev' | grep -q '/libyoy.a\$'"

# unpacked into a scratch root, and used from there
root=$tmp/root
dpkg -x "$yoy" "$root" && dpkg -x "$dev" "$root"
b=$root/usr/bin
page=$fix/govuk-pages/cabinet-office-actions-2015-frontend.html
"$b/yoy-html" "$page" >"$tmp/co.xml"; r1=$?
"$b/yoy-txt" "$s"/000_*.txt >"$tmp/a2012.xml"; r2=$?
"$b/yoy-store" init "$tmp/st.git" >/dev/null &&
	"$b/yoy-store" -s "$tmp/st.git" import --date 2012-12-20 --tag 2012 "$tmp/a2012.xml" &&
	"$b/yoy-html" "$page" | "$b/yoy-store" -s "$tmp/st.git" import --date 2015-01-16 --tag 2015; r3=$?
"$b/yoy-diff" --store "$tmp/st.git" 2012 2015 --action 2 >"$tmp/diff.txt"; r4=$?
"$b/yoy-check" "$tmp/co.xml" >"$tmp/check.txt"; r5=$?
check "the packaged programs run the pipeline: convert, import two editions, diff them, check" sh -c "
	test $r1 -le 1 && test $r2 -le 1 && test $r3 = 0 && test $r4 = 1 && test $r5 -le 1 &&
	test \$(git -C '$tmp/st.git' rev-list --count main) = 2 && test -s '$tmp/diff.txt' &&
	xmllint --noout --relaxng '$root/usr/share/yoy/yoy.rng' '$tmp/co.xml' '$tmp/a2012.xml'"
# a program against libyoy-dev alone: static, through its yoy.pc
pc=$(dirname "$(find "$root" -name yoy.pc | head -1)")
# shellcheck disable=SC2046
PKG_CONFIG_PATH=$pc PKG_CONFIG_SYSROOT_DIR=$root \
	cc -o "$tmp/rt" "$top/tests/install/roundtrip.c" $(PKG_CONFIG_PATH=$pc PKG_CONFIG_SYSROOT_DIR=$root pkg-config --cflags --libs yoy) \
	2>"$tmp/cc.err"; rc=$?
check "a program builds against libyoy-dev with pkg-config --cflags --libs yoy, and runs" sh -c "
	test $rc = 0 && '$tmp/rt' '$tmp/a2012.xml' >'$tmp/rt.out' 2>/dev/null && cmp -s '$tmp/a2012.xml' '$tmp/rt.out'"
[ $rc = 0 ] || cat "$tmp/cc.err"
finish
