package dev.ingestion.bench;

import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * The raw Tika baseline of {@code bench/run-corpus.sh}: every regular file under a folder through one
 * shared {@code AutoDetectParser} into a text handler on a fixed pool of threads, nothing stored, no
 * warm-up (the script times the whole command, as it times {@code ingestion ingest}).
 *
 * <p>Three baselines. {@code same} (the default) does the work {@code ingestion ingest} does per file with
 * its default limits, and no more: the same Tika configuration (no OCR, no external programs, and the
 * pipeline's own PDF and plain-text parsers), the file name given to detection, embedded documents at most
 * 5 deep and 1,000 per file, the compression-ratio guard at 100, at most 10,000,000 characters kept, files
 * over 100 MB skipped. {@code stock} keeps those limits but runs Tika's own parsers and detection as they
 * ship, without the parsers that run external programs: raw Tika on a machine without Tesseract.
 * {@code plain} is Tika out of the box: every parser found on the class path (Tesseract OCR included when
 * it is installed), no limits; it unpacks every archive to the end and reads images.
 *
 * <p>Usage: {@code RawTikaCorpus FOLDER [threads] [same|stock|plain]} (default 2 threads, {@code same}).
 */
public final class RawTikaCorpus {
  private RawTikaCorpus() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    String mode = args.length > 2 ? args[2] : "same";
    if (!List.of("same", "stock", "plain").contains(mode)) {
      throw new IllegalArgumentException("baseline: same, stock or plain, not " + mode);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += size(f);
    }
    long parsed = switch (mode) {
      case "same" -> withLimits(files, threads, ParseLimits.DEFAULT, configuration(dev.ingestion.parse.DocumentParser.class,
          "tika-config.xml"));
      case "stock" -> withLimits(files, threads, ParseLimits.DEFAULT, configuration(RawTikaCorpus.class,
          "tika-config-stock.xml"));
      default -> EndToEndBenchmark.rawTika(files, threads);
    };
    System.out.printf(Locale.ROOT, "raw tika (%s): files=%d parsed=%d bytes=%d threads=%d%n", mode, files.size(), parsed,
        bytes, threads);
  }

  private static TikaConfig configuration(Class<?> beside, String name) throws Exception {
    try (InputStream in = beside.getResourceAsStream(name)) {
      return new TikaConfig(in);
    }
  }

  private static long withLimits(List<Path> files, int threads, ParseLimits limits, TikaConfig tika) throws Exception {
    AutoDetectParser parser = new AutoDetectParser(tika);
    parser.setAutoDetectParserConfig(TikaDocumentParser.autoDetectConfig(limits));
    AtomicLong ok = new AtomicLong();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = files.stream().map(f -> pool.submit(() -> {
        if (size(f) > limits.maxDocumentBytes()) {
          return;
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, f.getFileName().toString());
        // as the pipeline's: it names the configuration, so attachments start no probe processes
        ParseContext context = TikaDocumentParser.context(tika, parser, tika.getEncodingDetector());
        context.set(EmbeddedDocumentExtractor.class,
            new Bounded(context, limits.maxEmbeddedDepth(), limits.maxEmbeddedCount()));
        try (InputStream in = TikaInputStream.get(f)) {
          parser.parse(in, new BodyContentHandler(limits.maxChars()), metadata, context);
          ok.incrementAndGet();
        } catch (Exception | OutOfMemoryError e) {
          // the write limit, hostile files: the baseline counts only time
        }
      })).<Future<?>>map(x -> x).toList();
      for (Future<?> fu : futures) {
        fu.get();
      }
    }
    return ok.get();
  }

  /** Embedded documents no deeper and no more per file than the pipeline's limits allow. */
  private static final class Bounded implements EmbeddedDocumentExtractor {
    private final ParsingEmbeddedDocumentExtractor delegate;
    private final int maxDepth;
    private final int maxCount;
    private int depth;
    private int count;

    Bounded(ParseContext context, int maxDepth, int maxCount) {
      this.delegate = new ParsingEmbeddedDocumentExtractor(context);
      this.maxDepth = maxDepth;
      this.maxCount = maxCount;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      return depth < maxDepth && count < maxCount && delegate.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
        throws SAXException, IOException {
      count++;
      depth++;
      try {
        delegate.parseEmbedded(stream, handler, metadata, outputHtml);
      } finally {
        depth--;
      }
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
