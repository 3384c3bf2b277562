#!/usr/bin/env bash
# POST /search with embeddings at scale: HNSW build time, recall@10 against the exact scan, latency.
# Usage: bench/run-vector-search.sh [chunks] [queries] [reuse]   (default 100000 200; output under bench/out/vectors;
# reuse: keep the database and index of an earlier run of the same size). On a shared machine run it under
# `chrt -r 50`, not `chrt -f 50`: FIFO starves the JVM's own JIT, GC and merge threads while another
# real-time process holds the other core (docs/benchmarks.md "Vector search").
set -euo pipefail
cd "$(dirname "$0")/.."
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$d"; break
  fi
done
./mvnw -B -q -DskipTests -pl bench -am package
exec "$JAVA_HOME/bin/java" -Xmx3g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "bench/target/ingestion-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.ingestion.bench.VectorSearchBenchmark "${1:-100000}" "${2:-200}" ${3:-}
