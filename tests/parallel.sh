#!/bin/sh
# scripts/parallel-convert for real: GNU parallel with two logins to an
# sshd this test starts on a loopback port with a key made for it (never
# port 22), and stops whatever happens.  The documents must be the bytes
# of a local -O run, and the store must get one commit.
. "$(dirname "$0")/lib.sh"
for c in parallel rsync ssh ssh-keygen /usr/sbin/sshd; do
	command -v "$c" >/dev/null || { not_ok "$c is installed (scripts/install-deps)"; finish; exit 1; }
done
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap stop EXIT
trap 'exit 2' INT TERM
sshd_start "$tmp/ssh"
check "sshd listens on 127.0.0.1:$port and takes the test's key" test $up = 1
[ $up = 1 ] || { sed 's/^/  /' "$s/sshd.log" | head; finish; exit 1; }

pages="$fix/govuk-html/*.html $fix/govuk-pages/*.html"
# shellcheck disable=SC2086
"$bin/yoy-html" -O "$tmp/local" $pages 2>/dev/null || [ $? = 1 ]
me=$(id -un)
"$bin/yoy-store" init "$tmp/store.git" >/dev/null
# shellcheck disable=SC2086
PATH=$bin:$PATH PARALLEL_SSH="ssh -F $s/ssh_config" "$top/scripts/parallel-convert" \
	-S "1/127.0.0.1,1/$me@127.0.0.1" -n 10 -s "$tmp/store.git" -d 2015-01-16 -t 2015 \
	"$bin/yoy-html" "$tmp/remote" $pages >"$tmp/pc.out" 2>"$tmp/pc.err" </dev/null
echo $? >"$tmp/pc.rc"
check "parallel-convert over two logins exits as the converter does" sh -c "test \$(cat '$tmp/pc.rc') -le 1 || { cat '$tmp/pc.err'; exit 1; }"
check "every document came back, byte-identical to a local -O run" sh -c "
	test \$(ls '$tmp/local' | wc -l) = 27 && test \$(ls '$tmp/remote' | wc -l) = 27 &&
	for f in '$tmp/local'/*.xml; do cmp \"\$f\" '$tmp/remote/'\"\${f##*/}\" || exit 1; done"
check "the batches ran through sshd, under both logins" sh -c "
	test \$(grep -c 'Accepted publickey' '$s/sshd.log') -ge 2"
check "the store got one commit, tagged 2015, every page in it" sh -c "
	test \$('$bin/yoy-store' -s '$tmp/store.git' log | wc -l) = 1 && '$bin/yoy-store' -s '$tmp/store.git' log | grep -q '(2015)' &&
	git -C '$tmp/store.git' fsck --full --strict 2>&1 | grep -v '^Checking' | (! grep .)"
check "two inputs of one name: refused before anything runs" sh -c "
	mkdir -p '$tmp/a' '$tmp/b' && cp '$fix/govuk-pages/action-02-2015-whitehall.html' '$tmp/a/p.html' &&
	cp '$fix/govuk-pages/action-02-2015-whitehall.html' '$tmp/b/p.html' &&
	! '$top/scripts/parallel-convert' '$bin/yoy-html' '$tmp/o2' '$tmp/a/p.html' '$tmp/b/p.html' 2>'$tmp/dup.err' &&
	grep -q 'would both be written' '$tmp/dup.err' && ! test -e '$tmp/o2'"
finish
