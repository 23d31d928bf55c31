# What every test script shares (sourced): where the programs are, a
# scratch directory removed at exit, and check, which counts and says
# what failed.  A script ends with `finish`, which prints its closing
# line, "NAME: N passed, N failed", and exits 1 if any failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${YOY_BIN:-$top/bin}
fix=$top/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
unset YOY_STORE    # the goldens say what happens without it
s=$fix/seeds                    # the five documents yoy started from
g=$fix/gds-strategy             # the strategy's sources and history

# golden PROG: the golden fixtures of fixtures/PROG/.  NAME.in is the
# input; NAME.args, when present, holds the arguments (NAME.in then
# arrives on standard input); NAME.out, NAME.err and NAME.rc are the
# expected standard output, standard error and exit status.  With
# UPDATE=1 the goldens are rewritten instead (review with git diff).
golden() {
	prog=$1 dir=$fix/$1
	for t in $(cd "$dir" && ls *.in *.args 2>/dev/null | sed 's/\.[a-z]*$//' | sort -u); do
		(
			cd "$dir" || exit 2
			in=/dev/null
			[ -f "$t.in" ] && in=$t.in
			if [ -f "$t.args" ]; then
				# shellcheck disable=SC2046
				"$bin/$prog" $(cat "$t.args") <"$in" >"$tmp/out" 2>"$tmp/err"
			else
				"$bin/$prog" "$t.in" >"$tmp/out" 2>"$tmp/err"
			fi
			echo $? >"$tmp/rc"
		)
		if [ "${UPDATE:-}" = 1 ]; then
			cp "$tmp/out" "$dir/$t.out"; cp "$tmp/err" "$dir/$t.err"; cp "$tmp/rc" "$dir/$t.rc"
			for f in out err; do [ -s "$dir/$t.$f" ] || rm -f "$dir/$t.$f"; done
			[ "$(cat "$dir/$t.rc")" = 0 ] && rm -f "$dir/$t.rc"
		fi
		good=1
		for f in out err; do
			want=$dir/$t.$f; [ -f "$want" ] || want=/dev/null
			cmp -s "$want" "$tmp/$f" || { good=0; echo "FAIL: $prog $t: standard ${f}put differs"; diff "$want" "$tmp/$f" | head -20; }
		done
		want=0; [ -f "$dir/$t.rc" ] && want=$(cat "$dir/$t.rc")
		[ "$want" = "$(cat "$tmp/rc")" ] || { good=0; echo "FAIL: $prog $t: exit $(cat "$tmp/rc"), want $want"; }
		if [ $good = 1 ]; then ok; else fail=$((fail + 1)); fi
	done
}

# docs PROG: --help and --version answer; the man page passes mandoc's
# lint, documents every option --help lists and has the usual sections.
docs() {
	p=$1
	check "$p --help" "$bin/$p" --help
	check "$p --version: the version, then the licence" sh -c "'$bin/$p' --version | sed -n 1p | grep -q '^$p [0-9]' &&
		'$bin/$p' --version | sed -n 2p | grep -q '^ISC licence' && grep -q '^ISC License' '$top/LICENSE'"
	check "$p.1 passes mandoc -Tlint" mandoc -Tlint -W warning "$top/filters/$p.1"
	check "$p.1 passes groff -mandoc -ww -z with no message" sh -c "
		test -z \"\$(groff -mandoc -ww -z '$top/filters/$p.1' 2>&1)\""
	"$bin/$p" --bogus >"$tmp/usage.out" 2>"$tmp/usage.err"; rc=$?
	check "$p --bogus: one line, then Try '$p --help'., exit 2, nothing on standard output" sh -c "
		test $rc = 2 && test \$(wc -l <'$tmp/usage.err') = 2 && ! test -s '$tmp/usage.out' &&
		grep -q 'bogus' '$tmp/usage.err' && sed -n 2p '$tmp/usage.err' | grep -qx \"Try '$p --help'.\""
	for o in $("$bin/$p" --help | grep -o -- '--[a-z-]*' | sort -u); do
		check "$p.1 documents $o" grep -q -- "Fl -${o#--}" "$top/filters/$p.1"
	done
	for sh in NAME SYNOPSIS DESCRIPTION 'EXIT STATUS' DIAGNOSTICS EXAMPLES; do
		check "$p.1 has $sh" grep -q "^\.Sh $sh" "$top/filters/$p.1"
	done
}

# lists PROG MESSAGE...: the man page lists each message PROG can say
lists() {
	p=$1; shift
	for m in "$@"; do
		check "$p.1 lists '$m'" grep -q -- "$m" "$top/filters/$p.1"
	done
}

# body FILE: the body yoy-txt makes of FILE
body() { "$bin/yoy-txt" "$1" | sed -n '/<body>/,/<\/body>/p'; }

# stale: how many of seed 000's progress and plan entries have the text
# of the year before, counted here independently of yoy
stale() {
	awk '/<department id=/{ sub(/.*id="/, ""); sub(/".*/, ""); dept = $0 }
		/<entry kind="(progress|plan)"/{ k = $0; sub(/.*kind="/, "", k); sub(/".*/, "", k); y = $0; sub(/.*year="/, "", y); sub(/".*/, "", y); key = dept " " k " " y; next }
		key && /<\/entry>/{ key = ""; next }
		key { text[key] = text[key] $0 }
		END { for (t in text) { split(t, p, " "); prev = p[1] " " p[2] " " (p[3] - 1); if (prev in text && text[prev] == text[t]) n++ } print n + 0 }' \
		"$fix/yoy-txt/action-02.out"
}

# views_differ: in how many of action 2's Cabinet Office entries the two
# 2015 views (per action, per department) differ, found by sed and cmp
views_differ() {
	entries() { # file: action 2's Cabinet Office entries, one per file
		sed -n '/<action n="2">/,/<\/action>/p' "$1" | sed -n '/<department id="cabinet-office"/,/<\/department>/p' |
			awk -v out="$2" '/<entry /{ n++; f = out "." n } f { print > f } /<\/entry>/{ f = "" }'
	}
	entries "$fix/yoy-txt/action-02.out" "$tmp/va"
	entries "$fix/yoy-txt/cabinet-office.out" "$tmp/vb"
	n=0; for i in 1 2 3 4 5; do cmp -s "$tmp/va.$i" "$tmp/vb.$i" || n=$((n + 1)); done
	echo $n
}

# sshd_start DIR: an sshd on a loopback port the kernel picks (never 22),
# with a host key and a user key made in DIR (DIR/user, authorized),
# DIR/ssh_config for ssh to reach it; sets s (DIR), port, pid and up
# (1 once it answers, in at most 5 s).  The caller stops $pid.
sshd_start() {
	s=$1
	mkdir -p "$s" && chmod 700 "$s"
	ssh-keygen -q -t ed25519 -N '' -f "$s/host" && ssh-keygen -q -t ed25519 -N '' -f "$s/user"
	cp "$s/user.pub" "$s/authorized_keys" && chmod 600 "$s/authorized_keys"
	# a free port on the loopback, chosen by the kernel
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cat >"$s/sshd_config" <<-EOF
	ListenAddress 127.0.0.1
	Port $port
	HostKey $s/host
	AuthorizedKeysFile $s/authorized_keys
	PidFile $s/sshd.pid
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	PermitRootLogin prohibit-password
	StrictModes no
	UsePAM no
	LogLevel VERBOSE
	EOF
	cat >"$s/ssh_config" <<-EOF
	Host *
		Port $port
		IdentityFile $s/user
		IdentitiesOnly yes
		StrictHostKeyChecking no
		UserKnownHostsFile /dev/null
		BatchMode yes
		LogLevel ERROR
	EOF
	[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
	/usr/sbin/sshd -D -e -f "$s/sshd_config" 2>"$s/sshd.log" &
	pid=$!
	up=0
	for i in $(seq 50); do
		ssh -F "$s/ssh_config" 127.0.0.1 true 2>/dev/null && { up=1; break; }
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
}
ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # name, command...
	name=$1; shift
	if "$@" >"$tmp/log" 2>&1; then ok; else not_ok "$name"; sed 's/^/  /' "$tmp/log" | head -40; fi
}
finish() {
	echo "${0##*/}: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}
