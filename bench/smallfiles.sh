#!/usr/bin/env bash
# bench/smallfiles.sh — `breachkit scan --dry-run` against ripgrep on many
# small files (a mailbox or ticket export: N one-line notes in 50
# folders), same thread count, several runs; medians. Per-file costs
# (open, buffers, picking an extractor) decide here, not the detectors.
#
# Usage: bench/smallfiles.sh            (FILES=20000 RUNS=3 THREADS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-20000}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
base=${BENCH_DIR:-/tmp/breachkit-small-bench}
command -v rg >/dev/null || { echo "needs ripgrep: apt-get install -y ripgrep" >&2; exit 1; }
mkdir -p "$base"
bin="$base/breachkit"
go build -o "$bin" ./cmd/breachkit
corpus="$base/files-$FILES"
if [ ! -d "$corpus" ]; then
	mkdir -p "$corpus.tmp"
	for ((i = 0; i < FILES; i++)); do
		d="$corpus.tmp/d$((i % 50))"
		[ -d "$d" ] || mkdir -p "$d"
		printf 'Spoke with Sierra Jefferson, SSN 383-41-%04d, phone (415) 867-5309.\n' $((i % 10000)) >"$d/note$i.txt"
	done
	mv "$corpus.tmp" "$corpus"
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bk=(); rg=()
for i in $(seq "$RUNS"); do
	bk+=("$(/usr/bin/time -f '%e' "$bin" -q scan "$corpus" --workers "$THREADS" --dry-run 2>&1 >/dev/null | tail -1)")
	rg+=("$(/usr/bin/time -f '%e' rg -j "$THREADS" -o -e '\b\d{3}-\d{2}-\d{4}\b' "$corpus" 2>&1 >/dev/null | tail -1)")
	echo "run $i: breachkit ${bk[-1]}s, ripgrep ${rg[-1]}s" >&2
done
b=$(printf '%s\n' "${bk[@]}" | median); r=$(printf '%s\n' "${rg[@]}" | median)
printf 'files %s, threads %s, runs %s: breachkit --dry-run %ss, ripgrep %ss, ratio %.1f\n' "$FILES" "$THREADS" "$RUNS" "$b" "$r" "$(awk -v a="$b" -v b="$r" 'BEGIN{print a/b}')"
