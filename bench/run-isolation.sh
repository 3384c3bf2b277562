#!/usr/bin/env bash
# Parsing in child processes vs in the worker's JVM, same corpus, same run; plus child start-up time.
# Usage: bench/run-isolation.sh [docs] [rounds]
exec "$(dirname "$0")/run.sh" IsolationBenchmark "${1:-1000}" "${2:-2}" bench/out-isolation
