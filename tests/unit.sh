#!/bin/sh
# The library: its unit tests, every golden XML output valid and read
# back to the same bytes, and every input that once broke a promise
# (tests/fuzz/regress) through its fuzz target, run once.
. "$(dirname "$0")/lib.sh"
check "unit tests" "$bin/test-unit"


# --- every golden XML output validates, and reads back to the same bytes
for f in "$top"/fixtures/*/*.out; do
	head -c 5 "$f" | grep -q '<?xml' || continue
	case $f in */yoy-diff/*|*/yoy-check/*) continue ;; esac
	check "schema and round trip: ${f#$top/}" "$bin/test-validate" "$f"
done


for t in txt md html xml diff; do
	check "fuzz regressions, $t: $(ls "$top/tests/fuzz/regress/$t" | wc -l) inputs keep every promise" \
		sh -c "'$bin/regress-$t' '$top'/tests/fuzz/regress/$t/* >/dev/null 2>&1"
done

finish
