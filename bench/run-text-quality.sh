#!/usr/bin/env bash
# Text quality over a real corpus: glued words against raw Tika, furniture, permalinks, tiny chunks,
# heading coverage and language per format, parse+chunk time, and the search quality tests' top-3 hit
# rate over the project's docs chunked the same way (run from the project root).
# Usage: bench/run-text-quality.sh [--max-files N] [--no-raw] [--no-search] [--tokens N] folder...
#   (default folder: /usr/share/doc; --tokens N chunks by N tokens, overlap N/8, minimum N/5)
if [ "$#" -eq 0 ]; then set -- /usr/share/doc; fi
exec "$(dirname "$0")/run.sh" TextQualityReport "$@"
