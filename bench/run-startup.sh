#!/usr/bin/env bash
# Start-up as a person at a terminal sees it: whole commands timed from the shell, through the launcher.
#   --version, help, status: each ROUNDS times
#   a no-op re-run of `ingest` over an unchanged folder (after one first run that fills the database)
# Usage: bench/run-startup.sh [FOLDER] [ROUNDS]   (default: /usr/share/doc, 5 rounds)
# Prints the median, min and max wall time of each; nothing is compared with a threshold.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FOLDER="$(cd "${1:-/usr/share/doc}" && pwd)"
ROUNDS="${2:-5}"
WORK="$ROOT/bench/out-startup"
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$WORK"
cat > ingestion.yml <<YML
database:
  url: jdbc:sqlite:$WORK/data/ingestion.db
logging:
  dir: $WORK/logs
YML

"$ROOT/ingestion" --version >/dev/null   # builds when needed, and records the class-data archive

wall() { # prints the wall seconds of one run of the command
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}'
}

stats() { # label, then the samples: median, min, max
  local label="$1"; shift
  printf '%s\n' "$@" | sort -n | awk -v l="$label" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
    printf "%-34s median %6.2f s   min %6.2f s   max %6.2f s   (%d runs)\n", l, m, a[1], a[NR], NR}'
}

files=$(find "$FOLDER" -type f | wc -l)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); folder $FOLDER ($files files)"
first=$(wall "$ROOT/ingestion" ingest "$FOLDER" --no-progress)
printf '%-34s %6.2f s\n' "first ingest (fills the database)" "$first"

for cmd in "--version" "help" "status"; do
  samples=()
  for _ in $(seq "$ROUNDS"); do samples+=("$(wall "$ROOT/ingestion" $cmd)"); done
  stats "ingestion $cmd" "${samples[@]}"
done
samples=()
for _ in $(seq "$ROUNDS"); do samples+=("$(wall "$ROOT/ingestion" ingest "$FOLDER" --no-progress)"); done
stats "no-op re-run ($files files)" "${samples[@]}"
"$ROOT/ingestion" ingest "$FOLDER" --no-progress | grep -E "discovered|completed" | sed 's/^/last re-run: /'
