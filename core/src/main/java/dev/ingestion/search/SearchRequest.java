package dev.ingestion.search;

import dev.ingestion.model.InvalidInputException;

/** What to look for: free text, how many results (1-100), optional source and MIME-type filters. */
public record SearchRequest(String query, int k, String source, String mimeType) {
  public static final int MAX_K = 100;

  public SearchRequest {
    if (query == null || query.isBlank()) {
      throw new InvalidInputException("query must be a non-empty text, e.g. {\"query\": \"retry policy\"}");
    }
    if (query.length() > 1_000) {
      throw new InvalidInputException("query must be at most 1000 characters, got " + query.length());
    }
    if (k < 1 || k > MAX_K) {
      throw new InvalidInputException("k must be between 1 and " + MAX_K + ", got " + k);
    }
    source = blankToNull(source);
    mimeType = blankToNull(mimeType);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
