package dev.ingestion.server;

import java.util.regex.Pattern;

/**
 * Takes what looks like a secret out of request targets before they are logged or kept: API keys
 * ({@code ingk_...}) wherever they appear, bearer tokens, and the values of query parameters named like
 * a credential ({@code api_key=}, {@code token=}, {@code password=} ...). Keys belong in the
 * Authorization header; a client that puts one in the URL should not also find it in access.log.
 */
final class Redaction {
  static final String HIDDEN = "****";
  private static final Pattern API_KEY = Pattern.compile("ingk_[A-Za-z0-9_%-]*");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer(?:%20|\\+|\\s)+)[^&\\s]+");
  private static final Pattern CREDENTIAL_PARAM = Pattern.compile(
      "(?i)((?:^|&)[^=&]*(?:key|token|secret|password|passwd|auth|session|signature|credential)[^=&]*=)[^&]*");

  private Redaction() {}

  /** A query string with credential-like values replaced by {@value #HIDDEN}; null stays null. */
  static String query(String query) {
    if (query == null) {
      return null;
    }
    String s = CREDENTIAL_PARAM.matcher(query).replaceAll("$1" + HIDDEN);
    return path(s);
  }

  /** A path (or any text) with API keys and bearer tokens replaced. */
  static String path(String path) {
    if (path == null) {
      return null;
    }
    String s = API_KEY.matcher(path).replaceAll("ingk_" + HIDDEN);
    return BEARER.matcher(s).replaceAll("$1" + HIDDEN);
  }
}
