package dev.ingestion.bench;

import dev.ingestion.cli.Wiring;
import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.pipeline.DiscoveryResult;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.Worker;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Corpus;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

/**
 * End-to-end throughput on a generated mixed corpus, beside raw Tika parse-only throughput on the same
 * files with the same number of threads, measured in the same run. Prints figures; asserts nothing.
 *
 * <p>Usage: {@code EndToEndBenchmark [docs] [threads] [workdir]} (defaults 2000, pipeline default, ./bench/out).
 */
public final class EndToEndBenchmark {
  private EndToEndBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    IngestionConfig cfg = new ConfigLoader(Map.of()).fromMap(Map.of(), null);
    int threads = args.length > 1 && !args[1].isEmpty() ? Integer.parseInt(args[1]) : cfg.pipeline().concurrency();
    Path work = Path.of(args.length > 2 ? args[2] : "bench/out").toAbsolutePath();
    Path corpus = work.resolve("corpus");
    deleteTree(work);
    Files.createDirectories(corpus);

    long g0 = System.nanoTime();
    List<Path> files = Corpus.generate(corpus, docs, 42L);
    long bytes = files.stream().mapToLong(EndToEndBenchmark::size).sum();
    System.out.printf(Locale.ROOT, "corpus: %,d files, %.1f MB, generated in %.1f s; threads %d; max heap %d MB%n",
        files.size(), bytes / 1e6, secs(g0), threads, Runtime.getRuntime().maxMemory() >> 20);

    rawTika(files.subList(0, Math.min(100, files.size())), threads);
    resetPeaks();
    long t0 = System.nanoTime();
    long rawOk = rawTika(files, threads);
    double rawSecs = secs(t0);
    long rawHeap = peakHeapMb();
    System.out.printf(Locale.ROOT, "raw Tika parse-only: %.2f s, %.1f docs/s, %.2f MB/s (%,d parsed ok), peak heap %d MB%n",
        rawSecs, files.size() / rawSecs, bytes / 1e6 / rawSecs, rawOk, rawHeap);

    DatabaseConfig dbc = DatabaseConfig.sqlite("jdbc:sqlite:" + work.resolve("bench.db"));
    try (Database db = Database.open(dbc, Clock.systemUTC())) {
      Pipeline pipeline = Wiring.pipeline(cfg.withDatabase(dbc).withPipeline(cfg.pipeline().withConcurrency(threads)), db);
      FileSystemSource source = new FileSystemSource("bench", FileSystemSourceConfig.of(corpus));
      resetPeaks();
      long p0 = System.nanoTime();
      DiscoveryResult first = run(pipeline, source);
      double firstSecs = secs(p0);
      long pipeHeap = peakHeapMb();
      System.out.printf(Locale.ROOT, "pipeline first run: %.2f s, %.1f docs/s, %.2f MB/s, %,d completed, %,d dead-lettered %s,"
              + " %,d chunks, peak heap %d MB%n", firstSecs, first.discovered() / firstSecs, bytes / 1e6 / firstSecs,
          pipeline.stats().completed(), pipeline.stats().deadLettered(), pipeline.stats().deadLetteredByCategory(),
          pipeline.stats().chunks(), pipeHeap);
      long r0 = System.nanoTime();
      DiscoveryResult again = run(pipeline, source);
      double rerunSecs = secs(r0);
      System.out.printf(Locale.ROOT, "pipeline re-run (unchanged): %.3f s, %,d unchanged, %,d queued%n",
          rerunSecs, again.unchanged(), again.changed() + again.added());
      System.out.printf(Locale.ROOT, "%nratio pipeline/raw docs/s: %.2fx   re-run/first-run time: %.1f%%%n",
          (first.discovered() / firstSecs) / (files.size() / rawSecs), 100 * rerunSecs / firstSecs);
      hugeDocument(pipeline, work);
    }
  }

  /** One 200 MB single-line text file: extraction stops at max_chars, the heap stays bounded. */
  private static void hugeDocument(Pipeline pipeline, Path work) throws Exception {
    Path folder = Files.createDirectories(work.resolve("huge"));
    Path file = folder.resolve("one-line-200mb.txt");
    byte[] line = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(1000).getBytes();
    try (var out = Files.newOutputStream(file)) {
      for (long written = 0; written < 200L << 20; written += line.length) {
        out.write(line);
      }
    }
    FileSystemSource source = new FileSystemSource("huge",
        new FileSystemSourceConfig(folder, List.of("**"), List.of(), 1L << 30, false));
    resetPeaks();
    long h0 = System.nanoTime();
    run(pipeline, source);
    double secs = secs(h0);
    System.out.printf(Locale.ROOT, "huge document (200 MB, one line): %.2f s, peak heap %d MB, max heap %d MB,"
            + " completed %d, dead-lettered %s%n", secs, peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20,
        pipeline.stats().completed(), pipeline.stats().deadLetteredByCategory());
  }

  private static DiscoveryResult run(Pipeline pipeline, FileSystemSource source) throws InterruptedException {
    pipeline.sources().registerAdHoc(source);
    Worker worker = pipeline.newWorker("bench");
    worker.start();
    DiscoveryResult r = pipeline.discover(source, "bench", n -> worker.wake());
    worker.wake();
    while (pipeline.queue().activeCount() > 0) {
      Thread.sleep(20);
    }
    worker.close();
    return r;
  }

  /** Plain Tika: AutoDetectParser into a text handler, no limits, no storage. */
  static long rawTika(List<Path> files, int threads) throws Exception {
    Parser parser = new AutoDetectParser();
    AtomicLong ok = new AtomicLong();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = files.stream().map(f -> pool.submit(() -> {
        try (InputStream in = TikaInputStream.get(f)) {
          parser.parse(in, new BodyContentHandler(-1), new Metadata(), new ParseContext());
          ok.incrementAndGet();
        } catch (Exception | OutOfMemoryError e) {
          // hostile files fail here too; the baseline counts only time
        }
      })).<Future<?>>map(x -> x).toList();
      for (Future<?> fu : futures) {
        fu.get();
      }
    }
    return ok.get();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return 0;
    }
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
