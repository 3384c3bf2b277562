#!/usr/bin/env bash
# Backs up the database, restores the backup into a scratch location, and checks that the restored copy
# passes verification with the same row counts. Exits non-zero on any difference.
# Usage: scripts/test_restore.sh [--db PATH] [--config FILE]   (the same options as ingestion backup)
# Runs the installed command: $INGESTION when set, else bin/ingestion of the installation this script sits
# in (/opt/ingestion/scripts/test_restore.sh -> /opt/ingestion/bin/ingestion), else the repository's
# launcher when run from a checkout, else `ingestion` on PATH.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${INGESTION:-}" ]; then ING="$INGESTION"
elif [ -x "$HERE/bin/ingestion" ]; then ING="$HERE/bin/ingestion"
elif [ -x "$HERE/ingestion" ] && [ -f "$HERE/pom.xml" ]; then ING="$HERE/ingestion"
elif command -v ingestion >/dev/null 2>&1; then ING="$(command -v ingestion)"
else echo "test_restore.sh: no ingestion command found (set INGESTION=/path/to/bin/ingestion)" >&2; exit 1
fi
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/ingestion_restore_test.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT

"$ING" backup "$@" "$SCRATCH/backup.db"
"$ING" restore --db "$SCRATCH/restored.db" "$SCRATCH/backup.db" > /dev/null
"$ING" verify --db "$SCRATCH/restored.db" | tee "$SCRATCH/restored.out" | grep -vE '^(ok|PROBLEM)' > "$SCRATCH/restored.counts"
if grep -q '^PROBLEM' "$SCRATCH/restored.out"; then
  echo "restore test FAILED: the restored database has problems" >&2; cat "$SCRATCH/restored.out" >&2; exit 1
fi
# Rows written between the backup and the live count (a running server) make the live side larger:
# compare the backup itself with its restored copy, which must match exactly.
"$ING" verify --db "$SCRATCH/backup.db" | grep -vE '^(ok|PROBLEM)' > "$SCRATCH/backup.counts"
if ! diff -u "$SCRATCH/backup.counts" "$SCRATCH/restored.counts"; then
  echo "restore test FAILED: row counts differ between backup and restored copy" >&2; exit 1
fi
echo "restore test passed: backup and restored copy match"; cat "$SCRATCH/restored.counts"
