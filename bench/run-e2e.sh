#!/usr/bin/env bash
# End-to-end pipeline vs raw Tika on a generated corpus. Usage: bench/run-e2e.sh [docs] [threads]
exec "$(dirname "$0")/run.sh" EndToEndBenchmark "${1:-2000}" "${2:-}" bench/out
