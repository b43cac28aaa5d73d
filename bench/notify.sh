#!/usr/bin/env bash
# Benchmarks of 'breachkit notify': letters printed to PDF and emails sent
# to a local SMTP server, each beside the alternative a user would pick,
# RUNS times, with the median of each. Usage: RUNS=5 bench/notify.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
out=$(mktemp)
go test -run '^$' -bench 'BenchmarkLetter$|BenchmarkRenderLetters|BenchmarkSend' \
	-benchtime 3x -count "$RUNS" ./notify | tee "$out"
# BenchmarkLetter needs many iterations for a stable figure.
go test -run '^$' -bench 'BenchmarkLetter$' -benchtime 5000x -count "$RUNS" ./notify | tee -a "$out"
echo
echo "medians over $RUNS runs (letters/s or emails/s):"
awk '/^Benchmark/ { for (i = 1; i <= NF; i++) if ($i == "letters/s" || $i == "emails/s") { name = $1; v[name] = v[name] " " $(i-1); unit[name] = $i } }
END { for (n in v) { k = split(v[n], a, " "); asort(a); m = (k % 2) ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2; printf "  %-40s %10.0f %s (%d runs)\n", n, m, unit[n], k } }' "$out" | sort
rm -f "$out"
