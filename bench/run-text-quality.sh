#!/usr/bin/env bash
# Text quality over a real corpus: glued words against raw Tika, furniture, permalinks, tiny chunks,
# heading coverage and language per format, and parse+chunk time.
# Usage: bench/run-text-quality.sh [--max-files N] [--no-raw] folder...   (default folder: /usr/share/doc)
if [ "$#" -eq 0 ]; then set -- /usr/share/doc; fi
exec "$(dirname "$0")/run.sh" TextQualityReport "$@"
