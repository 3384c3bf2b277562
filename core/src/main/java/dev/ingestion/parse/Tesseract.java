package dev.ingestion.parse;

import dev.ingestion.model.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether the Tesseract program and the configured languages are installed. Asked once per process and
 * program when OCR is enabled, at start-up: a missing program or language fails there, in one line that
 * says what to install, rather than leaving every scanned document without text.
 */
final class Tesseract {
  static final String PROGRAM = "tesseract";
  private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

  private Tesseract() {}

  /** Throws a {@link ConfigException} naming the packages to install unless {@code program} reads all languages. */
  static void require(OcrConfig ocr, String program) {
    String key = program + "|" + ocr.tesseractLanguages();
    if (!ocr.enabled() || CHECKED.contains(key)) {
      return;
    }
    List<String> installed = installedLanguages(ocr, program);
    List<String> missing = ocr.languages().stream().filter(l -> !installed.contains(l)).toList();
    if (!missing.isEmpty()) {
      throw new ConfigException("pipeline.ocr.languages: Tesseract has no traineddata for " + String.join(", ", missing)
          + " (installed: " + String.join(", ", installed) + "); install it with: apt-get install "
          + missing.stream().map(OcrConfig::debianPackage).collect(Collectors.joining(" ")));
    }
    CHECKED.add(key);
  }

  /** {@code tesseract --list-langs}: a heading line (with spaces), then one language per line. */
  private static List<String> installedLanguages(OcrConfig ocr, String program) {
    String install = "apt-get install tesseract-ocr "
        + ocr.languages().stream().map(OcrConfig::debianPackage).collect(Collectors.joining(" "));
    try {
      Process p = new ProcessBuilder(program, "--list-langs").redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ConfigException("pipeline.ocr.enabled: '" + program + " --list-langs' did not answer within 30 s;"
            + " check the Tesseract installation (" + install + ")");
      }
      if (p.exitValue() != 0) {
        throw new ConfigException("pipeline.ocr.enabled: '" + program + " --list-langs' failed (exit "
            + p.exitValue() + "); reinstall Tesseract with: " + install);
      }
      List<String> langs = new ArrayList<>();
      out.lines().map(String::strip).filter(l -> l.matches("[A-Za-z0-9_/]+")).forEach(langs::add);
      return langs;
    } catch (IOException e) {
      throw new ConfigException("pipeline.ocr.enabled: Tesseract is not installed ('" + program
          + "' not found on the PATH); install it with: " + install + ", or set pipeline.ocr.enabled: false");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("pipeline.ocr.enabled: interrupted while checking the Tesseract installation");
    }
  }
}
