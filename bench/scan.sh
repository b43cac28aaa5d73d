#!/usr/bin/env bash
# bench/scan.sh — throughput and peak memory of `breachkit scan` against
# ripgrep with one OR-regex of plain patterns for the same types, on the
# same text + CSV corpus, same thread count, several runs; medians and ratio.
# Two breachkit figures: the detection pass alone (`scan --dry-run`: walk,
# extract, detect, count; nothing sealed or stored), which is what ripgrep
# does, and the full scan into a case (seal, store, print jsonl).
#
# Usage: bench/scan.sh            (SIZE_MB=1024 RUNS=3 THREADS=2 by default)
#        SIZE_MB=256 RUNS=5 bench/scan.sh
# The corpus (half free text: servicing notes and application logs; half
# CSV: customer exports) is built by concatenating the output of
# `breachkit gen` up to SIZE_MB and kept in ${BENCH_DIR:-/tmp/breachkit-scan-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
base=${BENCH_DIR:-/tmp/breachkit-scan-bench}
TIME=/usr/bin/time; [ -x "$TIME" ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 1; }
command -v rg >/dev/null || { echo "needs ripgrep: apt-get install -y ripgrep" >&2; exit 1; }
mkdir -p "$base"
bin="$base/breachkit"
go build -o "$bin" ./cmd/breachkit

corpus="$base/corpus-$SIZE_MB"
if [ ! -d "$corpus" ]; then
	"$bin" gen --out "$base/gen" --people 20000 --seed 1 --force -q >/dev/null
	mkdir -p "$corpus.tmp"
	half=$((SIZE_MB * 1024 * 1024 / 2))
	# Text: notes and logs, repeated.
	while [ "$(stat -c %s "$corpus.tmp/notes.txt" 2>/dev/null || echo 0)" -lt "$half" ]; do
		cat "$base"/gen/stolen/notes/*.txt "$base"/gen/stolen/logs/*.log >>"$corpus.tmp/notes.txt"
	done
	# CSV: one header, rows repeated.
	src=$(ls "$base"/gen/stolen/exports/customers_*.csv | head -1)
	head -1 "$src" >"$corpus.tmp/customers.csv"
	tail -n +2 "$src" >"$base/rows.csv"
	while [ "$(stat -c %s "$corpus.tmp/customers.csv")" -lt "$half" ]; do
		cat "$base/rows.csv" >>"$corpus.tmp/customers.csv"
	done
	mv "$corpus.tmp" "$corpus"
fi
bytes=$(du -cb "$corpus"/* | tail -1 | cut -f1)

# One OR-regex of plain patterns for the same types: SSN, card, e-mail,
# phone, dates, 9-17 digit account/routing numbers.
re='\b\d{3}-\d{2}-\d{4}\b|\b(?:\d[ -]?){13,19}\b|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\(?\b\d{3}\)?[-. ]?\d{3}[-. ]\d{4}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{9,17}\b'

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# FULL=0 skips the full scan into a case (minutes per GiB).
FULL=${FULL:-1}
bk_t=(); bk_m=(); dr_t=(); dr_m=(); rg_t=(); rg_m=()
for i in $(seq "$RUNS"); do
	read -r t m < <("$TIME" -f '%e %M' "$bin" -q scan "$corpus" --workers "$THREADS" --dry-run 2>&1 >/dev/null | tail -1)
	dr_t+=("$t"); dr_m+=("$m")
	read -r t m < <("$TIME" -f '%e %M' rg -j "$THREADS" -o -e "$re" "$corpus" 2>&1 >/dev/null | tail -1)
	rg_t+=("$t"); rg_m+=("$m")
	line="run $i: dry-run ${dr_t[-1]}s ${dr_m[-1]} KB, ripgrep ${rg_t[-1]}s ${rg_m[-1]} KB"
	if [ "$FULL" = 1 ]; then
		rm -f "$base/case.db"*
		read -r t m < <("$TIME" -f '%e %M' "$bin" --db "$base/case.db" --key-file "$base/key" -q scan "$corpus" --workers "$THREADS" --format jsonl 2>&1 >/dev/null | tail -1)
		bk_t+=("$t"); bk_m+=("$m")
		line="$line, full scan ${bk_t[-1]}s ${bk_m[-1]} KB"
	fi
	echo "$line" >&2
done
mb=$(awk -v b="$bytes" 'BEGIN{print b/1048576}')
rt=$(printf '%s\n' "${rg_t[@]}" | median)
row() { # name times... | memories...
	local name=$1 t m
	t=$(printf '%s\n' $2 | median); m=$(printf '%s\n' $3 | median)
	printf '%-20s %10s %10.1f %14.1f %12.0f %10.2f\n' "$name" "$t" "$(awk -v m="$mb" -v t="$t" 'BEGIN{print m/t}')" \
		"$(awk -v m="$mb" -v t="$t" -v n="$THREADS" 'BEGIN{print m/t/n}')" "$(awk -v k="$m" 'BEGIN{print k/1024}')" "$(awk -v a="$t" -v b="$rt" 'BEGIN{print a/b}')"
}
printf 'corpus: %.0f MiB (%s), threads %s, runs %s\n' "$mb" "$corpus" "$THREADS" "$RUNS"
printf '%-20s %10s %10s %14s %12s %10s\n' tool median_s MiB/s MiB/s/thread peak_RSS_MB x_ripgrep
row "breachkit --dry-run" "${dr_t[*]}" "${dr_m[*]}"
[ "$FULL" = 1 ] && row "breachkit (store)" "${bk_t[*]}" "${bk_m[*]}"
row "ripgrep" "${rg_t[*]}" "${rg_m[*]}"
