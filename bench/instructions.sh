#!/usr/bin/env bash
# bench/instructions.sh — instructions per operation of Go benchmarks,
# counted by valgrind's callgrind: a measure that does not move with the
# host's load, for comparing two builds where timings on a shared machine
# vary by ±15 % from run to run. Instructions are not time (cache misses
# and branch mispredictions are not counted), so a change is confirmed
# with timings too (bench/scan.sh).
#
# Usage: bench/instructions.sh PKG BENCH [REV]
#   bench/instructions.sh ./scan/detect 'Text$'          this tree
#   bench/instructions.sh ./scan/detect 'Text$' HEAD~3   this tree and REV, side by side
# Each count is (instructions of -benchtime 6x) − (those of 2x), / 4:
# four operations and none of the benchmark's setup (until 2026-12-05 it
# was 4x − 1x, which charged a quarter of one setup, an engine build, to
# each operation). GC off and one thread, so that it repeats to within
# 0.1 % (on the AMD host of 2026-12-06 the totals varied by ±0.15 %, so
# a benchmark as short as CSV's moves by ±1.5 % per operation: repeat
# it). The scan pipeline's benchmarks start goroutines and valgrind
# sometimes stops on an instruction it does not know (RDTSCP, from the
# clock): a run that did not print its result is run again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install -y valgrind" >&2; exit 1; }
pkg=${1:?package}; bench=${2:?benchmark regexp}; rev=${3:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; git worktree prune' EXIT
count() { # binary times
	# valgrind sometimes ends a run early on an instruction it does not
	# know (seen on an AMD host in 2026-12: one count came out negative):
	# a run counts only if the benchmark printed its result.
	local out try
	for try in 1 2 3 4 5 6; do
		out=$(GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			"$1" -test.run '^$' -test.bench "$bench" -test.benchtime "$2" 2>&1)
		if grep -q 'ns/op' <<<"$out"; then
			awk '/Collected/ {print $4}' <<<"$out"
			return
		fi
	done
	echo "valgrind ended every run of $1 early" >&2
	exit 1
}
per_op() { # binary
	# The benchmark function runs once with b.N = 1 and, for Nx with N > 1,
	# once more with b.N = N: 2x and 6x both build what it sets up twice,
	# so their difference is four operations and no setup.
	local a b
	a=$(count "$1" 2x); b=$(count "$1" 6x)
	echo $(((b - a) / 4))
}
go test -c -o "$tmp/this.test" "$pkg"
(cd "$pkg" && echo "this tree: $(per_op "$tmp/this.test") instructions/op")
if [ -n "$rev" ]; then
	git worktree add -q "$tmp/rev" "$rev"
	(cd "$tmp/rev" && go test -c -o "$tmp/rev.test" "$pkg")
	(cd "$pkg" && echo "$rev: $(per_op "$tmp/rev.test") instructions/op")
fi
