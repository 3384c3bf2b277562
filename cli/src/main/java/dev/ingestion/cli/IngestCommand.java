package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.pipeline.DiscoveryResult;
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
            + " this one stopped.",
        "",
        "Exit status: 0 when the run finished (dead letters included), 1 on a fatal error."},
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
    PrintStream out = System.out;
    Wiring.prepareTempDir(cfg);
    Pipeline.Extraction extraction = Wiring.extraction(cfg);
    try (Database db = Database.open(cfg.database(), Clock.systemUTC())) {
      Pipeline pipeline = new Pipeline(db, cfg.pipeline(), cfg.sources(), extraction);
      sources.forEach(pipeline.sources()::registerAdHoc);
      try {
        return run(pipeline, sources, out);
      } finally {
        pipeline.sources().close();
      }
    } finally {
      Wiring.close(extraction);
    }
  }

  private int run(Pipeline pipeline, List<Source> sources, PrintStream out) {
    if (queueOnly) {
      List<DiscoveryResult> found = sources.stream().map(s -> pipeline.discover(s, "cli", null)).toList();
      printDiscovery(out, found);
      out.printf(Locale.ROOT, "queued      %,d job(s) for the workers%n", pipeline.queue().activeCount());
      return found.stream().allMatch(r -> r.error() == null) ? 0 : Main.EXIT_FATAL;
    }
    long start = System.nanoTime();
    Progress progress = new Progress(System.err, Progress.detect(noProgress));
    Worker worker = pipeline.newWorker("cli");
    Thread hook = Thread.ofPlatform().unstarted(worker::close);
    Runtime.getRuntime().addShutdownHook(hook);
    worker.start();
    RunStats stats = pipeline.stats();
    AtomicLong listed = new AtomicLong();
    List<DiscoveryResult> found = new ArrayList<>();
    for (Source source : sources) {
      found.add(pipeline.discover(source, "cli", n -> {
        listed.set(n);
        worker.wake();
        progress.update(stats.finished(), 0, stats.deadLettered(), stats.bytes(), listed::get);
      }));
    }
    progress.phase("processing");
    long remaining;
    while ((remaining = pipeline.queue().activeCount()) > 0) {
      progress.update(stats.finished(), remaining, stats.deadLettered(), stats.bytes(), listed::get);
      sleep(250);
    }
    progress.update(stats.finished(), 0, stats.deadLettered(), stats.bytes(), listed::get);
    progress.finish();
    worker.close();
    Runtime.getRuntime().removeShutdownHook(hook);
    printSummary(out, found, stats, (System.nanoTime() - start) / 1e9);
    return found.stream().allMatch(r -> r.error() == null) ? 0 : Main.EXIT_FATAL;
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

  private static void printSummary(PrintStream out, List<DiscoveryResult> found, RunStats stats, double secs) {
    printDiscovery(out, found);
    printProcessing(out, stats, secs);
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
    out.printf(Locale.ROOT, "completed   %,d  (content unchanged: %,d)%n", stats.completed() + stats.unchanged(), stats.unchanged());
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

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
