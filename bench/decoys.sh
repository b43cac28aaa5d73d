#!/usr/bin/env bash
# bench/decoys.sh — what `breachkit scan` reports on real files that hold
# nobody's personal data: a source tree, its tests and its documentation
# (by default Go's own, $(go env GOROOT)/src, which every machine that
# builds breachkit has). Everything found there is a false positive, but
# for the names and e-mail addresses of the authors and the synthetic
# patients of the test data, which are counted apart by type. Findings
# per type, this tree's build and, given REV, that revision's, side by
# side on the same files.
#
# Usage: bench/decoys.sh [REV] [DIR...]
#   bench/decoys.sh                        this tree, Go's source
#   bench/decoys.sh b29889a                this tree and b29889a
#   bench/decoys.sh b29889a /usr/share/doc this tree and b29889a, on another folder
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-}
shift || true
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=("$(go env GOROOT)/src")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; git worktree prune' EXIT
export BREACHKIT_MASTER_KEY=${BREACHKIT_MASTER_KEY:-$(head -c 32 /dev/urandom | base64)}
count() { # binary → "TYPE count" lines
	# Exit code 3 (some files skipped: corrupt test archives) is expected.
	{ "$1" --db "$tmp/case.db" -q scan --dry-run --format jsonl "${dirs[@]}" 2>/dev/null || [ $? = 3 ]; } |
		sed -n 's/.*"type":"\([A-Z_]*\)".*/\1/p' | sort | uniq -c | awk '{print $2, $1}'
}
go build -o "$tmp/this" ./cmd/breachkit
count "$tmp/this" >"$tmp/this.txt"
if [ -n "$rev" ]; then
	git worktree add -q "$tmp/rev" "$rev"
	(cd "$tmp/rev" && go build -o "$tmp/old" ./cmd/breachkit)
	count "$tmp/old" >"$tmp/old.txt"
else
	: >"$tmp/old.txt"
fi
echo "folders: ${dirs[*]}"
printf '%-18s %10s %10s\n' type "${rev:-}" "this tree"
join -a1 -a2 -e 0 -o 0,1.2,2.2 <(sort "$tmp/old.txt") <(sort "$tmp/this.txt") |
	sort -k3,3nr | awk -v r="$rev" '{printf "%-18s %10s %10s\n", $1, (r == "" ? "" : $2), $3}'
