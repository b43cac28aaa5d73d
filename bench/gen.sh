#!/usr/bin/env bash
# bench/gen.sh — time, peak memory and output size of the synthetic breach
# generator for growing N. Usage: bench/gen.sh [N ...] (default 100000 1000000).
# Output goes to ${BENCH_DIR:-/tmp/breachkit-gen-bench}/N and is removed afterwards
# unless KEEP=1. Runs `breachkit gen` if cmd/breachkit builds, else the
# package's TestGenerateToDir entry point.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)
base=${BENCH_DIR:-/tmp/breachkit-gen-bench}
bin=$(mktemp -d)/bk
TIME=/usr/bin/time; [ -x "$TIME" ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 1; }

if go build -o "$bin" ./cmd/breachkit 2>/dev/null; then
	run() { "$TIME" -v "$bin" gen --out "$1" --people "$2" --seed 1 --force; }
else
	go test -c -o "$bin" ./gen
	run() { BREACHKIT_GEN_OUT="$1" BREACHKIT_GEN_PEOPLE="$2" "$TIME" -v "$bin" -test.run TestGenerateToDir; }
fi

printf '%-10s %10s %12s %14s %14s\n' people elapsed max_rss_MB stolen_MB truth_MB
for n in "${sizes[@]}"; do
	out="$base/$n"; rm -rf "$out"; mkdir -p "$out"
	log=$(mktemp)
	run "$out" "$n" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
	elapsed=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
	rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.1f", $NF/1024}')
	stolen=$(du -sb "$out/stolen" | awk '{printf "%.1f", $1/1e6}')
	truth=$(du -sb "$out/truth" | awk '{printf "%.1f", $1/1e6}')
	printf '%-10s %10s %12s %14s %14s\n' "$n" "$elapsed" "$rss" "$stolen" "$truth"
	rm -f "$log"
	[ "${KEEP:-0}" = 1 ] || rm -rf "$out"
done
rm -rf "$(dirname "$bin")"
