#!/usr/bin/env bash
# Real documents: `ingestion ingest` with its defaults (parser children, SQLite) against raw Tika
# parse-only on the same folder, alternating A/B per round so that load from elsewhere hits both.
#   A: raw Tika, one shared AutoDetectParser, 2 threads, -Xmx1g, nothing stored (RawTikaCorpus): by
#      default with the pipeline's Tika configuration and limits (RAW=same), so that both do the same work
#      per file; RAW=stock keeps those limits but runs Tika's own parsers and detection as they ship
#      (without Tesseract and other external programs); RAW=plain is Tika out of the box (OCR when
#      Tesseract is installed, archives unpacked to the end)
#   B: the whole `ingestion ingest FOLDER` command through the launcher, into a fresh SQLite database
# Each is timed from the shell as a whole command (JVM start-up included). Per round: docs/s, MB/s, the
# ratio B/A, CPU seconds of the whole process tree (user + system), GC pause time per document (the GC
# log of every JVM of the tree) and the peak RSS of the whole tree; the ratio of CPU per document as well
# (it moves less than wall time on a shared machine); then the medians of both ratios.
# Usage: bench/run-corpus.sh FOLDER [ROUNDS]     (default 3 rounds)
#   PROFILE=1 bench/run-corpus.sh FOLDER 1      flight recordings instead, with Java execution samples, in
#                                               every JVM; prints CPU ms per document by stage
#                                               (bench/out-corpus/jvm-*; a recording costs each JVM ~0.9 s
#                                               of CPU to start, so the timings favour raw Tika's one JVM)
#   INGESTION_JAVA_OPTS=-Xmx512m ...             the main JVM's options, as for the launcher
#   LOAD=1 bench/run-corpus.sh FOLDER            a second CPU-heavy process (a busy loop pinned to the last
#                                               core, with the script's own scheduling policy) runs through
#                                               each round, beside both commands
#   RAW=stock bench/run-corpus.sh FOLDER         Tika's stock parsers and detection, the pipeline's limits
#   RAW=plain bench/run-corpus.sh FOLDER         the baseline without the pipeline's configuration and limits
# Run it as a user times a command: from a plain shell. Under a real-time policy (chrt -r) raw Tika's JVM
# spent 20-35 % more CPU (its compiler and G1 threads contend with its parsing threads at the same
# real-time priority) and the pipeline hardly any, so the ratio flatters the pipeline; the script says so.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FOLDER="$(cd "${1:?usage: bench/run-corpus.sh FOLDER [ROUNDS]}" && pwd)"
ROUNDS="${2:-3}"
WORK="$ROOT/bench/out-corpus"
cd "$ROOT"
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$d" ] && [ -x "$d/bin/javac" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$d"; break
  fi
done
./mvnw -B -q -DskipTests -Djacoco.skip=true -pl bench -am package
./ingestion --version >/dev/null      # builds the command when its sources changed
BENCH_CP="bench/target/ingestion-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
JFC="profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=10ms"; PERIOD=10
rm -rf "$WORK" && mkdir -p "$WORK"

files=$(find "$FOLDER" -type f | wc -l)
mb=$(du -sbL "$FOLDER" | awk '{printf "%.1f", $1 / 1048576}')
RAW="${RAW:-same}"
policy=$(chrt -p $$ 2>/dev/null | sed -n 's/.*scheduling policy: //p')
if [[ "$policy" == SCHED_RR || "$policy" == SCHED_FIFO ]]; then
  echo "note: running under a real-time policy ($policy); raw Tika's JVM pays more for it than the pipeline: for the ratio a shell timing shows, run without chrt" >&2
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $FOLDER: $files files, $mb MB; baseline RAW=$RAW${LOAD:+, with a busy loop on core $(($(nproc) - 1))}"

# A few small documents first, one of each common kind the folder holds: the launcher's and the parser
# children's class-data archives exist before round 1 and hold the parsers' classes, as after a user's first run.
rm -f "$ROOT"/cli/target/dist/cache/parser-*.jsa   # the children's archive is written once, by the first child to exit
mkdir -p "$WORK/warm/in"
for ext in txt html pdf docx xlsx pptx doc rtf; do
  warm_file=$(find "$FOLDER" -type f -name "*.$ext" -size -200k -print -quit)
  # a folder of large files only: its smallest file of the kind, so that round 1 has the archive as well
  [ -n "$warm_file" ] || warm_file=$(find "$FOLDER" -type f -name "*.$ext" -printf '%s %p\n' | sort -n | head -1 | cut -d' ' -f2-)
  [ -z "$warm_file" ] || cp "$warm_file" "$WORK/warm/in/warm.$ext"
done
(cd "$WORK/warm" && "$ROOT/ingestion" ingest in --db warm.db --no-progress >/dev/null 2>&1) || true

measure() { # name, then the command: runs it with every JVM logging its collections, prints measure.py's line
  local name="$1" jvm; shift
  rm -rf "$WORK/jvm-$name" && mkdir -p "$WORK/jvm-$name"
  # A GC log costs a JVM nothing; a flight recording about 0.9 s of CPU to start, which would count three
  # times against the pipeline (main JVM and two parser children) and once against raw Tika.
  jvm="-Xlog:gc:file=$WORK/jvm-$name/gc-%p.log"
  [ -z "${PROFILE:-}" ] || jvm="-XX:StartFlightRecording:filename=$WORK/jvm-$name/%p.jfr,settings=$JFC"
  JDK_JAVA_OPTIONS="$jvm" python3 "$ROOT/bench/measure.py" "$WORK/$name.out" -- "$@"
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
gc_per_doc() { # recordings dir, documents: GC pause ms per document summed over every JVM in the dir
  if [ -n "${PROFILE:-}" ]; then
    "$JAVA_HOME/bin/java" -cp "$BENCH_CP" dev.ingestion.bench.JfrProfile "$1" "$2" "$PERIOD" >"$1/profile.txt" 2>&1 || true
    awk -v d="$2" '/^== / { for (i = 1; i <= NF; i++) if ($i == "ms" && $(i-1) ~ /^[0-9.]+$/ && $(i-2) == "collections,") s += $(i-1) }
      END { printf "%.2f", s / d }' "$1/profile.txt"
  else # "[0.5s][info][gc] GC(3) Pause Young (Allocation Failure) 33M->9M(121M) 8.123ms": pauses only, not G1's concurrent cycles
    cat "$1"/gc-*.log 2>/dev/null | awk -v d="$2" '/ Pause / && $NF ~ /ms$/ { sub(/ms$/, "", $NF); s += $NF }
      END { printf "%.2f", s / d }'
  fi
}
row() { # label, measure line, documents
  local wall cpu rss
  wall=$(field wall "$2"); cpu=$(field cpu "$2"); rss=$(field peak_rss_mb "$2")
  printf '%-22s %7.1f s %8.1f docs/s %6.2f MB/s  cpu %6.1f s (%5.1f ms/doc)  gc %6s ms/doc  peak rss %5s MB  exit %s\n' \
    "$1" "$wall" "$(awk -v n="$3" -v w="$wall" 'BEGIN {print n / w}')" "$(awk -v m="$mb" -v w="$wall" 'BEGIN {print m / w}')" \
    "$cpu" "$(awk -v c="$cpu" -v n="$3" 'BEGIN {print 1000 * c / n}')" "$4" "$rss" "$(field exit "$2")"
}

busy=""
stop_load() { if [ -n "$busy" ]; then kill "$busy" 2>/dev/null || true; wait "$busy" 2>/dev/null || true; busy=""; fi; }
trap stop_load EXIT
ratios=()
cpu_ratios=()
for r in $(seq "$ROUNDS"); do
  if [ -n "${LOAD:-}" ]; then
    taskset -c "$(($(nproc) - 1))" bash -c 'while :; do :; done' &
    busy=$!
  fi
  a=$(measure "raw-$r" "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/logback-bench.xml \
      --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" dev.ingestion.bench.RawTikaCorpus "$FOLDER" 2 "$RAW")
  row "round $r raw tika" "$a" "$files" "$(gc_per_doc "$WORK/jvm-raw-$r" "$files")"
  mkdir -p "$WORK/ingest-$r"
  cat >"$WORK/ingest-$r/ingestion.yml" <<YML
database:
  url: jdbc:sqlite:$WORK/ingest-$r/ingestion.db
logging:
  dir: $WORK/ingest-$r/logs
YML
  b=$(cd "$WORK/ingest-$r" && measure "ingest-$r" "$ROOT/ingestion" ingest "$FOLDER" --no-progress)
  row "round $r ingestion" "$b" "$files" "$(gc_per_doc "$WORK/jvm-ingest-$r" "$files")"
  stop_load
  grep -iE "completed|dead|failed" "$WORK/ingest-$r.out" | head -3 | sed 's/^/    /'
  ratio=$(awk -v a="$(field wall "$a")" -v b="$(field wall "$b")" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio")
  # CPU per document moves less than wall time when something else shares the machine
  cpu_ratio=$(awk -v a="$(field cpu "$a")" -v b="$(field cpu "$b")" 'BEGIN {printf "%.2f", a / b}')
  cpu_ratios+=("$cpu_ratio")
  echo "round $r ratio ingestion / raw tika (docs/s): $ratio; by CPU per document (raw tika's / ingestion's): $cpu_ratio"
  if [ -n "${PROFILE:-}" ]; then cat "$WORK/jvm-raw-$r/profile.txt" "$WORK/jvm-ingest-$r/profile.txt"; fi
done
median() { # label, then the values
  local label="$1"; shift
  printf '%s\n' "$@" | sort -n | awk -v l="$label" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
    printf "median %s over %d rounds: %.2f (min %.2f, max %.2f)\n", l, NR, m, a[1], a[NR]}'
}
median ratio "${ratios[@]}"
median "CPU ratio" "${cpu_ratios[@]}"
