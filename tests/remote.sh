#!/bin/sh
# The store's remotes, for real, on servers this test starts on 127.0.0.1
# at ports the kernel picks and stops whatever happens: git's own git
# http-backend behind a small web server (tests/git-http-server, HTTP
# Basic with a token), and sshd with a host key and a user key made
# here.  push, clone and pull through libgit2: the token from
# YOY_STORE_TOKEN; --ssh-key, or the keys of an ssh-agent; host keys
# checked against known_hosts.
. "$(dirname "$0")/lib.sh"
pid= hpid= apid=
stop() {
	for p in $hpid $pid $apid; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 2' INT TERM
unset YOY_STORE_TOKEN
# under the sanitizers, libgit2 1.5.1's own leak in its transports is
# suppressed, as in store.sh (tests/lsan.supp)
export ASAN_OPTIONS=fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
srv=$tmp/srv
mkdir -p "$srv" && git init -q --bare "$srv/store.git"
python3 "$top/tests/git-http-server" "$srv" "$tmp/port" s3cret-token 2>"$tmp/server.err" &
hpid=$!
i=0
while [ $i -lt 100 ] && ! [ -s "$tmp/port" ]; do
	kill -0 "$hpid" 2>/dev/null || break
	sleep 0.1; i=$((i + 1))
done
port=$(cat "$tmp/port" 2>/dev/null)
check "the test's web server listens on a loopback port it was given by the kernel" test -n "$port"
url=http://127.0.0.1:$port/store.git

st=$tmp/store.git
s001=$fix/yoy-md/seed-001.out s000=$fix/yoy-txt/action-02.out
"$bin/yoy-store" init "$st" >/dev/null
"$bin/yoy-store" -s "$st" import --date 2012-12-20 --tag 2012 "$s001" 2>/dev/null
"$bin/yoy-store" -s "$st" import --date 2015-01-16 --tag 2015 "$s000" 2>/dev/null

# no token, then a wrong one: refused, said, nothing pushed, no endless retry
timeout 60 "$bin/yoy-store" -s "$st" push "$url" >/dev/null 2>"$tmp/p1.err"; rc1=$?
YOY_STORE_TOKEN=wrong timeout 60 "$bin/yoy-store" -s "$st" push "$url" >/dev/null 2>"$tmp/p2.err"; rc2=$?
check "push without a token: exit 2, 'the remote refused the credentials offered (none: set YOY_STORE_TOKEN ...)'" sh -c "
	test $rc1 = 2 && grep -q 'cannot push: the remote refused the credentials offered (none: set YOY_STORE_TOKEN' '$tmp/p1.err'"
check "push with a wrong token: exit 2, the token named, nothing on the server" sh -c "
	test $rc2 = 2 && grep -q 'refused the credentials offered (YOY_STORE_TOKEN)' '$tmp/p2.err' &&
	! git -C '$srv/store.git' rev-parse -q --verify main >/dev/null"
[ $rc2 = 2 ] || cat "$tmp/p2.err"

export YOY_STORE_TOKEN=s3cret-token
"$bin/yoy-store" -s "$st" push "$url" 2>"$tmp/p3.err"; rc=$?
check "push with YOY_STORE_TOKEN: main and the tags on the server, fsck clean" sh -c "
	test $rc = 0 && test \$(git -C '$srv/store.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	test \$(git -C '$srv/store.git' rev-parse 2012) = \$(git -C '$st' rev-parse 2012) &&
	git -C '$srv/store.git' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/p3.err"
"$bin/yoy-store" clone "$url" "$tmp/clone.git" 2>"$tmp/c.err"; rc=$?
check "clone URL DIR: a store with the same editions, each reading as in the first" sh -c "
	test $rc = 0 && test \$(git -C '$tmp/clone.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	'$bin/yoy-store' -s '$tmp/clone.git' show 2012 | grep -v '<source ' >'$tmp/a' &&
	'$bin/yoy-store' -s '$st' show 2012 | grep -v '<source ' | cmp -s - '$tmp/a'"
[ $rc = 0 ] || cat "$tmp/c.err"
# an edition added in the clone, pushed; pulled into the first store
sed 's/<action n="2">/<action n="7">/' "$s000" >"$tmp/e.xml"
"$bin/yoy-store" -s "$tmp/clone.git" import --date 2016-01-01 --tag 2016 "$tmp/e.xml" 2>/dev/null &&
	"$bin/yoy-store" -s "$tmp/clone.git" push "$url" 2>/dev/null
"$bin/yoy-store" -s "$st" pull "$url" 2>"$tmp/l.err"; rc=$?
check "pull over HTTP: the first store fast-forwards to the edition pushed from the clone, its tag too" sh -c "
	test $rc = 0 && test \$(git -C '$st' rev-parse main) = \$(git -C '$tmp/clone.git' rev-parse main) &&
	git -C '$st' rev-parse -q --verify 2016 >/dev/null && git -C '$st' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/l.err"
unset YOY_STORE_TOKEN

# over SSH
sshd_start "$tmp/ssh"
check "sshd listens on 127.0.0.1:$port and takes the test's key" test $up = 1
me=$(id -un)
git init -q --bare "$tmp/ssh-remote.git"
sshurl=ssh://$me@127.0.0.1:$port$tmp/ssh-remote.git
ssh-keyscan -p "$port" 127.0.0.1 2>/dev/null >"$tmp/known_hosts"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/other-host"
sed "s|^\(\[127.0.0.1\]:$port\) .*|\1 $(cut -d' ' -f1,2 "$tmp/other-host.pub")|" "$tmp/known_hosts" >"$tmp/wrong_hosts"
YOY_STORE_KNOWN_HOSTS=/dev/null "$bin/yoy-store" -s "$st" --ssh-key "$tmp/ssh/user" push "$sshurl" 2>"$tmp/s1.err"; rc1=$?
YOY_STORE_KNOWN_HOSTS=$tmp/wrong_hosts "$bin/yoy-store" -s "$st" --ssh-key "$tmp/ssh/user" push "$sshurl" 2>"$tmp/s2.err"; rc2=$?
check "an unknown host key, and one unlike known_hosts's, are refused: exit 2, nothing pushed" sh -c "
	test $rc1 = 2 && grep -q '\[127.0.0.1\]:$port is not in /dev/null (add it once its key is checked: ssh-keyscan -p $port 127.0.0.1' '$tmp/s1.err' &&
	test $rc2 = 2 && grep -q 'the host key of \[127.0.0.1\]:$port is not the one' '$tmp/s2.err' &&
	! git -C '$tmp/ssh-remote.git' rev-parse -q --verify main >/dev/null"
export YOY_STORE_KNOWN_HOSTS=$tmp/known_hosts
ssh-keygen -q -t ed25519 -N '' -f "$tmp/stranger"
"$bin/yoy-store" -s "$st" --ssh-key "$tmp/stranger" push "$sshurl" 2>"$tmp/s3.err"; rc=$?
check "a key the server does not know: refused, said, exit 2" sh -c "
	test $rc = 2 && grep -q 'refused the credentials offered (--ssh-key)' '$tmp/s3.err'"
"$bin/yoy-store" -s "$st" --ssh-key "$tmp/ssh/user" push "$sshurl" 2>"$tmp/s4.err"; rc=$?
check "push over SSH with --ssh-key: main and the tags on the server" sh -c "
	test $rc = 0 && test \$(git -C '$tmp/ssh-remote.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	test \$(git -C '$tmp/ssh-remote.git' rev-parse 2012) = \$(git -C '$st' rev-parse 2012)"
[ $rc = 0 ] || cat "$tmp/s4.err"
# an ssh-agent holding the key: clone with no --ssh-key
eval "$(ssh-agent -s)" >/dev/null; apid=$SSH_AGENT_PID
ssh-add -q "$tmp/ssh/user" 2>/dev/null
"$bin/yoy-store" clone "$sshurl" "$tmp/ssh-clone.git" 2>"$tmp/s5.err"; rc=$?
check "clone over SSH with the agent's key: the same editions" sh -c "
	test $rc = 0 && test \$(git -C '$tmp/ssh-clone.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	git -C '$tmp/ssh-clone.git' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/s5.err"
finish
