package dev.ingestion.source.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a row into text: {@code {column}} is replaced by the column's value (null becomes empty). */
final class RowTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final String template;
  private final Set<String> columns;

  RowTemplate(String template) {
    this.template = template;
    Set<String> found = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      found.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    this.columns = Set.copyOf(found);
  }

  /** Columns the template names that the row lacks; empty when the template fits the query. */
  List<String> missing(Set<String> available) {
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      if (!available.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** {@code row} is keyed by lower-case column label. */
  String render(Map<String, String> row) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = row.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
