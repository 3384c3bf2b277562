#!/usr/bin/env bash
# Embedding stage: model throughput, share of pipeline time, reuse on re-ingest. Usage: bench/run-embeddings.sh [docs] [threads]
exec "$(dirname "$0")/run.sh" EmbeddingBenchmark "${1:-500}" "${2:-}"
