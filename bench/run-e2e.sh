#!/usr/bin/env bash
# End-to-end benchmark: builds, then runs with a 512 MB heap so the peak-heap figure means something.
# Usage: bench/run-e2e.sh [docs] [threads]
set -euo pipefail
cd "$(dirname "$0")/.."
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$d"; break
  fi
done
./mvnw -B -q -DskipTests -pl bench -am package
exec "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "bench/target/ingestion-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.ingestion.bench.EndToEndBenchmark "${1:-2000}" "${2:-}" bench/out
