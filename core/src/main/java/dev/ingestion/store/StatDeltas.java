package dev.ingestion.store;

import java.util.Map;

/**
 * Expands the compact rows the V2 triggers append to {@code stat_deltas} into the counters they change
 * (see the migration for the kinds). One row per change keeps the write path cheap; the expansion is
 * done here, on the few rows not yet folded.
 */
final class StatDeltas {
  private StatDeltas() {}

  /** Adds the effect of one delta row to {@code out}, keyed by counter name and then dimension. */
  static void expand(String kind, String dim, long a, long b, Map<String, Map<String, Long>> out) {
    switch (kind) {
      case "doc+" -> {
        int bar = dim.indexOf('|');
        add(out, "documents", dim.substring(0, bar), 1);
        add(out, "document_bytes", "", a);
        add(out, "growth.documents", dim.substring(bar + 1), 1);
      }
      case "doc-" -> {
        add(out, "documents", dim, -1);
        add(out, "document_bytes", "", -a);
      }
      case "doc~" -> {
        transition(out, "documents", dim);
        add(out, "document_bytes", "", a);
      }
      case "job+" -> add(out, "jobs", dim, 1);
      case "job-" -> add(out, "jobs", dim, -1);
      case "job~" -> transition(out, "jobs", dim);
      case "ver+" -> {
        add(out, "versions", "", 1);
        add(out, "chunks", "", a);
        add(out, "version_bytes", "", b);
        add(out, "growth.versions", dim, 1);
        add(out, "growth.chunks", dim, a);
        add(out, "growth.bytes", dim, b);
      }
      case "ver-" -> {
        add(out, "versions", "", -1);
        add(out, "chunks", "", -a);
        add(out, "version_bytes", "", -b);
      }
      case "att" -> {
        int bar = dim.indexOf('|');
        String outcome = dim.substring(0, bar);
        add(out, "attempts." + outcome, dim.substring(bar + 1), 1);
        add(out, "attempt_bytes." + outcome, dim.substring(bar + 1), a);
      }
      default -> throw new IllegalStateException("unknown counter delta kind '" + kind + "'");
    }
  }

  private static void transition(Map<String, Map<String, Long>> out, String name, String dim) {
    int arrow = dim.indexOf('>');
    String from = dim.substring(0, arrow);
    String to = dim.substring(arrow + 1);
    if (!from.equals(to)) {
      add(out, name, from, -1);
      add(out, name, to, 1);
    }
  }

  private static void add(Map<String, Map<String, Long>> out, String name, String dim, long value) {
    if (value != 0) {
      out.computeIfAbsent(name, k -> new java.util.HashMap<>()).merge(dim, value, Long::sum);
    }
  }
}
