package dev.ingestion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The raw Tika baseline of {@code bench/run-corpus.sh}: every regular file under a folder through one
 * shared {@code AutoDetectParser} into a text handler on a fixed pool of threads, nothing stored, no
 * limits, no warm-up (the script times the whole command, as it times {@code ingestion ingest}).
 *
 * <p>Usage: {@code RawTikaCorpus FOLDER [threads]} (default 2).
 */
public final class RawTikaCorpus {
  private RawTikaCorpus() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += size(f);
    }
    long parsed = EndToEndBenchmark.rawTika(files, threads);
    System.out.printf(Locale.ROOT, "raw tika: files=%d parsed=%d bytes=%d threads=%d%n",
        files.size(), parsed, bytes, threads);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
