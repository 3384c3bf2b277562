package dev.ingestion.parse;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.UnsupportedFormatException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.HtmlMapper;
import org.apache.tika.parser.html.IdentityHtmlMapper;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.SAXException;

/**
 * Apache Tika behind {@link DocumentParser}: auto-detected format, structure kept (headings, pages),
 * embedded documents parsed within limits, zip bombs refused, a wall-clock limit per document, and every
 * failure classified here into a {@link FailureCategory}. One instance is shared by all worker threads.
 */
public final class TikaDocumentParser implements DocumentParser {
  private static final ExecutorService PARSE_THREADS = Executors.newCachedThreadPool(
      r -> Thread.ofPlatform().daemon().name("tika-parse-", 0).unstarted(r));

  /** Archive formats recognised but not opened here: no text in them is a format we lack, not an empty file. */
  private static final java.util.Map<String, String> UNOPENED_ARCHIVES = java.util.Map.of(
      "application/x-rar-compressed", "RAR", "application/vnd.rar", "RAR",
      "application/x-7z-compressed", "7z (with a compression method not available here)",
      "application/vnd.ms-cab-compressed", "CAB", "application/x-apple-diskimage", "Apple disk image (DMG)",
      "application/zstd", "Zstandard (zstd)", "application/x-zstd", "Zstandard (zstd)");

  /**
   * Entity references an XML document may expand: Tika allows 20, which refuses real documents such as the
   * W3C's own XML specification (its DTD declares entities it uses throughout); an entity-expansion bomb
   * needs millions and is still refused.
   */
  static final int MAX_ENTITY_EXPANSIONS = 10_000;

  private final ParseLimits limits;
  private final TikaConfig tika;
  private final AutoDetectParser parser;
  private final EncodingDetector encoding;
  private final boolean detectLanguage;
  private final boolean timeLimitThread;

  public TikaDocumentParser(ParseLimits limits) {
    this(limits, true, true);
  }

  private TikaDocumentParser(ParseLimits limits, boolean detectLanguage, boolean timeLimitThread) {
    this.limits = limits;
    this.detectLanguage = detectLanguage;
    this.timeLimitThread = timeLimitThread;
    Tesseract.require(limits.ocr(), Tesseract.PROGRAM);
    allowEntityExpansions(MAX_ENTITY_EXPANSIONS);
    this.tika = tikaConfig(limits.ocr().enabled() ? "tika-config-ocr.xml" : "tika-config.xml");
    this.parser = new ResolvedAutoDetectParser(tika);
    this.encoding = CharsetDeclarations.around(tika.getEncodingDetector());
    FastMagic.accelerate(tika.getDetector());
    parser.setDetector(new NameTrustingDetector(tika.getDetector(), tika.getMimeRepository()));
    AutoDetectParserConfig config = autoDetectConfig(limits);
    config.setThrowOnZeroBytes(true);
    parser.setAutoDetectParserConfig(config);
  }

  /**
   * A parser for a parser child. It leaves the language to its parent: the parent's compiled code
   * detects it for a fraction of the child's CPU (see {@link IsolatedDocumentParser}). It parses on the
   * calling thread: the parent enforces the time limit by killing the process, and handing each
   * document to a second thread and back cost two thread wake-ups per document, during which the
   * child's core sat idle.
   */
  static TikaDocumentParser forParserProcess(ParseLimits limits) {
    return new TikaDocumentParser(limits, false, false);
  }

  /**
   * The limits Tika's own detection and unpacking apply for {@code limits}: compression ratio, nesting
   * depth of packages, the size at which a decompressed stream spills to disk.
   */
  public static AutoDetectParserConfig autoDetectConfig(ParseLimits limits) {
    AutoDetectParserConfig config = new AutoDetectParserConfig();
    config.setMaximumCompressionRatio(limits.maxCompressionRatio());
    config.setMaximumDepth(200);
    config.setMaximumPackageEntryDepth(Math.max(1, limits.maxEmbeddedDepth()));
    config.setOutputThreshold(1_000_000L);
    return config;
  }

  /** Every standard parser except those that run external programs, and except OCR unless it is enabled. */
  private static TikaConfig tikaConfig(String resource) {
    try (InputStream in = TikaDocumentParser.class.getResourceAsStream(resource)) {
      return new TikaConfig(in);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the bundled " + resource, e);
    }
  }

  /** OCR on: Tesseract reads images, and the PDF pages that have (almost) no text of their own. */
  private void ocrSettings(ParseContext context) {
    if (!limits.ocr().enabled()) {
      return;
    }
    TesseractOCRConfig tesseract = new TesseractOCRConfig();
    tesseract.setLanguage(limits.ocr().tesseractLanguages());
    context.set(TesseractOCRConfig.class, tesseract);
    PDFParserConfig pdf = new PDFParserConfig();
    pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
    context.set(PDFParserConfig.class, pdf);
  }

  /**
   * Tika's pooled XML parsers take the limit when they are made, and the pool is made when Tika's class is
   * first used: the limit is set, then the pool made again at its size.
   */
  private static synchronized void allowEntityExpansions(int max) {
    if (XMLReaderUtils.getMaxEntityExpansions() == max) {
      return;
    }
    XMLReaderUtils.setMaxEntityExpansions(max);
    int size = XMLReaderUtils.getPoolSize();
    try {
      XMLReaderUtils.setPoolSize(size + 1);
      XMLReaderUtils.setPoolSize(size);
    } catch (TikaException e) {
      throw new IllegalStateException("cannot set up Tika's XML parsers: " + e.getMessage(), e);
    }
  }

  public ParseLimits limits() {
    return limits;
  }

  @Override
  public ExtractedDocument parse(InputStream content, String fileName, long declaredSize) {
    return withLanguageIf(
        withTimeLimit(() -> parseNow(TikaInputStream.get(new NonClosingStream(content)), fileName, declaredSize)));
  }

  @Override
  public ExtractedDocument parse(java.nio.file.Path file, String fileName, long declaredSize) {
    return withLanguageIf(withTimeLimit(() -> parseNow(TikaInputStream.get(file), fileName, declaredSize)));
  }

  private ExtractedDocument withLanguageIf(ExtractedDocument d) {
    return detectLanguage ? withLanguage(d) : d;
  }

  /**
   * The language the text is written in; the one the document declares only when the text does not tell.
   * Outside the document's time limit: loading a language model is our cost, never the document's.
   */
  static ExtractedDocument withLanguage(ExtractedDocument d) {
    String detected = LanguageDetection.detect(d.text(), d.blocks());
    DocumentMetadata m = d.metadata();
    String declared = m.language() == null ? null : m.language().split("[-_]")[0].toLowerCase(Locale.ROOT);
    DocumentMetadata meta = new DocumentMetadata(m.mimeType(), m.title(), m.author(), m.pageCount(),
        detected != null ? detected : declared, m.created(), m.modified());
    return new ExtractedDocument(d.text(), d.blocks(), meta, d.truncated());
  }

  private ExtractedDocument withTimeLimit(java.util.concurrent.Callable<ExtractedDocument> task) {
    if (!timeLimitThread) {
      return onThisThread(task);
    }
    Future<ExtractedDocument> future = PARSE_THREADS.submit(task);
    try {
      return future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new DocumentException(Stage.PARSE, FailureCategory.PARSE_TIMEOUT, String.format(Locale.ROOT,
          "parsing took longer than the %d s limit (pipeline.parse.timeout); replay with a longer timeout if the file is"
              + " legitimate", limits.timeout().toSeconds()), e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new DocumentException(Stage.PARSE, FailureCategory.INTERNAL, true, "interrupted while parsing", e);
    } catch (CancellationException e) {
      throw new DocumentException(Stage.PARSE, FailureCategory.INTERNAL, true, "parse cancelled", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  /** The task on the calling thread; whatever it throws becomes what the parsing thread's would have. */
  private static ExtractedDocument onThisThread(java.util.concurrent.Callable<ExtractedDocument> task) {
    try {
      return task.call();
    } catch (Throwable t) {
      throw failure(t);
    }
  }

  /**
   * A parse context naming the parser, its configuration, detector and encoding detector: parsers of embedded
   * documents (mail, RTF, OLE) ask the context for them, and without them Tika builds its default
   * configuration anew for each, probing for external programs (tesseract, sox) with new processes.
   */
  public static ParseContext context(TikaConfig tika, AutoDetectParser parser, EncodingDetector encoding) {
    ParseContext context = new ParseContext();
    context.set(Parser.class, parser);
    context.set(TikaConfig.class, tika);
    context.set(Detector.class, parser.getDetector());
    context.set(EncodingDetector.class, encoding);
    return context;
  }

  private static DocumentException failure(Throwable t) {
    return t instanceof DocumentException de ? de : classify(t);
  }

  private ExtractedDocument parseNow(TikaInputStream input, String fileName, long declaredSize) throws Exception {
    Metadata metadata = new Metadata();
    if (fileName != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    }
    ParseContext context = context(tika, parser, encoding);
    long budget = expansionBudget(declaredSize);
    LimitedEmbeddedExtractor embedded =
        new LimitedEmbeddedExtractor(context, limits.maxEmbeddedDepth(), limits.maxEmbeddedCount(), () -> budget);
    context.set(EmbeddedDocumentExtractor.class, embedded);
    // HTML markup (classes, roles, ids) reaches the boilerplate filter instead of being mapped away
    context.set(HtmlMapper.class, IdentityHtmlMapper.INSTANCE);
    ocrSettings(context);
    StructureHandler handler = new StructureHandler(limits.maxChars(), () -> metadata.get(Metadata.CONTENT_TYPE));
    FontReadingPdfParser.FontHeadings fonts =
        new FontReadingPdfParser.FontHeadings(() -> wantsFontHeadings(handler, metadata));
    context.set(FontReadingPdfParser.FontHeadings.class, fonts);
    List<OutlineEntry> fontHeadings = List.of();
    try (TikaInputStream in = input) {
      parser.parse(in, fonts.readingAtEnd(new BoilerplateFilter(handler)), metadata, context);
      fontHeadings = fonts.headings();
    } catch (Exception e) {
      if (embedded.tooLarge() != null) {
        throw tooLarge(embedded.tooLarge(), e);
      }
      // Parsers wrap our stop signal in their own exceptions; having hit the limit is what counts.
      if (!handler.truncated()) {
        throw e;
      }
      handler.flush();
    }
    if (embedded.tooLarge() != null) {
      throw tooLarge(embedded.tooLarge(), null);
    }
    return result(handler, fontHeadings, metadata, fileName, declaredSize, limits.ocr());
  }

  /** Bytes one embedded document may expand to: the compression-ratio budget of the whole file, at least 16 MB. */
  private long expansionBudget(long declaredSize) {
    if (declaredSize <= 0) {
      return Long.MAX_VALUE;
    }
    long ratio = limits.maxCompressionRatio();
    long product = Math.multiplyHigh(declaredSize, ratio) != 0 ? Long.MAX_VALUE : declaredSize * ratio;
    return Math.max(ExpansionGuard.FLOOR_BYTES, product < 0 ? Long.MAX_VALUE : product);
  }

  private DocumentException tooLarge(ExpansionGuard.TooLarge e, Throwable cause) {
    return new DocumentException(Stage.PARSE, FailureCategory.TOO_LARGE, "refused as a probable zip bomb: "
        + e.getMessage() + " (over pipeline.parse.max_compression_ratio " + limits.maxCompressionRatio()
        + " times the file's size)", cause == null ? e : cause);
  }

  /**
   * Whether a PDF without bookmarks gets its headings from its fonts, asked once its text is read: when the
   * document parsed is that PDF (not an archive holding it) and its text has no outline, no numbered
   * headings, something in it and nothing cut off.
   */
  private static boolean wantsFontHeadings(StructureHandler handler, Metadata metadata) {
    String type = metadata.get(Metadata.CONTENT_TYPE);
    return type != null && type.startsWith("application/pdf") && handler.outline().isEmpty() && !handler.truncated()
        && !handler.blocks().isEmpty() && !PdfHeadings.hasNumbered(handler.blocks());
  }

  private static ExtractedDocument result(StructureHandler handler, List<OutlineEntry> fontHeadings, Metadata metadata,
      String fileName, long size, OcrConfig ocr) {
    DocumentMetadata meta = metadata(metadata);
    BlockText extracted = BlockText.of(structure(handler, fontHeadings, meta.mimeType()));
    String text = extracted.text();
    if (text.isBlank()) {
      throw noText(meta.mimeType(), size, ocr, readByNoParser(metadata));
    }
    var blocks = MarkdownStructure.applies(fileName, meta.mimeType()) ? MarkdownStructure.blocks(text) : extracted.blocks();
    return new ExtractedDocument(text, blocks, meta, handler.truncated());
  }

  /** Paged documents lose their running headers and page numbers; PDFs gain headings. */
  private static List<RawBlock> structure(StructureHandler handler, List<OutlineEntry> fontHeadings, String mimeType) {
    List<RawBlock> blocks = handler.paged() ? PageFurniture.remove(handler.blocks()) : handler.blocks();
    if (!"application/pdf".equals(mimeType)) {
      return blocks;
    }
    return PdfHeadings.apply(blocks, handler.outline().isEmpty() ? fontHeadings : handler.outline());
  }

  /** Whether Tika found no parser for the document's type and passed it to its empty fallback, which reads nothing. */
  private static boolean readByNoParser(Metadata metadata) {
    String[] parsedBy = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    for (String p : parsedBy) {
      if (!p.equals(EmptyParser.class.getName()) && !p.equals(DefaultParser.class.getName())) {
        return false;
      }
    }
    return parsedBy.length > 0;
  }

  private static DocumentException noText(String mime, long size, OcrConfig ocr, boolean readByNoParser) {
    if (size == 0) {
      return new DocumentException(Stage.PARSE, FailureCategory.EMPTY, "the file is empty (0 bytes)");
    }
    if (mime != null && UNOPENED_ARCHIVES.containsKey(mime)) {
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT, UNOPENED_ARCHIVES.get(mime)
          + " archives cannot be opened here (detected " + mime + "); unpack it to a supported format such as zip");
    }
    if (mime == null || mime.equals("application/octet-stream")) {
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT,
          "unrecognised format: no parser knows this content (detected application/octet-stream)");
    }
    if (mime.equals("image/svg+xml")) {
      return new DocumentException(Stage.PARSE, FailureCategory.EMPTY, "no text in this SVG drawing: it has no text"
          + " elements (lettering drawn as outlines is not text, and OCR does not read SVG)");
    }
    if (mime.startsWith("image/") && !ocr.enabled()) {
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT, "no text in a " + mime
          + " file: OCR is off (turn it on with pipeline.ocr.enabled: true, Tesseract installed)");
    }
    if (mime.startsWith("image/")) {
      return new DocumentException(Stage.PARSE, FailureCategory.EMPTY,
          "OCR found no text in this " + mime + " file (pipeline.ocr.languages: " + String.join(", ", ocr.languages()) + ")");
    }
    if (mime.startsWith("video/") || mime.startsWith("audio/")) {
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT,
          "no text in a " + mime + " file; transcription is not offered");
    }
    if (readByNoParser) {
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT, "no parser here reads "
          + mime + " files, so nothing was extracted; convert the document to a format with text (PDF, Office,"
          + " HTML, plain text) and replay it");
    }
    if (!canHoldScans(mime)) {
      return new DocumentException(Stage.PARSE, FailureCategory.EMPTY, "no extractable text in this " + mime
          + " file: it holds markup, keys or data but no text to index");
    }
    return new DocumentException(Stage.PARSE, FailureCategory.EMPTY, "no extractable text in this " + mime + " file"
        + (ocr.enabled() ? " (an empty document, or scanned pages OCR found no text in)"
            : " (an empty document, or a scanned one: OCR is off; turn it on with pipeline.ocr.enabled: true)"));
  }

  /** Whether a document of this type can carry scanned pages (PDF, the office formats), where OCR is the way to text. */
  private static boolean canHoldScans(String mime) {
    return mime.equals("application/pdf") || mime.equals("application/msword") || mime.equals("application/rtf")
        || mime.startsWith("application/vnd.");
  }

  private static DocumentMetadata metadata(Metadata m) {
    String type = m.get(Metadata.CONTENT_TYPE);
    if (type != null && type.indexOf(';') > 0) {
      type = type.substring(0, type.indexOf(';')).trim();
    }
    Integer pages = firstInt(m, PagedText.N_PAGES, Office.PAGE_COUNT, Office.SLIDE_COUNT);
    return new DocumentMetadata(type, blankToNull(m.get(TikaCoreProperties.TITLE)),
        blankToNull(m.get(TikaCoreProperties.CREATOR)), pages, blankToNull(m.get(TikaCoreProperties.LANGUAGE)),
        instant(m.getDate(TikaCoreProperties.CREATED)), instant(m.getDate(TikaCoreProperties.MODIFIED)));
  }

  private static Integer firstInt(Metadata m, Property... properties) {
    for (Property p : properties) {
      Integer v = m.getInt(p);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  /** The one place a parser's exception becomes a category. */
  static DocumentException classify(Throwable t) {
    if (t instanceof OutOfMemoryError) {
      return new DocumentException(Stage.PARSE, FailureCategory.RESOURCE_EXHAUSTED, true,
          "out of memory while parsing; lower pipeline.parse.max_chars or give the worker more heap", t);
    }
    if (t instanceof StackOverflowError) {
      return new DocumentException(Stage.PARSE, FailureCategory.TOO_LARGE, false,
          "the document's structure is nested too deeply to parse", t);
    }
    Throwable root = root(t);
    String rootMessage = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (t instanceof EncryptedDocumentException || root instanceof EncryptedDocumentException
        || rootMessage.toLowerCase(Locale.ROOT).contains("password") || isPoiEncrypted(root)) {
      return new DocumentException(Stage.PARSE, FailureCategory.ENCRYPTED,
          "the document is encrypted or password-protected; decrypt it and replay", t);
    }
    if (t instanceof ZeroByteFileException) {
      return new DocumentException(Stage.PARSE, FailureCategory.EMPTY, "the file is empty (0 bytes)", t);
    }
    if (t instanceof UnsupportedFormatException) {
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT,
          "unsupported format: " + rootMessage, t);
    }
    String all = messages(t).toLowerCase(Locale.ROOT);
    if (all.contains("unsupported compression method") || all.contains("unsupported 7z")) {
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT,
          "the archive uses a compression method no parser here supports (" + rootMessage + ")", t);
    }
    if (all.contains("strict ooxml")) {
      // a valid file in the Strict flavour of Office Open XML (ISO/IEC 29500 Strict), which POI does not read
      return new DocumentException(Stage.PARSE, FailureCategory.UNSUPPORTED_FORMAT,
          "the document is in Strict Office Open XML, which the Office parser does not read; save it again as a"
              + " standard (Transitional) Word, Excel or PowerPoint file and replay it (" + rootMessage + ")", t);
    }
    if (all.contains("jaxp0001000") || all.contains("entity expansions")) {
      // the XML parser's own limits (JAXP00010001 to JAXP00010007): expansions, entity sizes, depth, names
      return new DocumentException(Stage.PARSE, FailureCategory.TOO_LARGE, "refused as a probable entity-expansion"
          + " bomb: the XML goes past the XML parser's limits (at most " + MAX_ENTITY_EXPANSIONS + " entity"
          + " references expanded; " + rootMessage + ")", t);
    }
    if (all.contains("zip bomb") || all.contains("compression ratio") || all.contains("nested too deep")) {
      return new DocumentException(Stage.PARSE, FailureCategory.TOO_LARGE,
          "refused as a probable zip bomb (expands far beyond its size or nests too deep): " + rootMessage, t);
    }
    if (t instanceof TikaException || t instanceof IOException || t instanceof SAXException
        || t instanceof RuntimeException) {
      return new DocumentException(Stage.PARSE, FailureCategory.CORRUPT,
          "the file is damaged or not what its type says (" + root.getClass().getSimpleName() + ": " + rootMessage + ")", t);
    }
    return new DocumentException(Stage.PARSE, FailureCategory.INTERNAL, true,
        "unexpected " + t.getClass().getSimpleName() + " while parsing: " + rootMessage, t);
  }

  private static boolean isPoiEncrypted(Throwable root) {
    String name = root.getClass().getName();
    return name.endsWith("EncryptedDocumentException") || name.endsWith("InvalidPasswordException");
  }

  private static Throwable root(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" / ");
    }
    return sb.toString();
  }

  /** Tika closes what it is given; the caller owns the stream. */
  private static final class NonClosingStream extends java.io.FilterInputStream {
    NonClosingStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the caller closes the underlying stream
    }
  }
}
