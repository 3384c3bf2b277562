#!/usr/bin/env bash
# Queue overhead on SQLite and PostgreSQL. Usage: bench/run-queue.sh [jobs]
exec "$(dirname "$0")/run.sh" QueueBenchmark "${1:-5000}"
