#!/bin/sh
# The store's remotes, for real, on servers this test starts on 127.0.0.1
# at ports the kernel picks and stops whatever happens: git's own git
# http-backend behind a small web server (tests/git-http-server, HTTP
# Basic with a token), and sshd with a host key and a user key made
# here.  push, clone and pull through libgit2: the token from
# YOY_STORE_TOKEN; --ssh-key, or the keys of an ssh-agent; host keys
# checked against known_hosts; git's credential helpers; HTTPS with a
# certificate of the test's own authority.
. "$(dirname "$0")/lib.sh"
pid= hpid= tpid= apid=
stop() {
	for p in $hpid $tpid $pid $apid; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 2' INT TERM
# the user's own git settings and certificate authorities play no part
unset YOY_STORE_TOKEN XDG_CONFIG_HOME SSL_CERT_FILE SSL_CERT_DIR
export HOME="$tmp/home"
mkdir -p "$HOME"
# under the sanitizers, libgit2 1.5.1's own leak in its transports is
# suppressed, as in store.sh (tests/lsan.supp)
export ASAN_OPTIONS=fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
srv=$tmp/srv
mkdir -p "$srv" && git init -q --bare "$srv/store.git"
# serve PORTFILE [CERT KEY]: git-http-server started on $srv, its pid in
# $spid, its port in $sport once it listens (empty if not within 10 s)
serve() {
	python3 "$top/tests/git-http-server" "$srv" "$1" s3cret-token ${2:+"$2" "$3"} 2>>"$tmp/server.err" &
	spid=$!
	i=0
	while [ $i -lt 100 ] && ! [ -s "$1" ]; do
		kill -0 "$spid" 2>/dev/null || break
		sleep 0.1; i=$((i + 1))
	done
	sport=$(cat "$1" 2>/dev/null)
}
serve "$tmp/port"; hpid=$spid port=$sport
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
timeout 60 "$bin/yoy-store" -s "$st" push "$url" 2>"$tmp/p3.err"; rc=$?
check "push with YOY_STORE_TOKEN: main and the tags on the server, fsck clean" sh -c "
	test $rc = 0 && test \$(git -C '$srv/store.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	test \$(git -C '$srv/store.git' rev-parse 2012) = \$(git -C '$st' rev-parse 2012) &&
	git -C '$srv/store.git' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/p3.err"
timeout 60 "$bin/yoy-store" clone "$url" "$tmp/clone.git" 2>"$tmp/c.err"; rc=$?
check "clone URL DIR: a store with the same editions, each reading as in the first" sh -c "
	test $rc = 0 && test \$(git -C '$tmp/clone.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	'$bin/yoy-store' -s '$tmp/clone.git' show 2012 | grep -v '<source ' >'$tmp/a' &&
	'$bin/yoy-store' -s '$st' show 2012 | grep -v '<source ' | cmp -s - '$tmp/a'"
[ $rc = 0 ] || cat "$tmp/c.err"
# an edition added in the clone, pushed; pulled into the first store
sed 's/<action n="2">/<action n="7">/' "$s000" >"$tmp/e.xml"
"$bin/yoy-store" -s "$tmp/clone.git" import --date 2016-01-01 --tag 2016 "$tmp/e.xml" 2>/dev/null &&
	timeout 60 "$bin/yoy-store" -s "$tmp/clone.git" push "$url" 2>/dev/null
timeout 60 "$bin/yoy-store" -s "$st" pull "$url" 2>"$tmp/l.err"; rc=$?
check "pull over HTTP: the first store fast-forwards to the edition pushed from the clone, its tag too" sh -c "
	test $rc = 0 && test \$(git -C '$st' rev-parse main) = \$(git -C '$tmp/clone.git' rev-parse main) &&
	git -C '$st' rev-parse -q --verify 2016 >/dev/null && git -C '$st' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/l.err"
unset YOY_STORE_TOKEN

# git's credential helpers: one of the test's own that logs what it is
# told and answers `get` with $HELPER_PW, named in the store's
# configuration, in the user's, for one URL
cat >"$tmp/helper" <<EOF
#!/bin/sh
{ echo "== \$1"; cat; } >>"$tmp/helper.log"
[ "\$1" = get ] && printf 'username=ed\npassword=%s\n' "\$HELPER_PW"
exit 0
EOF
chmod +x "$tmp/helper"
git init -q --bare "$srv/h1.git"
hurl=http://127.0.0.1:$port/h1.git
git config -f "$st/config" credential.helper "$tmp/helper"
HELPER_PW=wrong timeout 60 "$bin/yoy-store" -s "$st" push "$hurl" 2>"$tmp/h1.err"; rc=$?
printf '== get\nprotocol=http\nhost=127.0.0.1:%s\n\n== erase\nprotocol=http\nhost=127.0.0.1:%s\nusername=ed\npassword=wrong\n\n' \
	"$port" "$port" >"$tmp/h1.want"
check "a credential helper's password refused: exit 2, the helper named, told 'get' then 'erase' as git tells it, nothing pushed" sh -c "
	test $rc = 2 && grep -q \"cannot push: the remote refused the credentials offered (the credential helper '$tmp/helper')\$\" '$tmp/h1.err' &&
	cmp -s '$tmp/helper.log' '$tmp/h1.want' && ! git -C '$srv/h1.git' rev-parse -q --verify main >/dev/null"
[ $rc = 2 ] || cat "$tmp/h1.err"
rm -f "$tmp/helper.log"
# the user's helper, asked first, fails; the store's for this URL answers;
# one for another URL is never run
git config -f "$st/config" --unset credential.helper
git config -f "$st/config" "credential.http://127.0.0.1:$port.helper" "$tmp/helper"
git config -f "$st/config" credential.http://example.org.helper "!touch $tmp/never-run"
git config -f "$HOME/.gitconfig" credential.helper "!f() { echo \"== user's \$1\" >>$tmp/helper.log; exit 3; }; f"
HELPER_PW=s3cret-token timeout 60 "$bin/yoy-store" -s "$st" push "$hurl" 2>"$tmp/h2.err"; rc=$?
check "helpers in git's order (the user's, then the store's for this URL): one that fails is warned of, the next one's password taken and stored by every helper" sh -c "
	test $rc = 0 && grep -q \"warning: credential helper '!f() .*' exited with status 3\" '$tmp/h2.err' &&
	test \"\$(grep '^==' '$tmp/helper.log' | tr '\n' ,)\" = \"== user's get,== get,== user's store,== store,\" &&
	grep -qx password=s3cret-token '$tmp/helper.log' && ! test -e '$tmp/never-run' &&
	test \$(git -C '$srv/h1.git' rev-parse main) = \$(git -C '$st' rev-parse main)"
[ $rc = 0 ] || cat "$tmp/h2.err"
# an empty value forgets the helpers named before it; the token, when
# set, is offered before any helper is asked
rm -f "$tmp/helper.log"
git config -f "$st/config" --unset "credential.http://127.0.0.1:$port.helper"
git config -f "$st/config" --add credential.helper ""
git config -f "$st/config" --add credential.helper "$tmp/helper"
HELPER_PW=s3cret-token timeout 60 "$bin/yoy-store" -s "$st" pull "$hurl" 2>"$tmp/h3.err"; rc1=$?
cp "$tmp/helper.log" "$tmp/h3.log"
YOY_STORE_TOKEN=s3cret-token timeout 60 "$bin/yoy-store" -s "$st" pull "$hurl" 2>"$tmp/h4.err"; rc2=$?
check "an empty credential.helper forgets the user's; YOY_STORE_TOKEN is offered before the helpers are asked" sh -c "
	test $rc1 = 0 && test \"\$(grep '^==' '$tmp/h3.log' | tr '\n' ,)\" = '== get,== store,' &&
	test $rc2 = 0 && cmp -s '$tmp/helper.log' '$tmp/h3.log'"
[ $rc1 = 0 ] || cat "$tmp/h3.err"
rm -f "$HOME/.gitconfig"
git config -f "$st/config" --unset-all credential.helper

# HTTPS: a certificate for localhost signed by an authority of the test's
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-keyout "$tmp/ca.key" -out "$tmp/ca.crt" -subj "/CN=yoy test authority" -days 2 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-keyout "$tmp/tls.key" -out "$tmp/tls.csr" -subj /CN=localhost 2>/dev/null
echo subjectAltName=DNS:localhost >"$tmp/tls.ext"
openssl x509 -req -in "$tmp/tls.csr" -CA "$tmp/ca.crt" -CAkey "$tmp/ca.key" -CAcreateserial \
	-out "$tmp/tls.crt" -days 2 -extfile "$tmp/tls.ext" 2>/dev/null
serve "$tmp/tls-port" "$tmp/tls.crt" "$tmp/tls.key"; tpid=$spid
check "the test's HTTPS server listens on a loopback port, with a certificate of the test's authority" sh -c "
	test -n '$sport' && openssl verify -CAfile '$tmp/ca.crt' '$tmp/tls.crt' >/dev/null"
git init -q --bare "$srv/tls.git"
turl=https://localhost:$sport/tls.git
YOY_STORE_TOKEN=s3cret-token timeout 60 "$bin/yoy-store" -s "$st" push "$turl" 2>"$tmp/t1.err"; rc1=$?
timeout 60 "$bin/yoy-store" clone "$turl" "$tmp/tls-clone.git" 2>"$tmp/t2.err"; rc2=$?
check "HTTPS, the certificate's authority not trusted: refused and said, nothing pushed; the failed clone leaves no directory" sh -c "
	test $rc1 = 2 && grep -q 'cannot push: the certificate of localhost was refused: .*not correctly signed.* name it in SSL_CERT_FILE or git.s http.sslCAInfo' '$tmp/t1.err' &&
	! git -C '$srv/tls.git' rev-parse -q --verify main >/dev/null &&
	test $rc2 = 2 && grep -q 'cannot clone: the certificate of localhost was refused' '$tmp/t2.err' && ! test -e '$tmp/tls-clone.git'"
[ $rc1 = 2 ] || cat "$tmp/t1.err"
mkdir "$tmp/empty-dir"
timeout 60 "$bin/yoy-store" clone "$turl" "$tmp/empty-dir" 2>/dev/null; rc=$?
check "a failed clone into an empty directory that was there leaves it there, empty" sh -c "
	test $rc = 2 && test -d '$tmp/empty-dir' && test -z \"\$(ls -A '$tmp/empty-dir')\""
SSL_CERT_FILE=$tmp/ca.crt YOY_STORE_TOKEN=s3cret-token timeout 60 "$bin/yoy-store" -s "$st" push "$turl" 2>"$tmp/t3.err"; rc=$?
check "HTTPS push with the authority in SSL_CERT_FILE and YOY_STORE_TOKEN: main and the tags on the server, fsck clean" sh -c "
	test $rc = 0 && test \$(git -C '$srv/tls.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	test \$(git -C '$srv/tls.git' rev-parse 2016) = \$(git -C '$st' rev-parse 2016) &&
	git -C '$srv/tls.git' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/t3.err"
git config -f "$HOME/.gitconfig" http.sslCAInfo "$tmp/ca.crt"
git config -f "$HOME/.gitconfig" credential.helper "$tmp/helper"
HELPER_PW=s3cret-token timeout 60 "$bin/yoy-store" clone "$turl" "$tmp/tls-clone.git" 2>"$tmp/t4.err"; rc=$?
check "HTTPS clone with the user's http.sslCAInfo and credential helper: the same editions" sh -c "
	test $rc = 0 && test \$(git -C '$tmp/tls-clone.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	'$bin/yoy-store' -s '$tmp/tls-clone.git' show 2016 | grep -v '<source ' >'$tmp/a' &&
	'$bin/yoy-store' -s '$st' show 2016 | grep -v '<source ' | cmp -s - '$tmp/a'"
[ $rc = 0 ] || cat "$tmp/t4.err"
HELPER_PW=s3cret-token timeout 60 "$bin/yoy-store" clone "$turl" "$tmp/tls-clone.git" 2>"$tmp/t5.err"; rc=$?
check "clone into a store that is there: refused, exit 2, the store untouched" sh -c "
	test $rc = 2 && grep -q 'is there already and is not an empty directory' '$tmp/t5.err' &&
	git -C '$tmp/tls-clone.git' fsck --full --strict >/dev/null 2>&1"
rm -f "$HOME/.gitconfig"

# over SSH
sshd_start "$tmp/ssh"
check "sshd listens on 127.0.0.1:$port and takes the test's key" test $up = 1
me=$(id -un)
git init -q --bare "$tmp/ssh-remote.git"
sshurl=ssh://$me@127.0.0.1:$port$tmp/ssh-remote.git
ssh-keyscan -p "$port" 127.0.0.1 2>/dev/null >"$tmp/known_hosts"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/other-host"
sed "s|^\(\[127.0.0.1\]:$port\) .*|\1 $(cut -d' ' -f1,2 "$tmp/other-host.pub")|" "$tmp/known_hosts" >"$tmp/wrong_hosts"
YOY_STORE_KNOWN_HOSTS=/dev/null timeout 60 "$bin/yoy-store" -s "$st" --ssh-key "$tmp/ssh/user" push "$sshurl" 2>"$tmp/s1.err"; rc1=$?
YOY_STORE_KNOWN_HOSTS=$tmp/wrong_hosts timeout 60 "$bin/yoy-store" -s "$st" --ssh-key "$tmp/ssh/user" push "$sshurl" 2>"$tmp/s2.err"; rc2=$?
check "an unknown host key, and one unlike known_hosts's, are refused: exit 2, nothing pushed" sh -c "
	test $rc1 = 2 && grep -q '\[127.0.0.1\]:$port is not in /dev/null (add it once its key is checked: ssh-keyscan -p $port 127.0.0.1' '$tmp/s1.err' &&
	test $rc2 = 2 && grep -q 'the host key of \[127.0.0.1\]:$port is not the one' '$tmp/s2.err' &&
	! git -C '$tmp/ssh-remote.git' rev-parse -q --verify main >/dev/null"
ssh-keygen -q -t rsa -b 2048 -N '' -f "$tmp/rsa-host"
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$tmp/rsa-host.pub")" >"$tmp/rsa_hosts"
type=$(cut -d' ' -f2 "$tmp/known_hosts" | head -n 1)
YOY_STORE_KNOWN_HOSTS=$tmp/rsa_hosts timeout 60 "$bin/yoy-store" -s "$st" --ssh-key "$tmp/ssh/user" push "$sshurl" 2>"$tmp/s0.err"; rc=$?
check "known_hosts with a key of another type only: refused, the type the server offers named" sh -c "
	test $rc = 2 && test -n '$type' && grep -q 'holds keys of \[127.0.0.1\]:$port of other types only, none of type $type (add it once it is checked: ssh-keyscan -t ${type#ssh-} -p $port 127.0.0.1' '$tmp/s0.err'"
[ $rc = 2 ] || cat "$tmp/s0.err"
export YOY_STORE_KNOWN_HOSTS=$tmp/known_hosts
ssh-keygen -q -t ed25519 -N '' -f "$tmp/stranger"
timeout 60 "$bin/yoy-store" -s "$st" --ssh-key "$tmp/stranger" push "$sshurl" 2>"$tmp/s3.err"; rc=$?
check "a key the server does not know: refused, said, exit 2" sh -c "
	test $rc = 2 && grep -q 'refused the credentials offered (--ssh-key)' '$tmp/s3.err'"
timeout 60 "$bin/yoy-store" -s "$st" --ssh-key "$tmp/ssh/user" push "$sshurl" 2>"$tmp/s4.err"; rc=$?
check "push over SSH with --ssh-key: main and the tags on the server" sh -c "
	test $rc = 0 && test \$(git -C '$tmp/ssh-remote.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	test \$(git -C '$tmp/ssh-remote.git' rev-parse 2012) = \$(git -C '$st' rev-parse 2012)"
[ $rc = 0 ] || cat "$tmp/s4.err"
# an ssh-agent holding the key: clone with no --ssh-key
eval "$(ssh-agent -s)" >/dev/null; apid=$SSH_AGENT_PID
ssh-add -q "$tmp/ssh/user" 2>/dev/null
timeout 60 "$bin/yoy-store" clone "$sshurl" "$tmp/ssh-clone.git" 2>"$tmp/s5.err"; rc=$?
check "clone over SSH with the agent's key: the same editions" sh -c "
	test $rc = 0 && test \$(git -C '$tmp/ssh-clone.git' rev-parse main) = \$(git -C '$st' rev-parse main) &&
	git -C '$tmp/ssh-clone.git' fsck --full --strict >/dev/null 2>&1"
[ $rc = 0 ] || cat "$tmp/s5.err"
finish
