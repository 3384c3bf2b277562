#!/usr/bin/env bash
# Tika's own PDF parser against the pipeline's, file by file in one JVM started as a parser child is
# (C1 only, the serial collector, a 512 MB heap with half of it young): see PdfParseAB.
# Usage: bench/run-pdf-parse.sh FOLDER [ROUNDS]     (default 3 rounds)
set -euo pipefail
FOLDER="$(cd "${1:?usage: bench/run-pdf-parse.sh FOLDER [ROUNDS]}" && pwd)"
BENCH_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -Xmn256m" \
  exec "$(dirname "$0")/run.sh" PdfParseAB "$FOLDER" "${2:-3}"
