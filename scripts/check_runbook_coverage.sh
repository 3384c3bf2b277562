#!/usr/bin/env bash
# Confirms that the runbook's curls are exactly the ones RunbookReplayTest replays
# (server/src/test/resources/runbook/curls.txt): same method, path, query and JSON body, in order.
# Usage: scripts/check_runbook_coverage.sh [RUNBOOK]   (default: ../shared/spec/operational-runbooks.txt)
# Exit 0: covered, or the runbook is absent (said on one line); exit 1: the fixture has drifted.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNBOOK="${1:-$HERE/../shared/spec/operational-runbooks.txt}"
FIXTURE="$HERE/server/src/test/resources/runbook/curls.txt"

if [ ! -f "$RUNBOOK" ]; then
  echo "runbook coverage: no runbook at $RUNBOOK, check skipped (the tests use the fixture $FIXTURE)"
  exit 0
fi

extract() {
  # One line per curl: METHOD TARGET [BODY], the body taken from a -d '...' continuation line.
  awk '
    function flush() { if (pending != "") print pending (body != "" ? " " body : ""); pending = ""; body = "" }
    {
      line = $0
      if (match(line, /curl -X (GET|POST) "https:\/\/ingestion-api\.company\.com[^"]*"/)) {
        flush()
        s = substr(line, RSTART, RLENGTH)
        split(s, parts, " ")
        t = s; sub(/^curl -X (GET|POST) "https:\/\/ingestion-api\.company\.com/, "", t); sub(/"$/, "", t)
        pending = parts[3] " " t
        cont = (line ~ /\\[ \t]*$/)
        next
      }
      if (pending != "" && cont) {
        if (match(line, /^-d \047[^\047]*\047/)) body = substr(line, 5, RLENGTH - 5)
        cont = (line ~ /\\[ \t]*$/)
        if (!cont) flush()
        next
      }
      flush()
    }
    END { flush() }' "$1"
}

if diff <(extract "$RUNBOOK") <(grep -v '^#' "$FIXTURE" | sed '/^$/d') >/tmp/runbook-coverage.$$ 2>&1; then
  echo "runbook coverage: all $(extract "$RUNBOOK" | wc -l) curls of $RUNBOOK are in the replay fixture"
  rm -f /tmp/runbook-coverage.$$
else
  echo "runbook coverage: the replay fixture differs from $RUNBOOK (< runbook, > fixture):" >&2
  cat /tmp/runbook-coverage.$$ >&2
  rm -f /tmp/runbook-coverage.$$
  exit 1
fi
