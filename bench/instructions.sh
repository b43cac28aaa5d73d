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
# Each count is (instructions of 1+4 ops) − (instructions of 1 op), / 4,
# with GC off and one thread, so that it repeats to within 0.1 %. The
# scan pipeline's benchmarks start goroutines and valgrind sometimes
# stops on an instruction it does not know (RDTSCP, from the clock): such
# a run gives a short count, so compare the totals of several runs there.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install -y valgrind" >&2; exit 1; }
pkg=${1:?package}; bench=${2:?benchmark regexp}; rev=${3:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; git worktree prune' EXIT
count() { # binary times
	GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$1" -test.run '^$' -test.bench "$bench" -test.benchtime "$2" 2>&1 | awk '/Collected/ {print $4}'
}
per_op() { # binary
	local a b
	a=$(count "$1" 1x); b=$(count "$1" 4x)
	echo $(((b - a) / 4))
}
go test -c -o "$tmp/this.test" "$pkg"
(cd "$pkg" && echo "this tree: $(per_op "$tmp/this.test") instructions/op")
if [ -n "$rev" ]; then
	git worktree add -q "$tmp/rev" "$rev"
	(cd "$tmp/rev" && go test -c -o "$tmp/rev.test" "$pkg")
	(cd "$pkg" && echo "$rev: $(per_op "$tmp/rev.test") instructions/op")
fi
