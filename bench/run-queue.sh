#!/usr/bin/env bash
# Queue overhead on SQLite and PostgreSQL: jobs/s, CPU per job (this JVM and the PostgreSQL server), WAL per job.
# Usage: bench/run-queue.sh [jobs] [workers,...] [sqlite,postgresql] [rounds] [claim batch]
exec "$(dirname "$0")/run.sh" QueueBenchmark "${1:-5000}" "${2:-2,8}" "${3:-sqlite,postgresql}" "${4:-1}" "${5:-1}"
