package dev.ingestion.ops.reports;

import dev.ingestion.model.NotFoundException;
import dev.ingestion.store.ReconciliationRepository;
import dev.ingestion.store.ReconciliationRepository.BucketCount;
import dev.ingestion.store.ReconciliationRepository.LabelCount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accounts for every item each source listed: {@code discovered = completed + dead_lettered + skipped +
 * in_flight + difference}, where {@code discovered} counts the live documents (deleted ones are shown
 * apart) and the listed items skipped with a reason. Each bucket is proven by the rows behind it (see
 * {@link ReconciliationRepository}), so {@code difference} counts documents whose status and rows
 * disagree — lost work; it is listed document by document and raises the {@code reconciliation} alert.
 */
public final class ReconciliationReport {
  private static final int LISTED = 100;

  private final ReconciliationRepository repository;
  private final Clock clock;

  public ReconciliationReport(ReconciliationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** The whole report: one entry per source, and whether every source balances. */
  public record Report(Instant generatedAt, boolean balanced, List<SourceAccount> sources) {}

  /** One source's account. */
  public record SourceAccount(String source, long discovered, long completed, long truncated, long deadLettered,
      Map<String, Long> deadLetteredByCategory, long skipped, Map<String, Long> skippedByReason, long inFlight,
      long deleted, long difference, List<ReconciliationRepository.Unaccounted> unaccounted,
      List<ReconciliationRepository.Truncated> truncatedDocuments) {
    public boolean balanced() {
      return difference == 0;
    }
  }

  /** All sources, or only {@code source} when it is not null. */
  public Report generate(String source) {
    Map<String, Builder> accounts = new TreeMap<>();
    List<String> names = repository.sourceNames(source);
    if (source != null && names.isEmpty()) {
      throw new NotFoundException("no source named '" + source + "' has been synced; known sources: "
          + String.join(", ", repository.sourceNames(null)));
    }
    names.forEach(name -> accounts.put(name, new Builder()));
    for (BucketCount b : repository.buckets(source)) {
      accounts.computeIfAbsent(b.source(), k -> new Builder()).add(b);
    }
    for (LabelCount l : repository.deadLetteredByCategory(source)) {
      accounts.computeIfAbsent(l.source(), k -> new Builder()).categories.merge(l.label(), l.count(), Long::sum);
    }
    for (LabelCount l : repository.skippedByReason(source)) {
      accounts.computeIfAbsent(l.source(), k -> new Builder()).skipped.merge(reasonKind(l.label()), l.count(), Long::sum);
    }
    var unaccounted = repository.unaccounted(source, LISTED);
    var truncated = repository.truncated(source, LISTED);
    List<SourceAccount> out = new ArrayList<>();
    accounts.forEach((name, b) -> out.add(b.build(name,
        unaccounted.stream().filter(u -> u.source().equals(name)).toList(),
        truncated.stream().filter(t -> t.source().equals(name)).toList())));
    return new Report(clock.instant(), out.stream().allMatch(SourceAccount::balanced), out);
  }

  /** "unreadable: Permission denied" and "unreadable: Input/output error" are one kind of reason. */
  static String reasonKind(String reason) {
    int colon = reason.indexOf(':');
    return colon > 0 ? reason.substring(0, colon) : reason;
  }

  private static final class Builder {
    final Map<String, Long> buckets = new LinkedHashMap<>();
    final Map<String, Long> categories = new TreeMap<>();
    final Map<String, Long> skipped = new TreeMap<>();
    long truncated;

    void add(BucketCount b) {
      buckets.merge(b.bucket(), b.documents(), Long::sum);
      if (b.bucket().equals("completed")) {
        truncated += b.truncated();
      }
    }

    SourceAccount build(String name, List<ReconciliationRepository.Unaccounted> unaccounted,
        List<ReconciliationRepository.Truncated> truncatedDocs) {
      long skippedTotal = skipped.values().stream().mapToLong(Long::longValue).sum();
      long difference = get("unaccounted");
      long discovered = get("completed") + get("dead_lettered") + get("in_flight") + difference + skippedTotal;
      return new SourceAccount(name, discovered, get("completed"), truncated, get("dead_lettered"), categories,
          skippedTotal, skipped, get("in_flight"), get("deleted"), difference, unaccounted, truncatedDocs);
    }

    long get(String bucket) {
      return buckets.getOrDefault(bucket, 0L);
    }
  }
}
