#!/usr/bin/env bash
# Builds the bench module and runs one benchmark with a 512 MB heap.
# Usage: [BENCH_JAVA_OPTS=...] bench/run.sh MainClass [args...]   (see run-e2e.sh and run-queue.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$d"; break
  fi
done
./mvnw -B -q -DskipTests -pl bench -am package
main="$1"; shift
# BENCH_JAVA_OPTS replaces the heap option (run-pdf-parse.sh starts the JVM as a parser child is started)
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx512m} --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "bench/target/ingestion-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" "dev.ingestion.bench.$main" "$@"
