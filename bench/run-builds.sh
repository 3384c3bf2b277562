#!/usr/bin/env bash
# Two builds of ingestion on the same folder, alternating, each `ingestion ingest FOLDER` timed from the shell
# as a whole command into a fresh database by bench/measure.py: wall time, CPU of the whole process tree and
# its peak resident set.
# Usage: bench/run-builds.sh CHECKOUT_A CHECKOUT_B FOLDER [ROUNDS]     (default 3 rounds)
#   e.g. git worktree add /tmp/before <commit>; bench/run-builds.sh /tmp/before . /tmp/mixed 4
# Each checkout's ./ingestion builds itself when its sources changed; a first, untimed run per build writes
# its start-up caches and the parser children's class-data archive, as a user's first run does.
set -euo pipefail
USAGE="usage: bench/run-builds.sh CHECKOUT_A CHECKOUT_B FOLDER [ROUNDS]"
A="$(cd "${1:?$USAGE}" && pwd)"
B="$(cd "${2:?$USAGE}" && pwd)"
FOLDER="$(cd "${3:?$USAGE}" && pwd)"
ROUNDS="${4:-3}"
BENCH="$(cd "$(dirname "$0")" && pwd)"
WORK="$BENCH/out-builds"
rm -rf "$WORK" && mkdir -p "$WORK"
run() { # name checkout: prints measure.py's line
  mkdir -p "$WORK/$1"
  (cd "$WORK/$1" && python3 "$BENCH/measure.py" out.txt -- "$2/ingestion" ingest "$FOLDER")
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
run warm-a "$A" > /dev/null; run warm-b "$B" > /dev/null
echo "A: $A ($(git -C "$A" rev-parse --short HEAD 2>/dev/null || echo '?')); B: $B ($(git -C "$B" rev-parse --short HEAD 2>/dev/null || echo '?')); $FOLDER"
for r in $(seq "$ROUNDS"); do
  for side in A B; do
    checkout=$A; [ "$side" = B ] && checkout=$B
    m=$(run "$side-$r" "$checkout")
    printf '%s round %s  %6.1f s wall  cpu %6.1f s  peak rss %5s MB  exit %s  %s\n' "$side" "$r" \
      "$(field wall "$m")" "$(field cpu "$m")" "$(field peak_rss_mb "$m")" "$(field exit "$m")" \
      "$(grep -E '^(completed|dead-letter)' "$WORK/$side-$r/out.txt" | tr -s ' ' | tr '\n' ' ')"
  done
done
