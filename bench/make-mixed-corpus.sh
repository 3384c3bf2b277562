#!/usr/bin/env bash
# Builds the mixed real-document corpus of docs/benchmarks.md (HTML, PDF, Office, text; no archives):
#   * /usr/share/doc with symbolic links resolved, without compressed files and archives (.gz, .bz2, .xz,
#     .zst, .zip, .tgz, .tar) and without images: the nested test-report archives there are not what the
#     comparison is about;
#   * the HTML books of the Rust toolchain's documentation (book, reference, cargo, rustc, nomicon,
#     embedded-book, edition-guide), when a rustup toolchain is installed;
#   * Tika's own test documents: every PDF of the tika-parser-pdf-module test jar, the Word, Excel,
#     PowerPoint and RTF files of the tika-parser-microsoft-module test jar and the HTML of the
#     tika-parser-html-module test jar (from the local Maven repository).
# Usage: bench/make-mixed-corpus.sh [TARGET]     (default /tmp/mixed; replaced if it exists)
set -euo pipefail
TARGET="${1:-/tmp/mixed}"
TIKA="${TIKA_VERSION:-3.3.1}"
M2="${M2_REPOSITORY:-$HOME/.m2/repository}/org/apache/tika"
rm -rf "$TARGET" && mkdir -p "$TARGET/doc" "$TARGET/rust" "$TARGET/tika-tests"
(cd /usr/share/doc && find -L . -type f ! -iname '*.gz' ! -iname '*.bz2' ! -iname '*.xz' ! -iname '*.zst' \
  ! -iname '*.zip' ! -iname '*.tgz' ! -iname '*.tar' ! -iname '*.png' ! -iname '*.gif' ! -iname '*.jpg' \
  ! -iname '*.svg' ! -iname '*.ico' -exec cp -L --parents {} "$TARGET/doc/" \; 2>/dev/null) || true
for rust in "$HOME"/.rustup/toolchains/*/share/doc/rust/html; do
  [ -d "$rust" ] || continue
  for book in book reference cargo rustc nomicon embedded-book edition-guide; do
    (cd "$rust" && find "$book" -name '*.html' -exec cp --parents {} "$TARGET/rust/" \;)
  done
  break
done
cd "$TARGET/tika-tests"
for module in pdf microsoft html; do
  unzip -q -o "$M2/tika-parser-$module-module/$TIKA/tika-parser-$module-module-$TIKA-tests.jar" 'test-documents/*' -d "$module"
done
find pdf -type f ! -iname '*.pdf' -delete
find microsoft -type f ! \( -iname '*.doc' -o -iname '*.docx' -o -iname '*.docm' -o -iname '*.xls' -o -iname '*.xlsx' \
  -o -iname '*.xlsm' -o -iname '*.ppt' -o -iname '*.pptx' -o -iname '*.pptm' -o -iname '*.rtf' \) -delete
find html -type f ! \( -iname '*.html' -o -iname '*.htm' \) -delete
echo "$TARGET: $(find "$TARGET" -type f | wc -l) files, $(du -sb "$TARGET" | awk '{printf "%.1f MB", $1 / 1048576}')"
find "$TARGET" -type f | sed 's/.*\///; s/.*\.//' | tr 'A-Z' 'a-z' | sort | uniq -c | sort -rn | head -12
