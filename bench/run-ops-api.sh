#!/usr/bin/env bash
# Operations API latency on a big SQLite database. Usage: bench/run-ops-api.sh [documents] [dead_letters]
exec "$(dirname "$0")/run.sh" OpsApiBenchmark "${1:-1000000}" "${2:-50000}" bench/out
