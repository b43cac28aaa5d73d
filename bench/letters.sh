#!/usr/bin/env bash
# breachkit's letter printer against printing the same letters as HTML
# with headless Chromium (the alternative a user would pick), in one run,
# RUNS times each, alternating. Prints wall seconds and peak RSS (KB).
# Usage: N=2000 RUNS=3 bench/letters.sh   (needs /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-2000}
RUNS=${RUNS:-3}
tmp=$(mktemp -d)
go build -o "$tmp/letters" ./bench/letters
"$tmp/letters" -mode html -n "$N" -out "$tmp/letters.html" 2>/dev/null
for r in $(seq 1 "$RUNS"); do
	/usr/bin/time -f "breachkit $N letters: %e s, %M KB" "$tmp/letters" -mode pdf -n "$N" -out "$tmp/bk.pdf" 2>&1 | grep -v '^pdf:'
	/usr/bin/time -f "chromium  $N letters: %e s, %M KB" chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$tmp/chromium.pdf" "file://$tmp/letters.html" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
	grep -h 'chromium ' "$tmp/err" || true
done
echo "pages: breachkit $(pdfinfo "$tmp/bk.pdf" 2>/dev/null | awk '/^Pages/{print $2}'), chromium $(pdfinfo "$tmp/chromium.pdf" 2>/dev/null | awk '/^Pages/{print $2}')"
rm -rf "$tmp"
