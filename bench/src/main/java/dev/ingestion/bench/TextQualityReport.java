package dev.ingestion.bench;

import dev.ingestion.chunk.ChunkUnit;
import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.testkit.SearchLabels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;

/**
 * How retrievable the text of a real corpus is: parses every file of the given folders as the pipeline
 * does (in process), chunks it with the default chunker, and compares the words with raw Tika's text of
 * the same file. Prints, per format and overall: words glued across a lost line break per 1,000 words
 * (a word of ours that raw Tika has as two words), chunks that are page furniture or navigation, chunks
 * holding a "¶" permalink sign, chunks under 100 characters (of documents with 100 characters or more;
 * shorter documents are counted apart as "short"), chunks with a heading path, documents with
 * a language (of those with 20 letters or more; documents with fewer, such as a hash or a one-word test
 * file, are counted apart as "no-words"); the time spent parsing and chunking; and the search quality
 * tests' top-3 hit rate over the project's documentation chunked the same way ({@link ProjectDocsSearch}).
 * Asserts nothing.
 *
 * <p>Usage: {@code TextQualityReport [--max-files N] [--no-raw] [--no-search] [--tokens N] folder...}. With
 * {@code --tokens N} chunk sizes count MiniLM tokens (N, overlap N/8, minimum N/5). {@code --no-raw}
 * skips the comparison with raw Tika and times only the pipeline's own parse and chunk; {@code --no-search}
 * skips the search measure, which needs the project's README.md and docs/ in the working directory.
 */
public final class TextQualityReport {
  private static final Set<String> SKIPPED = Set.of("png", "gif", "jpg", "jpeg", "svg", "ico", "css", "js", "woff",
      "woff2", "ttf", "map", "inv", "pickle", "doctree");
  private static final Pattern FURNITURE_LINE = Pattern.compile("(?i)[\\s»«|:·•\\-–—()\\[\\]]*("
      + "previous|next|up|home|index|modules|navigation|table of contents|quick search|show source|report a bug"
      + "|this page|search|go|skip to (main )?content|back to top|page \\d+( of \\d+)?|\\d{1,4}|[ivx]{1,6}"
      + "|previous topic|next topic|edit on github|view page source)[\\s»«|:·•\\-–—()\\[\\]]*");

  /** Fewer letters than this in the whole text (a hash, a file name, "test"): no language to detect. */
  private static final int NO_WORDS_LETTERS = 20;
  /** A chunk shorter than this is tiny; a document whose whole text is shorter can give nothing else. */
  private static final int TINY_CHARS = 100;

  private TextQualityReport() {}

  private static long letters(String s) {
    return s.codePoints().filter(Character::isLetter).count();
  }

  /** Counts for one format. */
  private static final class Tally {
    long docs;
    long failed;
    long withLanguage;
    long noWords;
    long words;
    long glued;
    long chunks;
    long furniture;
    long permalink;
    long tiny;
    long shortDocs;
    long shortDocChunks;
    long headed;
    long nanos;
  }

  public static void main(String[] args) throws Exception {
    int maxFiles = Integer.MAX_VALUE;
    boolean raw = true;
    boolean search = true;
    ChunkerConfig chunking = ChunkerConfig.DEFAULT;
    List<Path> roots = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--max-files" -> maxFiles = Integer.parseInt(args[++i]);
        case "--no-raw" -> raw = false;
        case "--no-search" -> search = false;
        case "--tokens" -> {
          int n = Integer.parseInt(args[++i]);
          chunking = new ChunkerConfig(n, n / 8, n / 5, ChunkUnit.TOKENS);
        }
        default -> roots.add(Path.of(args[i]));
      }
    }
    List<Path> files = files(roots, maxFiles);
    TikaDocumentParser parser = new TikaDocumentParser(ParseLimits.DEFAULT);
    AutoDetectParser rawParser = raw ? new AutoDetectParser() : null;
    RecursiveChunker chunker = new RecursiveChunker(chunking);
    System.out.println("chunking: " + chunking);
    Map<String, Tally> byFormat = new TreeMap<>();
    long started = System.nanoTime();
    for (Path file : files) {
      measure(file, parser, rawParser, chunker, byFormat);
    }
    print(files.size(), byFormat, System.nanoTime() - started, raw);
    if (search) {
      ProjectDocsSearch.Rates rates = ProjectDocsSearch.measure(Path.of("").toAbsolutePath(), chunker);
      System.out.printf("search over the project's docs (%d labelled questions, SearchLabels): keyword %s;"
          + " hybrid %s%n", rates.keyword().questions(), rates.keyword().summary(SearchLabels.TOP),
          rates.hybrid().summary(SearchLabels.TOP));
      rates.hybrid().misses().forEach(m -> System.out.println("  hybrid miss: " + m));
    }
  }

  private static void measure(Path file, TikaDocumentParser parser, AutoDetectParser rawParser,
      RecursiveChunker chunker, Map<String, Tally> byFormat) {
    long t0 = System.nanoTime();
    ExtractedDocument doc;
    List<Chunk> chunks;
    try {
      doc = parser.parse(file, file.getFileName().toString(), Files.size(file));
      chunks = chunker.chunk(doc);
    } catch (DocumentException | IOException e) {
      byFormat.computeIfAbsent("(failed)", k -> new Tally()).failed++;
      return;
    }
    long spent = System.nanoTime() - t0;
    Tally t = byFormat.computeIfAbsent(format(doc.metadata().mimeType()), k -> new Tally());
    t.docs++;
    t.nanos += spent;
    boolean language = doc.metadata().language() != null;
    t.withLanguage += language ? 1 : 0;
    t.noWords += !language && letters(doc.text()) < NO_WORDS_LETTERS ? 1 : 0;
    boolean shortDoc = doc.text().strip().length() < TINY_CHARS;
    t.shortDocs += shortDoc ? 1 : 0;
    for (Chunk c : chunks) {
      t.chunks++;
      t.tiny += !shortDoc && c.text().length() < TINY_CHARS ? 1 : 0;
      t.shortDocChunks += shortDoc ? 1 : 0;
      t.headed += c.headingPath().isEmpty() ? 0 : 1;
      t.permalink += c.text().contains("¶") || String.join(" ", c.headingPath()).contains("¶") ? 1 : 0;
      t.furniture += isFurniture(c.text()) ? 1 : 0;
    }
    if (rawParser != null) {
      compareWords(doc.text(), rawText(rawParser, file), t, file);
    }
  }

  /** A chunk most of whose lines are navigation words, page numbers or similar furniture. */
  static boolean isFurniture(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    long furniture = lines.stream().filter(l -> FURNITURE_LINE.matcher(l).matches()).count();
    return !lines.isEmpty() && furniture * 2 >= lines.size();
  }

  /**
   * A word of ours is glued when raw Tika does not have it but has its two halves as words, unless raw
   * Tika's text splits it with a hyphen at a line end ("inter-" then "national"): that word is joined on
   * purpose (dehyphenation, with or without its hyphen), not glued. With INGESTION_SHOW_GLUED set, each
   * glued word is printed.
   */
  private static void compareWords(String ours, String raw, Tally t, Path file) {
    Set<String> rawWords = new HashSet<>(words(raw));
    Set<String> lineEndJoins = new HashSet<>();
    Matcher m = LINE_END_HYPHEN.matcher(raw);
    while (m.find()) {
      lineEndJoins.add(m.group(1) + m.group(2));
      lineEndJoins.add(m.group(1) + "-" + m.group(2));
    }
    for (String w : words(ours)) {
      t.words++;
      if (!rawWords.contains(w) && !lineEndJoins.contains(w) && splitsIntoTwo(w, rawWords)) {
        t.glued++;
        if (SHOW_GLUED) {
          System.out.println("glued: " + w + "  (" + file + ")");
        }
      }
    }
  }

  private static final Pattern LINE_END_HYPHEN = Pattern.compile("(\\p{L}+)[-\u00AD][ \t]*\\R\\s*(\\p{L}+)");
  private static final boolean SHOW_GLUED = System.getenv("INGESTION_SHOW_GLUED") != null;

  private static boolean splitsIntoTwo(String word, Set<String> words) {
    for (int i = 2; i <= word.length() - 2; i++) {
      if (words.contains(word.substring(0, i)) && words.contains(word.substring(i))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("(?U)[\\s|\u00AD]+"))
        .map(w -> w.replaceAll("^[\\p{Punct}“”‘’]+|[\\p{Punct}“”‘’]+$", ""))
        .filter(w -> w.length() > 1).toList();
  }

  /**
   * Tika's text without OCR, as the pipeline's default: out of the box Tika runs Tesseract (when installed)
   * on every image of every PDF, which took most of the report's time and adds text the pipeline never sees.
   */
  private static final TesseractOCRConfig NO_OCR = new TesseractOCRConfig();

  static {
    NO_OCR.setSkipOcr(true);
  }

  private static String rawText(AutoDetectParser rawParser, Path file) {
    // as much text as the pipeline keeps at most (pipeline.parse.max_chars), so one huge file cannot fill the heap
    BodyContentHandler handler = new BodyContentHandler(ParseLimits.DEFAULT.maxChars());
    ParseContext context = new ParseContext();
    context.set(TesseractOCRConfig.class, NO_OCR);
    try (InputStream in = TikaInputStream.get(file)) {
      rawParser.parse(in, handler, new Metadata(), context);
    } catch (Exception | LinkageError e) {
      return handler.toString();
    }
    return handler.toString();
  }

  private static String format(String mime) {
    if (mime == null) {
      return "other";
    }
    if (mime.equals("application/pdf")) {
      return "pdf";
    }
    if (mime.contains("html")) {
      return "html";
    }
    if (mime.contains("officedocument") || mime.contains("msword") || mime.contains("ms-excel")
        || mime.contains("ms-powerpoint") || mime.contains("outlook") || mime.contains("rtf")) {
      return "office";
    }
    return mime.startsWith("text/") || mime.contains("gzip") ? "text" : "other";
  }

  private static List<Path> files(List<Path> roots, int max) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(Files::isRegularFile).filter(p -> !SKIPPED.contains(extension(p))).sorted().forEach(out::add);
      }
    }
    return out.size() > max ? out.subList(0, max) : out;
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static void print(int files, Map<String, Tally> byFormat, long wallNanos, boolean raw) {
    System.out.printf(Locale.ROOT, "files: %,d; wall %.1f s%n", files, wallNanos / 1e9);
    System.out.printf(Locale.ROOT, "%-9s %6s %6s %8s %8s %9s %9s %9s %6s %9s %8s %8s %9s%n", "format", "docs", "failed",
        "chunks", raw ? "glued/1k" : "-", "furniture", "permalink", "<100ch", "short", "headed", "language", "no-words",
        "ms/doc");
    System.out.println("(<100ch: share of the chunks of documents whose whole text has 100 characters or more; short:"
        + " documents with less, which can only give one small chunk; language: share of the documents with 20"
        + " letters or more; no-words: documents with fewer, left out of that share)");
    Tally all = new Tally();
    byFormat.forEach((format, t) -> {
      row(format, t, raw);
      add(all, t);
    });
    row("all", all, raw);
  }

  private static void row(String format, Tally t, boolean raw) {
    System.out.printf(Locale.ROOT, "%-9s %6d %6d %8d %8s %8.1f%% %8.1f%% %8.1f%% %6d %8.1f%% %7.1f%% %8d %9.1f%n",
        format, t.docs, t.failed, t.chunks, raw ? String.format(Locale.ROOT, "%.2f", per(t.glued * 1000, t.words)) : "-",
        per(t.furniture * 100, t.chunks), per(t.permalink * 100, t.chunks), per(t.tiny * 100, t.chunks - t.shortDocChunks),
        t.shortDocs,
        per(t.headed * 100, t.chunks), per(t.withLanguage * 100, t.docs - t.noWords), t.noWords, per(t.nanos / 1e6, t.docs));
  }

  private static double per(double a, long b) {
    return b == 0 ? 0 : a / b;
  }

  private static void add(Tally all, Tally t) {
    all.docs += t.docs;
    all.failed += t.failed;
    all.withLanguage += t.withLanguage;
    all.noWords += t.noWords;
    all.words += t.words;
    all.glued += t.glued;
    all.chunks += t.chunks;
    all.furniture += t.furniture;
    all.permalink += t.permalink;
    all.tiny += t.tiny;
    all.shortDocs += t.shortDocs;
    all.shortDocChunks += t.shortDocChunks;
    all.headed += t.headed;
    all.nanos += t.nanos;
  }
}
