#!/usr/bin/env bash
# Tika's own PDF parser against the pipeline's, file by file in one JVM started as a parser child is
# (C1 only, the serial collector, a 512 MB heap with half of it young): see PdfParseAB.
# Usage: bench/run-pdf-parse.sh FOLDER [ROUNDS]     (default 3 rounds)
set -euo pipefail
FOLDER="$(cd "${1:?usage: bench/run-pdf-parse.sh FOLDER [ROUNDS]}" && pwd)"
cd "$(dirname "$0")/.."
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$d"; break
  fi
done
./mvnw -B -q -DskipTests -Djacoco.skip=true -pl bench -am package
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -Xmn256m \
  -Dlogback.configurationFile=bench/logback-bench.xml --enable-native-access=ALL-UNNAMED \
  -cp "bench/target/ingestion-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.ingestion.bench.PdfParseAB "$FOLDER" "${2:-3}"
