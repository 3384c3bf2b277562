package dev.ingestion.testkit;

import java.util.List;
import java.util.Locale;

/**
 * How many labelled questions found the file that answers them among the first results, and the ones
 * that did not (question, expected file, what came back).
 */
public record TopHits(int hits, int questions, List<String> misses) {
  public TopHits {
    misses = List.copyOf(misses);
  }

  public double rate() {
    return questions == 0 ? 0 : (double) hits / questions;
  }

  /** e.g. {@code top-3 hit rate 12/14 = 86%}. */
  public String summary(int k) {
    return String.format(Locale.ROOT, "top-%d hit rate %d/%d = %.0f%%", k, hits, questions, rate() * 100);
  }
}
