package dev.ingestion.bench;

import dev.ingestion.cli.Wiring;
import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.parse.IsolatedDocumentParser;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.Worker;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parsing in child processes ({@code isolation: process}, the default) against parsing in the worker's
 * JVM ({@code in_process}) on the same corpus, in the same run, alternating the modes so a machine that
 * gets busier or quieter moves both. Also measures how long a parser child takes to start, cold (no
 * class-data-sharing archive yet) and warm. Prints figures; asserts nothing.
 *
 * <p>Usage: {@code IsolationBenchmark [docs] [rounds] [workdir]} (defaults 1000, 2, ./bench/out-isolation).
 */
public final class IsolationBenchmark {
  private IsolationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path work = Path.of(args.length > 2 ? args[2] : "bench/out-isolation").toAbsolutePath();
    deleteTree(work);
    Path corpus = Files.createDirectories(work.resolve("corpus"));
    List<Path> files = Corpus.generate(corpus, docs, 42L);
    PipelineConfig base = config(work, "process").pipeline();
    System.out.printf(Locale.ROOT, "corpus: %,d files; threads %d; parser children %d x -Xmx%s%n", files.size(),
        base.concurrency(), base.isolation().maxChildren(), base.isolation().childHeap());
    startUp(work, base);
    // One parser per mode for the whole run, as in a long-running worker: the children's JIT warms up
    // in the warm-up round just as the worker's own does for in_process.
    Pipeline.Extraction inProcess = Wiring.extraction(config(work, "in_process").pipeline());
    Pipeline.Extraction process = Wiring.extraction(config(work, "process").pipeline());
    List<Double> local = new ArrayList<>();
    List<Double> isolated = new ArrayList<>();
    try {
      run(work, corpus, "in_process", -1, inProcess);
      run(work, corpus, "process", -1, process);
      for (int r = 0; r < rounds; r++) {
        local.add(run(work, corpus, "in_process", r, inProcess));
        isolated.add(run(work, corpus, "process", r, process));
      }
    } finally {
      if (process.parser() instanceof IsolatedDocumentParser pool) {
        pool.close();
      }
    }
    double l = mean(local);
    double i = mean(isolated);
    System.out.printf(Locale.ROOT, "%nmean docs/s: in_process %.1f, process %.1f; process/in_process %.3f"
        + " (overhead %.1f %%)%n", l, i, i / l, 100 * (1 - i / l));
  }

  private static IngestionConfig config(Path work, String mode) throws Exception {
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    return new ConfigLoader(Map.of()).fromMap(Map.of("pipeline", Map.of("temp_dir", tmp.toString(),
        "parse", Map.of("isolation", mode))), null);
  }

  /** Time from starting a child to its first parsed document: cold (no CDS archive) and warm. */
  private static void startUp(Path work, PipelineConfig p) throws Exception {
    Path doc = Files.writeString(work.resolve("startup.html"), "<html><body><p>hello</p></body></html>");
    for (String kind : List.of("cold", "warm (CDS archive)", "warm (CDS archive)")) {
      IsolationConfig one = p.isolation().withMaxChildren(1);
      long t0 = System.nanoTime();
      try (IsolatedDocumentParser parser = new IsolatedDocumentParser(p.parseLimits(), one).prestart()) {
        parser.parse(doc, "startup.html", Files.size(doc));
        System.out.printf(Locale.ROOT, "child start-up to first parsed document, %s: %.2f s%n", kind, secs(t0));
      }
      awaitArchive(p.isolation().tempDir());
    }
  }

  /** The first child to exit normally writes the class-data-sharing archive; wait for it (at most 60 s). */
  private static void awaitArchive(Path tmp) throws Exception {
    for (int i = 0; i < 600; i++) {
      try (Stream<Path> files = Files.list(tmp)) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"))) {
          Thread.sleep(2000);
          return;
        }
      }
      Thread.sleep(100);
    }
  }

  private static double run(Path work, Path corpus, String mode, int round, Pipeline.Extraction extraction)
      throws Exception {
    IngestionConfig cfg = config(work, mode);
    Path dbFile = work.resolve("bench-" + mode + "-" + round + ".db");
    DatabaseConfig dbc = DatabaseConfig.sqlite("jdbc:sqlite:" + dbFile);
    try (Database db = Database.open(dbc, Clock.systemUTC())) {
      Pipeline pipeline = new Pipeline(db, cfg.pipeline(), List.of(), extraction);
      FileSystemSource source = new FileSystemSource("bench", FileSystemSourceConfig.of(corpus));
      pipeline.sources().registerAdHoc(source);
      // The warm pool starts ahead of need, as in a worker that is already running; start-up is measured apart.
      Thread.sleep(3000);
      while (extraction.parser() instanceof IsolatedDocumentParser pool && !pool.warm()) {
        Thread.sleep(100);
      }
      long t0 = System.nanoTime();
      Worker worker = pipeline.newWorker("bench");
      worker.start();
      long discovered = pipeline.discover(source, "bench", n -> worker.wake()).discovered();
      worker.wake();
      while (pipeline.queue().activeCount() > 0) {
        Thread.sleep(20);
      }
      worker.close();
      double rate = discovered / secs(t0);
      System.out.printf(Locale.ROOT, "%-10s %s: %.1f docs/s (%,d completed, %,d dead-lettered)%n", mode,
          round < 0 ? "warm-up " : "round " + round, rate, pipeline.stats().completed(), pipeline.stats().deadLettered());
      return rate;
    }
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
