#!/usr/bin/env bash
# Lists every test class (a *Test.java under src/test/java) that carries none of the tag annotations of
# dev.ingestion.testkit.tags (@FastTest, @SlowTest, @ProcessTest, @PostgresTest, @BrowserTest): such a
# class would silently drop out of `./mvnw -Dgroups=fast test` or be run where it does not belong.
# Exit 0: every class is tagged; exit 1: the untagged ones are listed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
untagged="$(git ls-files -co --exclude-standard -- '*/src/test/java/*Test.java' \
  | while read -r f; do
      grep -Eq '^@(Fast|Slow|Process|Postgres|Browser)Test\b' "$f" || echo "$f"
    done)"
if [ -n "$untagged" ]; then
  echo "test classes without a tag annotation (dev.ingestion.testkit.tags; see docs/architecture.md#tests):" >&2
  echo "$untagged" >&2
  exit 1
fi
echo "test tags: every test class carries one"
