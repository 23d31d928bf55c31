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
