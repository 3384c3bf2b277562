package dev.ingestion.parse;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.ingestion.model.TextBlock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The language of a document's text, as an ISO 639-1 code, by Lingua's n-gram models. Only the
 * languages listed here are told apart (a text in another language gets the closest of them, or none),
 * and only trigram models are loaded, each on the first text that could be in its language: about 25 MB
 * of heap once all are loaded, once per process. A sample of the document's running text is read
 * (paragraphs and list items; headings and table cells only when those are too short; never code), so
 * the cost per document does not grow with its size. A sample whose words are plainly English (at least
 * one word in ten is an English function word no other language here uses) is English without asking
 * the models: most documents, for a fraction of the CPU, and technical English (change logs, manuals)
 * that the trigram models alone take for German or Dutch. So is a text whose first 2,000 characters of
 * running text have one such word in 25: English between names, dates, addresses and code (change logs,
 * copyright files, commented scripts), where those words are rarer; the other languages' texts have
 * under one in 50 (docs/chunking.md, the "Language" item). A long sample in plain ASCII asks only the
 * models of the languages that can be written that long without letters outside it (English, German,
 * Dutch, Italian).
 */
final class LanguageDetection {
  static final List<Language> LANGUAGES = List.of(Language.ENGLISH, Language.GERMAN, Language.FRENCH,
      Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE, Language.DUTCH, Language.SWEDISH, Language.POLISH,
      Language.RUSSIAN, Language.CHINESE, Language.JAPANESE);
  private static final int SAMPLE_CHARS = 400;
  private static final int MIN_LETTERS = 20;
  /** Common English words that are not also common words of the other languages listed. */
  private static final Set<String> ENGLISH = Set.of("the", "of", "and", "that", "with", "this",
      "are", "from", "which", "be", "it", "not", "or", "you", "can", "has", "have", "when", "if", "what", "there",
      "their", "would", "should", "these", "been", "were", "they", "its", "your", "more", "only", "than", "then",
      "into", "any", "such", "other", "our", "we", "he", "she", "his", "her", "them", "about", "how", "new", "now",
      "use", "used", "each", "may", "must", "does", "after", "before");
  private static final int ENGLISH_MIN_WORDS = 12;
  /** How far {@link #englishAmongCode} reads, and how many words it needs. */
  private static final int ENGLISH_WINDOW = 2000;
  private static final int ENGLISH_WINDOW_WORDS = 40;
  /** A sample this long in plain ASCII is not French, Spanish, Portuguese, Polish or Swedish (see Models). */
  private static final int ASCII_MIN_CHARS = 300;

  private LanguageDetection() {}

  /** The ISO 639-1 code of the text's language, or null when the sample is too short or unclear. */
  static String detect(String text, List<TextBlock> blocks) {
    String sample = sample(text, blocks, SAMPLE_CHARS);
    if (letters(sample) < MIN_LETTERS) {
      return null;
    }
    if (plainlyEnglish(sample) || englishAmongCode(sample(text, blocks, ENGLISH_WINDOW))) {
      return "en";
    }
    boolean longAscii = sample.length() >= ASCII_MIN_CHARS && ascii(sample);
    Language language = (longAscii ? Models.ASCII_ONLY : Models.DETECTOR).detectLanguageOf(sample);
    return language == Language.UNKNOWN ? null : language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Up to {@code chars} characters: running text first (paragraphs, list items); when that has too few
   * letters (a spreadsheet, slides of headings), headings and table cells too, without the table's Markdown.
   */
  private static String sample(String text, List<TextBlock> blocks, int chars) {
    StringBuilder sample = new StringBuilder(chars + 1);
    append(sample, text, blocks, EnumSet.of(TextBlock.Kind.BODY, TextBlock.Kind.LIST), chars);
    if (letters(sample) < MIN_LETTERS) {
      append(sample, text, blocks, EnumSet.of(TextBlock.Kind.HEADING, TextBlock.Kind.TABLE), chars);
    }
    if (sample.isEmpty()) {
      return text.substring(0, Math.min(text.length(), chars));
    }
    return sample.toString().replace('|', ' ').replace("---", " ");
  }

  private static void append(StringBuilder sample, String text, List<TextBlock> blocks, Set<TextBlock.Kind> kinds,
      int chars) {
    for (TextBlock b : blocks) {
      if (sample.length() >= chars) {
        return;
      }
      if (kinds.contains(b.kind())) {
        sample.append(text, b.start(), Math.min(b.end(), b.start() + chars - sample.length())).append(' ');
      }
    }
  }

  /** At least {@value #ENGLISH_MIN_WORDS} words, and one in ten of them in {@link #ENGLISH}. */
  static boolean plainlyEnglish(String sample) {
    return english(sample, ENGLISH_MIN_WORDS, 10);
  }

  /** At least {@value #ENGLISH_WINDOW_WORDS} words, and one in 25 of them in {@link #ENGLISH}. */
  static boolean englishAmongCode(String window) {
    return english(window, ENGLISH_WINDOW_WORDS, 25);
  }

  /** At least {@code minWords} words, and one in {@code oneIn} of them in {@link #ENGLISH}. */
  private static boolean english(String sample, int minWords, int oneIn) {
    int words = 0;
    int english = 0;
    int i = 0;
    int n = sample.length();
    while (i < n) {
      while (i < n && !Character.isLetter(sample.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && Character.isLetter(sample.charAt(i))) {
        i++;
      }
      if (i > start) {
        words++;
        if (i - start <= 6 && ENGLISH.contains(sample.substring(start, i).toLowerCase(Locale.ROOT))) {
          english++;
        }
      }
    }
    return words >= minWords && english * oneIn >= words;
  }

  /** No character outside ASCII: no umlaut, accent, å, ł or letter of another script. */
  static boolean ascii(String sample) {
    for (int i = 0; i < sample.length(); i++) {
      if (sample.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  private static int letters(CharSequence s) {
    int letters = 0;
    for (int i = 0; i < s.length();) {
      int c = Character.codePointAt(s, i);
      if (Character.isLetter(c)) {
        letters++;
      }
      i += Character.charCount(c);
    }
    return letters;
  }

  /** Built on first use; a detector loads each language's model when a text first needs it. */
  private static final class Models {
    static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromLanguages(LANGUAGES.toArray(Language[]::new))
        .withLowAccuracyMode().build();
    /**
     * For a sample of at least {@value LanguageDetection#ASCII_MIN_CHARS} characters in plain ASCII: the
     * languages whose running text can go that far without a letter outside ASCII. French, Spanish,
     * Portuguese, Polish and Swedish put an accent, å or ł in every few words (2.9-7 % of their letters),
     * so 250 letters without one are not theirs; German has about 1.8 % umlauts and ß, Italian writes its
     * accents mainly on final vowels and Dutch hardly any, so those three stay with English. Half the
     * models to consult, and code, change logs and name lists in ASCII are no longer taken for Swedish,
     * French or Spanish.
     */
    static final LanguageDetector ASCII_ONLY = LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.GERMAN,
        Language.DUTCH, Language.ITALIAN).withLowAccuracyMode().build();
  }
}
