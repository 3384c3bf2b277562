package dev.ingestion.pipeline;

import dev.ingestion.chunk.ChunkUnit;
import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.parse.OcrConfig;
import dev.ingestion.parse.ParseLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The {@code pipeline:} section of the configuration file, declared, and how it becomes a {@link PipelineConfig}. */
public final class PipelineKeys {
  public static final ConfigDef DEF = new ConfigDef("pipeline", "How documents are processed.");
  private static final ChunkerConfig CHUNKS = ChunkerConfig.DEFAULT;
  private static final ParseLimits LIMITS = ParseLimits.DEFAULT;

  static final ConfigKey<Integer> CONCURRENCY = DEF.other("concurrency", "whole number 1..256 or auto",
      PipelineConfig.defaultConcurrency(), "auto", "worker threads; auto = min(10, 2 x cores)",
      (m, k, f) -> m.integerOr(k, "auto", f, 1, 256));
  static final ConfigKey<Integer> CHUNK_SIZE = DEF.integer("chunk_size", CHUNKS.chunkSize(), 50, 1_000_000,
      "target chunk size in chunk_unit");
  static final ConfigKey<Integer> CHUNK_OVERLAP = DEF.integer("chunk_overlap", CHUNKS.chunkOverlap(), 0, 1_000_000,
      "chunk_unit repeated from the end of one chunk at the start of the next; less than chunk_size");
  static final ConfigKey<Integer> MIN_CHUNK_SIZE = DEF.integer("min_chunk_size", 0, 1_000_000,
      CHUNKS.minChunkSize() + " (chunk_size when smaller)",
      "a smaller chunk merges with a neighbour in its section, a section that small with the next or the one"
          + " before; at most chunk_size");
  static final ConfigKey<ChunkUnit> CHUNK_UNIT = DEF.other("chunk_unit", "characters or tokens", CHUNKS.unit(),
      "characters", "what the chunk sizes count: characters, or tokens of the embedding model's tokenizer (needs"
          + " the ingestion-embeddings module; see docs/chunking.md)", PipelineKeys::unit);
  static final ConfigKey<Integer> MAX_ATTEMPTS = DEF.integer("max_attempts", 3, 1, 100,
      "tries before a retryable failure is dead-lettered");
  static final ConfigKey<Duration> RETRY_BASE_DELAY = DEF.positiveDuration("retry_base_delay", Duration.ofSeconds(2),
      "backoff after the first failure, doubling with jitter");
  static final ConfigKey<Duration> RETRY_MAX_DELAY = DEF.positiveDuration("retry_max_delay", Duration.ofMinutes(5),
      "longest backoff");
  static final ConfigKey<Duration> LEASE = DEF.positiveDuration("lease", Duration.ofSeconds(60),
      "a worker's hold on a job; renewed every heartbeat");
  static final ConfigKey<Duration> HEARTBEAT = DEF.positiveDuration("heartbeat", Duration.ofSeconds(15),
      "how often a running job's lease is renewed; shorter than lease");
  static final ConfigKey<Duration> POLL_INTERVAL = DEF.positiveDuration("poll_interval", Duration.ofMillis(500),
      "how often an idle worker looks for due jobs");
  static final ConfigKey<Duration> SHUTDOWN_GRACE = DEF.duration("shutdown_grace", Duration.ofSeconds(30),
      "on SIGTERM/Ctrl-C: time running documents get to finish");
  static final ConfigKey<Duration> DRAIN_TIMEOUT = DEF.duration("drain_timeout", null,
      "the older name of shutdown_grace, still read; give only one of them");
  static final ConfigKey<Integer> KEEP_VERSIONS = DEF.integer("keep_versions", 5, 1, 10_000,
      "versions kept per document (the current one included)");
  static final ConfigKey<String> TEMP_DIR = DEF.string("temp_dir", PipelineConfig.defaultTempDir().toString(),
      "java.io.tmpdir", "scratch files, all named ingestion_*");

  public static final ConfigDef PARSE = DEF.section("parse", new ConfigDef("pipeline.parse",
      "Bounds on parsing one document, and where parsing runs."));
  static final ConfigKey<IsolationConfig.Mode> ISOLATION = PARSE.other("isolation", "process or in_process",
      IsolationConfig.Mode.PROCESS, "process", "process: parse in child JVMs (one per worker thread, at most one per"
          + " core), killed past the timeout and replaced after OutOfMemoryError; in_process: in the worker's JVM,"
          + " for trusted corpora only", PipelineKeys::mode);
  static final ConfigKey<String> CHILD_HEAP = PARSE.string("child_heap", "512m",
      "parser heap per document parsed at once (isolation: process), e.g. 512m or 2g: a parser process parsing two"
          + " documents at once has twice it; half of it is the young generation");
  static final ConfigKey<Integer> DOCUMENTS_PER_CHILD = PARSE.other("documents_per_child", "whole number 1..256 or all",
      0, "all", "documents one parser process parses at once, each on a thread of its own (isolation: process):"
          + " all = one process for every document in flight, so Tika is loaded and compiled once; 1 = a process"
          + " per document, so a crash never touches another document. A process that dies with several"
          + " documents blames none of them: each is parsed again alone first",
      (m, k, f) -> m.integerOr(k, "all", f, 1, 256));
  static final ConfigKey<List<String>> CHILD_JAVA_OPTIONS = PARSE.strings("child_java_options",
      IsolationConfig.DEFAULT_CHILD_JAVA_OPTIONS, "JVM options added to each parser child's command line (isolation:"
          + " process); the default compiles with the quick C1 compiler only, which costs less CPU on document"
          + " corpora; [] for the JVM's defaults. A collector named here (`-XX:+UseParallelGC`, `-XX:+UseG1GC`, ...)"
          + " replaces the serial one the children use otherwise. An option the JVM refuses stops `ingestion ingest`"
          + " with exit 1 and the JVM's own message; no document is blamed");
  static final ConfigKey<Duration> TIMEOUT = PARSE.positiveDuration("timeout", LIMITS.timeout(),
      "per document: past it the parser is killed (parse_timeout)");
  static final ConfigKey<Long> MAX_DOCUMENT_BYTES = PARSE.positiveSize("max_document_bytes", LIMITS.maxDocumentBytes(),
      "larger documents are not parsed (too_large)");
  static final ConfigKey<Integer> MAX_CHARS = PARSE.integer("max_chars", LIMITS.maxChars(), 1_000,
      Integer.MAX_VALUE - 8, "extracted characters kept; more is truncated (recorded)");
  static final ConfigKey<Integer> MAX_EMBEDDED_DEPTH = PARSE.integer("max_embedded_depth",
      LIMITS.maxEmbeddedDepth(), 0, 100, "archives inside archives");
  static final ConfigKey<Integer> MAX_EMBEDDED_COUNT = PARSE.integer("max_embedded_count",
      LIMITS.maxEmbeddedCount(), 0, 1_000_000, "files inside one archive or e-mail");
  static final ConfigKey<Integer> MAX_COMPRESSION_RATIO = PARSE.integer("max_compression_ratio",
      (int) LIMITS.maxCompressionRatio(), 1, 1_000_000, "zip-bomb guard: extracted characters per compressed byte");

  public static final ConfigDef OCR = DEF.section("ocr", new ConfigDef("pipeline.ocr",
      "Text from scanned PDFs and images by Tesseract OCR, installed separately (see docs/chunking.md)."));
  static final ConfigKey<Boolean> OCR_ENABLED = OCR.bool("enabled", false, "read images and PDF pages without text"
      + " with Tesseract; start-up fails when it or a language is not installed");
  static final ConfigKey<List<String>> OCR_LANGUAGES = OCR.strings("languages", OcrConfig.OFF.languages(),
      "Tesseract language codes (eng, deu, chi_sim ...), each with its traineddata installed");

  private PipelineKeys() {}

  /** Reads the {@code pipeline:} section; errors name the field. */
  public static PipelineConfig read(ConfigMap p) {
    DEF.rejectUnknown(p);
    ChunkerConfig chunker = chunker(p);
    ConfigMap parse = p.section("parse");
    PARSE.rejectUnknown(parse);
    ParseLimits limits = new ParseLimits(MAX_CHARS.read(parse), MAX_EMBEDDED_DEPTH.read(parse),
        MAX_EMBEDDED_COUNT.read(parse), MAX_COMPRESSION_RATIO.read(parse), TIMEOUT.read(parse),
        MAX_DOCUMENT_BYTES.read(parse), ocr(p.section("ocr")));
    Duration lease = LEASE.read(p);
    Duration heartbeat = HEARTBEAT.read(p);
    if (heartbeat.compareTo(lease) >= 0) {
      throw new ConfigException(p.field("heartbeat") + ": must be shorter than lease (" + lease.toSeconds() + "s)");
    }
    int concurrency = CONCURRENCY.read(p);
    return new PipelineConfig(concurrency, chunker, limits, MAX_ATTEMPTS.read(p), RETRY_BASE_DELAY.read(p),
        RETRY_MAX_DELAY.read(p), lease, heartbeat, POLL_INTERVAL.read(p), shutdownGrace(p), KEEP_VERSIONS.read(p),
        isolation(parse, p, concurrency));
  }

  private static ChunkerConfig chunker(ConfigMap p) {
    int size = CHUNK_SIZE.read(p);
    int overlap = CHUNK_OVERLAP.read(p);
    if (overlap >= size) {
      throw new ConfigException(p.field("chunk_overlap") + ": must be smaller than chunk_size (" + size + "), got "
          + overlap);
    }
    int minSize = MIN_CHUNK_SIZE.readOr(p, Math.min(CHUNKS.minChunkSize(), size));
    if (minSize > size) {
      throw new ConfigException(p.field("min_chunk_size") + ": must be between 0 and " + size + ", got " + minSize);
    }
    return new ChunkerConfig(size, overlap, minSize, CHUNK_UNIT.read(p));
  }

  private static ChunkUnit unit(ConfigMap p, String key, ChunkUnit fallback) {
    String unit = p.string(key, null);
    if (unit == null) {
      return fallback;
    }
    return switch (unit) {
      case "characters" -> ChunkUnit.CHARACTERS;
      case "tokens" -> ChunkUnit.TOKENS;
      default -> throw new ConfigException(p.field(key) + ": must be characters or tokens, got '" + unit + "'");
    };
  }

  private static OcrConfig ocr(ConfigMap ocr) {
    OCR.rejectUnknown(ocr);
    try {
      return new OcrConfig(OCR_ENABLED.read(ocr), OCR_LANGUAGES.read(ocr));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** {@code shutdown_grace}; {@code drain_timeout} is its older name and still read. */
  private static Duration shutdownGrace(ConfigMap p) {
    if (p.has("shutdown_grace") && p.has("drain_timeout")) {
      throw new ConfigException(p.field("drain_timeout")
          + ": is the older name of shutdown_grace; keep only shutdown_grace");
    }
    return p.has("drain_timeout") ? DRAIN_TIMEOUT.read(p) : SHUTDOWN_GRACE.read(p);
  }

  private static IsolationConfig isolation(ConfigMap parse, ConfigMap p, int concurrency) {
    String heap = CHILD_HEAP.read(parse);
    if (!heap.matches("\\d+[kKmMgG]")) {
      throw new ConfigException(parse.field("child_heap") + ": must look like 512m or 2g, got '" + heap + "'");
    }
    List<String> options = CHILD_JAVA_OPTIONS.read(parse);
    for (String option : options) {
      if (!option.startsWith("-") || option.startsWith("-Xmx") || option.startsWith("-cp") || option.startsWith("-jar")
          || option.startsWith("--class-path") || option.startsWith("-XX:SharedArchiveFile")) {
        throw new ConfigException(parse.field("child_java_options") + ": '" + option + "' is not allowed: give JVM"
            + " options starting with '-' (the heap is child_heap; the class path and class-data archive are set here)");
      }
    }
    return new IsolationConfig(ISOLATION.read(parse), heap, IsolationConfig.childrenFor(concurrency),
        Path.of(TEMP_DIR.read(p)), options, DOCUMENTS_PER_CHILD.read(parse));
  }

  private static IsolationConfig.Mode mode(ConfigMap parse, String key, IsolationConfig.Mode fallback) {
    String mode = parse.string(key, null);
    if (mode == null) {
      return fallback;
    }
    return switch (mode) {
      case "process" -> IsolationConfig.Mode.PROCESS;
      case "in_process" -> IsolationConfig.Mode.IN_PROCESS;
      default -> throw new ConfigException(parse.field(key) + ": must be process or in_process, got '" + mode + "'");
    };
  }
}
