package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.StoreException;
import dev.ingestion.pipeline.DiscoveryResult;
import dev.ingestion.pipeline.OutageLog;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.RunStats;
import dev.ingestion.pipeline.Worker;
import dev.ingestion.source.Source;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.source.fs.SingleFileSource;
import dev.ingestion.store.Database;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion ingest PATH|SOURCE...}: discover, then process until the queue is drained. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {
        "Ingest files, folders or configured sources: list them, queue what is new or changed, and process"
            + " until the queue is empty. Unchanged files are not parsed again; files gone from the folder are"
            + " marked deleted. Failures are retried with backoff; what keeps failing lands in the dead-letter"
            + " queue with a category and a reason. Safe to interrupt or kill: the next run picks up where"
            + " this one stopped: SIGTERM or Ctrl-C stops claiming, lets running documents finish within"
            + " pipeline.shutdown_grace (default 30 s), hands the rest back without counting an attempt, and"
            + " prints the summary.",
        "",
        "Exit status: 0 when the run finished (dead letters included), 1 on a fatal error (among them parser"
            + " processes that cannot start, e.g. a JVM option in pipeline.parse.child_java_options the JVM refuses:"
            + " the run stops, the summary says why, and no document is blamed), 130 (Ctrl-C) or 143 (SIGTERM)"
            + " when stopped by a signal."},
    footer = {"", "Examples:",
        "  ingestion ingest samples/                      ingest a folder",
        "  ingestion ingest report.pdf                    ingest one file",
        "  ingestion ingest docs/ --include '**/*.pdf'    only PDF files",
        "  ingestion ingest handbook                      a source named in ingestion.yml",
        "  ingestion ingest                               every source in ingestion.yml"})
final class IngestCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "PATH|SOURCE", arity = "0..*",
      description = "Files or folders to ingest, or names of sources in ingestion.yml (default: all configured"
          + " sources). A single file is a source of its own, named by its absolute path.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--include", paramLabel = "GLOB", description = "For folders: only files matching (repeatable; default **).")
  List<String> include = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB", description = "For folders: skip files matching (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--concurrency", paramLabel = "N", description = "Worker threads (default: pipeline.concurrency, min(10, 2 x cores)).")
  Integer concurrency;

  @Option(names = "--no-progress", description = "Do not show progress.")
  boolean noProgress;

  @Option(names = "--queue-only",
      description = "List and queue new or changed documents, then exit: 'ingestion worker' processes do the rest.")
  boolean queueOnly;

  @Override
  public Integer call() {
    IngestionConfig cfg = common.load();
    if (concurrency != null) {
      if (concurrency < 1 || concurrency > 256) {
        throw new ConfigException("--concurrency must be between 1 and 256, got " + concurrency);
      }
      cfg = cfg.withPipeline(cfg.pipeline().withConcurrency(concurrency));
    }
    List<Source> sources = resolve(cfg);
    Wiring.prepareTempDir(cfg);
    ProcessStop stop = ProcessStop.install(cfg.pipeline().drainTimeout());
    IngestionConfig config = cfg;
    return stop.run(() -> {
      Summary summary = ingest(config, sources, stop);
      summary.print(System.out);
      return summary.exitCode();
    });
  }

  /**
   * Runs the pipeline, and stops it in this order whether the queue drained or a signal came: worker
   * (stop claiming, drain, hand back), parser children, sources, database pool. The summary is printed
   * by the caller after all of that.
   */
  private Summary ingest(IngestionConfig cfg, List<Source> sources, ProcessStop stop) {
    Pipeline.Extraction extraction = Wiring.extraction(cfg);
    try (Database db = Database.open(cfg.database(), Clock.systemUTC())) {
      Pipeline pipeline = new Pipeline(db, cfg.pipeline(), cfg.sources(), extraction);
      sources.forEach(pipeline.sources()::registerAdHoc);
      try {
        return queueOnly ? queue(pipeline, sources) : run(pipeline, sources, stop);
      } finally {
        Wiring.close(extraction);
        pipeline.sources().close();
      }
    }
  }

  private Summary queue(Pipeline pipeline, List<Source> sources) {
    List<DiscoveryResult> found = sources.stream().map(s -> pipeline.discover(s, "cli", null)).toList();
    long queued = pipeline.queue().activeCount();
    return new Summary(found, null, 0, queued, false, 0, null);
  }

  private Summary run(Pipeline pipeline, List<Source> sources, ProcessStop stop) {
    long start = System.nanoTime();
    Progress progress = new Progress(System.err, Progress.detect(noProgress));
    Worker worker = pipeline.newWorker("cli");
    worker.start();
    RunStats stats = pipeline.stats();
    AtomicLong listed = new AtomicLong();
    List<DiscoveryResult> found = new ArrayList<>();
    int handedBack = 0;
    String parserFailure = null;
    try {
      for (Source source : sources) {
        if (stop.requested()) {
          break;
        }
        found.add(discover(pipeline, source, stop, n -> {
          listed.set(n);
          worker.wake();
          progress.update(stats.finished(), 0, stats.deadLettered(), stats.bytes(), listed::get);
        }));
      }
      progress.phase("processing");
      parserFailure = awaitDrained(pipeline, worker, stop, () -> progress.update(stats.finished(), lastRemaining,
          stats.deadLettered(), stats.bytes(), listed::get));
      progress.update(stats.finished(), parserFailure == null ? 0 : lastRemaining, stats.deadLettered(), stats.bytes(),
          listed::get);
      progress.finish();
    } finally {
      handedBack = worker.close(drainWithin(stop.grace()));
    }
    return new Summary(found, stats, (System.nanoTime() - start) / 1e9, parserFailure == null ? 0 : lastRemaining,
        stop.requested(), handedBack, parserFailure);
  }

  /**
   * Parser processes that failed to start this many times in a row stop the run: a setting the JVM refuses
   * fails every time, and each document would only go back to the queue again. A single failure (a child
   * killed while it started) is ridden out.
   */
  static final int PARSER_FAILURES_TO_STOP = 3;

  /** Logging starts when a command runs, not when picocli builds the command tree: --version and help answer without it. */
  private static OutageLog outageLog() {
    return new OutageLog(org.slf4j.LoggerFactory.getLogger(IngestCommand.class), "ingest");
  }

  private long lastRemaining;

  /** Lists a source; a database outage is waited out and the listing done again (it is idempotent). */
  private static DiscoveryResult discover(Pipeline pipeline, Source source, ProcessStop stop,
      dev.ingestion.pipeline.Discovery.Progress progress) {
    OutageLog outage = outageLog();
    long wait = 500;
    while (true) {
      try {
        DiscoveryResult result = pipeline.discover(source, "cli", progress);
        outage.recovered();
        return result;
      } catch (StoreException e) {
        if (stop.requested()) {
          throw e;
        }
        outage.failed(e);
        try {
          stop.awaitRequested(Duration.ofMillis(wait));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        wait = Math.min(5_000, wait * 2);
      }
    }
  }

  /** Jobs left below which the drain is checked every 20 ms instead of every 250 ms. */
  private static final long LAST_FEW = 16;

  /**
   * Waits until the queue is empty, a stop is asked for, or no parser process can start (returns why,
   * else null). A database outage is waited out: said once when it starts and once when it ends (the
   * workers back off the same way).
   */
  private String awaitDrained(Pipeline pipeline, Worker worker, ProcessStop stop, Runnable showProgress) {
    OutageLog outage = outageLog();
    long wait = 250;
    try {
      while (!stop.requested()) {
        if (worker.parserStartFailures() >= PARSER_FAILURES_TO_STOP) {
          return worker.parsingUnavailable().orElse(null);
        }
        try {
          lastRemaining = pipeline.queue().activeCount();
          outage.recovered();
          wait = 250;
        } catch (StoreException e) {
          outage.failed(e);
          wait = Math.min(5_000, wait * 2);
          stop.awaitRequested(Duration.ofMillis(wait));
          continue;
        }
        if (lastRemaining == 0) {
          return null;
        }
        showProgress.run();
        // the last few documents: looked for more often, so the run does not outlast its work by a quarter second
        stop.awaitRequested(Duration.ofMillis(lastRemaining > LAST_FEW ? wait : 20));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** The drain gets the grace period less a reserve for handing back and stopping the children. */
  static Duration drainWithin(Duration grace) {
    Duration reserve = grace.dividedBy(4);
    return grace.minus(reserve.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : reserve);
  }

  private List<Source> resolve(IngestionConfig cfg) {
    if (targets.isEmpty()) {
      if (cfg.sources().isEmpty()) {
        throw new ConfigException("nothing to ingest: give a folder (ingestion ingest samples/) or configure sources in ingestion.yml");
      }
      return cfg.sources();
    }
    List<Source> out = new ArrayList<>();
    for (String target : targets) {
      Source configured = cfg.sources().stream().filter(s -> s.name().equals(target)).findFirst().orElse(null);
      if (configured != null) {
        out.add(configured);
      } else if (Files.isDirectory(Path.of(target))) {
        Path root = Path.of(target).toAbsolutePath().normalize();
        FileSystemSourceConfig fs = new FileSystemSourceConfig(root, include.isEmpty() ? List.of("**") : include,
            exclude, FileSystemSourceConfig.DEFAULT_MAX_FILE_SIZE, false);
        out.add(new FileSystemSource(root.toString(), fs));
      } else if (Files.isRegularFile(Path.of(target))) {
        out.add(new SingleFileSource(Path.of(target)));
      } else {
        throw new ConfigException("'" + target + "' is not a file, a folder or a source in the configuration"
            + (cfg.sources().isEmpty() ? "" : " (configured: "
                + cfg.sources().stream().map(Source::name).collect(Collectors.joining(", ")) + ")"));
      }
    }
    return out;
  }

  /** What a run did, printed once everything is stopped. */
  private record Summary(List<DiscoveryResult> found, RunStats stats, double secs, long queued, boolean stopped,
      int handedBack, String parserFailure) {
    int exitCode() {
      return parserFailure == null && found.stream().allMatch(r -> r.error() == null) ? 0 : Main.EXIT_FATAL;
    }

    void print(PrintStream out) {
      printDiscovery(out, found);
      if (stats == null) {
        out.printf(Locale.ROOT, "queued      %,d job(s) for the workers%n", queued);
        return;
      }
      printProcessing(out, stats, secs);
      if (stopped) {
        out.printf(Locale.ROOT, "stopped     by a signal before the queue was empty; %,d job(s) handed back"
            + " (no attempt counted): run again to finish%n", handedBack);
      } else if (parserFailure != null) {
        out.printf(Locale.ROOT, "error       parsing stopped, no parser process could start: %s%n", parserFailure);
        out.printf(Locale.ROOT, "stopped     with %,d job(s) still queued (no document blamed, no attempt counted):"
            + " fix the setting and run again%n", queued);
      }
    }
  }

  private static void printDiscovery(PrintStream out, List<DiscoveryResult> found) {
    for (DiscoveryResult r : found) {
      out.printf(Locale.ROOT, "source      %s%n", r.source());
      out.printf(Locale.ROOT, "discovered  %,d  (new %,d, changed %,d, unchanged %,d, deleted %,d, skipped %,d)%n",
          r.discovered(), r.added(), r.changed(), r.unchanged(), r.deleted(), r.skipped());
      if (r.error() != null) {
        out.printf(Locale.ROOT, "error       listing stopped: %s (nothing was marked deleted)%n", r.error());
      }
    }
  }

  private static void printProcessing(PrintStream out, RunStats stats, double secs) {
    out.printf(Locale.ROOT, "completed   %,d  (content unchanged: %,d%s)%n", stats.completed() + stats.unchanged(),
        stats.unchanged(), stats.copies() == 0 ? ""
            : String.format(Locale.ROOT, ", copies of a file parsed in this run: %,d", stats.copies()));
    Map<FailureCategory, Long> dlq = stats.deadLetteredByCategory();
    out.printf(Locale.ROOT, "dead-letter %,d%s%n", stats.deadLettered(), dlq.isEmpty() ? "" : "  (" + dlq.entrySet().stream()
        .map(e -> e.getKey().dbValue() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
    if (stats.retried() > 0) {
      out.printf(Locale.ROOT, "retries     %,d%n", stats.retried());
    }
    out.printf(Locale.ROOT, "chunks      %,d%n", stats.chunks());
    if (stats.embeddingsComputed() + stats.embeddingsReused() > 0) {
      out.printf(Locale.ROOT, "embeddings  %,d computed, %,d reused (text unchanged)%n", stats.embeddingsComputed(),
          stats.embeddingsReused());
    }
    out.printf(Locale.ROOT, "time        %.1f s  (%.1f docs/s, %.2f MB/s)%n", secs, stats.finished() / Math.max(secs, 0.001),
        stats.bytes() / 1e6 / Math.max(secs, 0.001));
    if (stats.deadLettered() > 0) {
      out.println("see why:    ingestion status --dlq");
    }
  }

}
