#!/usr/bin/env bash
# Two builds of ingestion on the same folder, alternating, each `ingestion ingest FOLDER` timed from the shell
# as a whole command into a fresh database: wall time and CPU of the whole process tree (user + system of the
# command and the children it waited for, from /usr/bin/time).
# Usage: bench/run-builds.sh CHECKOUT_A CHECKOUT_B FOLDER [ROUNDS]     (default 3 rounds)
#   e.g. git worktree add /tmp/before <commit>; bench/run-builds.sh /tmp/before . /tmp/mixed 4
# Each checkout's ./ingestion builds itself when its sources changed; a first, untimed run per build writes
# its start-up caches and the parser children's class-data archive, as a user's first run does.
set -euo pipefail
A="$(cd "${1:?usage: bench/run-builds.sh CHECKOUT_A CHECKOUT_B FOLDER [ROUNDS]}" && pwd)"
B="$(cd "${2:?usage: bench/run-builds.sh CHECKOUT_A CHECKOUT_B FOLDER [ROUNDS]}" && pwd)"
FOLDER="$(cd "${3:?usage: bench/run-builds.sh CHECKOUT_A CHECKOUT_B FOLDER [ROUNDS]}" && pwd)"
ROUNDS="${4:-3}"
WORK="$(cd "$(dirname "$0")" && pwd)/out-builds"
[ -x /usr/bin/time ] || { echo "bench/run-builds.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK"
run() { # name checkout
  local d="$WORK/$1"
  mkdir -p "$d" && cd "$d"
  /usr/bin/time -f "%e %U %S" -o time.txt "$2/ingestion" ingest "$FOLDER" > out.txt 2>&1
  cd - > /dev/null
}
run warm-a "$A"; run warm-b "$B"
echo "A: $A ($(git -C "$A" rev-parse --short HEAD 2>/dev/null || echo '?')); B: $B ($(git -C "$B" rev-parse --short HEAD 2>/dev/null || echo '?')); $FOLDER"
for r in $(seq "$ROUNDS"); do
  for side in a b; do
    if [ "$side" = a ]; then run "$side-$r" "$A"; else run "$side-$r" "$B"; fi
    printf '%s round %s  %s  %s\n' "$(echo "$side" | tr a-b A-B)" "$r" \
      "$(awk '{printf "%6.1f s wall  cpu %6.1f s", $1, $2 + $3}' "$WORK/$side-$r/time.txt")" \
      "$(grep -E '^(completed|dead-letter)' "$WORK/$side-$r/out.txt" | tr -s ' ' | tr '\n' ' ')"
  done
done
