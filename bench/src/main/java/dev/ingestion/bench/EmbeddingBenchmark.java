package dev.ingestion.bench;

import dev.ingestion.cli.Wiring;
import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.embed.Embedders;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.Worker;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedding stage: raw model throughput (chunks/s with 1 and 2 threads over the corpus's real
 * chunks, batches of 32), then the pipeline on the same corpus without and with embeddings (the stage's
 * share of the time), then a re-ingest after editing 10 % of the files (vectors reused vs computed).
 * Prints figures; asserts nothing.
 *
 * <p>Usage: {@code EmbeddingBenchmark [docs] [threads]} (defaults 500, pipeline default).
 */
public final class EmbeddingBenchmark {
  private EmbeddingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    IngestionConfig cfg = new ConfigLoader(Map.of()).fromMap(Map.of(), null);
    int threads = args.length > 1 && !args[1].isEmpty() ? Integer.parseInt(args[1]) : cfg.pipeline().concurrency();
    cfg = cfg.withPipeline(cfg.pipeline().withConcurrency(threads));
    Path work = Files.createDirectories(Path.of("bench/out/embeddings").toAbsolutePath());
    Path corpus = work.resolve("corpus");
    deleteTree(corpus);
    Files.createDirectories(corpus);
    List<Path> files = Corpus.generate(corpus, docs, 42L);
    System.out.printf(Locale.ROOT, "corpus: %,d files; pipeline threads %d; %d cores%n", files.size(), threads,
        Runtime.getRuntime().availableProcessors());

    double plain = ingest(cfg, work.resolve("plain.db"), corpus, "without embeddings");
    EmbeddingConfig on = new EmbeddingConfig(true, null, 32);
    double embedded = ingest(cfg.withEmbeddings(on), work.resolve("embedded.db"), corpus, "with embeddings");
    System.out.printf(Locale.ROOT, "embedding share of pipeline wall time: %.0f%%%n", 100 * (embedded - plain) / embedded);

    List<String> texts = chunkTexts(work.resolve("plain.db"));
    Embedder embedder = Embedders.load(on).orElseThrow();
    embedder.embed(texts.subList(0, Math.min(64, texts.size())));
    for (int t : new int[] {1, 2}) {
      long t0 = System.nanoTime();
      embedAll(embedder, texts, t);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "model alone, %d thread(s): %,d chunks in %.1f s = %.0f chunks/s%n", t, texts.size(),
          secs, texts.size() / secs);
    }

    for (int i = 0; i < files.size(); i += 10) {
      Files.writeString(files.get(i), "\n\nAn added closing paragraph " + i + ".\n", StandardOpenOption.APPEND);
    }
    ingest(cfg.withEmbeddings(on), work.resolve("embedded.db"), corpus, "re-ingest after editing 10 % of the files");
    System.exit(0);
  }

  private static double ingest(IngestionConfig cfg, Path file, Path corpus, String label) throws Exception {
    if (!label.startsWith("re-ingest")) {
      for (String s : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(Path.of(file + s));
      }
    }
    DatabaseConfig dbc = DatabaseConfig.sqlite("jdbc:sqlite:" + file);
    try (Database db = Database.open(dbc, Clock.systemUTC())) {
      Pipeline pipeline = Wiring.pipeline(cfg.withDatabase(dbc), db);
      FileSystemSource source = new FileSystemSource("bench", FileSystemSourceConfig.of(corpus));
      pipeline.sources().registerAdHoc(source);
      long t0 = System.nanoTime();
      try (Worker worker = pipeline.newWorker("bench")) {
        worker.start();
        pipeline.discover(source, "bench", n -> worker.wake());
        worker.wake();
        while (pipeline.queue().activeCount() > 0) {
          Thread.sleep(20);
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      var s = pipeline.stats();
      System.out.printf(Locale.ROOT, "pipeline %s: %.1f s, %,d documents, %,d chunks; embeddings computed %,d, reused %,d,"
              + " embedding stage %.1f s of thread time%n", label, secs, s.completed(), s.chunks(), s.embeddingsComputed(),
          s.embeddingsReused(), s.embeddingTime().toMillis() / 1e3);
      return secs;
    }
  }

  private static List<String> chunkTexts(Path file) {
    try (Database db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + file), Clock.systemUTC())) {
      return db.withConnection(c -> db.sql(c).query("SELECT text FROM current_chunks ORDER BY id", rs -> rs.getString(1)));
    }
  }

  private static void embedAll(Embedder embedder, List<String> texts, int threads) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int from = 0; from < texts.size(); from += 32) {
        List<String> batch = texts.subList(from, Math.min(texts.size(), from + 32));
        futures.add(pool.submit(() -> embedder.embed(batch)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
