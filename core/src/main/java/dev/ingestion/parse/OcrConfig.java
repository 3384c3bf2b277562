package dev.ingestion.parse;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Text from scanned PDFs and images by Tesseract (installed separately, see {@link Tesseract}). Off by
 * default. {@code languages} are Tesseract's codes ({@code eng}, {@code deu}, {@code chi_sim} ...), tried
 * together; each needs its traineddata installed.
 */
public record OcrConfig(boolean enabled, List<String> languages) {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z_]{1,15}");
  public static final OcrConfig OFF = new OcrConfig(false, List.of("eng"));

  public OcrConfig {
    languages = List.copyOf(languages);
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("pipeline.ocr.languages: give at least one Tesseract language, e.g. [eng]");
    }
    for (String language : languages) {
      if (!CODE.matcher(language).matches()) {
        throw new IllegalArgumentException("pipeline.ocr.languages: '" + language
            + "' is not a Tesseract language code (lower-case letters and '_', e.g. eng, deu, chi_sim)");
      }
    }
  }

  /** The languages as Tesseract's {@code -l} option takes them: {@code eng+deu}. */
  public String tesseractLanguages() {
    return String.join("+", languages);
  }

  /** The Debian package that installs a language's traineddata: {@code chi_sim} is {@code tesseract-ocr-chi-sim}. */
  static String debianPackage(String language) {
    return "tesseract-ocr-" + language.replace('_', '-');
  }
}
