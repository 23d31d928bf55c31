#!/bin/sh
# The code's shape: no #include loop; calls between files (read from the
# objects with nm) only from a folder to itself or one below it, in the
# order src/internal.h states, and never in a loop between two files; no
# function over 120 lines.  Each rule is first shown to catch a breach
# made up for it, so that it cannot pass by seeing nothing.
. "$(dirname "$0")/lib.sh"
obj=${YOY_OBJ:-$top/obj}
# folders, lowest first, as the Makefile's LAYERS; the programs on top
layers=$(sed -n 's/^LAYERS *= *//p' "$top/Makefile")
rank() { # folder -> its place, or nothing for a folder not listed
	i=0
	for l in $layers filters; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
}

# loops FILE: "a b" edges in, a line per loop found out (tsort says them)
loops() { tsort "$1" 2>&1 >/dev/null | grep -i 'loop' || true; }

# ----------------------------------------------------------- includes
includes() { # the "a b" edges of #include "b" in a
	for f in "$top"/src/*.h "$top"/src/*/*.c "$top"/filters/*.[ch]; do
		sed -n 's/^#include "\(.*\)"/\1/p' "$f" | while read -r h; do
			echo "${f##*/} ${h##*/}"
		done
	done
}
includes >"$tmp/inc"
check "the include graph was read" test "$(wc -l <"$tmp/inc")" -gt 30
printf 'a.h b.h\nb.h a.h\n' >"$tmp/bad"
check "an include loop is caught" test -n "$(loops "$tmp/bad")"
check "no include loop" test -z "$(loops "$tmp/inc")"

# -------------------------------------------------------------- calls
# each object as folder/file, what it defines and what it calls
objects() { for l in $layers filters; do ls "$obj/$l"/*.o; done; }
for o in $(objects); do
	f=${o#"$obj"/}; f=${f%.o}
	nm -g --defined-only "$o" | awk -v f="$f" 'NF == 3 { print $3, f }'
done | sort -k1,1 >"$tmp/defs"
for o in $(objects); do
	f=${o#"$obj"/}; f=${f%.o}
	nm -u "$o" | awk -v f="$f" '{ print $NF, f }'
done | sort -k1,1 >"$tmp/uses"
# "caller callee" file pairs, each once
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $3 }' | sort -u >"$tmp/calls"
check "the calls were read" test "$(wc -l <"$tmp/calls")" -gt 50

upward() { # calls file -> each call from a lower folder to a higher one
	while read -r a b; do
		ra=$(rank "${a%%/*}") rb=$(rank "${b%%/*}")
		if [ -z "$ra" ] || [ -z "$rb" ]; then
			echo "$a -> $b: a folder not in LAYERS"
		elif [ "$ra" -lt "$rb" ]; then
			echo "$a -> $b: ${a%%/*} is below ${b%%/*}"
		fi
	done <"$1"
}
printf 'model/doc read/md\nbase/buf base/alloc\n' >"$tmp/bad"
check "an upward call is caught" test "$(upward "$tmp/bad")" = \
	"model/doc -> read/md: model is below read"
upward "$tmp/calls" >"$tmp/up"
check "no call goes up a folder" test ! -s "$tmp/up"
[ -s "$tmp/up" ] && sed 's/^/  /' "$tmp/up"
printf 'base/diag base/buf\nbase/buf base/diag\n' >"$tmp/bad"
check "a call loop is caught" test -n "$(loops "$tmp/bad")"
loops "$tmp/calls" >"$tmp/loop"
check "no two files call each other, around any loop" test ! -s "$tmp/loop"
[ -s "$tmp/loop" ] && { tsort "$tmp/calls" 2>&1 >/dev/null | sed 's/^/  /'; }

# ---------------------------------------------------- function length
long() { # files -> "lines file function" for each body over 120 lines
	awk '/^[A-Za-z_].*\(/ && !/;$/ { name = $0 }
		/^\{/ { start = FNR }
		/^\}/ && start { n = FNR - start + 1
			if (n > 120) print n, FILENAME, name
			start = 0 }' "$@"
}
awk 'BEGIN { print "static int\nf(void)\n{"
	for (i = 0; i < 120; i++) print "\t;"
	print "}" }' >"$tmp/long.c"
check "a long function is caught" test -n "$(long "$tmp/long.c")"
long "$top"/src/*/*.c "$top"/filters/*.c >"$tmp/long"
check "no function over 120 lines" test ! -s "$tmp/long"
[ -s "$tmp/long" ] && sed 's/^/  /' "$tmp/long"
finish
