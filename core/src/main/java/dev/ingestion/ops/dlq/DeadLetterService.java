package dev.ingestion.ops.dlq;

import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.InvalidInputException;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.NotFoundException;
import dev.ingestion.model.StateConflictException;
import dev.ingestion.store.DeadLetterItem;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.DeadLetterQueries.Filter;
import dev.ingestion.store.DeadLetterRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The dead-letter review workflow: pending -> in_review (assigned) -> retrying (replay queued) ->
 * resolved automatically when the replay succeeds; or resolved / discarded by hand. Closed items are
 * archived by cleanup. Errors say which state the item is in and what is allowed from there.
 */
public final class DeadLetterService {
  /** Bulk retries are done this many items per transaction. */
  static final int BATCH = 500;
  private static final Set<String> OPEN = Set.copyOf(DeadLetterQueries.OPEN);

  private final DeadLetterQueries queries;
  private final DeadLetterRepository repository;
  private final DlqConfig config;
  private final int maxAttempts;
  private final Runnable onQueued;
  private final Clock clock;

  public DeadLetterService(DeadLetterQueries queries, DeadLetterRepository repository, DlqConfig config, int maxAttempts,
      Runnable onQueued, Clock clock) {
    this.queries = queries;
    this.repository = repository;
    this.config = config;
    this.maxAttempts = maxAttempts;
    this.onQueued = onQueued;
    this.clock = clock;
  }

  public record DlqStats(long total, long open, Map<String, Long> byStatus, Map<String, Long> byCategory,
      Map<String, Long> byPriority, Map<String, Long> bySource, Instant oldestOpenAt, Long oldestOpenAgeSeconds) {}

  public DlqStats stats() {
    DeadLetterQueries.Counts c = queries.counts();
    long total = c.byStatus().values().stream().mapToLong(Long::longValue).sum();
    long open = DeadLetterQueries.OPEN.stream().mapToLong(s -> c.byStatus().getOrDefault(s, 0L)).sum();
    Long age = c.oldestOpenCreatedAt() == null ? null
        : Duration.between(c.oldestOpenCreatedAt(), clock.instant()).toSeconds();
    return new DlqStats(total, open, c.byStatus(), c.openByCategory(), c.openByPriority(), c.openBySource(),
        c.oldestOpenCreatedAt(), age);
  }

  public List<DeadLetterItem> pending(int limit, Filter filter) {
    return queries.list("pending", validate(filter), limit);
  }

  public DeadLetterItem item(long id) {
    return queries.find(id).orElseThrow(() -> missing(id));
  }

  public DeadLetterItem assign(long id, String assignee, String notes) {
    if (assignee == null || assignee.isBlank()) {
      throw new InvalidInputException("assignee is required: the name of who reviews the item");
    }
    if (!repository.assign(id, assignee.trim(), notes)) {
      throw refused(id, "assigned", "pending or in_review");
    }
    return item(id);
  }

  public record RetryResult(int retried, int skipped, List<Long> ids) {}

  public DeadLetterItem retry(long id, JobOverrides overrides) {
    if (repository.retry(List.of(id), overrides, maxAttempts).isEmpty()) {
      DeadLetterItem item = item(id);
      if (OPEN.contains(item.status()) && !"retrying".equals(item.status())) {
        throw new StateConflictException("dead-letter item " + id + " cannot be retried: its document was deleted"
            + " from the source; discard the item instead");
      }
      throw refused(id, "retried", "pending or in_review");
    }
    onQueued.run();
    return item(id);
  }

  /** Retries pending items: the retryable ones, or with a filter those matching it; at most {@code limit}. */
  public RetryResult retryAll(Filter filter, JobOverrides overrides, int limit) {
    List<Long> candidates = queries.retryCandidates(validate(filter), limit);
    List<Long> done = new ArrayList<>();
    for (int from = 0; from < candidates.size(); from += BATCH) {
      done.addAll(repository.retry(candidates.subList(from, Math.min(candidates.size(), from + BATCH)), overrides,
          maxAttempts));
    }
    if (!done.isEmpty()) {
      onQueued.run();
    }
    return new RetryResult(done.size(), candidates.size() - done.size(), done.size() <= 100 ? done : done.subList(0, 100));
  }

  public DeadLetterItem escalate(long id) {
    DeadLetterItem item = item(id);
    int rank = DeadLetterQueries.PRIORITIES.indexOf(item.priority());
    if (rank <= 0) {
      throw new StateConflictException("dead-letter item " + id + " is already " + item.priority()
          + ", the highest priority");
    }
    String raised = DeadLetterQueries.PRIORITIES.get(rank - 1);
    if (!repository.escalate(id, item.priority(), raised)) {
      throw refused(id, "escalated", "pending, in_review or retrying");
    }
    return item(id);
  }

  public DeadLetterItem resolve(long id, String notes) {
    return close(id, "resolved", notes);
  }

  public DeadLetterItem discard(long id, String notes) {
    return close(id, "discarded", notes);
  }

  private DeadLetterItem close(long id, String status, String notes) {
    if (!repository.close(id, status, notes)) {
      throw refused(id, status, "pending, in_review or retrying");
    }
    return item(id);
  }

  public record CleanupResult(int archived, int daysOld, Instant cutoff) {}

  public CleanupResult cleanup(int daysOld) {
    if (daysOld < 0 || daysOld > 3650) {
      throw new InvalidInputException("days_old must be between 0 and 3650, got " + daysOld);
    }
    Instant cutoff = clock.instant().minus(Duration.ofDays(daysOld));
    return new CleanupResult(repository.archiveClosedBefore(cutoff), daysOld, cutoff);
  }

  private RuntimeException refused(long id, String verb, String allowed) {
    DeadLetterItem item = item(id);
    return new StateConflictException("dead-letter item " + id + " is " + item.status() + "; only items that are "
        + allowed + " can be " + verb);
  }

  static NotFoundException missing(long id) {
    return new NotFoundException("no dead-letter item " + id + "; list them with GET /dlq/pending");
  }

  private static Filter validate(Filter f) {
    if (f.category() != null) {
      try {
        FailureCategory.fromDb(f.category());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("unknown category '" + f.category() + "'; one of: "
            + String.join(", ", java.util.Arrays.stream(FailureCategory.values()).map(FailureCategory::dbValue).toList()));
      }
    }
    if (f.priority() != null && !DeadLetterQueries.PRIORITIES.contains(f.priority().toLowerCase(Locale.ROOT))) {
      throw new InvalidInputException("unknown priority '" + f.priority() + "'; one of: critical, high, medium, low");
    }
    return f;
  }
}
