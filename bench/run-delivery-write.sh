#!/usr/bin/env bash
# What FTS5 indexing adds to the completion transaction on SQLite. Usage: bench/run-delivery-write.sh [docs]
exec "$(dirname "$0")/run.sh" DeliveryWriteBenchmark "${1:-2000}"
