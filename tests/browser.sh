#!/bin/sh
# yoy-diff's review page in a real browser (tests/browser/review.test.js):
# Debian's chromium driven by puppeteer-core, checked by axe-core, both
# from npm with the lock file.  The pages: seed 001 against seed 000, the
# two 2015 views, seed 000 year on year, a store's 2012 against 2015, a
# page of hostile inputs, and a split.  Screenshots and a PDF go to
# tests/browser/out/.
. "$(dirname "$0")/lib.sh"
b=$top/tests/browser
command -v node >/dev/null && command -v npm >/dev/null && [ -x /usr/bin/chromium ] || {
	not_ok "node, npm and chromium are installed (scripts/install-deps --browser)"; finish; exit 1; }
# the packages the lock file names, installed when it changes
if ! [ -f "$b/node_modules/.package-lock.json" ] || [ "$b/package-lock.json" -nt "$b/node_modules/.package-lock.json" ]; then
	(cd "$b" && npm ci --no-audit --no-fund --loglevel=error) >"$tmp/npm" 2>&1 ||
		{ not_ok "npm ci in tests/browser"; cat "$tmp/npm"; finish; exit 1; }
fi

p=$tmp/pages
mkdir -p "$p"
"$bin/yoy-md" "$s/001_b5986ffedcf9a2c1.txt" >"$p/2012.xml" 2>/dev/null
"$bin/yoy-txt" "$s/000_8520e6b6acb25241.txt" >"$p/2015.xml"
"$bin/yoy-txt" "$s/004_8d54f930daa6b4b9.txt" >"$p/co.xml"
diff_html() { "$bin/yoy-diff" -f html "$@"; [ $? -le 1 ]; }
diff_html -o "$p/seeds.html" "$p/2012.xml" "$p/2015.xml"
diff_html -o "$p/views.html" "$p/2015.xml" "$p/co.xml"
diff_html -o "$p/years.html" --years "$p/2015.xml"
"$bin/yoy-store" init "$p/s.git" >/dev/null
"$bin/yoy-store" -s "$p/s.git" import --date 2012-12-20 --tag 2012 "$p/2012.xml" 2>/dev/null
"$bin/yoy-store" -s "$p/s.git" import --date 2015-01-16 --tag 2015 "$p/2015.xml" "$p/co.xml" 2>/dev/null
diff_html -o "$p/store.html" --store "$p/s.git" 2012 2015
diff_html --split "$p/split" "$p/2012.xml" "$p/2015.xml"
# hostile inputs: markup, script, handlers, a style's end, bidi controls
# and a word of 10,000 characters, in every text the page shows
word=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "w" }')
for v in 1 2; do
	cat >"$p/hostile-$v.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<report version="1">
  <meta>
    <title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>
  </meta>
  <body>
    <action n="1">
      <title>&lt;/style&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;</title>
      <department id="cabinet-office" name="&lt;img src=x onerror=alert(1)&gt;">
        <entry kind="plan" year="2015">
          <p>version $v &lt;/style&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt; <a href="javascript:alert(1)">javascript: link</a> &lt;b onmouseover="alert(1)"&gt;hover&lt;/b&gt; &#x202e;reversed&#x202c; $word$v</p>
        </entry>
      </department>
    </action>
  </body>
</report>
EOF
done
diff_html -o "$p/hostile.html" "$p/hostile-1.xml" "$p/hostile-2.xml"
check "the review pages were made" test -s "$p/seeds.html" -a -s "$p/views.html" -a -s "$p/years.html" \
	-a -s "$p/store.html" -a -s "$p/hostile.html" -a -s "$p/split/index.html"

mkdir -p "$b/out"
(cd "$b" && node review.test.js "$b/out" seeds="$p/seeds.html" views="$p/views.html" years="$p/years.html" \
	store="$p/store.html" --hostile "$p/hostile.html" --split "$p/split") >"$tmp/browser" 2>&1
echo $? >"$tmp/browser.rc"
while IFS= read -r line; do
	case $line in
	"ok "*) ok ;;
	"not ok "*) not_ok "${line#not ok }" ;;
	*) echo "  $line" ;;
	esac
done <"$tmp/browser"
check "the browser suite ran to its end" sh -c "test \$(cat '$tmp/browser.rc') -le 1 && test \$(grep -c '^ok \\|^not ok ' '$tmp/browser') -ge 40"
finish
