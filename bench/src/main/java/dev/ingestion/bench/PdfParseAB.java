package dev.ingestion.bench;

import dev.ingestion.parse.FontReadingPdfParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Tika's own PDF parser against the pipeline's ({@code FontReadingPdfParser}: PDFBox's parser with one
 * cross-reference key index per document, fonts kept for the whole document), in one JVM, file by file:
 * each round parses every PDF of a folder with both, the order of the two swapped from round to round, so
 * that the machine's drift and the JIT's warming hit both alike. No OCR, the whole text kept; each text is
 * hashed and the two must agree. Prints each round's sums, the median per file of the slowest files, and
 * the ratio. Run it in a JVM set up as a parser child is ({@code bench/run-pdf-parse.sh}).
 *
 * <p>Usage: {@code PdfParseAB FOLDER [rounds]} (default 3).
 */
public final class PdfParseAB {
  private PdfParseAB() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Path> pdfs;
    try (Stream<Path> s = Files.walk(folder)) {
      pdfs = s.filter(Files::isRegularFile).filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".pdf"))
          .sorted().toList();
    }
    Map<Path, long[][]> ms = new LinkedHashMap<>(); // file -> [variant][round]
    for (Path pdf : pdfs) {
      ms.put(pdf, new long[2][rounds]);
    }
    int differing = 0;
    int failed = 0;
    for (int r = 0; r < rounds; r++) {
      long[] sum = new long[2];
      for (Path pdf : pdfs) {
        String[] hash = new String[2];
        for (int k = 0; k < 2; k++) {
          int variant = (r % 2 == 0) ? k : 1 - k;
          long t0 = System.nanoTime();
          hash[variant] = parse(variant == 0 ? new PDFParser() : new FontReadingPdfParser(), pdf);
          long took = (System.nanoTime() - t0) / 1_000_000;
          ms.get(pdf)[variant][r] = took;
          sum[variant] += took;
        }
        if (r > 0) {
          continue; // the texts are compared in the first round
        }
        if (hash[0] == null || hash[1] == null) {
          failed++;
        } else if (!hash[0].equals(hash[1])) {
          differing++;
          System.out.println("text differs: " + pdf);
        }
      }
      System.out.printf(Locale.ROOT, "round %d  tika's PDF parser %7.1f s   pipeline's %7.1f s   ratio %.2f%n",
          r + 1, sum[0] / 1000.0, sum[1] / 1000.0, (double) sum[0] / sum[1]);
    }
    List<Path> slowest = new ArrayList<>(pdfs);
    slowest.sort((a, b) -> Long.compare(median(ms.get(b)[0]), median(ms.get(a)[0])));
    System.out.println("slowest files, median ms over the rounds (tika's / pipeline's):");
    for (Path pdf : slowest.subList(0, Math.min(8, slowest.size()))) {
      long[][] t = ms.get(pdf);
      System.out.printf(Locale.ROOT, "  %8d / %8d  %s%n", median(t[0]), median(t[1]), folder.relativize(pdf));
    }
    long[] total = new long[2];
    for (long[][] t : ms.values()) {
      total[0] += median(t[0]);
      total[1] += median(t[1]);
    }
    System.out.printf(Locale.ROOT, "%d PDFs, %d rounds; sum of per-file medians: tika's %.1f s, pipeline's %.1f s,"
        + " ratio %.2f; texts differing: %d; failing with either: %d%n", pdfs.size(), rounds, total[0] / 1000.0,
        total[1] / 1000.0, (double) total[0] / total[1], differing, failed);
  }

  /** The SHA-256 of the text {@code parser} gets out of {@code pdf}, or null if it fails. */
  private static String parse(Parser parser, Path pdf) {
    ParseContext context = new ParseContext();
    PDFParserConfig config = new PDFParserConfig();
    config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(PDFParserConfig.class, config);
    BodyContentHandler text = new BodyContentHandler(-1);
    try (TikaInputStream in = TikaInputStream.get(pdf)) {
      parser.parse(in, text, new Metadata(), context);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception | StackOverflowError e) {
      return null;
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
