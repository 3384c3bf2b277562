#!/usr/bin/env bash
# What FTS5 indexing would add to the completion transaction on SQLite, and what the deferred index costs.
# Usage: bench/run-delivery-write.sh [docs] [chunks per document, default 10]
exec "$(dirname "$0")/run.sh" DeliveryWriteBenchmark "${1:-2000}" "${2:-10}"
