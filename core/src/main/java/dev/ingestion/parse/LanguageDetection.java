package dev.ingestion.parse;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.ingestion.model.TextBlock;
import java.util.List;
import java.util.Locale;

/**
 * The language of a document's text, as an ISO 639-1 code, by Lingua's n-gram models. Only the
 * languages listed here are told apart (a text in another language gets the closest of them, or none),
 * and only trigram models are loaded, each on the first text that could be in its language: about 25 MB
 * of heap once all are loaded, once per process. A sample of the document's running text is read
 * (paragraphs and list items, not code or tables), so the cost per document does not grow with its size.
 */
final class LanguageDetection {
  static final List<Language> LANGUAGES = List.of(Language.ENGLISH, Language.GERMAN, Language.FRENCH,
      Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE, Language.DUTCH, Language.SWEDISH, Language.POLISH,
      Language.RUSSIAN, Language.CHINESE, Language.JAPANESE);
  private static final int SAMPLE_CHARS = 400;
  private static final int MIN_LETTERS = 20;

  private LanguageDetection() {}

  /** The ISO 639-1 code of the text's language, or null when the sample is too short or unclear. */
  static String detect(String text, List<TextBlock> blocks) {
    String sample = sample(text, blocks);
    if (sample.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
      return null;
    }
    Language language = Models.DETECTOR.detectLanguageOf(sample);
    return language == Language.UNKNOWN ? null : language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  private static String sample(String text, List<TextBlock> blocks) {
    StringBuilder sample = new StringBuilder(SAMPLE_CHARS + 1);
    for (TextBlock b : blocks) {
      if (b.kind() == TextBlock.Kind.BODY || b.kind() == TextBlock.Kind.LIST) {
        sample.append(text, b.start(), Math.min(b.end(), b.start() + SAMPLE_CHARS - sample.length())).append(' ');
        if (sample.length() >= SAMPLE_CHARS) {
          break;
        }
      }
    }
    return sample.isEmpty() ? text.substring(0, Math.min(text.length(), SAMPLE_CHARS)) : sample.toString();
  }

  /** Built on first use; the detector loads each language's model when a text first needs it. */
  private static final class Models {
    static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromLanguages(LANGUAGES.toArray(Language[]::new))
        .withLowAccuracyMode().build();
  }
}
